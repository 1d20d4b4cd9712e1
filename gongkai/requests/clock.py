"""A case's clocks, recomputed from its events on every read, with the explanation shown to staff.

Which events start, restart or pause the reply clock (the only place this is decided):
- RECEIVED starts it (the latest one that is not voided: a transfer voids the old receipt);
- CORRECTION_NOTICE stops it until CORRECTION_RECEIVED, which restarts it from that day (第三十条);
- CONSULTATION and FEE spans (sent, answered] are excluded (第三十三条第二款; 国办函〔2020〕109号);
- EXTENSION adds its approved working days (第三十三条第二款).
The arithmetic is gongkai.workdays.clocks.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.letters.render import chinese_date
from gongkai.requests.choices import ANSWERED_STATES, State
from gongkai.requests.models import ClockEvent
from gongkai.workdays import clocks, statute
from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar

K = ClockEvent.Kind
PAUSED = "paused"  # a waiting state: never shown as overdue
STATE_LABELS = {
    clocks.DeadlineState.OPEN: gettext_lazy("进行中"), clocks.DeadlineState.DUE_SOON: gettext_lazy("即将到期"),
    clocks.DeadlineState.OVERDUE: gettext_lazy("已逾期"), clocks.DeadlineState.MET: gettext_lazy("按期完成"),
    clocks.DeadlineState.LATE: gettext_lazy("逾期完成"), PAUSED: gettext_lazy("暂停计算（等待中）"),
}


@dataclass
class ClockLine:
    key: str
    label: str
    due: dt.date | None = None
    state: str = clocks.DeadlineState.OPEN
    done_on: dt.date | None = None
    steps: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS.get(self.state, self.state))

    @property
    def is_alert(self) -> bool:
        return self.state in (clocks.DeadlineState.DUE_SOON, clocks.DeadlineState.OVERDUE)


@dataclass
class CaseClocks:
    lines: list[ClockLine]
    reply: clocks.ReplyClock | None = None

    @property
    def reply_due(self) -> dt.date | None:
        return self.reply.due if self.reply else None

    @property
    def overdue(self) -> list[ClockLine]:
        return [line for line in self.lines if line.state == clocks.DeadlineState.OVERDUE]

    @property
    def due_soon(self) -> list[ClockLine]:
        return [line for line in self.lines if line.state == clocks.DeadlineState.DUE_SOON]

    @property
    def errors(self) -> list[str]:
        return sorted({line.error for line in self.lines if line.error})


def active_events(case) -> list[ClockEvent]:
    cached = getattr(case, "_active_events", None)
    if cached is None:
        cached = [e for e in case.clock_events.all() if e.voided_at is None]
        case._active_events = cached
    return cached


def _last(events, kind):
    found = [e for e in events if e.kind == kind]
    return max(found, key=lambda e: (e.on, e.id)) if found else None


def received_event(case):
    return _last(active_events(case), K.RECEIVED)


def reply_inputs(case) -> clocks.ReplyClockInputs | None:
    events = active_events(case)
    received = _last(events, K.RECEIVED)
    if received is None:
        return None
    notice = _last(events, K.CORRECTION_NOTICE)
    corrected = _last(events, K.CORRECTION_RECEIVED)
    spans = tuple(
        clocks.ExcludedSpan(e.on, e.until, e.label_display) for e in events if e.kind in (K.CONSULTATION, K.FEE)
    )
    extension = sum(e.workdays or 0 for e in events if e.kind == K.EXTENSION)
    return clocks.ReplyClockInputs(
        received_on=received.on,
        correction_received_on=corrected.on if corrected else None,
        awaiting_correction=notice is not None and corrected is None,
        excluded_spans=spans,
        extension_workdays=extension,
    )


def _state(due, today, done_on, cal) -> str:
    return clocks.deadline_state(due, today, done_on, cal)


def _d(day) -> str:
    return chinese_date(day)


def _reply_line(case, inputs, today, cal) -> tuple[ClockLine, clocks.ReplyClock]:
    line = ClockLine("reply", _("答复期限"), done_on=case.replied_on)
    reply = clocks.reply_clock(inputs, today, cal)
    steps = line.steps
    steps.append(_("收到申请之日：%(day)s（条例第三十一条）。") % {"day": _d(inputs.received_on)})
    events = active_events(case)
    notice = _last(events, K.CORRECTION_NOTICE)
    if notice:
        steps.append(_("%(day)s 发出补正告知，答复期限停止计算，自收到补正之日起重新计算（条例第三十条）。")
                     % {"day": _d(notice.on)})
    if reply.awaiting_correction:
        steps.append(_("正在等待申请人补正，答复期限尚未起算。"))
        line.state = PAUSED
        return line, reply
    if reply.restarted:
        steps.append(_("收到补正之日：%(day)s，为起算日。") % {"day": _d(reply.start)})
    steps.append(_("法定答复期限：%(n)s 个工作日（条例第三十三条第一款）。") % {"n": statute.REPLY_WORKDAYS})
    for event in events:
        if event.kind == K.EXTENSION:
            steps.append(_("延长答复期限 %(n)s 个工作日，经政府信息公开工作机构负责人%(who)s于%(day)s同意（条例第三十三条第二款）。")
                         % {"n": event.workdays, "who": event.label, "day": _d(event.on)})
    used = set(reply.excluded_days)
    for span in reply.spans:
        end = span.answered_on or max(today, span.sent_on)
        counted = len(cal.workdays_in(span.sent_on, end) & used)
        steps.append(_("不计算在期限内：%(what)s，%(sent)s 发出至 %(end)s%(open)s，计 %(n)s 个工作日。") % {
            "what": span.label, "sent": _d(span.sent_on), "end": _d(end),
            "open": _("（尚未结束，暂计至今日）") if span.answered_on is None else "", "n": counted})
    if reply.spans:
        steps.append(_("以上期间合并计算，重叠部分只计一次，共 %(n)s 个工作日不计算在期限内。") % {"n": reply.excluded_workdays})
    steps.append(_("答复期限为起算日后第 %(total)s 个工作日（%(base)s + 延长 %(e)s + 不计算 %(x)s）：%(due)s。") % {
        "total": reply.total_workdays, "base": statute.REPLY_WORKDAYS, "e": reply.extension_workdays,
        "x": reply.excluded_workdays, "due": _d(reply.due)})
    line.due = reply.due
    if reply.waiting and case.replied_on is None:
        steps.append(_("征求意见或等待缴费尚未结束，答复期限随之顺延。"))
        line.state = PAUSED
    else:
        line.state = _state(reply.due, today, case.replied_on, cal)
    return line, reply


def _guarded(build, line: ClockLine):
    try:
        return build()
    except UnknownYearError as exc:
        line.error = str(exc)
        line.state = clocks.DeadlineState.OPEN
        return None


def case_clocks(case, today: dt.date | None = None, cal: WorkdayCalendar | None = None,
                filing=None) -> CaseClocks:
    """Every clock of the case, each with its due date, its state today and how it was computed."""
    today = today or timezone.localdate()
    cal = cal or WorkdayCalendar()
    result = CaseClocks(lines=[])
    events = active_events(case)
    received = _last(events, K.RECEIVED)
    if received is None:
        return result
    notice = _last(events, K.CORRECTION_NOTICE)
    corrected = _last(events, K.CORRECTION_RECEIVED)

    if notice or case.state == State.ACCEPTED:
        line = ClockLine("correction_notice", _("补正告知期限"), done_on=notice.on if notice else None)
        line.steps.append(_("收到申请之日起第 %(n)s 个工作日内一次性告知补正（条例第三十条）。")
                          % {"n": statute.CORRECTION_NOTICE_WORKDAYS})
        line.due = _guarded(lambda: clocks.correction_notice_due(received.on, cal), line)
        if line.due:
            line.state = _state(line.due, today, line.done_on, cal)
        result.lines.append(line)
    if notice and notice.workdays:
        line = ClockLine("correction_period", _("申请人补正期限"), done_on=corrected.on if corrected else None)
        line.steps.append(_("补正告知书发出后 %(n)s 个工作日（本机关确定的合理期限）。") % {"n": notice.workdays})
        line.due = _guarded(lambda: clocks.correction_period_due(notice.on, notice.workdays, cal), line)
        if line.due:
            line.state = _state(line.due, today, line.done_on, cal)
            if line.state == clocks.DeadlineState.OVERDUE:
                line.steps.append(_("申请人逾期未补正：可以按“视为放弃申请”办结。"))
        result.lines.append(line)

    inputs = reply_inputs(case)
    line = ClockLine("reply", _("答复期限"), done_on=case.replied_on)
    built = _guarded(lambda: _reply_line(case, inputs, today, cal), line)
    if built:
        line, result.reply = built
    if case.state == State.PENDING:
        line.state = PAUSED
    result.lines.append(line)

    for consultation in case.consultations.all():
        if consultation.event.voided_at or not consultation.letter_received_on:
            continue
        line = ClockLine(f"opinion:{consultation.pk}", _("%(party)s提出意见期限") % {"party": consultation.party_name},
                         done_on=consultation.event.until)
        line.steps.append(_("对方收到征求意见书之日（%(day)s）起第 %(n)s 个工作日（条例第三十二条、第三十四条）。")
                          % {"day": _d(consultation.letter_received_on), "n": statute.CONSULTATION_WORKDAYS})
        line.due = _guarded(lambda c=consultation: clocks.opinion_due(c.letter_received_on, cal), line)
        if line.due:
            line.state = _state(line.due, today, line.done_on, cal)
        result.lines.append(line)
    for fee in case.fee_notices.all():
        if fee.event.voided_at or not fee.notice_received_on:
            continue
        line = ClockLine(f"fee:{fee.pk}", _("缴费期限"), done_on=fee.event.until)
        line.steps.append(_("申请人收到收费通知之日（%(day)s）起第 %(n)s 个工作日（国办函〔2020〕109号）。")
                          % {"day": _d(fee.notice_received_on), "n": statute.FEE_PAYMENT_WORKDAYS})
        line.due = _guarded(lambda f=fee: clocks.fee_payment_due(f.notice_received_on, cal), line)
        if line.due:
            line.state = _state(line.due, today, line.done_on, cal)
        result.lines.append(line)

    if case.replied_on and case.state in ANSWERED_STATES and case.source == case.Source.PLATFORM:
        filing = filing if filing is not None else getattr(case, "filing", None)
        line = ClockLine("filing", _("备案期限"), done_on=filing.filed_on if filing else None)
        line.steps.append(_("答复之日（%(day)s）后第 %(n)s 个工作日内报县大数据发展服务中心备案（工作要点第十条）。")
                          % {"day": _d(case.replied_on), "n": statute.FILING_WORKDAYS})
        line.due = _guarded(lambda: clocks.filing_due(case.replied_on, cal), line)
        if line.due:
            line.state = _state(line.due, today, line.done_on, cal)
        result.lines.append(line)
    return result
