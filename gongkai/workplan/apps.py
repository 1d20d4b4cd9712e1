from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplanConfig(AppConfig):
    name = "gongkai.workplan"
    verbose_name = _("工作要点与任务分解")

    def ready(self):
        from gongkai.notifications import addresses
        from gongkai.workbench import todo as workbench_todo
        from gongkai.workplan import todo

        workbench_todo.register(todo.provider)
        addresses.register(todo.REPORTER_SUBJECT, todo.reporter_address)
