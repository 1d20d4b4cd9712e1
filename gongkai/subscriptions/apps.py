from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.subscriptions"
    label = "subscriptions"
    verbose_name = _("订阅")

    def ready(self):
        from gongkai.subscriptions import topics

        topics.connect()
