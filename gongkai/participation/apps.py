from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "gongkai.participation"
    label = "participation"
    verbose_name = _("公众参与")

    def ready(self):
        # Registries of the apps below (portal panels, 我的待办, search sources, the open API).
        from gongkai.participation import api, hooks  # noqa: F401

        hooks.register_all()
