"""Annual report services: one function per verb. Each checks permission and state, changes the report in
one transaction and writes the audit log; a refusal raises ActionRefused with a reason in Chinese.

Reading (figures, checks, history) is in reading.py; deadlines in deadlines.py. `late_reports` is the
surface the inspection rules use.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record
from gongkai.catalog.services import node_by_key
from gongkai.core.files import save_file
from gongkai.core.secrecy import require_secrecy_review
from gongkai.core.services import ActionRefused
from gongkai.publishing import services as publishing
from gongkai.publishing.choices import State as ItemState
from gongkai.reports import formats, reading, scope
from gongkai.reports.checks import failures
from gongkai.reports.deadlines import LateReport, late_reports, overview  # noqa: F401  (the service surface)
from gongkai.reports.models import AnnualReport
from gongkai.reports.narrative import CHAPTER_KEYS, MAX_CHAPTER_CHARS
from gongkai.reports.render import docx as render_docx
from gongkai.reports.render import pdf as render_pdf

S = AnnualReport.State
MAX_COUNT = 10**9
MAX_MONEY = Decimal("9999999999.99")


def _require(actor, perm: str, organization_id: int, message: str) -> None:
    if not has_perm(actor, perm, organization_id):
        raise ActionRefused(message)


def _locked(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().select_related("organization").get(pk=report.pk)


def _require_state(report: AnnualReport, allowed, action: str) -> None:
    if report.state not in allowed:
        raise ActionRefused(_("“%(state)s”的年报不能%(action)s（仅限“%(allowed)s”的年报）。") % {
            "state": report.get_state_display(), "action": action,
            "allowed": "、".join(str(S(state).label) for state in allowed)})


def _audit(actor, action: str, report: AnnualReport, before=None, after=None, note: str = "", request=None):
    record(actor, f"report.{action}", report, organization=report.organization, before=before, after=after,
           note=note, request=request)


def _require_year_ended(year: int, today: dt.date) -> None:
    """条例第四十九条: the report covers the whole calendar year, so it is written and published only after
    the year ends (from 1月1日 of the next year)."""
    if today.year <= year:
        raise ActionRefused(_("%(year)s年度尚未结束：该年度的年报须在%(next)s年1月1日以后编写和公布。") % {
            "year": year, "next": year + 1})


@transaction.atomic
def create_report(actor, organization, year: int, request=None) -> AnnualReport:
    """Start the report of `organization` for `year`, with narrative drafts pre-filled from the platform."""
    _require(actor, "report.edit", organization.id, _("您没有权限编写该单位的年报（仅限本单位工作人员）。"))
    if not scope.reports(organization):
        raise ActionRefused(_("%(kind)s不编制政府信息公开工作年度报告。") % {"kind": organization.get_kind_display()})
    today = timezone.localdate()
    _require_year_ended(year, today)
    if year < formats.FIRST_REPORT_YEAR:
        raise ActionRefused(_("报告年度须在%(first)s年至%(last)s年之间。") % {"first": formats.FIRST_REPORT_YEAR,
                                                                       "last": today.year - 1})
    if AnnualReport.objects.filter(organization=organization, year=year).exists():
        raise ActionRefused(_("%(year)s年度的年报已经建立，请直接编辑。") % {"year": year})
    computed = reading.compute_for(organization, year, {}, with_activity=True)
    report = AnnualReport(organization=organization, year=year, created_by=actor,
                          chapters=reading.draft_chapters(organization, year, computed))
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as exc:
        raise ActionRefused(_("%(year)s年度的年报已经建立，请直接编辑。") % {"year": year}) from exc
    _audit(actor, "create", report, after={"year": year}, request=request)
    return report


def clean_entered(year: int, values: dict) -> dict:
    """The unit's table-2 figures from a form's strings, validated; refusal names the cell."""
    fmt = formats.format_for(year)
    cleaned: dict[str, dict] = {}
    for row, row_label, spec in formats.entered_fields(fmt):
        raw = str(values.get(f"{row}.{spec.key}", "") or "").strip()
        where = f"{row_label}·{spec.label}"
        if not raw:
            raw = "0"
        if spec.kind == formats.MONEY:
            try:
                amount = Decimal(raw)
            except InvalidOperation as exc:
                raise ActionRefused(_("“%(cell)s”须为金额（万元），例如 12.50。") % {"cell": where}) from exc
            if not amount.is_finite() or amount < 0 or amount > MAX_MONEY or amount != amount.quantize(Decimal("0.01")):
                raise ActionRefused(_("“%(cell)s”须为不小于0、最多两位小数的金额（万元）。") % {"cell": where})
            value = str(amount.quantize(Decimal("0.01")))
        else:
            try:
                value = int(raw)
            except ValueError as exc:
                raise ActionRefused(_("“%(cell)s”须为整数。") % {"cell": where}) from exc
            low = -MAX_COUNT if spec.kind == formats.SIGNED else 0
            if not low <= value <= MAX_COUNT:
                raise ActionRefused(_("“%(cell)s”须为不小于0的整数。") % {"cell": where} if low == 0
                                    else _("“%(cell)s”超出范围。") % {"cell": where})
        cleaned.setdefault(row, {})[spec.key] = value
    return cleaned


@transaction.atomic
def update_figures(actor, report: AnnualReport, values: dict, request=None) -> AnnualReport:
    """Save the table-2 figures the platform does not hold (行政许可/处罚/强制, 收费, …); audited."""
    report = _locked(report)
    _require(actor, "report.edit", report.organization_id, _("您没有权限修改该单位的年报。"))
    _require_state(report, {S.DRAFT}, _("修改"))
    cleaned = clean_entered(report.year, values)
    before = {"entered": report.entered}
    report.entered = cleaned
    report.save(update_fields=["entered", "updated_at"])
    _audit(actor, "update_figures", report, before, {"entered": cleaned}, request=request)
    return report


def _clean_chapters(chapters: dict) -> dict[str, str]:
    cleaned = {}
    for key in CHAPTER_KEYS:
        text = str(chapters.get(key, "") or "").replace("\r\n", "\n").strip()
        if len(text) > MAX_CHAPTER_CHARS:
            raise ActionRefused(_("每章正文不能超过%(n)s字。") % {"n": MAX_CHAPTER_CHARS})
        cleaned[key] = text
    return cleaned


@transaction.atomic
def update_chapters(actor, report: AnnualReport, chapters: dict, request=None) -> AnnualReport:
    """Save the narrative chapters (plain text, one paragraph per line)."""
    report = _locked(report)
    _require(actor, "report.edit", report.organization_id, _("您没有权限修改该单位的年报。"))
    _require_state(report, {S.DRAFT}, _("修改"))
    before = {"chapters": report.chapters}
    report.chapters = _clean_chapters(chapters)
    report.save(update_fields=["chapters", "updated_at"])
    _audit(actor, "update_chapters", report, before, {"chapters": report.chapters}, request=request)
    return report


@transaction.atomic
def regenerate_chapters(actor, report: AnnualReport, request=None) -> AnnualReport:
    """Replace the narrative with fresh drafts from the platform's current figures."""
    report = _locked(report)
    _require(actor, "report.edit", report.organization_id, _("您没有权限修改该单位的年报。"))
    _require_state(report, {S.DRAFT}, _("重新生成正文"))
    before = {"chapters": report.chapters}
    computed = reading.live(report, with_activity=True)
    report.chapters = reading.draft_chapters(report.organization, report.year, computed)
    report.save(update_fields=["chapters", "updated_at"])
    _audit(actor, "regenerate_chapters", report, before, {"chapters": report.chapters}, request=request)
    return report


def public_path(report: AnnualReport) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("reports:report", kwargs={"org_id": report.organization_id, "year": report.year})


def _item_data(report: AnnualReport) -> dict:
    title = escape(report.title)
    body = (f"<p>{title}全文见：<a href=\"{public_path(report)}\">{title}</a>。"
            "全文页面提供网页版表格，并可下载 DOCX、PDF 和 JSON 格式文件。</p>")
    return {"title": report.title, "formed_on": timezone.localdate(), "doc_type": "报告", "topic": "01",
            "summary": report.title, "body": body}


@transaction.atomic
def submit(actor, report: AnnualReport, request=None) -> AnnualReport:
    """送审: the report goes to the unit's 审核员. Its information item in the 年报 catalog node is created (or
    updated) as a draft by the submitter; it moves through review only when the report is published, so
    the listing never links to a report that is not public."""
    report = _locked(report)
    _require(actor, "report.edit", report.organization_id, _("您没有权限送审该单位的年报。"))
    _require_state(report, {S.DRAFT}, _("送审"))
    node = node_by_key(report.organization, "annual_report")
    if node is None:
        raise ActionRefused(_("本单位目录中没有“政府信息公开工作年度报告”栏目，请单位管理员先生成内置目录。"))
    item = report.item
    if item is not None and item.state in (ItemState.DRAFT, ItemState.RETURNED):
        item = publishing.update_item(actor, item, _item_data(report), [node], request=request)
    else:
        item = publishing.create_item(actor, report.organization, _item_data(report), [node], request=request)
    report.item, report.state, report.submitted_by = item, S.SUBMITTED, actor
    report.save(update_fields=["item", "state", "submitted_by", "updated_at"])
    _audit(actor, "submit", report, {"state": S.DRAFT}, {"state": report.state}, request=request)
    return report


@transaction.atomic
def return_report(actor, report: AnnualReport, opinion: str, request=None) -> AnnualReport:
    """退回: back to the drafter with the 审核员's opinion."""
    report = _locked(report)
    _require(actor, "report.publish", report.organization_id, _("只有本单位审核员可以退回年报。"))
    _require_state(report, {S.SUBMITTED}, _("退回"))
    opinion = (opinion or "").strip()
    if not opinion:
        raise ActionRefused(_("退回时请填写审核意见。"))
    if report.item is not None and report.item.state == ItemState.SUBMITTED:  # submitted from the item pages
        report.item = publishing.return_item(actor, report.item, opinion, request=request)
    report.state = S.DRAFT
    report.save(update_fields=["state", "updated_at"])
    _audit(actor, "return", report, {"state": S.SUBMITTED}, {"state": report.state}, note=opinion, request=request)
    return report


def _publish_item(actor, report: AnnualReport, opinion: str, secrecy_checked: bool, request):
    """Take the report's item from wherever it is (someone may have moved it on the item pages) to 已发布:
    送审 by the 审核员, 审核通过 with the 保密审查 record (never by its own drafter), 发布."""
    item = report.item
    if item is None or item.state in (ItemState.WITHDRAWN, ItemState.DELETED):
        raise ActionRefused(_("年报对应的政府信息已被撤回或删除，请退回后重新送审。"))
    if item.state in (ItemState.DRAFT, ItemState.RETURNED):
        item = publishing.submit(actor, item, request=request)
    if item.state == ItemState.SUBMITTED:
        item = publishing.approve(actor, item, opinion, secrecy_checked, request=request)
    if item.state == ItemState.APPROVED:
        item = publishing.publish(actor, item, request=request)
    return item


@transaction.atomic
def render_files(report: AnnualReport) -> AnnualReport:
    """Render the DOCX and PDF of a published report from its frozen figures and store them (once: a
    report whose files exist is returned as it is). Publication renders them; the demo defers it to the
    first download, so that loading it stays fast."""
    report = _locked(report)
    if not report.is_published or (report.docx and report.pdf):
        return report
    content = reading.content_of(report, report.data)
    # Both files are deleted again if the transaction rolls back (gongkai.core.files).
    save_file(report.docx, "report.docx", ContentFile(render_docx.render(content)))
    save_file(report.pdf, "report.pdf", ContentFile(render_pdf.render(content)))
    report.save(update_fields=["docx", "pdf", "updated_at"])
    return report


@transaction.atomic
def publish(actor, report: AnnualReport, *, opinion: str, secrecy_checked: bool, override_reason: str = "",
            on: dt.date | None = None, render: bool = True, request=None) -> AnnualReport:
    """审核通过 (保密审查) and 公布: freeze the figures, render DOCX and PDF, publish the item. A report that
    fails a check is published only with `override_reason`, recorded in the report and the audit log."""
    report = _locked(report)
    _require(actor, "report.publish", report.organization_id, _("只有本单位审核员可以公布年报。"))
    _require_state(report, {S.SUBMITTED}, _("公布"))
    _require_year_ended(report.year, on or timezone.localdate())
    # 条例第十七条: checked here, as the report's item may already be approved on the item pages.
    opinion = require_secrecy_review(secrecy_checked, opinion)
    computed = reading.live(report)
    results = reading.run_checks(report, computed.data)
    failed = failures(results)
    override_reason = (override_reason or "").strip()
    if failed and not override_reason:
        raise ActionRefused(_("年报未通过校验（%(checks)s）。请先更正；确需公布的，请填写未通过校验仍公布的理由。")
                            % {"checks": "；".join(str(c.label) for c in failed)})
    report.item = _publish_item(actor, report, opinion, secrecy_checked, request)
    report.state, report.data, report.checks = S.PUBLISHED, computed.data, reading.check_dicts(results)
    report.override_reason = override_reason if failed else ""
    report.published_on, report.published_by = on or timezone.localdate(), actor
    report.save()
    if render:
        report = render_files(report)
    _audit(actor, "publish", report, {"state": S.SUBMITTED},
           {"state": report.state, "published_on": report.published_on.isoformat(),
            "failed_checks": [c.key for c in failed]}, request=request)
    if failed:
        _audit(actor, "publish_override", report, after={"failed_checks": [c.key for c in failed]},
               note=override_reason, request=request)
    return report


@transaction.atomic
def reopen(actor, report: AnnualReport, reason: str, request=None) -> AnnualReport:
    """撤回更正: the published report goes back to draft; its page is withdrawn with the reason shown."""
    report = _locked(report)
    _require(actor, "report.publish", report.organization_id, _("只有本单位审核员可以撤回年报。"))
    _require_state(report, {S.PUBLISHED}, _("撤回更正"))
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(_("撤回须说明原因，原因将在原信息页面上向公众显示。"))
    if report.item is not None:
        report.item = publishing.withdraw(actor, report.item, reason, request=request)
    before = {"state": report.state, "published_on": report.published_on.isoformat() if report.published_on else None}
    report.state, report.data, report.checks, report.override_reason = S.DRAFT, None, [], ""
    report.published_on = report.published_by = None
    report.docx.delete(save=False)
    report.pdf.delete(save=False)
    report.save()
    _audit(actor, "reopen", report, before, {"state": report.state}, note=reason, request=request)
    return report
