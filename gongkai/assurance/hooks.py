"""What assurance adds to the apps below it, through their registries (called from AssuranceConfig.ready()):
the review step's 严重错误 warnings and 负面清单 checklist (publishing.extensions), the inspection rule over
published items (inspection.rules.register), and 我的待办 groups (workbench.todo)."""

from django.urls import reverse
from django.utils.translation import gettext as _


def _errors_panel(user, item, data):
    from gongkai.assurance import checker
    from gongkai.assurance.services.errors import latest_check

    check = latest_check(item)
    warnings = check.warnings if check is not None else [w.as_dict() for w in checker.check_item(item)]
    for warning in warnings:
        warning["kind_label"] = checker.kind_label(warning["kind"])
    return {"warnings": warnings, "checked_at": check.checked_at if check else None}


def _negative_panel(user, item, data):
    from gongkai.assurance.services.negative import entries_for

    entries = entries_for(item)
    if not entries:
        return None
    ticked = set(data.getlist("negative_considered")) if data is not None and hasattr(data, "getlist") else set()
    cited = data.get("negative_cited", "") if data is not None else ""
    return {"entries": entries, "ticked": ticked, "cited": cited,
            "withheld": item.disclosure_mode == "not_disclosed",
            "matching": [e for e in entries if e.basis == item.exemption_basis]}


def _submitted(actor, item):
    from gongkai.assurance.services.errors import check_at_submission

    check_at_submission(actor, item)


def _approved(actor, item, review, data):
    from gongkai.assurance.services.negative import record_review

    record_review(actor, item, review, data)


def _todo(user):
    from django.utils import timezone

    from gongkai.accounts.permissions import organization_ids_with
    from gongkai.assurance.models import Campaign, Response
    from gongkai.workbench import todo

    groups = []
    own = organization_ids_with(user, "assurance.answer")
    if own:
        pending = (Response.objects.filter(organization_id__in=own, campaign__state=Campaign.State.OPEN,
                                           state__in=[Response.State.PENDING, Response.State.RETURNED])
                   .select_related("campaign", "organization").order_by("campaign__due_on", "id"))
        count = pending.count()
        if count:
            groups.append(todo.Group(_("待填报的回头看自查"), [
                todo.Row(r.campaign.title, reverse("assurance:response", args=[r.pk]),
                         _("%(unit)s · %(state)s · %(due)s前报送") % {
                             "unit": r.organization.display_name, "state": r.get_state_display(),
                             "due": r.campaign.due_on.isoformat()}, overdue=r.campaign.due_on < _today())
                for r in pending[:10]], count, reverse("assurance:campaigns")))
    supervised = organization_ids_with(user, "assurance.manage")
    if supervised:
        waiting = (Response.objects.filter(campaign__organization_id__in=supervised, state=Response.State.SUBMITTED)
                   .select_related("campaign", "organization").order_by("submitted_at", "id"))
        count = waiting.count()
        if count:
            groups.append(todo.Group(_("待审核的回头看自查情况"), [
                todo.Row(f"{r.organization.display_name}：{r.campaign.title}", reverse("assurance:response", args=[r.pk]),
                         _("报送于%(on)s") % {"on": timezone.localdate(r.submitted_at).isoformat()}) for r in waiting[:10]],
                count, reverse("assurance:campaigns")))
    return groups


def _today():
    from django.utils import timezone

    return timezone.localdate()


def _panel(request):
    from gongkai.assurance.services.negative import public_entries
    from gongkai.core.exemptions import citation
    from gongkai.portal import panels

    entries = list(public_entries().order_by("position", "id")[:5])
    url = reverse("assurance_public:negative_list")
    return panels.Panel(_("政务公开负面清单"), url, [
        panels.Entry(e.title, url, note=citation(e.basis)) for e in entries])


def install() -> None:
    from gongkai.assurance.rules import SeriousErrors
    from gongkai.inspection import rules
    from gongkai.publishing import extensions
    from gongkai.workbench import todo

    extensions.register(extensions.Extension(
        key="assurance.serious_errors", review_template="assurance/includes/review_errors.html",
        review_panel=_errors_panel, submitted=_submitted))
    extensions.register(extensions.Extension(
        key="assurance.negative_list", review_template="assurance/includes/review_negative.html",
        review_panel=_negative_panel, approved=_approved))
    rules.register(SeriousErrors())
    todo.register(_todo)
    from gongkai.portal import panels

    panels.register(_panel, watch=("assurance.NegativeEntry", "organizations.Organization"))
