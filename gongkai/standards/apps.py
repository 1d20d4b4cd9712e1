from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "gongkai.standards"
    verbose_name = _("基层政务公开标准目录")

    def ready(self):
        from gongkai.publishing.events import item_changed
        from gongkai.standards import pages, todo
        from gongkai.workbench import todo as workbench_todo

        workbench_todo.register(todo.provider)
        item_changed.connect(pages.item_changed, dispatch_uid="standards.item_changed")
