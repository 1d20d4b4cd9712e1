"""Intake: a citizen's message from the public form, and a message staff register from a phone call, a
letter or a visit."""

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record
from gongkai.core import query_codes
from gongkai.core.files import save_file
from gongkai.core.services import ActionRefused
from gongkai.mailbox.models import (
    Box,
    Channel,
    MailboxPolicy,
    Message,
    MessageAttachment,
    MessageEvent,
    State,
)
from gongkai.mailbox.services.common import (
    Submitted,
    add_event,
    audit,
    county_root,
    next_tracking_number,
    query_code_digest,
    refresh_public_pages,
    require,
    snapshot,
)
from gongkai.organizations.models import Organization


def _create(addressee: Organization, data: dict, channel: str, received_on: dt.date, actor=None) -> Submitted:
    if addressee is None or not addressee.is_active:
        raise ActionRefused(_("请选择写信对象。"))
    root = county_root()
    box = Box.LEADER if root is not None and addressee.pk == root.pk else Box.UNIT
    policy = MailboxPolicy.current()
    code = query_codes.new()
    number = next_tracking_number(received_on.year)
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
    add_event(submitted.message, MessageEvent.Type.RECEIVED, to_org=addressee)
    record(None, "message.submit", submitted.message, organization=addressee, actor_name=_("留言人"),
           after=snapshot(submitted.message), request=request)
    return submitted


@transaction.atomic
def register(user, addressee: Organization, data: dict, channel: str, received_on: dt.date,
             request=None) -> Submitted:
    """Staff register a message received by phone, letter or visit; it is accepted at once."""
    require(has_perm(user, "message.handle", addressee.pk) or has_perm(user, "message.dispatch", addressee.pk))
    if channel == Channel.ONLINE:
        raise ActionRefused(_("网上留言由留言人自己提交，请选择电话、来信或来访。"))
    if received_on > timezone.localdate():
        raise ActionRefused(_("收到日期不能晚于今天。"))
    submitted = _create(addressee, data, channel, received_on, actor=user)
    message = submitted.message
    message.state = State.PROCESSING
    message.save(update_fields=["state"])
    add_event(message, MessageEvent.Type.REGISTERED, user, note=message.get_channel_display(), to_org=addressee)
    audit(user, "register", message, request=request)
    return submitted
