from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplanConfig(AppConfig):
    name = "gongkai.workplan"
    verbose_name = _("工作要点与任务分解")
