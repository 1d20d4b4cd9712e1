from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "gongkai.accounts"
    label = "accounts"
    verbose_name = _("用户与权限")

    def ready(self):
        from gongkai.accounts import signals  # noqa: F401  (connects the audit receivers)
