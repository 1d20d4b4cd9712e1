"""Staff pages of a progress report: reading it (and its evidence) and the 政务公开办's review."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.workplan import services
from gongkai.workplan.choices import ReportState
from gongkai.workplan.forms import ReviewForm
from gongkai.workplan.models import Evidence, ProgressReport
from gongkai.workplan.views_public import evidence_response
from gongkai.workplan.views_staff import get_plan, run


def get_report(request, report_id: int) -> ProgressReport:
    """A report the user may read: any of a plan it supervises, its own unit's, and, on a plan it sees (as a
    responsible unit), another unit's accepted one — accepted reports are the plan's public progress, listed on
    the task page to every unit of the plan. Anything else is a 404."""
    report = get_object_or_404(ProgressReport.objects.select_related("task__plan__organization", "organization"),
                               pk=report_id)
    own = organization_ids_with(request.user, "workplan.report")
    if not (has_perm(request.user, "workplan.view", report.task.plan.organization_id)
            or report.organization_id in own):
        if report.state != ReportState.ACCEPTED:
            raise Http404
        get_plan(request, report.task.plan_id)
    return report


@staff_required
def report_detail(request, report_id: int):
    report = get_report(request, report_id)
    may_review = has_perm(request.user, "workplan.review", report.task.plan.organization_id)
    form = ReviewForm(request.POST or None)
    if request.method == "POST":
        if not may_review:
            return forbidden(request, _("只有政务公开办可以审核进展报告。"))
        if form.is_valid():
            accept = form.cleaned_data["decision"] == "accept"
            done = run(request, lambda: services.review_report(request.user, report, accept,
                                                                form.cleaned_data["comment"], request=request),
                        _("已采纳，进展已在公开页面展示。") if accept else _("已退回。"))
            if done:
                return redirect("workplan_staff:report", report_id=report.pk)
    return render(request, "workplan/staff/report_detail.html", {
        "report": report, "form": form, "may_review": may_review and report.state == ReportState.SUBMITTED,
    })


@staff_required
def evidence_download(request, evidence_id: int):
    evidence = get_object_or_404(Evidence, pk=evidence_id, kind="file")
    get_report(request, evidence.report_id)
    return evidence_response(evidence)
