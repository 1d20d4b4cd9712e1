from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterchangeConfig(AppConfig):
    name = "gongkai.interchange"
    label = "interchange"
    verbose_name = _("批量导入导出")
