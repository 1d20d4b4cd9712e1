"""Telling the writer: the notifications subject and resolver for the writer's contact, and the mail or
SMS sent when a message is answered or declined."""

from gongkai.mailbox.models import Message, State

WRITER_SUBJECT = "mailbox.message"


def writer_address(message_id: str, channel: str) -> str:
    """notifications' resolver: the writer's contact, if it is of the channel's kind."""
    from gongkai.core.masking import MOBILE

    message = Message.objects.filter(pk=message_id).only("contact").first()
    contact = (message.contact if message else "") or ""
    if channel == "email":
        return contact if "@" in contact else ""
    return contact if MOBILE.fullmatch(contact) else ""


def notify_writer(message: Message) -> None:
    from gongkai.notifications import services as notifications

    no, org = message.tracking_number, message.organization.name
    if message.state == State.DECLINED:
        title = "您的留言未予受理"
        text = f"您的留言（编号：{no}）未予受理，理由：{message.get_decline_reason_display()}。"
        short = f"您的留言{no}未予受理，请凭查询码查看理由。"
    else:
        title = "您的留言已答复"
        text = f"{org}已答复您的留言（编号：{no}）。"
        short = f"您的留言{no}已答复，请凭查询码查看并评价。"
    body = f"您好：\n\n{text}\n\n请凭留言编号和查询码在“政民互动”栏目查看答复并评价。\n\n{org}"
    notifications.notify(organization=message.organization, subject_type=WRITER_SUBJECT, subject_id=message.pk,
                         message=notifications.Message(f"mailbox.{message.state}", title, body, short))
