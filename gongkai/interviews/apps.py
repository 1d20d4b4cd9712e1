from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterviewsConfig(AppConfig):
    name = "gongkai.interviews"
    label = "interviews"
    verbose_name = _("在线访谈")

    def ready(self):
        from gongkai.audit import labels
        from gongkai.interviews import integration
        from gongkai.portal import panels
        from gongkai.search import extra, kinds
        from gongkai.workbench import todo

        labels.ACTION_LABELS.update(integration.ACTION_LABELS)
        todo.register(integration.todo_groups)
        panels.register(integration.home_panel, watch=("interviews.Interview",))
        kinds.register("interview", _("在线访谈"), lambda item_ids: set())
        extra.register("interviews", integration.search_source, kind="interview")
