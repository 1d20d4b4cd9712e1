"""Staff pages of the annual report (/staff/reports/): list, create, edit, checks, workflow, deadlines."""

import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.reports import deadlines as deadline_rules
from gongkai.reports import formats, reading, scope, services
from gongkai.reports.forms import ChaptersForm, CreateForm, FiguresForm, PublishForm, ReopenForm, ReturnForm
from gongkai.reports.models import AnnualReport
from gongkai.reports.render import docx as render_docx
from gongkai.reports.render import pdf as render_pdf

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def get_report(request, annual_report_id: int) -> AnnualReport:
    report = get_object_or_404(AnnualReport.objects.select_related("organization", "item"), pk=annual_report_id)
    if not has_perm(request.user, "report.view", report.organization_id):
        raise Http404
    return report


def _editable_organizations(user) -> list[Organization]:
    return list(Organization.objects.filter(pk__in=organization_ids_with(user, "report.edit"),
                                            kind__in=scope.REPORTING_KINDS))


@staff_required
def report_list(request):
    org_ids = organization_ids_with(request.user, "report.view")
    reports = AnnualReport.objects.filter(organization_id__in=org_ids).select_related("organization")
    organizations = _editable_organizations(request.user)
    year = reading.default_year(timezone.localdate())
    return render(request, "reports/staff/list.html", {
        "reports": reports, "create_form": CreateForm(organizations=organizations, year=year) if organizations else None,
        "can_follow_deadlines": bool(organization_ids_with(request.user, "report.deadlines")),
    })


@staff_required
@require_POST
def report_create(request):
    organizations = _editable_organizations(request.user)
    if not organizations:
        return forbidden(request, _("您没有编写年报的岗位。"))
    form = CreateForm(request.POST, organizations=organizations)
    if form.is_valid():
        try:
            report = services.create_report(request.user, form.cleaned_data["organization"], form.cleaned_data["year"],
                                            request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("年报已建立，正文已根据平台数据生成初稿。"))
            return redirect("reports_staff:detail", annual_report_id=report.pk)
    reports = AnnualReport.objects.filter(organization_id__in=organization_ids_with(request.user, "report.view"))
    return render(request, "reports/staff/list.html", {"reports": reports.select_related("organization"),
                                                        "create_form": form}, status=400)


def _detail_context(request, report: AnnualReport) -> dict:
    computed = reading.live(report) if not report.is_published else None
    data = report.data if report.is_published else computed.data
    results = reading.run_checks(report, data) if not report.is_published else None
    org_id = report.organization_id
    return {
        "report": report, "content": reading.content_of(report, data),
        "checks": results, "stored_checks": report.checks if report.is_published else None,
        "failed": [c for c in results if c.failed] if results else [],
        "due": scope.due_date(report.organization, report.year),
        "government": scope.is_government_report(report.organization),
        "can_edit": report.state == AnnualReport.State.DRAFT and has_perm(request.user, "report.edit", org_id),
        "can_review": report.state == AnnualReport.State.SUBMITTED and has_perm(request.user, "report.publish", org_id),
        "can_reopen": report.is_published and has_perm(request.user, "report.publish", org_id),
        "public_url": services.public_path(report) if report.is_published else "",
    }


@staff_required
def report_detail(request, annual_report_id: int, forms: dict | None = None, status: int = 200):
    report = get_report(request, annual_report_id)
    context = _detail_context(request, report)
    context.update({"publish_form": PublishForm(), "return_form": ReturnForm(), "reopen_form": ReopenForm()})
    context.update(forms or {})
    return render(request, "reports/staff/detail.html", context, status=status)


def _editor_page(request, annual_report_id: int, form_class, save, page: dict, success: str, kwargs_for):
    """A report's edit form (reports/staff/form_page.html); `page` gives its title, heading and help."""
    report = get_report(request, annual_report_id)
    if not has_perm(request.user, "report.edit", report.organization_id):
        return forbidden(request, _("您没有权限修改该单位的年报。"))
    if report.state != AnnualReport.State.DRAFT:
        return forbidden(request, _("只有编写中的年报可以修改；已送审的请由审核员退回，已公布的请先撤回更正。"))
    form = form_class(request.POST or None, **kwargs_for(report))
    if request.method == "POST" and form.is_valid():
        try:
            save(report, form.cleaned_data)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, success)
            return redirect("reports_staff:detail", annual_report_id=report.pk)
    return render(request, "reports/staff/form_page.html", {"report": report, "form": form, **page},
                  status=400 if form.errors else 200)


@staff_required
def edit_figures(request, annual_report_id: int):
    return _editor_page(
        request, annual_report_id, FiguresForm,
        lambda report, data: services.update_figures(request.user, report, data, request=request),
        {"page_title": _("填报数据"), "heading": _("填报表二数据"),
         "help": _("行政许可、行政处罚、行政强制决定数量和行政事业性收费等平台不掌握的数据由本单位填报（金额单位：万元，保留两位小数）。每次保存记入操作日志。")},
        _("填报数据已保存。"),
        kwargs_for=lambda report: {"year": report.year, "entered": report.entered})


@staff_required
def edit_chapters(request, annual_report_id: int):
    return _editor_page(
        request, annual_report_id, ChaptersForm,
        lambda report, data: services.update_chapters(request.user, report, data, request=request),
        {"page_title": _("编辑正文"), "heading": _("编辑正文"),
         "help": _("第二、三、四部分为统计表，由平台生成，不能手工修改；如数字有误，请更正相应的申请或规范性文件记录。")},
        _("正文已保存。"),
        kwargs_for=lambda report: {"initial": report.chapters})


def _action(request, annual_report_id: int, action, success: str, form_class=None, form_name: str = ""):
    report = get_report(request, annual_report_id)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        return report_detail(request, annual_report_id, forms={form_name: form}, status=400)
    try:
        action(report, form.cleaned_data if form else {})
    except ActionRefused as exc:
        if form is None:
            messages.error(request, exc.reason)
            return redirect("reports_staff:detail", annual_report_id=report.pk)
        form.add_error(None, exc.reason)
        return report_detail(request, annual_report_id, forms={form_name: form}, status=400)
    messages.success(request, success)
    return redirect("reports_staff:detail", annual_report_id=report.pk)


@staff_required
@require_POST
def regenerate(request, annual_report_id: int):
    return _action(request, annual_report_id, lambda r, _d: services.regenerate_chapters(request.user, r, request=request),
                   _("已按平台当前数据重新生成正文初稿。"))


@staff_required
@require_POST
def submit(request, annual_report_id: int):
    return _action(request, annual_report_id, lambda r, _d: services.submit(request.user, r, request=request),
                   _("年报已送审。"))


@staff_required
@require_POST
def return_report(request, annual_report_id: int):
    return _action(request, annual_report_id,
                   lambda r, d: services.return_report(request.user, r, d["opinion"], request=request),
                   _("年报已退回。"), ReturnForm, "return_form")


@staff_required
@require_POST
def publish(request, annual_report_id: int):
    return _action(request, annual_report_id, lambda r, d: services.publish(
        request.user, r, opinion=d["opinion"], secrecy_checked=d["secrecy_checked"],
        override_reason=d["override_reason"], request=request), _("年报已公布。"), PublishForm, "publish_form")


@staff_required
@require_POST
def reopen(request, annual_report_id: int):
    return _action(request, annual_report_id, lambda r, d: services.reopen(request.user, r, d["reason"], request=request),
                   _("年报已撤回，可以更正后重新送审。"), ReopenForm, "reopen_form")


def _draft_content(request, annual_report_id: int):
    report = get_report(request, annual_report_id)
    return report, reading.content_of(report)


@staff_required
def draft_docx(request, annual_report_id: int):
    report, content = _draft_content(request, annual_report_id)
    response = HttpResponse(render_docx.render(content), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f"attachment; filename=report-{report.organization_id}-{report.year}.docx"
    return response


@staff_required
def draft_pdf(request, annual_report_id: int):
    report, content = _draft_content(request, annual_report_id)
    response = HttpResponse(render_pdf.render(content), content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename=report-{report.organization_id}-{report.year}.pdf"
    return response


@staff_required
def draft_json(request, annual_report_id: int):
    report = get_report(request, annual_report_id)
    return HttpResponse(json.dumps(reading.data_of(report), ensure_ascii=False, indent=2),
                        content_type="application/json; charset=utf-8")


@staff_required
def deadlines(request):
    org_ids = organization_ids_with(request.user, "report.deadlines")
    if not org_ids:
        return forbidden(request, _("年报公布情况仅供政务公开办查看。"))
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = reading.default_year(today)
    year = min(max(year, formats.FIRST_REPORT_YEAR), today.year)
    rows = deadline_rules.overview(year, today, org_ids)
    counts = {key: sum(row.status == key for row in rows) for key in deadline_rules.Status.LABELS}
    return render(request, "reports/staff/deadlines.html", {
        "rows": rows, "year": year, "today": today, "years": range(today.year, formats.FIRST_REPORT_YEAR - 1, -1),
        "summary": [(deadline_rules.Status.LABELS[key], counts[key]) for key in deadline_rules.Status.LABELS],
    })
