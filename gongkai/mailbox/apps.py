from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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
            "message.submit": pgettext_lazy("audit action", "提交留言"),
            "message.register": pgettext_lazy("audit action", "登记留言"),
            "message.accept": pgettext_lazy("audit action", "受理留言"),
            "message.route": pgettext_lazy("audit action", "交办留言"),
            "message.transfer": pgettext_lazy("audit action", "转办留言"),
            "message.decline": pgettext_lazy("audit action", "留言不予受理"),
            "message.route_in": pgettext_lazy("audit action", "收到交办留言"),
            "message.transfer_in": pgettext_lazy("audit action", "收到转办留言"),
            "message.draft_reply": pgettext_lazy("audit action", "提交留言答复审核"),
            "message.reply": pgettext_lazy("audit action", "答复留言"),
            "message.return_draft": pgettext_lazy("audit action", "退回留言答复"),
            "message.publish": pgettext_lazy("audit action", "公开留言"),
            "message.unpublish": pgettext_lazy("audit action", "取消公开留言"),
            "message.rate": pgettext_lazy("audit action", "评价留言答复"),
            "message.faq_create": pgettext_lazy("audit action", "新增常见问题"),
            "message.faq_update": pgettext_lazy("audit action", "修改常见问题"),
            "message.faq_delete": pgettext_lazy("audit action", "删除常见问题"),
            "message.settings": pgettext_lazy("audit action", "修改留言办理设置"),
        })


def _pending_calendar_years():
    from gongkai.mailbox.queries import pending_calendar_years

    return pending_calendar_years()


def _search_source(terms, organization_ids):
    from gongkai.mailbox.queries import search_messages

    return search_messages(terms, organization_ids)
