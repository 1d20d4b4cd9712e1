"""Handling a message: accept, route (交办), transfer (转办), decline, reply (or its draft, approved or
returned where replies take two steps), publish / unpublish, and the writer's rating."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.models import User
from gongkai.audit.services import record
from gongkai.core.services import ActionRefused
from gongkai.mailbox.models import DeclineReason, MailboxPolicy, Message, MessageEvent, Rating, State
from gongkai.mailbox.services.common import (
    add_event,
    audit,
    locked,
    approval_refusal,
    drafter_id,
    may_dispatch,
    may_handle,
    may_move,
    may_return,
    may_unpublish,
    refresh_public_pages,
    require,
    require_state,
    snapshot,
)
from gongkai.mailbox.services.writer import notify_writer
from gongkai.organizations.models import Organization


@transaction.atomic
def accept(user, message: Message, request=None) -> Message:
    message = locked(message)
    require(may_handle(user, message))
    require_state(message, State.SUBMITTED)
    before = snapshot(message)
    message.state = State.PROCESSING
    message.save(update_fields=["state", "updated_at"])
    add_event(message, MessageEvent.Type.ACCEPTED, user, to_org=message.organization)
    audit(user, "accept", message, before, request=request)
    return message


def _move(user, message: Message, to: Organization, reason: str, type_: str, action: str, request=None) -> Message:
    message = locked(message)
    require(may_move(user, message))
    require_state(message, State.SUBMITTED, State.PROCESSING)
    if to is None or not to.is_active:
        raise ActionRefused(_("请选择承办单位。"))
    if to.pk == message.organization_id:
        raise ActionRefused(_("这条留言已由该单位办理。"))
    before = snapshot(message)
    source = message.organization
    message.organization = to
    message.state = State.PROCESSING
    message.save(update_fields=["organization", "state", "updated_at"])
    add_event(message, type_, user, note=reason, from_org=source, to_org=to)
    # Filed under the unit it left (its 单位管理员 sees what went out), and a second event under the unit it
    # reached (「收到交办/转办留言」), so that unit's log shows where the message came from.
    audit(user, action, message, before, note=reason, request=request, organization=source)
    audit(user, f"{action}_in", message, before, note=_arrival_note(source, reason), request=request,
          organization=to)
    return message


def _arrival_note(source: Organization, reason: str) -> str:
    """「测试县教育和体育局：属于住建局职责」: where the message came from, and why."""
    return f"{source.name}：{reason}" if reason else source.name


@transaction.atomic
def route(user, message: Message, to: Organization, note: str = "", request=None) -> Message:
    """交办: the 政务公开办 gives a 县长信箱 message to the unit that should answer it (accepting it)."""
    if not may_dispatch(user, message):
        raise ActionRefused(_("只有政务公开办可以交办留言。"))
    return _move(user, message, to, note, MessageEvent.Type.ROUTED, "route", request=request)


@transaction.atomic
def transfer(user, message: Message, to: Organization, reason: str, request=None) -> Message:
    """转办: the unit (or the 政务公开办) sends a message to the unit it belongs to, with the reason. The reply
    period keeps running from the day the message was received (the writer waits no longer for our routing)."""
    if not (reason or "").strip():
        raise ActionRefused(_("转办须写明理由。"))
    return _move(user, message, to, reason.strip(), MessageEvent.Type.TRANSFERRED, "transfer", request=request)


@transaction.atomic
def decline(user, message: Message, reason: str, note: str = "", today: dt.date | None = None,
            request=None) -> Message:
    message = locked(message)
    require(may_handle(user, message))
    require_state(message, State.SUBMITTED, State.PROCESSING)
    if reason not in DeclineReason.values:
        raise ActionRefused(_("请选择不予受理的理由。"))
    before = snapshot(message)
    message.state = State.DECLINED
    message.decline_reason = reason
    message.decline_note = (note or "").strip()[:500]
    message.replied_on = today or timezone.localdate()
    message.replied_by = user
    message.save(update_fields=["state", "decline_reason", "decline_note", "replied_on", "replied_by", "updated_at"])
    add_event(message, MessageEvent.Type.DECLINED, user, note=message.get_decline_reason_display())
    audit(user, "decline", message, before, note=message.decline_note, request=request)
    notify_writer(message)
    refresh_public_pages()
    return message


@transaction.atomic
def reply(user, message: Message, text: str, today: dt.date | None = None, request=None) -> Message:
    """The unit's answer. With two-step replies on, it waits for a 审核员's approval; otherwise it is sent."""
    message = locked(message)
    require(may_handle(user, message))
    require_state(message, State.SUBMITTED, State.PROCESSING)
    text = (text or "").strip()
    if len(text) < 10:
        raise ActionRefused(_("答复内容过短，请针对留言作出实质性答复（至少10个字）。"))
    before = snapshot(message)
    if MailboxPolicy.current().two_step_approval:
        message.draft = text
        message.state = State.AWAITING_APPROVAL
        message.save(update_fields=["draft", "state", "updated_at"])
        add_event(message, MessageEvent.Type.DRAFTED, user)
        audit(user, "draft_reply", message, before, request=request)
        return message
    return _send_reply(user, message, text, before, today, request)


def _send_reply(user, message: Message, text: str, before: dict, today: dt.date | None, request=None,
                note: str = "") -> Message:
    message.reply = text
    message.draft = ""
    message.state = State.ANSWERED
    message.replied_on = today or timezone.localdate()
    message.replied_by = user
    message.save(update_fields=["reply", "draft", "state", "replied_on", "replied_by", "updated_at"])
    add_event(message, MessageEvent.Type.REPLIED, user)
    audit(user, "reply", message, before, note=note, request=request)
    notify_writer(message)
    refresh_public_pages()
    return message


@transaction.atomic
def approve(user, message: Message, today: dt.date | None = None, request=None) -> Message:
    """审核通过: sends the draft. Never by its drafter (four eyes: `approval_refusal`); the audit notes who
    drafted it."""
    message = locked(message)
    reason = approval_refusal(user, message)
    if reason:
        raise ActionRefused(reason)
    require_state(message, State.AWAITING_APPROVAL)
    drafter = User.objects.filter(pk=drafter_id(message)).first()
    note = _("起草人：%(name)s") % {"name": str(drafter)} if drafter is not None else ""
    return _send_reply(user, message, message.draft, snapshot(message), today, request, note=note)


@transaction.atomic
def return_draft(user, message: Message, note: str, request=None) -> Message:
    message = locked(message)
    if not may_return(user, message):
        raise ActionRefused(_("只有审核员可以审核答复。"))
    require_state(message, State.AWAITING_APPROVAL)
    if not (note or "").strip():
        raise ActionRefused(_("退回修改须写明意见。"))
    before = snapshot(message)
    message.state = State.PROCESSING
    message.save(update_fields=["state", "updated_at"])
    add_event(message, MessageEvent.Type.RETURNED, user, note=note.strip())
    audit(user, "return_draft", message, before, note=note.strip(), request=request)
    return message


@transaction.atomic
def set_published(user, message: Message, published: bool, request=None) -> Message:
    """Publish an answered message (question and reply, no personal data) — only if the writer agreed."""
    message = locked(message)
    require(may_handle(user, message) if published else may_unpublish(user, message))
    if published:
        if message.state != State.ANSWERED:
            raise ActionRefused(_("只有已答复的留言可以公开。"))
        if not message.may_publish:
            raise ActionRefused(_("留言人未同意公开，不能公开这条留言。"))
    if message.published == published:
        return message
    before = snapshot(message)
    message.published = published
    message.published_at = timezone.now() if published else None
    message.save(update_fields=["published", "published_at", "updated_at"])
    add_event(message, MessageEvent.Type.PUBLISHED if published else MessageEvent.Type.UNPUBLISHED, user)
    audit(user, "publish" if published else "unpublish", message, before, request=request)
    refresh_public_pages()
    return message


@transaction.atomic
def rate(message: Message, rating: str, comment: str = "", request=None) -> Message:
    """The writer's rating of the reply (满意 / 基本满意 / 不满意), once; the caller proved the query code."""
    message = locked(message)
    if message.state != State.ANSWERED:
        raise ActionRefused(_("留言答复后才能评价。"))
    if message.rating:
        raise ActionRefused(_("您已评价过这条留言的答复。"))
    if rating not in Rating.values:
        raise ActionRefused(_("请选择评价结果。"))
    before = snapshot(message)
    message.rating = rating
    message.rating_comment = (comment or "").strip()[:500]
    message.rated_at = timezone.now()
    message.save(update_fields=["rating", "rating_comment", "rated_at", "updated_at"])
    add_event(message, MessageEvent.Type.RATED, note=message.get_rating_display())
    record(None, "message.rate", message, organization=message.organization, actor_name=_("留言人"), before=before,
           after=snapshot(message), request=request)
    if message.published:
        refresh_public_pages()
    return message
