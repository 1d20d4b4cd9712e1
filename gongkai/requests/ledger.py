"""依申请公开台账 import and export, exactly as shared/spec/request-ledger.md.

Export: one row per case; 答复期限 and 是否逾期 are computed; 证件号码 and 联系方式 only for rows whose unit
the exporting user may see personal data of. Import: every row is validated first; one bad row and
nothing changes (a report lists each bad row, its column and the reason, in Chinese). A row whose 申请编号
exists updates that case: a ledger-imported case is replaced by the row; a case handled on the platform —
also one imported from a ledger and worked on the platform since (ledger_activity) — keeps what the platform
recorded (a differing column is an error) and only its 备注 is taken.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.core.i18n import in_document_language
from gongkai.core.masking import mask_numbers
from gongkai.requests.choices import Channel, RemedyKind, State
from gongkai.requests.clock import case_clocks
from gongkai.requests.ledger_activity import handled_on_platform
from gongkai.requests.ledger_compare import differing_column
from gongkai.requests.ledger_io import EXPORT_ONLY, HEADERS, LedgerFileError, read
from gongkai.requests.ledger_rows import CHANNELS, RowRefused, parse_row, text_of
from gongkai.requests.models import ClockEvent, Remedy, RequestCase
from gongkai.requests.services.common import sync_dates
from gongkai.requests.services.intake import _tracking_number, applicant_digest
from gongkai.workdays import clocks, statute

K = ClockEvent.Kind
CHANNEL_LABELS = {**{v: k for k, v in CHANNELS.items()}, Channel.ORDINARY_LETTER: "邮寄"}
__all__ = ["LedgerFileError", "export_audited", "export_rows", "import_ledger"]
PLATFORM_CASE = "该申请在平台上办理，时间节点和办理结果须在平台上修改（台账只能更新备注）。"
HANDLED_AFTER_IMPORT = "该申请由台账导入后已在平台上办理，时间节点和办理结果须在平台上修改（台账只能更新备注）。"


# --- export ----------------------------------------------------------------------------------------


def _spans(events) -> list[ClockEvent]:
    return sorted([e for e in events if e.kind == K.CONSULTATION], key=lambda e: (e.on, e.id))


def _last(events, kind):
    found = [e for e in events if e.kind == kind]
    return max(found, key=lambda e: (e.on, e.id)) if found else None


def _remedy(remedies, kind):
    found = [r for r in remedies if r.kind == kind]
    return found[-1] if found else None


def export_row(case: RequestCase, personal: bool, today: dt.date, cal=None) -> dict:
    events = [e for e in case.clock_events.all() if e.voided_at is None]
    notice, corrected = _last(events, K.CORRECTION_NOTICE), _last(events, K.CORRECTION_RECEIVED)
    fee = _last(events, K.FEE)
    spans = _spans(events)
    review = _remedy(list(case.remedies.all()), RemedyKind.REVIEW)
    lawsuit = _remedy(list(case.remedies.all()), RemedyKind.LITIGATION)
    reply_line = next((line for line in case_clocks(case, today, cal).lines if line.key == "reply"), None)
    due = reply_line.due if reply_line and not reply_line.error else None
    pending = reply_line.pending_label if reply_line else ""
    row = {
        "申请编号": case.tracking_number, "受理机关": case.organization.name,
        "申请人类型": case.get_applicant_type_display(), "申请人": case.applicant_name,
        "证件号码": case.id_number if personal else "",
        "联系方式": (case.phone or case.email or case.address) if personal else "",
        "申请方式": CHANNEL_LABELS[case.channel], "收到申请日期": case.received_on or "",
        # Free text where an ID or mobile number may have been typed: masked unless the reader may see them.
        "申请内容": case.info_description if personal else mask_numbers(case.info_description),
        "补正告知日期": notice.on if notice else "", "收到补正日期": corrected.on if corrected else "",
        "征求意见发出日期": "", "征求意见答复日期": "", "征求意见期间": "",
        "收费通知日期": fee.on if fee else "", "缴费日期": (fee.until or "") if fee else "",
        "延期工作日": sum(e.workdays or 0 for e in events if e.kind == K.EXTENSION),
        "适用条例": statute.reply_regime(case.received_on).name if case.received_on else "",
        "答复期限": due or pending, "答复日期": case.replied_on or "",
        # 办理结果 goes with 答复日期 (request-ledger.md): a drafted reply awaiting review is no result yet.
        "办理结果": case.outcome if case.replied_on else "",
        "收费金额": case.fee_yuan if case.fee_yuan is not None else "",
        "行政复议": review.get_result_display() if review else "",
        "行政诉讼": lawsuit.get_result_display() if lawsuit else "",
        "诉讼类型": lawsuit.get_litigation_type_display() if lawsuit else "",
        "行政复议申请日期": (review.filed_on or "") if review else "",
        "行政复议决定日期": (review.decided_on or "") if review else "",
        "行政诉讼起诉日期": (lawsuit.filed_on or "") if lawsuit else "",
        "行政诉讼裁判日期": (lawsuit.decided_on or "") if lawsuit else "",
        "是否逾期": _overdue_cell(case, reply_line, due, today),
        "备注": case.note if personal else mask_numbers(case.note),
    }
    if len(spans) == 1:
        row["征求意见发出日期"], row["征求意见答复日期"] = spans[0].on, spans[0].until or ""
    elif spans:
        row["征求意见期间"] = ";".join(f"{s.on.isoformat()}~{s.until.isoformat() if s.until else ''}" for s in spans)
    return row


def _overdue_cell(case, reply_line, due, today: dt.date) -> str:
    """是否逾期 as request-ledger.md defines it: 是 when replied (or, while open, today) after 答复期限 — also
    for an open case whose wait began after the deadline had passed, or outlasted the deadline as it stood
    when it began (the deadline no longer moves: the case page shows it overdue too). Where the deadline falls in a year whose 放假/调休 days are not entered (期限待定), a reply
    the clock judges on time (workdays.clocks.reply_state) is 否; otherwise nothing can be said yet."""
    if due is not None:
        return "是" if (case.replied_on or today) > due else "否"
    if reply_line is not None and reply_line.state == clocks.DeadlineState.MET:
        return "否"
    return ""


@in_document_language
def export_rows(cases, may_see_personal, today: dt.date | None = None) -> list[dict]:
    """`may_see_personal(case) -> bool` decides, per row, whether ID and contact are exported. A case still
    待确认 has no 收到申请日期 yet (第三十一条: the day both sides confirm) and is no ledger row: 收到申请日期 is
    required in every row (request-ledger.md), so such a row could not be imported back."""
    from gongkai.workdays.calendar import WorkdayCalendar

    today, cal = today or timezone.localdate(), WorkdayCalendar()
    cases = cases.filter(received_on__isnull=False).select_related("organization").prefetch_related(
        "clock_events", "remedies", "consultations__event", "fee_notices__event").order_by("received_on", "id")
    return [export_row(case, may_see_personal(case), today, cal) for case in cases]


@dataclass
class ExportedUnit:
    """What one organization's cases gave an export: how many rows, and whether full numbers were in them."""

    organization: object
    rows: int = 0
    personal: bool = False


def export_audited(actor, cases, may_see_personal, *, organization=None, year: int | None = None,
                   file_format: str = "xlsx", request=None, today: dt.date | None = None) -> list[dict]:
    """export_rows, with the audit log told what left: one event per exported organization, filed under
    it (its 单位管理员 sees it), naming the year, the row count, the format and whether full ID and phone
    numbers were included. An export without rows is recorded under the chosen organization, or without
    one when all were asked for."""
    units: dict[int, ExportedUnit] = {}

    def tallied(case) -> bool:
        personal = bool(may_see_personal(case))
        unit = units.setdefault(case.organization_id, ExportedUnit(case.organization))
        unit.rows += 1
        unit.personal = unit.personal or personal
        return personal

    rows = export_rows(cases, tallied, today)
    if not units:
        units[organization.pk if organization else 0] = ExportedUnit(organization)
    with transaction.atomic():
        for unit in units.values():
            record(actor, "request.ledger_export", None, organization=unit.organization,
                   object_type="requests.ledger", object_repr=unit.organization.name if unit.organization else "",
                   note=export_note(unit, year, file_format, every_unit=organization is None), request=request)
    return rows


def export_note(unit: ExportedUnit, year: int | None, file_format: str, every_unit: bool) -> str:
    """「2026年度，12 行，XLSX，含完整证件号码和联系方式（导出全部机关时）」, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        note = _("%(year)s，%(rows)d 行，%(format)s，%(personal)s") % {
            "year": _("%(year)d年度") % {"year": year} if year else _("全部年度"), "rows": unit.rows,
            "format": file_format.upper(),
            "personal": _("含完整证件号码和联系方式") if unit.personal else _("不含证件号码和联系方式")}
        return note + (_("（导出全部机关时）") if every_unit else "")


# --- import ----------------------------------------------------------------------------------------


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        return f"第{self.row}行【{self.column}】{self.message}" if self.column else f"第{self.row}行：{self.message}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if self.errors:
            return f"导入失败：{len(self.errors)} 处错误，未作任何修改。"
        return f"导入成功：新建 {self.created} 条，更新 {self.updated} 条，未变化 {self.unchanged} 条。"


def _normalized(row: dict, column: str) -> str:
    value = row.get(column, "")
    text = value.isoformat() if isinstance(value, dt.date) else str(value if value is not None else "").strip()
    return "0" if column == "延期工作日" and not text else text  # an empty cell is no extension, as exported: 0


def import_ledger(actor, name: str, data: bytes, allowed_organization_ids=None) -> ImportReport:
    """Validate every row, then (only if all are good) create and update, all in one transaction: the cases
    a row updates are locked while their rows are checked, so platform work cannot slip in between."""
    headers, rows = read(name, data)
    with transaction.atomic():
        return _import(actor, headers, rows, allowed_organization_ids)


def _import(actor, headers, rows, allowed_organization_ids) -> ImportReport:
    report = ImportReport()
    unknown = [h for h in headers if h and h not in HEADERS]
    if unknown:
        report.notes.append(f"以下列不属于台账格式，其内容已保存到“备注”：{'、'.join(unknown)}。")
    planned, seen = [], set()
    today = timezone.localdate()
    for number, values in rows:
        try:
            parsed = parse_row(values)
            if allowed_organization_ids is not None and parsed["organization"].id not in allowed_organization_ids:
                raise RowRefused("受理机关", "您没有导入该机关台账的权限。")
            extra = "；".join(f"{h}：{text_of(values, h)}" for h in unknown if text_of(values, h))
            parsed["note"] = "；".join(p for p in (parsed["note"], extra) if p)
            number_text = text_of(values, "申请编号").upper()
            if number_text and number_text in seen:
                raise RowRefused("申请编号", "文件中重复出现。")
            if len(number_text) > 40:
                raise RowRefused("申请编号", "不超过40个字符。")
            existing = (RequestCase.objects.select_for_update().filter(tracking_number=number_text).first()
                        if number_text else None)
            if existing and allowed_organization_ids is not None and existing.organization_id not in allowed_organization_ids:
                raise RowRefused("申请编号", "该申请属于其他机关。")
            if existing is not None:
                _keep_unmasked(existing, values, parsed)
            kept = existing is not None and handled_on_platform(existing)
            if kept:
                column = differing_column(values, parsed, number_text, export_row(existing, True, today))
                if column:
                    raise RowRefused(column, PLATFORM_CASE if existing.source == RequestCase.Source.PLATFORM
                                     else HANDLED_AFTER_IMPORT)
            seen.add(number_text)
            planned.append((values, number_text, existing, parsed, kept))
        except RowRefused as bad:
            report.errors.append(RowError(number, bad.column, bad.message))
    if report.errors:
        return report
    for values, number_text, existing, parsed, kept in planned:
        if existing is None:
            _create(actor, number_text, parsed)
            report.created += 1
        elif _same(existing, values, parsed, today):
            report.unchanged += 1
        elif _apply(actor, existing, parsed, kept):
            report.updated += 1
        else:
            report.unchanged += 1
    return report


def _keep_unmasked(case: RequestCase, values: dict, parsed: dict) -> None:
    """A file exported by someone who may not see personal numbers has 申请内容 and 备注 masked: where the
    row says just what the case says, masked, the case's own text stands (re-importing changes nothing)."""
    for column, key, stored in (("申请内容", "content", case.info_description), ("备注", "note", case.note)):
        if stored and parsed[key] != stored and parsed[key] == mask_numbers(stored):
            parsed[key] = stored
            if column in values:
                values[column] = stored


def _create(actor, number_text: str, parsed: dict) -> RequestCase:
    case = RequestCase(source=RequestCase.Source.LEDGER,
                       submitted_at=timezone.make_aware(dt.datetime.combine(parsed["received"], dt.time(9))),
                       tracking_number=number_text or _tracking_number(parsed["received"].year))
    _fill(case, parsed)
    case.save()
    _rebuild(actor, case, parsed)
    record(actor, "request.ledger_import", case, organization=case.organization, note="新建")
    return case


def _fill(case: RequestCase, parsed: dict) -> None:
    case.organization = parsed["organization"]
    for attr in ("applicant_type", "applicant_name", "channel"):
        setattr(case, attr, parsed[attr])
    if parsed["id_number"]:
        case.id_number, case.id_digest = parsed["id_number"], applicant_digest(parsed["id_number"])
    if parsed["phone"] or parsed["email"] or parsed["address"]:
        case.phone, case.email, case.address = parsed["phone"], parsed["email"], parsed["address"]
    case.info_description, case.outcome, case.fee_yuan = parsed["content"], parsed["outcome"], parsed["fee"]
    case.note = parsed["note"]
    case.state = _state(parsed)


def _state(parsed: dict) -> str:
    if parsed["replied"]:
        return State.ARCHIVED  # a finished case from the unit's own records: nothing left to do here
    if parsed["notice"] and not parsed["corrected"]:
        return State.CORRECTION
    return State.PROCESSING


def _rebuild(actor, case: RequestCase, parsed: dict) -> None:
    case.clock_events.all().delete()
    case.remedies.all().delete()
    events = [ClockEvent(case=case, kind=K.RECEIVED, on=parsed["received"], label="台账导入", recorded_by=actor)]
    if parsed["notice"]:
        events.append(ClockEvent(case=case, kind=K.CORRECTION_NOTICE, on=parsed["notice"], recorded_by=actor))
    if parsed["corrected"]:
        events.append(ClockEvent(case=case, kind=K.CORRECTION_RECEIVED, on=parsed["corrected"], recorded_by=actor))
    for start, end in parsed["spans"]:
        events.append(ClockEvent(case=case, kind=K.CONSULTATION, on=start, until=end, label="征求意见",
                                 recorded_by=actor))
    if parsed["fee_wait"]:
        notice, paid = parsed["fee_wait"]
        events.append(ClockEvent(case=case, kind=K.FEE, on=notice, until=paid, label="等待缴费", recorded_by=actor))
    if parsed["extension"]:
        events.append(ClockEvent(case=case, kind=K.EXTENSION, on=parsed["received"], workdays=parsed["extension"],
                                 label="台账导入", recorded_by=actor))
    if parsed["replied"]:
        events.append(ClockEvent(case=case, kind=K.REPLIED, on=parsed["replied"], note=parsed["outcome"],
                                 recorded_by=actor))
    ClockEvent.objects.bulk_create(events)
    Remedy.objects.bulk_create([Remedy(case=case, kind=k, result=r, litigation_type=t, recorded_by=actor,
                                       filed_on=filed, decided_on=decided)
                                for k, r, t, filed, decided in parsed["remedies"]])
    sync_dates(case)
    case.save(update_fields=["received_on", "replied_on", "clock_changed"])


def _same(case: RequestCase, values: dict, parsed: dict, today: dt.date) -> bool:
    """True when the row says what the case already says (so re-importing an export touches nothing)."""
    current = export_row(case, True, today)
    columns = [h for h in HEADERS if h not in EXPORT_ONLY and h in values and h not in ("备注", "申请编号")]
    if case.note != parsed["note"]:
        return False
    return all(_normalized(values, h) == _normalized(current, h) for h in columns
               if not (h in ("证件号码", "联系方式") and not _normalized(values, h)))


def _apply(actor, case: RequestCase, parsed: dict, kept: bool) -> bool:
    """Update an existing case from its row; True when something changed. A `kept` case (handled on the
    platform: ledger_activity) takes only 备注; any other is replaced by its row."""
    before = export_row(case, True, timezone.localdate())
    if kept:
        if case.note == parsed["note"]:
            return False
        case.note = parsed["note"]
        case.save(update_fields=["note", "updated_at"])
    else:
        _fill(case, parsed)
        case.save()
        _rebuild(actor, case, parsed)
    after = export_row(RequestCase.objects.get(pk=case.pk), True, timezone.localdate())
    changed = {h: [str(before[h]), str(after[h])] for h in HEADERS
               if h not in ("证件号码", "联系方式") and _normalized(before, h) != _normalized(after, h)}
    if changed:
        record(actor, "request.ledger_import", case, organization=case.organization, note="更新",
               after={"columns": sorted(changed)})
    return bool(changed) or _normalized(before, "证件号码") != _normalized(after, "证件号码")
