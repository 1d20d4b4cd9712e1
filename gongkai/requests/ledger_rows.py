"""Validating one 台账 row (shared/spec/request-ledger.md and the optional columns of docs/requests.md):
`parse_row` turns a row into what the import stores, or raises RowRefused with the column and a Chinese
reason. Used by gongkai.requests.ledger."""

import datetime as dt
import re

from django.utils import timezone

from gongkai.core import crypto
from gongkai.core.forms import CONTROL_CHARS, EARLIEST_DATE
from gongkai.organizations.services import find_organization
from gongkai.requests.choices import ApplicantType, Channel, LitigationType, RemedyKind, RemedyResult
from gongkai.requests.ledger_io import REMEDY_DATE_COLUMNS
from gongkai.requests.outcomes import Outcome, parse_outcome
from gongkai.requests.services.intake import takes_requests
from gongkai.workdays import statute

TYPES = {str(label): value for value, label in ApplicantType.choices}
CHANNELS = {"当面": Channel.IN_PERSON, "邮寄": Channel.POST, "网络": Channel.ONLINE, "传真": Channel.FAX,
            "电子邮件": Channel.EMAIL, "口头": Channel.ORAL}
RESULTS = {str(label): value for value, label in RemedyResult.choices}
LITIGATION_TYPES = {str(label): value for value, label in LitigationType.choices}
# 收费金额 is stored in a PositiveIntegerField: a larger number is a typing error, refused before it reaches
# the database (where it would not fit).
MAX_FEE_YUAN = 2_147_483_647
PHONE = re.compile(r"^[\d\-+() ]{7,20}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class RowRefused(Exception):
    def __init__(self, column, message):
        self.column, self.message = column, message


def text_of(values, column) -> str:
    value = values.get(column, "")
    return value.isoformat() if isinstance(value, dt.date) else str(value).strip()


def _date(values, column, required=False):
    value = values.get(column, "")
    if isinstance(value, dt.date):
        return _checked_day(value, column)
    text = str(value).strip()
    if not text:
        if required:
            raise RowRefused(column, "必须填写。")
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError as exc:
        raise RowRefused(column, f"“{text}”不是日期，请写成 YYYY-MM-DD，例如 2020-03-02。") from exc
    return _checked_day(day, column)


def _checked_day(day: dt.date, column: str) -> dt.date:
    """Every date of a 台账 row records something that has happened: not after today, and not before
    core.forms.EARLIEST_DATE (a year-1 or year-9999 date is a typing error the clocks cannot count)."""
    if day > timezone.localdate():
        raise RowRefused(column, f"“{day.isoformat()}”晚于今天，台账只记录已经发生的事项，请核对。")
    if day < EARLIEST_DATE:
        raise RowRefused(column, f"“{day.isoformat()}”早于{EARLIEST_DATE.isoformat()}，请核对。")
    return day


def _spans_of(values, received) -> list[tuple[dt.date, dt.date | None]]:
    sent, answered, period = _date(values, "征求意见发出日期"), _date(values, "征求意见答复日期"), text_of(values, "征求意见期间")
    if period and (sent or answered):
        raise RowRefused("征求意见期间", "与“征求意见发出日期/答复日期”只能填写一种。")
    spans = []
    if sent or answered:
        if not sent:
            raise RowRefused("征求意见发出日期", "填写了答复日期但没有发出日期。")
        spans.append((sent, answered))
    for part in [p.strip() for p in period.split(";") if p.strip()]:
        start, sep, end = part.partition("~")
        try:
            span = (dt.date.fromisoformat(start.strip()), dt.date.fromisoformat(end.strip()) if end.strip() else None)
        except ValueError as exc:
            raise RowRefused("征求意见期间", f"“{part}”格式不正确，应为 2020-03-04~2020-03-11，多段以分号分隔。") from exc
        if not sep:
            raise RowRefused("征求意见期间", f"“{part}”缺少“~”。")
        spans.append(tuple(day and _checked_day(day, "征求意见期间") for day in span))
    for start, end in spans:
        if start < received:
            raise RowRefused("征求意见期间" if period else "征求意见发出日期", "征求意见不能早于收到申请日期。")
        if end and end < start:
            raise RowRefused("征求意见期间" if period else "征求意见答复日期", "答复日期不能早于发出日期。")
    return spans


def _refuse_control_characters(values) -> None:
    """A control character (other than tab and line breaks) pasted into a cell would be stored and later
    break the letters and exports made from the case: the row is refused, naming the column."""
    for column, value in values.items():
        if isinstance(value, str) and CONTROL_CHARS.search(value):
            raise RowRefused(column, "不能包含控制字符，请只填写文字。")


def parse_row(values) -> dict:
    _refuse_control_characters(values)
    org = find_organization(text_of(values, "受理机关"))
    if org is None:
        raise RowRefused("受理机关", f"找不到机关“{text_of(values, '受理机关')}”（填写统一社会信用代码或机关全称）。")
    if not takes_requests(org):  # the one rule of every path that gives a unit a case
        raise RowRefused("受理机关", f"{org.name}是党委工作机关，不适用《政府信息公开条例》，不受理政府信息公开申请。")
    kind = TYPES.get(text_of(values, "申请人类型"))
    if kind is None:
        raise RowRefused("申请人类型", f"应为 {' · '.join(TYPES)} 之一。")
    name = text_of(values, "申请人")
    if not name or len(name) > 100:
        raise RowRefused("申请人", "必须填写，且不超过100字。")
    channel = CHANNELS.get(text_of(values, "申请方式"))
    if channel is None:
        raise RowRefused("申请方式", f"应为 {' · '.join(CHANNELS)} 之一。")
    received = _date(values, "收到申请日期", required=True)
    content = text_of(values, "申请内容")
    if not content:
        raise RowRefused("申请内容", "必须填写。")
    id_number = crypto.normalize_id_number(text_of(values, "证件号码"))
    if id_number:
        from django import forms

        from gongkai.requests.forms.public import validate_id

        try:
            validate_id(kind, id_number)
        except forms.ValidationError as exc:
            raise RowRefused("证件号码", exc.messages[0]) from exc
    notice, corrected = _date(values, "补正告知日期"), _date(values, "收到补正日期")
    if corrected and not notice:
        raise RowRefused("收到补正日期", "没有补正告知日期。")
    if notice and notice < received:
        raise RowRefused("补正告知日期", "不能早于收到申请日期。")
    if corrected and corrected < notice:
        raise RowRefused("收到补正日期", "不能早于补正告知日期。")
    spans = _spans_of(values, received)
    regime = statute.reply_regime(received)
    extension_text = text_of(values, "延期工作日") or "0"
    try:  # int() refuses a character str.isdigit() lets through, such as 「²」
        extension = int(extension_text) if extension_text.isdigit() else -1
    except ValueError:
        extension = -1
    if not 0 <= extension <= regime.max_extension_workdays:
        law = "条例" if regime is statute.REGIME_2019 else "2007年条例"
        raise RowRefused("延期工作日", f"应为 0 至 {regime.max_extension_workdays} 的整数（{law}{regime.period_article}）。")
    replied = _date(values, "答复日期")
    outcome_text = text_of(values, "办理结果")
    outcome = parse_outcome(outcome_text) if outcome_text else ""
    if outcome is None:
        raise RowRefused("办理结果", f"“{outcome_text}”不是年度报告规定的办理结果（如“予以公开”“部分公开”“不予公开-保护第三方合法权益”）。")
    if replied and not outcome:
        raise RowRefused("办理结果", "填写了答复日期的必须填写办理结果。")
    if outcome and not replied:
        raise RowRefused("答复日期", "填写了办理结果的必须填写答复日期。")
    if replied and replied < received:
        raise RowRefused("答复日期", "不能早于收到申请日期。")
    _check_outcome_against_columns(outcome, notice, corrected)
    fee_wait = _fee_wait(values, received, replied, outcome)
    fee_text = text_of(values, "收费金额")
    fee = None
    if fee_text:
        try:
            amount = float(fee_text)
        except ValueError as exc:
            raise RowRefused("收费金额", "应为金额（元）。") from exc
        if amount < 0 or not amount.is_integer():
            raise RowRefused("收费金额", "应为不小于0的整数元。")
        if amount > MAX_FEE_YUAN:
            raise RowRefused("收费金额", "金额过大，请核对（单位为元）。")
        fee = int(amount)
    remedies = []
    for column, remedy_kind in (("行政复议", RemedyKind.REVIEW), ("行政诉讼", RemedyKind.LITIGATION)):
        text = text_of(values, column)
        if not text:
            continue
        if text not in RESULTS:
            raise RowRefused(column, f"应为空或 {' · '.join(RESULTS)} 之一。")
        if not replied:
            raise RowRefused(column, "只有已答复的申请才有行政复议或行政诉讼。")
        litigation_type = ""
        if remedy_kind == RemedyKind.LITIGATION:
            litigation_type = LITIGATION_TYPES.get(text_of(values, "诉讼类型"), "")
            if not litigation_type:
                raise RowRefused("诉讼类型", "填写了行政诉讼的，须填写“直接起诉”或“复议后起诉”。")
        filed_on, decided_on = _remedy_dates(values, column, RESULTS[text], replied)
        remedies.append((remedy_kind, RESULTS[text], litigation_type, filed_on, decided_on))
    for column, (filed_column, decided_column) in REMEDY_DATE_COLUMNS.items():
        for dated in (filed_column, decided_column):
            if text_of(values, dated) and not text_of(values, column):
                raise RowRefused(dated, f"没有填写{column}结果。")
    if text_of(values, "诉讼类型") and not text_of(values, "行政诉讼"):
        raise RowRefused("诉讼类型", "没有填写行政诉讼结果。")
    contact = text_of(values, "联系方式")
    return {
        "organization": org, "applicant_type": kind, "applicant_name": name, "id_number": id_number,
        "phone": contact if PHONE.match(contact) else "", "email": contact if EMAIL.match(contact) else "",
        "address": contact if contact and not PHONE.match(contact) and not EMAIL.match(contact) else "",
        "channel": channel, "received": received, "content": content, "notice": notice, "corrected": corrected,
        "spans": spans, "extension": extension, "replied": replied, "outcome": outcome, "fee": fee,
        "fee_wait": fee_wait,
        "remedies": remedies, "note": text_of(values, "备注"),
    }


def _check_outcome_against_columns(outcome, notice, corrected) -> None:
    """A row whose 办理结果 contradicts its own 补正 columns is refused: it would distort table 3 rows
    （六）1 and （四）3 (annual-report.md)."""
    if outcome == Outcome.NO_CORRECTION and not notice:
        raise RowRefused("办理结果", "办理结果为“逾期不补正”，但没有填写补正告知日期（条例第三十条：须先一次性告知补正）。")
    if outcome == Outcome.NO_CORRECTION and corrected:
        raise RowRefused("办理结果", "已填写收到补正日期，申请人已经补正，不能按“逾期不补正”办结。")
    if outcome == Outcome.UNCLEAR and not corrected:
        raise RowRefused("办理结果", "办理结果为“补正后申请内容仍不明确”，但没有填写收到补正日期。")


def _fee_wait(values, received, replied, outcome) -> tuple[dt.date, dt.date | None] | None:
    """收费通知日期 / 缴费日期 (optional columns): the wait for an 信息处理费, excluded from the reply clock."""
    notice, paid = _date(values, "收费通知日期"), _date(values, "缴费日期")
    if paid and not notice:
        raise RowRefused("缴费日期", "填写了缴费日期但没有收费通知日期。")
    if not notice:
        return None
    if notice < received:
        raise RowRefused("收费通知日期", "不能早于收到申请日期。")
    if paid and paid < notice:
        raise RowRefused("缴费日期", "不能早于收费通知日期。")
    if replied and notice > replied:
        raise RowRefused("收费通知日期", "不能晚于答复日期。")
    if replied and paid and paid > replied:
        raise RowRefused("缴费日期", "不能晚于答复日期（答复之后不再等待缴费）。")
    if paid and outcome == Outcome.UNPAID_FEE:
        raise RowRefused("办理结果", "已填写缴费日期，不能按“逾期未缴费”办结。")
    return notice, paid


def _remedy_dates(values, column, result, replied) -> tuple[dt.date | None, dt.date | None]:
    """The optional filing and decision dates of a 行政复议 or 行政诉讼 (table 4 counts by them)."""
    filed_column, decided_column = REMEDY_DATE_COLUMNS[column]
    filed, decided = _date(values, filed_column), _date(values, decided_column)
    if filed and replied and filed < replied:
        raise RowRefused(filed_column, "不能早于答复日期。")
    if decided and filed and decided < filed:
        raise RowRefused(decided_column, f"不能早于{filed_column}。")
    if decided and result == RemedyResult.PENDING:
        raise RowRefused(decided_column, f"{column}为“尚未审结”的，不能填写审结日期。")
    return filed, decided
