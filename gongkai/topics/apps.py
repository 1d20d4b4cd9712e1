from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TopicsConfig(AppConfig):
    name = "gongkai.topics"
    verbose_name = _("专题专栏与稿件报送")

    def ready(self):
        from gongkai.audit.labels import ACTION_LABELS
        from gongkai.portal import panels
        from gongkai.publishing.events import item_changed
        from gongkai.topics import pages, todo
        from gongkai.workbench import todo as workbench_todo

        workbench_todo.register(todo.provider)
        panels.register(pages.home_panel, watch=("topics.Topic", "topics.Column", "topics.Submission"))
        item_changed.connect(pages.item_changed, dispatch_uid="topics.item_changed")
        ACTION_LABELS.update({
            "topics.create": pgettext_lazy("audit action", "新建专题"),
            "topics.update": pgettext_lazy("audit action", "修改专题"),
            "topics.banner": pgettext_lazy("audit action", "更换专题横幅"),
            "topics.add_column": pgettext_lazy("audit action", "新增专题子栏目"),
            "topics.submit": pgettext_lazy("audit action", "报送专题稿件"),
            "topics.adopt": pgettext_lazy("audit action", "采用专题稿件"),
            "topics.return": pgettext_lazy("audit action", "退回专题稿件"),
            "topics.publish_notice": pgettext_lazy("audit action", "在专题发布通报"),
        })
