from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssuranceConfig(AppConfig):
    name = "gongkai.assurance"
    verbose_name = _("政务公开保障措施")

    def ready(self):
        from gongkai.assurance import hooks

        hooks.install()
