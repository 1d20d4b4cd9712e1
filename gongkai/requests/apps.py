from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    name = "gongkai.requests"
    label = "requests"
    verbose_name = _("依申请公开")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.requests import checks, letter_texts, mirror, notices  # noqa: F401  (system checks, letter templates)

        notices.connect()
        mirror.connect()
