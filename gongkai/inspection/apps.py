from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionConfig(AppConfig):
    name = "gongkai.inspection"
    verbose_name = _("检查指标与绩效考核")

    def ready(self):
        from gongkai.inspection import todo
        from gongkai.workbench import todo as workbench_todo

        workbench_todo.register(todo.provider)

        from gongkai.inspection.notices import withheld_item_problems
        from gongkai.publishing import extensions

        extensions.register(extensions.Extension(key="inspection.withheld_notice", review_check=withheld_item_problems))
