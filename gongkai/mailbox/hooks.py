"""The home-page panel of recent published answers and the 我的待办 groups of 留言办理."""

from django.db.models import Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.accounts.models import Membership, Role
from gongkai.accounts.permissions import organization_ids_with
from gongkai.core.i18n import left_paren, right_paren
from gongkai.mailbox import queries
from gongkai.mailbox.models import Message, MessageEvent, State
from gongkai.portal import panels
from gongkai.portal.queries import site_organization_ids
from gongkai.workbench import todo

PANEL_SIZE = 6


def home_panel(request):
    recent = queries.published()
    allowed = site_organization_ids(request)
    if allowed is not None:
        recent = recent.filter(organization_id__in=allowed)
    return panels.Panel(_("政民互动：最新答复"), reverse("mailbox:list"), [
        panels.Entry(m.public.subject, reverse("mailbox:detail", kwargs={"message_id": m.pk}), m.replied_on,
                     m.organization.short_name or m.organization.name) for m in recent[:PANEL_SIZE]])


def _rows(found, today=None) -> list[todo.Row]:
    rows = []
    for message, clock in queries.with_clocks(found[:todo.ROWS_SHOWN], today):
        note = _("%(unit)s · 答复期限 %(due)s") % {"unit": message.organization.name,
                                                  "due": clock.due.isoformat() if clock.due else "—"}
        rows.append(todo.Row(f"{message.tracking_number} {message.listed_subject}",
                             reverse("mailbox_staff:detail", kwargs={"message_id": message.pk}),
                             f"{note}{left_paren()}{clock.label}{right_paren()}", overdue=clock.state == "overdue"))
    return rows


def _drafts_to_approve(user, base, approve: set[int], dispatch: set[int]):
    """Drafts awaiting approval that `user` may approve (services.approval_refusal, as a query): at the units
    it approves for, and at the units it supervises that have no 审核员 besides the draft's drafter."""
    drafter = Coalesce(Subquery(MessageEvent.objects.filter(message=OuterRef("pk"), type=MessageEvent.Type.DRAFTED)
                                .order_by("-at", "-pk").values("actor_id")[:1]), Value(0),
                       output_field=IntegerField())
    other_reviewer = Exists(Membership.objects.filter(organization_id=OuterRef("organization_id"),
                                                      role=Role.REVIEWER, user__is_active=True)
                            .exclude(user_id=OuterRef("drafter")))
    return (base.filter(state=State.AWAITING_APPROVAL).annotate(drafter=drafter)
            .filter(Q(organization_id__in=approve) | Q(organization_id__in=dispatch) & ~other_reviewer)
            .exclude(drafter=user.pk))


def todo_groups(user) -> list[todo.Group]:
    # What the user acts on: the units it handles for, and for the 政务公开办 the messages it holds (its own
    # organization's 县长信箱). Other units' messages it supervises from the list and the veto list.
    own = set(Membership.objects.filter(user=user).values_list("organization_id", flat=True))
    handle = organization_ids_with(user, "message.handle") | (organization_ids_with(user, "message.dispatch") & own)
    approve = organization_ids_with(user, "message.approve") & handle
    # ... and the drafts of the units below it that have no 审核员 of their own, or whose only 审核员 drafted
    # them (services.supervisor_approves); never a draft of the user's own (four eyes).
    dispatch = organization_ids_with(user, "message.dispatch") & organization_ids_with(user, "message.approve")
    groups = []
    base = Message.objects.select_related("organization").order_by("received_on", "pk")
    if handle:
        waiting = base.filter(organization_id__in=handle, state=State.SUBMITTED)
        groups.append(todo.Group(_("待受理的留言"), _rows(waiting), waiting.count(),
                                 reverse("mailbox_staff:list") + "?state=submitted"))
        working = base.filter(organization_id__in=handle, state=State.PROCESSING)
        groups.append(todo.Group(_("办理中的留言"), _rows(working), working.count(),
                                 reverse("mailbox_staff:list") + "?state=processing"))
    if approve or dispatch:
        review = _drafts_to_approve(user, base, approve, dispatch)
        groups.append(todo.Group(_("待审核的留言答复"), _rows(review), review.count(),
                                 reverse("mailbox_staff:list") + "?state=awaiting_approval"))
    return groups
