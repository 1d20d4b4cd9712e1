"""Staff pages of the 检查指标 (/staff/inspection/): the county dashboard (ranking, trend, findings by rule,
run now) for the 政务公开办, a unit dashboard with its own findings and score, 整改, and the 通报."""


from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.audit.services import record
from gongkai.core.services import ActionRefused
from gongkai.inspection import services
from gongkai.inspection.evidence import evidence_rows
from gongkai.inspection.forms import NoticeForm, RectifyForm
from gongkai.inspection.indicators import INDICATORS
from gongkai.inspection.models import Finding, Notice
from gongkai.inspection.rules import AGGREGATES, RULES, all_codes, pending_rules
from gongkai.organizations.models import Organization
from gongkai.requests import spam

FINDINGS_PAGE_SIZE = 50


def with_deductions(scores):
    for score in scores:
        score.deduction_list = [(INDICATORS[code].title if code in INDICATORS else code, points)
                                for code, points in score.deductions.items()]
    return scores


def _supervised(user) -> set[int]:
    return organization_ids_with(user, "inspection.run")


@staff_required
def dashboard(request):
    supervised = _supervised(request.user)
    if not supervised:
        own = sorted(organization_ids_with(request.user, "inspection.view"))
        if not own:
            return forbidden(request, _("您没有查看检查结果的岗位。"))
        return redirect("inspection:unit", org_id=own[0])
    run = services.latest_run()
    ranking = with_deductions(services.ranking(run, supervised))
    unranked = with_deductions(services.unranked(run, supervised))
    trend = services.trend(supervised)
    open_findings = Finding.objects.filter(organization_id__in=supervised).exclude(state=Finding.State.RESOLVED)
    codes = all_codes()
    by_rule = [(codes.get(row["rule"]), row["rule"], row["count"]) for row in
               open_findings.values("rule").annotate(count=Count("id")).order_by("-count", "rule")]
    chart = {
        "ranking": {"labels": [s.organization.display_name for s in ranking[:30]],
                    "values": [float(s.score) for s in ranking[:30]]},
        "trend": {"labels": [p.run.checked_on.isoformat() for p in trend],
                  "series": [{"name": _("平均得分"), "values": [p.average for p in trend]},
                             {"name": _("合格单位数"), "values": [p.qualified for p in trend]}]},
    }
    return render(request, "inspection/dashboard.html", {
        "run": run, "failed": services.failed_since(run), "running": services.running().exists(), "ranking": ranking, "unranked": unranked,
        "trend": trend, "by_rule": by_rule, "chart": chart,
        "indicators": INDICATORS, "open_count": open_findings.count(),
        "rectified": open_findings.filter(state=Finding.State.RECTIFIED).select_related("organization")[:50],
    })


@staff_required
@require_POST
def run_now(request):
    if not organization_ids_with(request.user, "inspection.run"):
        return forbidden(request, _("只有政务公开办可以发起检查。"))
    try:
        services.run_now(request.user, request=request)
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, _("检查已开始；完成后结果显示在本页。"))
    return redirect("inspection:dashboard")


@staff_required
def rules(request):
    return render(request, "inspection/rules.html", {
        "rules": [r for r in RULES if r.available()], "aggregates": AGGREGATES, "pending": pending_rules(),
        "indicators": INDICATORS,
    })


@staff_required
def unit_dashboard(request, org_id: int):
    if not has_perm(request.user, "inspection.view", org_id):
        raise Http404
    organization = get_object_or_404(Organization, pk=org_id)
    findings = Finding.objects.filter(organization=organization)
    history = with_deductions(services.unit_history(organization.pk))
    return render(request, "inspection/unit.html", {
        "organization": organization, "history": history, "current": history[-1] if history else None,
        "open": Paginator(findings.exclude(state=Finding.State.RESOLVED).order_by("-severity", "rule", "subject", "id"),
                          FINDINGS_PAGE_SIZE).get_page(request.GET.get("page")),
        "resolved": findings.filter(state=Finding.State.RESOLVED).order_by("-resolved_at")[:30],
        "can_rectify": has_perm(request.user, "inspection.rectify", organization.pk), "indicators": INDICATORS,
        "chart": {"history": {"labels": [s.run.checked_on.isoformat() for s in history],
                              "series": [{"name": _("得分"), "values": [float(s.score) for s in history]}]}},
    })


def get_finding(request, finding_id: int) -> Finding:
    finding = get_object_or_404(Finding.objects.select_related("organization"), pk=finding_id)
    if not has_perm(request.user, "inspection.view", finding.organization_id):
        raise Http404
    return finding


@staff_required
def finding_detail(request, finding_id: int):
    finding = get_finding(request, finding_id)
    form = RectifyForm(request.POST or None)
    if request.method == "POST":
        if not has_perm(request.user, "inspection.rectify", finding.organization_id):
            return forbidden(request, _("只有本单位审核员、单位管理员可以报送整改情况。"))
        if form.is_valid():
            try:
                services.rectify(request.user, finding, form.cleaned_data["text"], request=request)
            except ActionRefused as exc:
                if finding.state != Finding.State.OPEN:  # no form on the page to show it in (e.g. 已整改待复核)
                    messages.error(request, exc.reason)
                    return redirect("inspection:finding", finding_id=finding.pk)
                form.add_error(None, exc.reason)
            else:
                messages.success(request, _("整改情况已报送，下次检查时复核。"))
                return redirect("inspection:finding", finding_id=finding.pk)
    rule = all_codes().get(finding.rule)
    return render(request, "inspection/finding.html", {
        "finding": finding, "rule": rule, "form": form, "events": finding.events.select_related("actor", "run"),
        "evidence": evidence_rows(finding.evidence or {}),
        # The 指南's missing fields, stored as their labels in the site's language, in the reader's.
        "missing": [gettext(str(name)) for name in (finding.evidence or {}).get("missing") or [] if name],
        "indicator": INDICATORS.get(finding.indicator),
        "can_rectify": finding.state == Finding.State.OPEN
        and has_perm(request.user, "inspection.rectify", finding.organization_id),
    })


@staff_required
def notice_list(request):
    scope = organization_ids_with(request.user, "inspection.view")
    notices = Notice.objects.filter(organization_id__in=scope) | Notice.objects.filter(
        findings__organization_id__in=scope)
    return render(request, "inspection/notice_list.html", {
        "notices": notices.select_related("document", "organization").distinct(),
        "can_issue": bool(organization_ids_with(request.user, "inspection.notice")),
    })


def _chosen_issuer(request, organizations):
    """The 发文机关 the page is for: the one posted, else `?organization=`, else the first (an unknown or
    malformed id is not an issuer the user may choose: the first is shown)."""
    wanted = (request.POST if request.method == "POST" else request.GET).get("organization", "")
    return next((o for o in organizations if str(o.pk) == wanted), organizations[0])


@staff_required
def notice_create(request):
    organizations = services.notice_issuers(request.user)
    if not organizations:
        return forbidden(request, _("只有政务公开办可以发布通报。"))
    chosen = _chosen_issuer(request, organizations)
    form = NoticeForm(request.POST or None, organizations=organizations,
                      initial=services.notice_defaults(timezone.localdate()) | {"organization": chosen.pk})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # the token is used only if the 通报 is issued (and its 文号 taken)
                spam.consume_staff_token(data["form_token"], _(
                    "这份通报已经生成过（可能重复点击了提交按钮），未再次生成，也未占用新的文号。"))
                notice = services.issue_notice(request.user, data["organization"], data, request=request)
        except spam.TokenUsed as problem:
            messages.error(request, str(problem))
            return redirect("inspection:notices")
        except spam.TokenProblem as problem:
            form.add_error(None, str(problem))
            spam.renew_staff_token(form)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            return _after_issue(request, notice, data["publish"])
    # What issuing in the chosen 发文机关's name would list: the same findings as services.issue_notice.
    preview = services.notice_preview(request.user, chosen)
    return render(request, "inspection/notice_form.html", {
        "form": form, "organizations": organizations, "chosen": chosen, "preview": preview,
        "open_count": sum(u.open + u.rectified for u in preview),
        "overall": services.notice_overall(request.user, chosen),
    })


def _after_issue(request, notice: Notice, publish: bool):
    """The 通报 is issued (its 文号 taken) before it is published: a refused publication is said as such on the
    issued notice's page (from where it can be published again), never as a form error that would claim nothing
    was saved."""
    number = notice.document.doc_number
    if publish:
        try:
            services.publish_notice(request.user, notice, request=request)
        except ActionRefused as exc:
            messages.warning(request, _("通报已生成（文号%(number)s），但未能生成公开信息草稿：%(reason)s") % {
                "number": number, "reason": exc.reason})
            return redirect("inspection:notice", notice_id=notice.pk)
    messages.success(request, _("通报已生成：%(number)s。") % {"number": number})
    return redirect("inspection:notice", notice_id=notice.pk)


def get_notice(request, notice_id: int) -> Notice:
    notice = get_object_or_404(Notice.objects.select_related("document", "organization", "item"), pk=notice_id)
    scope = organization_ids_with(request.user, "inspection.view")
    if notice.organization_id not in scope and not notice.findings.filter(organization_id__in=scope).exists():
        raise Http404
    return notice


@staff_required
def notice_detail(request, notice_id: int):
    notice = get_notice(request, notice_id)
    # Each reader sees the findings of the units they may see: a unit its own part (also of a 通报 issued in
    # its own name), the 政务公开办 everything below it.
    findings = notice.findings.select_related("organization").filter(
        organization_id__in=organization_ids_with(request.user, "inspection.view"))
    may_issue = has_perm(request.user, "inspection.notice", notice.organization_id)
    return render(request, "inspection/notice_detail.html", {
        "notice": notice, "findings": findings, "file_refusal": services.notice_file_refusal(request.user, notice),
        "may_issue": may_issue, "can_publish": may_issue and not notice.item_id and not notice.lists_other_units,
    })


@staff_required
@require_POST
def notice_publish(request, notice_id: int):
    notice = get_notice(request, notice_id)
    if not has_perm(request.user, "inspection.notice", notice.organization_id):
        return forbidden(request, _("只有政务公开办可以公开通报。"))
    try:
        services.publish_notice(request.user, notice, request=request)
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, _("已生成公开信息草稿并送审。"))
    return redirect("inspection:notice", notice_id=notice.pk)


def _download(request, notice_id: int, extension: str):
    notice = get_notice(request, notice_id)
    if notice.document is None:
        raise Http404
    refusal = services.notice_file_refusal(request.user, notice)
    if refusal:
        record(request.user, "inspection.notice_file_refused", notice, organization=notice.organization,
               note=extension, request=request)
        return forbidden(request, refusal)
    document = notice.document
    field = document.docx if extension == "docx" else document.pdf
    return FileResponse(field.open("rb"), as_attachment=True, filename=document.filename(extension))


@staff_required
def notice_docx(request, notice_id: int):
    return _download(request, notice_id, "docx")


@staff_required
def notice_pdf(request, notice_id: int):
    return _download(request, notice_id, "pdf")
