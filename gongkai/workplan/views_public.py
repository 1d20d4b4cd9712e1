"""The public board (/gzyd/, 全过程晾晒): each published work plan with every task's status, progress, lead
unit and the accepted progress reports with their evidence; a page per unit; downloads of evidence files.

Tables are the content; the charts (ECharts, served from the platform) repeat the same numbers.
"""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gongkai.organizations.models import Organization
from gongkai.workplan.choices import EvidenceKind, ReportState
from gongkai.workplan.models import Evidence, Plan, Responsibility
from gongkai.workplan.views_common import build_board, unit_rows, unit_summaries

ACTIVE_TYPES = ("text/", "application/xhtml", "image/svg", "application/javascript", "application/xml")


def public_plans(request):
    plans = Plan.objects.filter(is_public=True).select_related("organization", "item")
    try:
        from gongkai.portal.queries import site_organization_ids
    except ImportError:  # the portal is optional for this app
        return plans
    allowed = site_organization_ids(request)
    return plans if allowed is None else plans.filter(organization_id__in=allowed)


def crumbs(*extra) -> list[dict]:
    trail = [{"label": _("首页"), "url": reverse("portal:home")},
             {"label": _("工作任务晾晒"), "url": reverse("workplan:plans")}]
    return trail + [{"label": label, "url": url} for label, url in extra]


@require_safe
def plan_list(request):
    plans = list(public_plans(request))
    return render(request, "workplan/public/plan_list.html",
                  {"plans": plans, "breadcrumbs": crumbs()[:-1] + [{"label": _("工作任务晾晒")}]})


@require_safe
def plan_board(request, plan_id: int):
    plan = get_object_or_404(public_plans(request), pk=plan_id)
    board = build_board(plan)
    summaries = unit_summaries(plan)
    return render(request, "workplan/public/board.html", {
        "plan": plan, "board": board, "summaries": summaries,
        "chart": board.chart_data() | {"units": {
            "labels": [s.organization.display_name for s in summaries], "values": [s.percent for s in summaries]}},
        "breadcrumbs": crumbs((plan.title, None)),
    })


@require_safe
def unit_board(request, plan_id: int, org_id: int):
    plan = get_object_or_404(public_plans(request), pk=plan_id)
    if not Responsibility.objects.filter(task__plan=plan, organization_id=org_id).exists():
        raise Http404
    organization = get_object_or_404(Organization, pk=org_id)
    return render(request, "workplan/public/unit.html", {
        "plan": plan, "organization": organization, "rows": unit_rows(plan, organization),
        "breadcrumbs": crumbs((plan.title, reverse("workplan:board", args=[plan.pk])), (organization.name, None)),
    })


@require_safe
def evidence_download(request, evidence_id: int):
    """An evidence file of an accepted report of a public plan; always as a download."""
    evidence = get_object_or_404(
        Evidence.objects.select_related("report__task__plan"), pk=evidence_id, kind=EvidenceKind.FILE,
        report__state=ReportState.ACCEPTED, report__task__plan__in=public_plans(request),
    )
    return evidence_response(evidence)


def evidence_response(evidence: Evidence) -> FileResponse:
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = evidence.content_type or "application/octet-stream"
    if content_type.startswith(ACTIVE_TYPES):
        content_type = "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=evidence.original_name, content_type=content_type)
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
