"""Issuing a case's letters: the placeholder values every template may use, numbering, keeping them."""

import datetime as dt

from django.utils.translation import gettext as _

from gongkai.core.i18n import in_document_language
from gongkai.core.services import ActionRefused
from gongkai.letters import services as letters
from gongkai.letters.registry import placeholders_in
from gongkai.letters.render import Table, chinese_date
from gongkai.letters.text import CLOSERS
from gongkai.requests.clock import reply_inputs
from gongkai.requests.models import CaseDocument, ClockEvent, RequestCase
from gongkai.workdays import clocks, statute
from gongkai.workdays.calendar import UnknownYearError

# Statutory periods the 答复书 tells the applicant about (not clocks the platform runs):
# 《中华人民共和国行政复议法》(2023) 第二十条: 60 days to apply for 行政复议;
# 《中华人民共和国行政诉讼法》第四十六条: 6 months to sue.
ADMINISTRATIVE_REVIEW_DAYS = 60
LITIGATION_MONTHS = 6


# receive_correction keeps the applicant's 补正 in the record after this mark (the original text stays as filed).
CORRECTION_MARK = "【补正】"


def _described(case: RequestCase) -> str:
    """The description as a letter states it: the 补正 woven in as 「原内容（补正内容：……）」, not the raw mark."""
    original, *corrections = case.info_description.split(CORRECTION_MARK)
    text = " ".join(original.split())
    added = "；".join(part for part in (" ".join(c.split()).rstrip(CLOSERS) for c in corrections) if part)
    if not added:
        return text
    if not text:
        return added
    return text.rstrip(CLOSERS) + _("（补正内容：%(content)s）") % {"content": added}


def describe_request(case: RequestCase) -> str:
    parts = []
    if case.info_title:
        parts.append(f"“{case.info_title}”")
    if case.info_doc_number:
        parts.append(f"（{case.info_doc_number}）")
    text = "".join(parts)
    description = _described(case)
    if description and description not in text:
        text = f"{text}，{description}" if text else description
    return text


@in_document_language
def values_for(case: RequestCase, today: dt.date | None = None) -> dict:
    """The placeholders every case letter may use (COMMON and REPLY in letter_texts)."""
    org = case.organization
    events = case.clock_events.filter(voided_at__isnull=True)
    notice = events.filter(kind=ClockEvent.Kind.CORRECTION_NOTICE).order_by("-on").first()
    corrected = events.filter(kind=ClockEvent.Kind.CORRECTION_RECEIVED).order_by("-on").first()
    fee = events.filter(kind=ClockEvent.Kind.FEE).order_by("-on").first()
    values = {
        "申请人": case.applicant_name,
        "申请编号": case.tracking_number,
        "收到申请日期": chinese_date(case.received_on),
        "申请内容": describe_request(case),
        "机关名称": org.name,
        "联系电话": org.office_phone,
        "联系地址": org.office_address,
        "答复期限": "",
        "补正告知日期": chinese_date(notice.on) if notice else "",
        "收到补正日期": chinese_date(corrected.on) if corrected else "",
        "补正期限": "",
        "收费通知日期": chinese_date(fee.on) if fee else "",
        "缴费期限工作日": statute.FEE_PAYMENT_WORKDAYS,
        "意见期限工作日": statute.CONSULTATION_WORKDAYS,
        "复议期限": ADMINISTRATIVE_REVIEW_DAYS,
        "诉讼期限": LITIGATION_MONTHS,
    }
    # Computed dates: a date past the calendar's known years is kept as the error, and refused only
    # when the letter being issued actually states that date (issue() checks).
    if notice and notice.workdays:
        period = _computed(lambda: chinese_date(clocks.correction_period_due(notice.on, notice.workdays)))
        values["补正期限"] = (_pending_correction(notice, period) if isinstance(period, UnknownYearError)
                          else period)
    inputs = reply_inputs(case)
    if inputs is not None and not inputs.awaiting_correction:
        due = _computed(lambda: chinese_date(clocks.reply_clock(inputs, today or dt.date.today()).due))
        values["答复期限"] = _pending_due(inputs, due) if isinstance(due, UnknownYearError) else due
    return values


def _pending_due(inputs, error: UnknownYearError) -> str:
    """A reply deadline in a year whose 放假/调休 days are not entered yet (issue #18): the letter states the
    period in working days, which is what the law sets, and that the date follows the year's notice."""
    regime = statute.reply_regime(inputs.received_on)
    start = inputs.correction_received_on or inputs.received_on
    total = regime.reply_workdays + inputs.extension_workdays
    excluded = "征求意见、缴费等不计算在期限内的时间另计；" if inputs.excluded_spans else ""
    return f"{chinese_date(start)}后第{total}个工作日（{excluded}具体日期待{error.year}年节假日安排公布后确定）"


def _pending_correction(notice, error: UnknownYearError) -> str:
    """The applicant's 补正期限 in a year not entered yet: stated like a pending 答复期限 (the period in
    working days after the notice, the date once the year's notice is out), so the notice can go out."""
    return f"{chinese_date(notice.on)}后第{notice.workdays}个工作日（具体日期待{error.year}年节假日安排公布后确定）"


def _computed(call):
    try:
        return call()
    except UnknownYearError as exc:
        return exc


@in_document_language
def issue(actor, case: RequestCase, key: str, values: dict, *, on: dt.date, recipient: str | None = None,
          table: Table | None = None, for_applicant: bool = True, attachments: tuple[str, ...] = (), request=None):
    used = placeholders_in(letters.template_for(case.organization, key).body)
    for name in used:
        if isinstance(values.get(name), UnknownYearError):
            raise ActionRefused(str(values[name]))
    letter, prefix = letters.compose(case.organization, key, values, table=table, on=on, attachments=attachments,
                                     recipient=case.applicant_name if recipient is None else recipient)
    document = letters.issue(actor, case.organization, key, letter, prefix, request=request, object_for_audit=case)
    CaseDocument.objects.create(case=case, document=document, for_applicant=for_applicant)
    return document
