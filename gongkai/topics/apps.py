from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    name = "gongkai.topics"
    verbose_name = _("专题专栏与稿件报送")

    def ready(self):
        from gongkai.portal import panels
        from gongkai.publishing.events import item_changed
        from gongkai.topics import pages, todo
        from gongkai.workbench import todo as workbench_todo

        workbench_todo.register(todo.provider)
        panels.register(pages.home_panel)
        item_changed.connect(pages.item_changed, dispatch_uid="topics.item_changed")
