from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StandardsConfig(AppConfig):
    name = "gongkai.standards"
    verbose_name = _("基层政务公开标准目录")

    def ready(self):
        from gongkai.audit.labels import ACTION_LABELS
        from gongkai.publishing.events import item_changed
        from gongkai.standards import pages, todo
        from gongkai.workbench import todo as workbench_todo

        workbench_todo.register(todo.provider)
        item_changed.connect(pages.item_changed, dispatch_uid="standards.item_changed")
        ACTION_LABELS.update({
            "standards.import": pgettext_lazy("audit action", "导入标准目录"),
            "standards.export": pgettext_lazy("audit action", "导出标准目录"),
            "standards.assign": pgettext_lazy("audit action", "分配标准目录领域"),
            "standards.unassign": pgettext_lazy("audit action", "收回标准目录领域"),
            "standards.add_matter": pgettext_lazy("audit action", "新增本单位公开事项"),
            "standards.not_applicable": pgettext_lazy("audit action", "标记事项不适用"),
            "standards.applicable": pgettext_lazy("audit action", "恢复事项适用"),
        })
