"""Reminders before a reply period ends, and when it has passed: the task `send_reminders` (enqueued by
`gongkai message_reminders`, e.g. hourly from cron) finds open messages due soon (MailboxPolicy.
remind_workdays_before working days or fewer left) or overdue, and e-mails every member of the handling
unit who may handle messages, through gongkai.notifications (delivery log and retries). Each level is
sent once per message and due date (ReminderSent), so running it often is harmless."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts.models import Membership
from gongkai.accounts.permissions import PERMISSIONS, holders
from gongkai.mailbox import queries
from gongkai.mailbox.models import OPEN_STATES, Message, MessageEvent, ReminderSent
from gongkai.workdays.clocks import DeadlineState

HANDLER_SUBJECT = "mailbox.handler"


def handler_address(subject_id: str, channel: str) -> str:
    """notifications' resolver for "<message id>:<user id>": that staff member's e-mail."""
    from gongkai.accounts.models import User

    if channel != "email":
        return ""
    _message_id, _sep, user_id = subject_id.partition(":")
    user = User.objects.filter(pk=user_id, is_active=True).only("email").first() if user_id.isdigit() else None
    return (user.email if user else "") or ""


def recipients(message: Message) -> list:
    """Every member of the handling unit who may handle messages; for a deactivated unit, those who may
    hand its messages on (the 政务公开办: message.dispatch, HAND_ON_PERMISSIONS)."""
    if not message.organization.is_active:
        return holders("message.dispatch", message.organization)
    memberships = Membership.objects.filter(organization_id=message.organization_id, organization__is_active=True,
                                            role__in=PERMISSIONS["message.handle"], user__is_active=True)
    return sorted({m.user for m in memberships.select_related("user")}, key=lambda u: u.pk)


def send_reminders(today: dt.date | None = None) -> int:
    from gongkai.notifications import services as notifications
    from gongkai.notifications.models import Channel

    today = today or timezone.localdate()
    sent = 0
    messages = Message.objects.filter(state__in=OPEN_STATES).select_related("organization")
    for message, clock in queries.with_clocks(messages, today):
        if clock.state not in (DeadlineState.DUE_SOON, DeadlineState.OVERDUE) or clock.due is None:
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(message=message, level=clock.state, due=clock.due)
                overdue = clock.state == DeadlineState.OVERDUE
                what = "已逾期" if overdue else f"将于{clock.due.isoformat()}到期"
                title = f"留言{message.tracking_number}答复期限{what}"
                body = (f"留言“{message.listed_subject}”（{message.tracking_number}，{message.get_kind_display()}）的答复期限"
                        f"为{clock.due.isoformat()}，目前{'已逾期' if overdue else '尚未答复'}。请登录工作台及时办理。")
                if not message.organization.is_active:
                    body += f"{message.organization.name}已停用，请将留言转办至承接其职责的单位。"
                for user in recipients(message):
                    notifications.notify(organization=message.organization, subject_type=HANDLER_SUBJECT,
                                         subject_id=f"{message.pk}:{user.pk}", channels=(Channel.EMAIL,),
                                         message=notifications.Message("mailbox.reminder", title, body, title))
                MessageEvent.objects.create(message=message, type=MessageEvent.Type.REMINDED,
                                            note="已逾期" if overdue else "即将到期")
                sent += 1
        except IntegrityError:
            continue  # this level was already sent for this due date
    return sent
