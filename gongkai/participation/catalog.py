"""重大行政决策事项目录 (work plan §5 「制定发布重大行政决策事项目录、标准」, §7 后评估): catalogs per
government and year with their 标准, entries whose adjustments keep their history (django-simple-history),
execution updates, the 后评估, and the XLSX import/export in the columns units write the catalog in."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record, snapshot
from gongkai.core import exports, sheets
from gongkai.core.forms import is_plain_text, plain_text_message
from gongkai.core.sanitize import html_to_text, sanitize_html
from gongkai.core.services import ActionRefused
from gongkai.participation.common import clean_text, decision_item, refresh_public_pages, require
from gongkai.participation.models import DecisionCatalog, DecisionEntry, ExecutionUpdate, PublishState
from gongkai.participation.outcome import require_closed

HEADER = ["序号", "事项名称", "承办单位", "决策依据", "拟决策时间", "是否听证", "是否征求意见", "状态", "状态说明"]
MAX_IMPORT_ROWS = 500
MAX_IMPORT_BYTES = 2 * 1024 * 1024
YES, NO = "是", "否"
ENTRY_FIELDS = ["number", "title", "lead_unit", "basis", "planned_time", "needs_hearing", "needs_consultation",
                "status", "status_reason"]
REASON_NEEDED = (DecisionEntry.Status.ADJUSTED, DecisionEntry.Status.TERMINATED)


@transaction.atomic
def create_catalog(actor, organization, year: int, standard: str, request=None) -> DecisionCatalog:
    require(actor, "participation.manage", organization.id)
    if not 2000 <= int(year) <= 2100:
        raise ActionRefused(_("年度须为2000—2100之间的年份。"))
    if DecisionCatalog.objects.filter(organization=organization, year=year).exists():
        raise ActionRefused(_("%(year)s年的重大行政决策事项目录已存在。") % {"year": year})
    catalog = DecisionCatalog.objects.create(organization=organization, year=year, standard=(standard or "").strip())
    record(actor, "participation.create_catalog", catalog, organization=organization, request=request)
    return catalog


@transaction.atomic
def update_standard(actor, catalog: DecisionCatalog, standard: str, request=None) -> DecisionCatalog:
    require(actor, "participation.manage", catalog.organization_id)
    before = snapshot(catalog, ["standard"])
    catalog.standard = (standard or "").strip()
    catalog.save(update_fields=["standard", "updated_at"])
    record(actor, "participation.update_standard", catalog, organization=catalog.organization, before=before,
           after=snapshot(catalog, ["standard"]), request=request)
    refresh_public_pages()
    return catalog


@transaction.atomic
def publish_catalog(actor, catalog: DecisionCatalog, request=None) -> DecisionCatalog:
    require(actor, "participation.publish", catalog.organization_id)
    if catalog.state == PublishState.PUBLISHED:
        raise ActionRefused(_("目录已经发布。"))
    if not catalog.standard.strip():
        raise ActionRefused(_("请先填写重大行政决策事项标准，再发布目录。"))
    if not catalog.entries.exists():
        raise ActionRefused(_("目录中还没有事项。"))
    catalog.state, catalog.published_at = PublishState.PUBLISHED, timezone.now()
    catalog.save(update_fields=["state", "published_at", "updated_at"])
    record(actor, "participation.publish_catalog", catalog, organization=catalog.organization, request=request)
    refresh_public_pages()
    return catalog


def _entry_values(data: dict) -> dict:
    values = {name: data.get(name) for name in ENTRY_FIELDS if name in data}
    values["title"] = clean_text(values.get("title"), 200)
    values["lead_unit"] = clean_text(values.get("lead_unit"), 200)
    if not values["title"] or not values["lead_unit"]:
        raise ActionRefused(_("请填写事项名称和承办单位。"))
    try:
        values["number"] = int(values.get("number"))
    except (TypeError, ValueError) as exc:
        raise ActionRefused(_("序号须为正整数。")) from exc
    if values["number"] < 1:
        raise ActionRefused(_("序号须为正整数。"))
    values["planned_time"] = clean_text(values.get("planned_time"), 50)
    values["basis"] = (values.get("basis") or "").strip()
    values["status"] = values.get("status") or DecisionEntry.Status.PLANNED
    if values["status"] not in DecisionEntry.Status.values:
        raise ActionRefused(_("状态不正确。"))
    values["status_reason"] = (values.get("status_reason") or "").strip()
    if values["status"] in REASON_NEEDED and not values["status_reason"]:
        raise ActionRefused(_("事项“%(title)s”已调整或已终止的，须说明原因。") % {"title": values["title"]})
    for name in ("title", "lead_unit", "planned_time", "basis", "status_reason"):  # the form's rule, for the import too
        if not is_plain_text(values[name], bidi=False):
            raise ActionRefused(plain_text_message(DecisionEntry._meta.get_field(name).verbose_name))
    return values


def _save_entry(actor, catalog, entry, values, request, note=""):
    before = snapshot(entry, ENTRY_FIELDS) if entry.pk else {}
    if values["number"] != entry.number and catalog.entries.filter(number=values["number"]).exclude(pk=entry.pk).exists():
        raise ActionRefused(_("序号%(n)s已被其他事项使用。") % {"n": values["number"]})
    for name, value in values.items():
        setattr(entry, name, value)
    entry._change_reason = note or values.get("status_reason", "")
    entry.save()
    record(actor, "participation.save_entry", entry, organization=catalog.organization, before=before,
           after=snapshot(entry, ENTRY_FIELDS), note=note, request=request)
    return entry


@transaction.atomic
def save_entry(actor, catalog: DecisionCatalog, data: dict, entry: DecisionEntry | None = None, request=None):
    require(actor, "participation.manage", catalog.organization_id)
    entry = entry or DecisionEntry(catalog=catalog)
    result = _save_entry(actor, catalog, entry, _entry_values(data), request)
    refresh_public_pages()
    return result


@transaction.atomic
def link_entry_decision(actor, entry: DecisionEntry, index_no: str, request=None) -> DecisionEntry:
    require(actor, "participation.manage", entry.catalog.organization_id)
    for consultation in entry.consultations.filter(state=PublishState.PUBLISHED).order_by("-closes_on"):
        require_closed(consultation)  # as on the consultation's page: the decision follows the consultation
    item = decision_item(entry.catalog.organization, index_no)  # the catalog's government decides
    index_no = item.index_no
    entry.decision_item = item
    if entry.status in (entry.Status.PLANNED, entry.Status.CONSULTING):
        entry.status = entry.Status.DECIDED
    entry.save()
    record(actor, "participation.link_decision", entry, organization=entry.catalog.organization, note=index_no,
           request=request)
    refresh_public_pages()
    return entry


def _locked(entry: DecisionEntry) -> DecisionEntry:
    """The entry as stored, locked: the caller's instance may predate a change made elsewhere (linking the
    decision marks it 已决策 on a fresh copy), and saving a stale copy would put its old status back."""
    return DecisionEntry.objects.select_for_update().select_related("catalog__organization").get(pk=entry.pk)


@transaction.atomic
def add_update(actor, entry: DecisionEntry, reported_on: dt.date, text: str, request=None) -> ExecutionUpdate:
    """执行情况 by the 承办单位 (§7 跟踪反馈), published on the catalog page."""
    entry = _locked(entry)
    require(actor, "participation.manage", entry.catalog.organization_id)
    text = (text or "").strip()
    if not reported_on or not text:
        raise ActionRefused(_("请填写报告日期和执行情况。"))
    if entry.status != entry.Status.DECIDED:
        raise ActionRefused(_("只有已决策的事项才能报告执行情况。"))
    update = ExecutionUpdate.objects.create(entry=entry, reported_on=reported_on, text=text[:5000])
    record(actor, "participation.add_update", update, organization=entry.catalog.organization, object_repr=entry.title,
           request=request)
    refresh_public_pages()
    return update


@transaction.atomic
def evaluate(actor, entry: DecisionEntry, evaluated_on: dt.date, conclusion: str, report: str, request=None):
    """后评估 (§7): the conclusion and the report, published; the catalog shows the entry as evaluated."""
    entry = _locked(entry)
    require(actor, "participation.publish", entry.catalog.organization_id)
    if entry.status != entry.Status.DECIDED:
        raise ActionRefused(_("只有已决策的事项才能开展后评估。"))
    conclusion = clean_text(conclusion, 300)
    report = sanitize_html(report or "")
    if not evaluated_on or not conclusion or not html_to_text(report).strip():
        raise ActionRefused(_("请填写评估日期、评估结论和评估报告。"))
    before = snapshot(entry, ["evaluated_on", "evaluation_conclusion"])
    entry.evaluated_on, entry.evaluation_conclusion, entry.evaluation_report = evaluated_on, conclusion, report
    entry._change_reason = _("后评估")
    entry.save()
    record(actor, "participation.evaluate", entry, organization=entry.catalog.organization, before=before,
           after=snapshot(entry, ["evaluated_on", "evaluation_conclusion"]), request=request)
    refresh_public_pages()
    return entry


# --- XLSX ---------------------------------------------------------------------------------------------
STATUS_BY_LABEL = {str(label): code for code, label in DecisionEntry.Status.choices}


def export_xlsx(catalog: DecisionCatalog) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = str(catalog.year)
    exports.write_row(sheet, 1, HEADER)
    for row, entry in enumerate(catalog.entries.order_by("number"), start=2):
        exports.write_row(sheet, row, [
            entry.number, entry.title, entry.lead_unit, entry.basis, entry.planned_time,
            YES if entry.needs_hearing else NO, YES if entry.needs_consultation else NO,
            entry.get_status_display(), entry.status_reason])
    for column, width in zip("ABCDEFGHI", (6, 40, 24, 40, 14, 10, 12, 12, 30), strict=True):
        sheet.column_dimensions[column].width = width
    return exports.save(book)


def _flag(value, row: int, column: str) -> bool:
    text = str(value or "").strip()
    if text in (YES, "Y", "y", "1", "TRUE", "True", "true"):
        return True
    if text in (NO, "", "N", "n", "0", "FALSE", "False", "false"):
        return False
    raise ActionRefused(_("第%(row)s行“%(col)s”须填“是”或“否”。") % {"row": row, "col": column})


def parse_xlsx(data: bytes) -> list[dict]:
    try:
        rows = sheets.read_xlsx(data, max_rows=MAX_IMPORT_ROWS + 1, max_columns=len(HEADER), seconds=20)
    except sheets.SheetError as exc:
        raise ActionRefused(str(exc)) from exc
    if not rows or [str(v or "").strip() for v in rows[0][:len(HEADER)]] != HEADER:
        raise ActionRefused(_("表头须为：%(h)s（可先导出目录作为模板）。") % {"h": "、".join(HEADER)})
    parsed = []
    for index, values in sheets.numbered(rows):
        values = list(values) + [None] * (len(HEADER) - len(values))
        if not any(str(v or "").strip() for v in values):
            continue
        status_label = str(values[7] or "").strip() or str(DecisionEntry.Status.PLANNED.label)
        if status_label not in STATUS_BY_LABEL:
            raise ActionRefused(_("第%(row)s行的状态“%(s)s”不正确，应为：%(all)s。") % {
                "row": index, "s": status_label, "all": "、".join(STATUS_BY_LABEL)})
        parsed.append({"row": index, "number": values[0], "title": str(values[1] or ""), "lead_unit": str(values[2] or ""),
                       "basis": str(values[3] or ""), "planned_time": str(values[4] or ""),
                       "needs_hearing": _flag(values[5], index, HEADER[5]),
                       "needs_consultation": _flag(values[6], index, HEADER[6]),
                       "status": STATUS_BY_LABEL[status_label], "status_reason": str(values[8] or "")})
    if not parsed:
        raise ActionRefused(_("表格中没有事项。"))
    return parsed


@transaction.atomic
def import_xlsx(actor, catalog: DecisionCatalog, data: bytes, request=None) -> tuple[int, int]:
    """(created, updated). Rows are matched by 序号; a changed row keeps its history. One bad row and
    nothing is imported (the error names the row)."""
    require(actor, "participation.manage", catalog.organization_id)
    if len(data) > MAX_IMPORT_BYTES:
        raise ActionRefused(_("文件过大（上限 2 MB）。"))
    rows = parse_xlsx(data)
    existing = {entry.number: entry for entry in catalog.entries.all()}
    created = updated = 0
    seen = set()
    for row in rows:
        try:
            values = _entry_values(row)
        except ActionRefused as exc:
            raise ActionRefused(_("第%(row)s行：%(reason)s") % {"row": row["row"], "reason": exc.reason}) from exc
        if values["number"] in seen:
            raise ActionRefused(_("第%(row)s行：序号%(n)s重复。") % {"row": row["row"], "n": values["number"]})
        seen.add(values["number"])
        entry = existing.get(values["number"])
        if entry is None:
            _save_entry(actor, catalog, DecisionEntry(catalog=catalog), values, request, note=_("导入"))
            created += 1
        elif any(getattr(entry, k) != v for k, v in values.items()):
            _save_entry(actor, catalog, entry, values, request, note=_("导入"))
            updated += 1
    record(actor, "participation.import_catalog", catalog, organization=catalog.organization,
           after={"created": created, "updated": updated}, request=request)
    refresh_public_pages()
    return created, updated


def entry_history(entry: DecisionEntry) -> list[dict]:
    """The public history of an entry: each change of its status or planned time, oldest first."""
    changes = []
    previous = None
    for version in entry.history.order_by("history_date", "history_id"):
        if previous is None or (version.status, version.planned_time, version.title) != (
                previous.status, previous.planned_time, previous.title):
            changes.append({"date": version.history_date, "status": DecisionEntry.Status(version.status).label,
                            "planned_time": version.planned_time, "title": version.title,
                            "reason": version.status_reason if version.status in REASON_NEEDED else "",
                            "first": previous is None})
        previous = version
    return changes
