"""The mailbox's shared pieces: the query code, the county, the due date, and what every staff verb does
(lock the message, check the permission and state, write the MessageEvent and the audit log, refresh the
public pages)."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.audit.services import record
from gongkai.core import pagecache, query_codes
from gongkai.core.services import ActionRefused
from gongkai.mailbox.models import Message, MessageEvent, MessageSequence
from gongkai.organizations.models import Organization
from gongkai.workdays.clocks import message_reply_due

QUERY_CODE_ALPHABET = query_codes.ALPHABET
QUERY_PURPOSE = "mailbox-query-code"
AUDITED = ["state", "organization_id", "kind", "decline_reason", "replied_on", "published", "rating"]
PUBLIC_PREFIXES = ("/hdjl/", "/en/hdjl/")


@dataclass(frozen=True)
class Submitted:
    message: Message
    query_code: str  # shown once to the writer, stored only as a digest


def county_root() -> Organization | None:
    """The county government, whose 县长信箱 the 政务公开办 handles."""
    return Organization.objects.filter(parent__isnull=True, is_active=True).order_by("sort_order", "id").first()


def query_code_digest(tracking_number: str, code: str) -> str:
    return query_codes.digest(QUERY_PURPOSE, tracking_number, code)


def find_for_writer(tracking_number: str, code: str) -> Message | None:
    """The message whose number and query code both match; None otherwise (never says which was wrong)."""
    return query_codes.find(Message.objects.select_related("organization"), QUERY_PURPOSE, tracking_number, code)


def next_tracking_number(year: int) -> str:
    sequence, _created = MessageSequence.objects.select_for_update().get_or_create(year=year)
    sequence.last_serial += 1
    sequence.save(update_fields=["last_serial"])
    return f"LY-{year}-{sequence.last_serial:06d}"


def due_on(message: Message) -> dt.date:
    return message_reply_due(message.received_on, message.reply_workdays)


def snapshot(message: Message) -> dict:
    return {field: getattr(message, field) for field in AUDITED}


def audit(actor, action: str, message: Message, before: dict | None = None, note: str = "", request=None,
          organization=None) -> None:
    """The audit event of a verb, under the message's unit unless `organization` names another (转办)."""
    record(actor, f"message.{action}", message, organization=organization or message.organization, before=before,
           after=snapshot(message), note=note, request=request)


def add_event(message: Message, type_: str, actor=None, note: str = "", from_org=None, to_org=None) -> MessageEvent:
    return MessageEvent.objects.create(message=message, type=type_, actor=actor if actor is not None and getattr(
        actor, "is_authenticated", False) else None, note=note[:500], from_organization=from_org,
        to_organization=to_org)


def refresh_public_pages() -> None:
    """On commit: the stored public pages that list messages (the column, its lists and the home page)."""
    transaction.on_commit(lambda: pagecache.purge(["/", "/en/"], PUBLIC_PREFIXES))


def locked(message: Message) -> Message:
    return Message.objects.select_for_update().select_related("organization").get(pk=message.pk)


def holds(user, message: Message) -> bool:
    """The 政务公开办 holds a message at its own organization (a 县长信箱 message not yet routed): there it
    acts as the handling unit. Over the units below it, it supervises and never acts in their name."""
    from gongkai.accounts.models import Membership

    return may_dispatch(user, message) and Membership.objects.filter(
        user=user, organization_id=message.organization_id).exists()


def may_handle(user, message: Message) -> bool:
    """Accept, answer, decline, publish: the handling unit's staff; the 政务公开办 only for a message it
    holds (`holds`) — over another unit's message it supervises (转办/交办, 退回 a draft, 撤回 a published
    answer), and for a deactivated unit it only hands messages on (may_move)."""
    return has_perm(user, "message.handle", message.organization_id) or (
        holds(user, message) and message.organization.is_active)


def may_move(user, message: Message) -> bool:
    """转办 (and, for the 政务公开办, 交办): also on a deactivated unit's messages (HAND_ON_PERMISSIONS)."""
    return has_perm(user, "message.handle", message.organization_id) or may_dispatch(user, message)


def may_dispatch(user, message: Message) -> bool:
    return has_perm(user, "message.dispatch", message.organization_id)


def drafter_id(message: Message) -> int | None:
    """Who drafted the reply now awaiting approval: the actor of the latest 提交答复审核 event (None when
    no draft waits)."""
    from gongkai.mailbox.models import State

    if message.state != State.AWAITING_APPROVAL:
        return None
    return (message.events.filter(type=MessageEvent.Type.DRAFTED).order_by("-at", "-pk")
            .values_list("actor_id", flat=True).first())


def drafted_by(user, message: Message) -> bool:
    """Whether `user` drafted the reply awaiting approval: they may not approve it themselves (four eyes)."""
    return user.pk is not None and drafter_id(message) == user.pk


def has_reviewer(message: Message, *, besides_drafter: bool = True) -> bool:
    """Whether the message's unit has an active 审核员 of its own to approve a draft reply (a small 乡镇 may
    have only 信息员 and 单位管理员) — other than the draft's drafter, who may not approve it: where the
    unit's only 审核员 drafted it, the 政务公开办 approves as for a unit without one."""
    from gongkai.accounts.models import Membership, Role

    reviewers = Membership.objects.filter(organization_id=message.organization_id, role=Role.REVIEWER,
                                          user__is_active=True)
    drafter = drafter_id(message) if besides_drafter else None
    if drafter is not None:
        reviewers = reviewers.exclude(user_id=drafter)
    return reviewers.exists()


def supervisor_approves(user, message: Message) -> bool:
    """The 政务公开办 approves another unit's draft only when that unit has no 审核员 of its own
    (「本单位无审核员，由政务公开办审核」): otherwise the draft would wait forever."""
    return may_dispatch(user, message) and message.organization.is_active and not has_reviewer(message)


def may_approve(user, message: Message) -> bool:
    """审核 a draft reply, which sends it in the unit's name: the unit's 审核员, the 政务公开办 for a message
    it holds, or the 政务公开办 for a unit without a 审核员 (supervisor_approves)."""
    return has_perm(user, "message.approve", message.organization_id) and (
        may_handle(user, message) or supervisor_approves(user, message))


def approval_refusal(user, message: Message) -> str | None:
    """Why `user` may not approve the draft reply now (None: they may). The services' reason, and the staff
    page's explanation beside a disabled button."""
    if not has_perm(user, "message.approve", message.organization_id):
        return _("只有审核员可以审核答复。")
    if not may_approve(user, message):
        return _("答复以办理单位的名义发出，须由该单位的审核员审核；政务公开办可以退回修改，仅在该单位无审核员时审核。")
    if drafted_by(user, message) and holds(user, message):
        # The 政务公开办's own draft (a 县长信箱 message it holds): not "ask the 政务公开办" — it is the office.
        return _("这份答复由您起草，不能由您本人审核通过（答复须经起草人以外的人员审核）。请由政务公开办的其他工作人员"
                 "审核；政务公开办没有其他工作人员的，由系统管理员审核。")
    if drafted_by(user, message):
        return _("这份答复由您起草，不能由您本人审核通过（答复须经起草人以外的审核员审核）。"
                 "请由本单位其他审核员审核；本单位没有其他审核员的，由政务公开办审核。")
    return None


def may_return(user, message: Message) -> bool:
    """退回 a draft for rework: whoever may approve it, and the 政务公开办 over every unit it supervises."""
    return has_perm(user, "message.approve", message.organization_id)


def may_unpublish(user, message: Message) -> bool:
    """撤回 a published answer (personal data found in it, say): the unit, and the 政务公开办 supervising it."""
    return may_handle(user, message) or may_dispatch(user, message)


def may_see_personal(user, message: Message) -> bool:
    """The writer's name, full contact and attachments: the handling unit's own staff only (docs/mailbox.md).
    The 政务公开办 is that unit for a message at its own organization (县长信箱 not yet routed); over the
    units below it supervises with the contact masked and no attachments."""
    return has_perm(user, "message.view_personal", message.organization_id) or holds(user, message)


def personal_organization_ids(user) -> set[int]:
    """The organizations at whose messages `user` may see personal data (`may_see_personal` of each of them,
    as a set for a list): the handling units' staff, and the 政务公开办 at its own organization (`holds`)."""
    from gongkai.accounts.models import Membership

    own = set(Membership.objects.filter(user=user).values_list("organization_id", flat=True))
    return organization_ids_with(user, "message.view_personal") | (organization_ids_with(user, "message.dispatch") & own)


def require(allowed: bool) -> None:
    if not allowed:
        raise ActionRefused(_("您没有办理这条留言的权限。"))


def require_state(message: Message, *states) -> None:
    if message.state not in states:
        raise ActionRefused(_("这条留言当前为“%(state)s”，不能进行此操作。") % {"state": message.get_state_display()})
