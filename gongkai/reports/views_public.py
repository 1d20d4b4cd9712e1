"""Public pages of published annual reports (/ndbg/): the report as HTML, its DOCX, PDF and JSON.

Only published reports exist here; a draft, a report being corrected and an organization outside the
site's scope are 404. Everything shown is the figures frozen at publication.
"""

import json

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gongkai.portal import breadcrumbs as crumbs
from gongkai.portal.queries import get_site_organization, items_with_node_keys, site_organization_ids
from gongkai.reports import chart, reading, services
from gongkai.reports.models import AnnualReport

ECHARTS = "vendor/echarts/dist/echarts.min.js"


def _published(request, org_id: int, year: int) -> AnnualReport:
    organization = get_site_organization(request, org_id)
    report = reading.published(organization.id, year)
    if report is None or not report.data:
        raise Http404
    return report


def _filename(report: AnnualReport, extension: str) -> str:
    return f"{report.title}.{extension}"


@require_safe
def index(request):
    reports = AnnualReport.objects.filter(state=AnnualReport.State.PUBLISHED).select_related("organization")
    allowed = site_organization_ids(request)
    if allowed is not None:
        reports = reports.filter(organization_id__in=allowed)
    years: dict[int, list[AnnualReport]] = {}
    for report in reports.order_by("-year", "organization__sort_order", "organization_id"):
        years.setdefault(report.year, []).append(report)
    # Reports published before the platform made them: 年报 items of the catalog that no report points to.
    earlier = (items_with_node_keys(request, ["annual_report"])
               .exclude(pk__in=AnnualReport.objects.filter(item__isnull=False).values("item_id")))
    return render(request, "reports/index.html", {
        "years": sorted(years.items(), reverse=True),
        "earlier": earlier,
        "breadcrumbs": crumbs.current(crumbs.column_trail(), _("政府信息公开工作年度报告")),
    })


@require_safe
def report(request, org_id: int, year: int):
    found = _published(request, org_id, year)
    points = reading.history(found.organization, found.year, found.data, True)
    trail = crumbs.organization_trail(found.organization)
    trail.append(crumbs.Crumb(_("政府信息公开工作年度报告"), reverse("portal:annual_reports", args=[org_id])))
    return render(request, "reports/report.html", {
        "report": found, "content": reading.content_of(found, found.data), "points": points,
        "chart_svg": chart.svg(points), "chart_data": chart.echarts_data(points),
        "echarts": bool(finders.find(ECHARTS)), "echarts_path": ECHARTS,
        "group_names": [_(name) for name, _count in points[-1].groups],  # the chart's data table, not a statutory one
        "breadcrumbs": crumbs.current(trail, _("%(year)s年度") % {"year": found.year}),
    })


def _stored(report: AnnualReport, field: str, extension: str, content_type: str):
    if not getattr(report, field):
        report = services.render_files(report)  # published without its files (the demo): render them once
    stored = getattr(report, field)
    if not stored:
        raise Http404
    return FileResponse(stored.open("rb"), as_attachment=True, filename=_filename(report, extension),
                        content_type=content_type)


@require_safe
def download_docx(request, org_id: int, year: int):
    return _stored(_published(request, org_id, year), "docx", "docx",
                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@require_safe
def download_pdf(request, org_id: int, year: int):
    return _stored(_published(request, org_id, year), "pdf", "pdf", "application/pdf")


@require_safe
def download_json(request, org_id: int, year: int):
    found = _published(request, org_id, year)
    response = HttpResponse(json.dumps(found.data, ensure_ascii=False, indent=2),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{found.organization.credit_code}-{found.year}.json"
    return response
