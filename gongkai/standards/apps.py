from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "gongkai.standards"
    verbose_name = _("基层政务公开标准目录")

    def ready(self):
        from gongkai.standards import todo
        from gongkai.workbench import todo as workbench_todo

        workbench_todo.register(todo.provider)
