from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "gongkai.surveys"
    label = "surveys"
    verbose_name = _("征集调查")

    def ready(self):
        from gongkai.audit import labels
        from gongkai.portal import panels
        from gongkai.surveys import integration

        labels.ACTION_LABELS.update(integration.ACTION_LABELS)
        panels.register(integration.home_panel, watch=("surveys.Survey",))
