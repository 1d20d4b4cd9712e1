"""The verbs of 留言办理 (docs/mailbox.md): submit (online), register (phone, letter, visit), accept,
route (交办), transfer (转办, with reason), decline (fixed reasons), reply (or submit the reply for
approval where the county wants two steps), approve / return, publish / unpublish, rate (by the writer,
with the query code), and 常见问题 entries. Each staff verb checks the permission, changes the data in one
transaction, writes a MessageEvent and the audit log, and refreshes the public pages on commit."""

import datetime as dt
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record
from gongkai.core import crypto, pagecache
from gongkai.core.files import save_file
from gongkai.core.services import ActionRefused
from gongkai.mailbox.models import (
    Box,
    Channel,
    DeclineReason,
    Faq,
    MailboxPolicy,
    Message,
    MessageAttachment,
    MessageEvent,
    MessageSequence,
    Rating,
    State,
)
from gongkai.organizations.models import Organization
from gongkai.workdays.clocks import message_reply_due

QUERY_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed back
QUERY_PURPOSE = "mailbox-query-code"
AUDITED = ["state", "organization_id", "kind", "decline_reason", "replied_on", "published", "rating"]
PUBLIC_PREFIXES = ("/hdjl/", "/en/hdjl/")


@dataclass(frozen=True)
class Submitted:
    message: Message
    query_code: str  # shown once to the writer, stored only as a digest


# --- helpers -----------------------------------------------------------------------------------------------


def county_root() -> Organization | None:
    """The county government, whose 县长信箱 the 政务公开办 handles."""
    return Organization.objects.filter(parent__isnull=True, is_active=True).order_by("sort_order", "id").first()


def new_query_code() -> str:
    chars = "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(12))
    return "-".join(chars[i:i + 4] for i in range(0, 12, 4))


def normalize_query_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def query_code_digest(tracking_number: str, code: str) -> str:
    return crypto.digest(QUERY_PURPOSE, f"{tracking_number.upper()}:{normalize_query_code(code)}")


def find_for_writer(tracking_number: str, code: str) -> Message | None:
    """The message whose number and query code both match; None otherwise (never says which was wrong)."""
    tracking_number = (tracking_number or "").strip().upper()
    message = Message.objects.filter(tracking_number=tracking_number).select_related("organization").first()
    expected = message.query_code_digest if message else "0" * 64
    ok = crypto.same_digest(QUERY_PURPOSE, f"{tracking_number}:{normalize_query_code(code)}", expected)
    return message if message is not None and ok and message.query_code_digest else None


def _tracking_number(year: int) -> str:
    sequence, _created = MessageSequence.objects.select_for_update().get_or_create(year=year)
    sequence.last_serial += 1
    sequence.save(update_fields=["last_serial"])
    return f"LY-{year}-{sequence.last_serial:06d}"


def due_on(message: Message) -> dt.date:
    return message_reply_due(message.received_on, message.reply_workdays)


def _snapshot(message: Message) -> dict:
    return {field: getattr(message, field) for field in AUDITED}


def _audit(actor, action: str, message: Message, before: dict | None = None, note: str = "", request=None) -> None:
    record(actor, f"message.{action}", message, organization=message.organization, before=before,
           after=_snapshot(message), note=note, request=request)


def _event(message: Message, type_: str, actor=None, note: str = "", from_org=None, to_org=None) -> MessageEvent:
    return MessageEvent.objects.create(message=message, type=type_, actor=actor if actor is not None and getattr(
        actor, "is_authenticated", False) else None, note=note[:500], from_organization=from_org,
        to_organization=to_org)


def refresh_public_pages() -> None:
    """On commit: the stored public pages that list messages (the column, its lists and the home page)."""
    transaction.on_commit(lambda: pagecache.purge(["/", "/en/"], PUBLIC_PREFIXES))


def _locked(message: Message) -> Message:
    return Message.objects.select_for_update().select_related("organization").get(pk=message.pk)


def may_handle(user, message: Message) -> bool:
    return has_perm(user, "message.handle", message.organization_id) or may_dispatch(user, message)


def may_dispatch(user, message: Message) -> bool:
    return has_perm(user, "message.dispatch", message.organization_id)


def _require(allowed: bool) -> None:
    if not allowed:
        raise ActionRefused(_("您没有办理这条留言的权限。"))


def _require_state(message: Message, *states) -> None:
    if message.state not in states:
        raise ActionRefused(_("这条留言当前为“%(state)s”，不能进行此操作。") % {"state": message.get_state_display()})


# --- intake ------------------------------------------------------------------------------------------------


def _create(addressee: Organization, data: dict, channel: str, received_on: dt.date, actor=None) -> Submitted:
    if addressee is None or not addressee.is_active:
        raise ActionRefused(_("请选择写信对象。"))
    root = county_root()
    box = Box.LEADER if root is not None and addressee.pk == root.pk else Box.UNIT
    policy = MailboxPolicy.current()
    code = new_query_code()
    number = _tracking_number(received_on.year)
    message = Message.objects.create(
        tracking_number=number, query_code_digest=query_code_digest(number, code), box=box, kind=data["kind"],
        channel=channel, addressee=addressee, organization=addressee, subject=data["subject"].strip(),
        content=data["content"].strip(), name=data.get("name", "").strip(), contact=data.get("contact", "").strip(),
        may_publish=bool(data.get("may_publish")), received_on=received_on,
        reply_workdays=policy.workdays_for(data["kind"]),
    )
    for upload in data.get("attachments") or []:
        attachment = MessageAttachment(message=message, name=upload.name[:200], size=upload.size or 0,
                                       content_type=getattr(upload, "content_type", "")[:100])
        save_file(attachment.file, f"{secrets.token_hex(12)}{_suffix(upload.name)}", upload)
        attachment.save()
    refresh_public_pages()  # the figures count every message received
    return Submitted(message, code)


def _suffix(name: str) -> str:
    import pathlib

    return pathlib.PurePath(name or "").suffix.lower()[:10]


@transaction.atomic
def submit_online(addressee: Organization, data: dict, request=None, today: dt.date | None = None) -> Submitted:
    """A citizen's message from the public form (anti-spam and rate limits are the view's)."""
    submitted = _create(addressee, data, Channel.ONLINE, today or timezone.localdate())
    _event(submitted.message, MessageEvent.Type.RECEIVED, to_org=addressee)
    record(None, "message.submit", submitted.message, organization=addressee, actor_name=_("留言人"),
           after=_snapshot(submitted.message), request=request)
    return submitted


@transaction.atomic
def register(user, addressee: Organization, data: dict, channel: str, received_on: dt.date) -> Submitted:
    """Staff register a message received by phone, letter or visit; it is accepted at once."""
    _require(has_perm(user, "message.handle", addressee.pk) or has_perm(user, "message.dispatch", addressee.pk))
    if channel == Channel.ONLINE:
        raise ActionRefused(_("网上留言由留言人自己提交，请选择电话、来信或来访。"))
    if received_on > timezone.localdate():
        raise ActionRefused(_("收到日期不能晚于今天。"))
    submitted = _create(addressee, data, channel, received_on, actor=user)
    message = submitted.message
    message.state = State.PROCESSING
    message.save(update_fields=["state"])
    _event(message, MessageEvent.Type.REGISTERED, user, note=message.get_channel_display(), to_org=addressee)
    _audit(user, "register", message)
    return submitted


# --- handling ----------------------------------------------------------------------------------------------


@transaction.atomic
def accept(user, message: Message) -> Message:
    message = _locked(message)
    _require(may_handle(user, message))
    _require_state(message, State.SUBMITTED)
    before = _snapshot(message)
    message.state = State.PROCESSING
    message.save(update_fields=["state", "updated_at"])
    _event(message, MessageEvent.Type.ACCEPTED, user, to_org=message.organization)
    _audit(user, "accept", message, before)
    return message


def _move(user, message: Message, to: Organization, reason: str, type_: str, action: str) -> Message:
    message = _locked(message)
    _require(may_handle(user, message))
    _require_state(message, State.SUBMITTED, State.PROCESSING)
    if to is None or not to.is_active:
        raise ActionRefused(_("请选择承办单位。"))
    if to.pk == message.organization_id:
        raise ActionRefused(_("这条留言已由该单位办理。"))
    before = _snapshot(message)
    source = message.organization
    message.organization = to
    message.state = State.PROCESSING
    message.save(update_fields=["organization", "state", "updated_at"])
    _event(message, type_, user, note=reason, from_org=source, to_org=to)
    _audit(user, action, message, before, note=reason)
    return message


@transaction.atomic
def route(user, message: Message, to: Organization, note: str = "") -> Message:
    """交办: the 政务公开办 gives a 县长信箱 message to the unit that should answer it (accepting it)."""
    if not may_dispatch(user, message):
        raise ActionRefused(_("只有政务公开办可以交办留言。"))
    return _move(user, message, to, note, MessageEvent.Type.ROUTED, "route")


@transaction.atomic
def transfer(user, message: Message, to: Organization, reason: str) -> Message:
    """转办: the unit (or the 政务公开办) sends a message to the unit it belongs to, with the reason. The reply
    period keeps running from the day the message was received (the writer waits no longer for our routing)."""
    if not (reason or "").strip():
        raise ActionRefused(_("转办须写明理由。"))
    return _move(user, message, to, reason.strip(), MessageEvent.Type.TRANSFERRED, "transfer")


@transaction.atomic
def decline(user, message: Message, reason: str, note: str = "", today: dt.date | None = None) -> Message:
    message = _locked(message)
    _require(may_handle(user, message))
    _require_state(message, State.SUBMITTED, State.PROCESSING)
    if reason not in DeclineReason.values:
        raise ActionRefused(_("请选择不予受理的理由。"))
    before = _snapshot(message)
    message.state = State.DECLINED
    message.decline_reason = reason
    message.decline_note = (note or "").strip()[:500]
    message.replied_on = today or timezone.localdate()
    message.replied_by = user
    message.save(update_fields=["state", "decline_reason", "decline_note", "replied_on", "replied_by", "updated_at"])
    _event(message, MessageEvent.Type.DECLINED, user, note=message.get_decline_reason_display())
    _audit(user, "decline", message, before, note=message.decline_note)
    _notify_writer(message)
    refresh_public_pages()
    return message


@transaction.atomic
def reply(user, message: Message, text: str, today: dt.date | None = None) -> Message:
    """The unit's answer. With two-step replies on, it waits for a 审核员's approval; otherwise it is sent."""
    message = _locked(message)
    _require(may_handle(user, message))
    _require_state(message, State.SUBMITTED, State.PROCESSING)
    text = (text or "").strip()
    if len(text) < 10:
        raise ActionRefused(_("答复内容过短，请针对留言作出实质性答复（至少10个字）。"))
    before = _snapshot(message)
    if MailboxPolicy.current().two_step_approval:
        message.draft = text
        message.state = State.AWAITING_APPROVAL
        message.save(update_fields=["draft", "state", "updated_at"])
        _event(message, MessageEvent.Type.DRAFTED, user)
        _audit(user, "draft_reply", message, before)
        return message
    return _send_reply(user, message, text, before, today)


def _send_reply(user, message: Message, text: str, before: dict, today: dt.date | None) -> Message:
    message.reply = text
    message.draft = ""
    message.state = State.ANSWERED
    message.replied_on = today or timezone.localdate()
    message.replied_by = user
    message.save(update_fields=["reply", "draft", "state", "replied_on", "replied_by", "updated_at"])
    _event(message, MessageEvent.Type.REPLIED, user)
    _audit(user, "reply", message, before)
    _notify_writer(message)
    refresh_public_pages()
    return message


@transaction.atomic
def approve(user, message: Message, today: dt.date | None = None) -> Message:
    message = _locked(message)
    if not has_perm(user, "message.approve", message.organization_id):
        raise ActionRefused(_("只有审核员可以审核答复。"))
    _require_state(message, State.AWAITING_APPROVAL)
    return _send_reply(user, message, message.draft, _snapshot(message), today)


@transaction.atomic
def return_draft(user, message: Message, note: str) -> Message:
    message = _locked(message)
    if not has_perm(user, "message.approve", message.organization_id):
        raise ActionRefused(_("只有审核员可以审核答复。"))
    _require_state(message, State.AWAITING_APPROVAL)
    if not (note or "").strip():
        raise ActionRefused(_("退回修改须写明意见。"))
    before = _snapshot(message)
    message.state = State.PROCESSING
    message.save(update_fields=["state", "updated_at"])
    _event(message, MessageEvent.Type.RETURNED, user, note=note.strip())
    _audit(user, "return_draft", message, before, note=note.strip())
    return message


@transaction.atomic
def set_published(user, message: Message, published: bool) -> Message:
    """Publish an answered message (question and reply, no personal data) — only if the writer agreed."""
    message = _locked(message)
    _require(has_perm(user, "message.handle", message.organization_id) or may_dispatch(user, message))
    if published:
        if message.state != State.ANSWERED:
            raise ActionRefused(_("只有已答复的留言可以公开。"))
        if not message.may_publish:
            raise ActionRefused(_("留言人未同意公开，不能公开这条留言。"))
    if message.published == published:
        return message
    before = _snapshot(message)
    message.published = published
    message.published_at = timezone.now() if published else None
    message.save(update_fields=["published", "published_at", "updated_at"])
    _event(message, MessageEvent.Type.PUBLISHED if published else MessageEvent.Type.UNPUBLISHED, user)
    _audit(user, "publish" if published else "unpublish", message, before)
    refresh_public_pages()
    return message


@transaction.atomic
def rate(message: Message, rating: str, comment: str = "", request=None) -> Message:
    """The writer's rating of the reply (满意 / 基本满意 / 不满意), once; the caller proved the query code."""
    message = _locked(message)
    if message.state != State.ANSWERED:
        raise ActionRefused(_("留言答复后才能评价。"))
    if message.rating:
        raise ActionRefused(_("您已评价过这条留言的答复。"))
    if rating not in Rating.values:
        raise ActionRefused(_("请选择评价结果。"))
    before = _snapshot(message)
    message.rating = rating
    message.rating_comment = (comment or "").strip()[:500]
    message.rated_at = timezone.now()
    message.save(update_fields=["rating", "rating_comment", "rated_at", "updated_at"])
    _event(message, MessageEvent.Type.RATED, note=message.get_rating_display())
    record(None, "message.rate", message, organization=message.organization, actor_name=_("留言人"), before=before,
           after=_snapshot(message), request=request)
    if message.published:
        refresh_public_pages()
    return message


# --- 常见问题 and settings ------------------------------------------------------------------------------------


@transaction.atomic
def save_faq(user, faq: Faq | None, organization: Organization, topic: str, question: str, answer: str,
             is_public: bool = True, source: Message | None = None) -> Faq:
    if not has_perm(user, "message.faq", organization.pk):
        raise ActionRefused(_("您没有维护该单位常见问题的权限。"))
    if faq is not None and not has_perm(user, "message.faq", faq.organization_id):
        raise ActionRefused(_("您没有维护该单位常见问题的权限。"))
    if not (topic.strip() and question.strip() and answer.strip()):
        raise ActionRefused(_("请填写主题、问题和解答。"))
    created = faq is None
    faq = faq or Faq(source=source)
    faq.organization, faq.topic, faq.question, faq.answer = organization, topic.strip(), question.strip(), answer.strip()
    faq.is_public = is_public
    faq.save()
    record(user, "message.faq_create" if created else "message.faq_update", faq, organization=organization,
           after={"topic": faq.topic, "question": faq.question, "is_public": faq.is_public})
    refresh_public_pages()
    return faq


@transaction.atomic
def delete_faq(user, faq: Faq) -> None:
    if not has_perm(user, "message.faq", faq.organization_id):
        raise ActionRefused(_("您没有维护该单位常见问题的权限。"))
    record(user, "message.faq_delete", faq, organization=faq.organization, before={"question": faq.question})
    faq.delete()
    refresh_public_pages()


@transaction.atomic
def update_policy(user, values: dict) -> MailboxPolicy:
    root = county_root()
    if not has_perm(user, "message.settings", root.pk if root else None):
        raise ActionRefused(_("只有政务公开办可以修改留言办理设置。"))
    policy = MailboxPolicy.current()
    before = {field: getattr(policy, field) for field in values}
    for field, value in values.items():
        setattr(policy, field, value)
    policy.save()
    record(user, "message.settings", policy, organization=root, before=before,
           after={field: getattr(policy, field) for field in values})
    return policy


# --- telling the writer ------------------------------------------------------------------------------------

WRITER_SUBJECT = "mailbox.message"


def writer_address(message_id: str, channel: str) -> str:
    """notifications' resolver: the writer's contact, if it is of the channel's kind."""
    from gongkai.core.masking import MOBILE

    message = Message.objects.filter(pk=message_id).only("contact").first()
    contact = (message.contact if message else "") or ""
    if channel == "email":
        return contact if "@" in contact else ""
    return contact if MOBILE.fullmatch(contact) else ""


def _notify_writer(message: Message) -> None:
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
