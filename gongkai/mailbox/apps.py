from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailboxConfig(AppConfig):
    name = "gongkai.mailbox"
    label = "mailbox"
    verbose_name = _("政民互动")

    def ready(self):
        from gongkai.audit.labels import ACTION_LABELS
        from gongkai.mailbox import (
            api,  # noqa: F401  (registers /api/v1/messages on the open API)
            reminders,
            services,
        )
        from gongkai.mailbox.hooks import home_panel, todo_groups
        from gongkai.notifications import addresses
        from gongkai.portal import panels
        from gongkai.requests import spam
        from gongkai.search import extra, kinds
        from gongkai.workbench import todo

        # Rate-limit buckets of the public message form and the writer's lookup, in requests.spam's counter.
        spam.DEFAULT_LIMITS.setdefault("message", (5, 3600))
        spam.DEFAULT_LIMITS.setdefault("message_lookup", (20, 600))
        extra.register("mailbox_messages", _search_source, kind="message")
        kinds.LABELS.setdefault("message", _("留言答复"))
        panels.register(home_panel, watch=("mailbox.Message", "organizations.Organization"))
        todo.register(todo_groups)
        todo.register_pending_years("messages", _pending_calendar_years)
        addresses.register(services.WRITER_SUBJECT, services.writer_address)
        addresses.register(reminders.HANDLER_SUBJECT, reminders.handler_address)
        ACTION_LABELS.update({
            "message.submit": _("提交留言"), "message.register": _("登记留言"), "message.accept": _("受理留言"),
            "message.route": _("交办留言"), "message.transfer": _("转办留言"), "message.decline": _("留言不予受理"),
            "message.route_in": _("收到交办留言"), "message.transfer_in": _("收到转办留言"),
            "message.draft_reply": _("提交留言答复审核"), "message.reply": _("答复留言"),
            "message.return_draft": _("退回留言答复"), "message.publish": _("公开留言"),
            "message.unpublish": _("取消公开留言"), "message.rate": _("评价留言答复"),
            "message.faq_create": _("新增常见问题"), "message.faq_update": _("修改常见问题"),
            "message.faq_delete": _("删除常见问题"), "message.settings": _("修改留言办理设置"),
        })


def _pending_calendar_years():
    from gongkai.mailbox.queries import pending_calendar_years

    return pending_calendar_years()


def _search_source(terms, organization_ids):
    from gongkai.mailbox.queries import search_messages

    return search_messages(terms, organization_ids)
