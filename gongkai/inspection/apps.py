from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionConfig(AppConfig):
    name = "gongkai.inspection"
    verbose_name = _("检查指标与绩效考核")
