from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegulationsConfig(AppConfig):
    name = "gongkai.regulations"
    label = "regulations"
    verbose_name = _("规范性文件")
