"""What 建议提案办理 adds to the platform's registries: 我的待办, the home panel, search, audit labels."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from gongkai.accounts.permissions import organization_ids_with
from gongkai.portal import panels
from gongkai.proposals import services
from gongkai.proposals.models import Proposal
from gongkai.workbench import todo

ACTION_LABELS = {
    "proposal.register": pgettext_lazy("audit action", "登记建议提案"),
    "proposal.update": pgettext_lazy("audit action", "修改建议提案登记"),
    "proposal.import": pgettext_lazy("audit action", "导入建议提案交办清单"),
    "proposal.import_refused": pgettext_lazy("audit action", "导入建议提案交办清单未成功"),
    "proposal.reply": pgettext_lazy("audit action", "答复建议提案"),
    "proposal.publish": pgettext_lazy("audit action", "公开建议提案复文"),
    "proposal.withhold": pgettext_lazy("audit action", "决定复文不公开"),
    "proposal.summary_generate": pgettext_lazy("audit action", "生成建议提案办理总体情况"),
    "proposal.summary_edit": pgettext_lazy("audit action", "修改建议提案办理总体情况"),
    "proposal.summary_publish": pgettext_lazy("audit action", "公开建议提案办理总体情况"),
}
LIMIT = 5


def todo_groups(user) -> list[todo.Group]:
    """The proposals the user's units lead that still wait for a reply, or for the decision on the 复文."""
    org_ids = organization_ids_with(user, "proposal.reply")
    if not org_ids:
        return []
    today = timezone.localdate()
    open_ones = list(Proposal.objects.filter(lead_unit_id__in=org_ids, state=Proposal.State.HANDLING)
                     .select_related("lead_unit").order_by("assigned_on", "kind", "number")[:200])
    open_ones.sort(key=lambda p: p.due_on)
    undecided = Proposal.objects.filter(lead_unit_id__in=org_ids, state=Proposal.State.REPLIED,
                                        disclosure=Proposal.Disclosure.UNDECIDED).order_by("replied_on")
    more = reverse("proposals_staff:list")

    def row(p, note):
        return todo.Row(label=f"{p.label} {p.title}", url=reverse("proposals_staff:detail", kwargs={"proposal_id": p.pk}),
                        note=note, overdue=p.overdue_on(today))

    groups = [todo.Group(_("待答复的建议提案"), [row(p, _("答复期限 %(d)s") % {"d": p.due_on.isoformat()})
                                              for p in open_ones[:LIMIT]], len(open_ones), more)]
    undecided_count = undecided.count()
    groups.append(todo.Group(_("待决定是否公开的复文"), [row(p, _("已答复")) for p in undecided[:LIMIT]],
                             undecided_count, more))
    return groups


def home_panel(request):
    replies = list(services.public_replies().order_by("-published_at")[:6])
    if not replies:
        return None
    return panels.Panel(_("建议提案办理"), reverse("proposals:index"), [
        panels.Entry(services.public_text(p.title), reverse("proposals:reply", kwargs={"proposal_id": p.pk}), p.published_at)
        for p in replies])


def search_source(terms, organization_ids):
    return services.search_replies(terms, organization_ids)
