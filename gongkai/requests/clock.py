"""A case's clocks, recomputed from its events on every read, with the explanation shown to staff.

Which events start, restart or pause the reply clock (the only place this is decided):
- RECEIVED starts it (the latest one that is not voided: a transfer voids the old receipt);
- CORRECTION_NOTICE stops it until CORRECTION_RECEIVED, which restarts it from that day (第三十条);
- CONSULTATION and FEE spans (sent, answered] are excluded (第三十三条第三款; 国办函〔2020〕109号); a wait
  ends at the latest on the day the case is answered, withdrawn or closed, and a fee wait when its payment
  period lapses (视为放弃);
- EXTENSION adds its approved working days (第三十三条第二款);
- DELAYED (第三十五条) moves the deadline to the reasonable date the agency set and told the applicant;
- REPLIED and WITHDRAWN (申请人撤回) end it.
The regime (2019 条例, or the 2007 条例 before 2019-05-15) follows the 收到申请之日. The arithmetic is
gongkai.workdays.clocks; the explanations' sentences are gongkai.requests.clock_steps.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.requests.choices import ANSWERED_STATES, Channel, State
from gongkai.requests.clock_steps import (
    confirmation_steps,
    correction_notice_steps,
    correction_period_steps,
    fee_steps,
    filing_day_kind,
    filing_steps,
    opinion_steps,
    pending_reply_steps,
    reply_steps,
)
from gongkai.requests.models import ClockEvent, Consultation
from gongkai.requests.models.clock import DEADLINE_CHANGING_KINDS as CHANGING
from gongkai.requests.outcomes import Outcome
from gongkai.workdays import clocks, statute
from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar

K = ClockEvent.Kind
# Events after which a reply deadline is no longer the plain period after the receipt (the annual report
# counts the other cases in groups, the due lists compute them one by one): 补正, waits, extensions, and a
# 第三十五条 delayed reply (mirrored on the case as RequestCase.clock_changed).
DEADLINE_CHANGING_KINDS = tuple(K(kind) for kind in CHANGING)
PAUSED = "paused"  # a waiting state: never shown as overdue
STOPPED = "stopped"  # the applicant withdrew: the clock no longer runs
STATE_LABELS = {
    clocks.DeadlineState.OPEN: gettext_lazy("进行中"), clocks.DeadlineState.DUE_SOON: gettext_lazy("即将到期"),
    clocks.DeadlineState.OVERDUE: gettext_lazy("已逾期"), clocks.DeadlineState.MET: gettext_lazy("按期完成"),
    clocks.DeadlineState.LATE: gettext_lazy("逾期完成"), PAUSED: gettext_lazy("暂停计算（等待中）"),
    STOPPED: gettext_lazy("已终止（申请人撤回）"),
}
# Clocks that bind the applicant or another party, not the unit: when one runs out the unit is not late.
# The applicant is 视为放弃申请 (补正: 条例第三十条; 缴费: 国办函〔2020〕109号); a third party's silence
# leaves the decision to the unit (第三十二条), another agency's counts as consent (第三十四条). While the
# case is open the line stays an alert, reads 已届满 and says what the unit does next (ClockLine.lapse);
# once the case is closed it is LAPSED, no longer an alert.
LAPSED = "lapsed"
LAPSE_NOTES = {
    "correction": gettext_lazy("申请人逾期未补正：无正当理由的，视为放弃申请，可按“逾期不补正”办结（条例第三十条）。"),
    "fee": gettext_lazy("申请人逾期未缴费，视为放弃申请：可按“逾期未缴费”办结（国办函〔2020〕109号）。"),
    "third_party": gettext_lazy("第三方逾期未提出意见：由本机关依照条例规定决定是否公开（条例第三十二条）。"),
    "agency": gettext_lazy("被征求意见机关逾期未提出意见，视为同意公开（条例第三十四条）。"),
}
STATE_LABELS[LAPSED] = gettext_lazy("已届满")


# The clocks' names, translated when shown (a list computes hundreds of lines and shows a page of them).
LABELS = {
    "reply": gettext_lazy("答复期限"), "correction_notice": gettext_lazy("补正告知期限"),
    "correction_period": gettext_lazy("申请人补正期限"), "fee": gettext_lazy("缴费期限"),
    "filing": gettext_lazy("备案期限"), "confirmation": gettext_lazy("平常信函确认期限"),
}


@dataclass
class ClockLine:
    """One clock of a case. Its explanation (`steps`, the sentences the case page shows under 查看计算过程)
    is written only when read: the lists show hundreds of lines and only their dates and states."""

    key: str
    label: str  # or a lazy translation (LABELS)
    due: dt.date | None = None
    state: str = clocks.DeadlineState.OPEN
    done_on: dt.date | None = None
    error: str = ""
    pending_year: int | None = None  # the due date falls in a year whose 放假/调休 days are not entered
    lapse: str = ""  # another party's clock: its key in LAPSE_NOTES (what its running out means)
    explain: Callable[[], list[str]] | None = field(default=None, repr=False, compare=False)
    _steps: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def steps(self) -> list[str]:
        """How the due date was reached, one sentence a step."""
        if self._steps is None:
            self._steps = self.explain() if self.explain is not None else []
        return self._steps

    @property
    def pending_label(self) -> str:
        """What the case page, the lists and the export show instead of a date that cannot be computed yet."""
        if self.pending_year is None:
            return ""
        return _("期限待定（%(year)s年节假日安排尚未录入）") % {"year": self.pending_year}

    @property
    def lapse_note(self) -> str:
        """For another party's clock that has run out while the case is open: what the unit does next."""
        if not self.lapse or self.state != clocks.DeadlineState.OVERDUE:
            return ""
        return str(LAPSE_NOTES[self.lapse])

    @property
    def display_state(self) -> str:
        """The state as the pages colour it (class clock-…): another party's period run out, or met late, is
        not the unit's lateness and is not red."""
        if self.lapse and self.state in (clocks.DeadlineState.OVERDUE, clocks.DeadlineState.LATE, LAPSED):
            return LAPSED
        return self.state

    @property
    def state_label(self) -> str:
        state = LAPSED if self.lapse_note else self.state
        return str(STATE_LABELS.get(state, state))

    @property
    def is_alert(self) -> bool:
        return self.state in (clocks.DeadlineState.DUE_SOON, clocks.DeadlineState.OVERDUE)


REGIME_LABELS = {
    statute.REGIME_2019.key: gettext_lazy("2019年条例（国务院令第711号）"),
    statute.REGIME_2007.key: gettext_lazy("2007年条例（国务院令第492号），收到申请在2019年5月15日之前"),
}


@dataclass
class CaseClocks:
    lines: list[ClockLine]
    reply: clocks.ReplyClock | None = None
    received_on: dt.date | None = None

    @property
    def regime_label(self) -> str:
        """Which 条例 the reply clock follows (chosen by the 收到申请之日)."""
        if self.received_on is None:
            return ""
        return str(REGIME_LABELS[statute.reply_regime(self.received_on).key])

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


def _latest(case, kind):
    """The case's last active event of `kind` (by date, then id), each kind found once per events list."""
    events = active_events(case)
    cached = getattr(case, "_latest_events", None)
    if cached is None or cached[0] is not events:
        latest: dict = {}
        for event in events:
            known = latest.get(event.kind)
            if known is None or (event.on, event.id) > (known.on, known.id):
                latest[event.kind] = event
        cached = case._latest_events = (events, latest)
    return cached[1].get(kind)


def _attached(case, attribute: str, relation: str):
    """Related rows a list query attached in bulk (queries.due_rows), else the relation."""
    attached = getattr(case, attribute, None)
    return attached if attached is not None else getattr(case, relation).all()


def received_event(case):
    return _latest(case, K.RECEIVED)


def closed_event(case):
    """The event that ended the case: its reply (or 视为放弃 notice), or the applicant's withdrawal."""
    return _latest(case, K.REPLIED) or _latest(case, K.WITHDRAWN)


def _fee_lapses_on(case, event, cal) -> dt.date | None:
    """国办函〔2020〕109号: unpaid by the payment period's end, the applicant is 视为放弃 and the wait ends.
    The period runs from the day the applicant received the 收费通知; a 台账 row records only the notice's
    date, so an imported case unpaid and closed as 逾期未缴费 counts from that date (docs/requests.md)."""
    fee = next((f for f in _attached(case, "_fee_notices", "fee_notices") if f.event_id == event.pk), None)
    start = fee.notice_received_on if fee else (event.on if case.outcome == Outcome.UNPAID_FEE else None)
    if start is None:
        return None
    try:
        return clocks.fee_payment_due(start, cal)
    except UnknownYearError:
        return None


def reply_inputs(case, cal: WorkdayCalendar | None = None) -> clocks.ReplyClockInputs | None:
    events = active_events(case)
    received = _latest(case, K.RECEIVED)
    if received is None:
        return None
    notice = _latest(case, K.CORRECTION_NOTICE)
    corrected = _latest(case, K.CORRECTION_RECEIVED)
    spans = []
    for e in events:
        if e.kind == K.CONSULTATION:
            spans.append(clocks.ExcludedSpan(e.on, e.until, e.label_display))
        elif e.kind == K.FEE:
            lapses = _fee_lapses_on(case, e, cal) if e.until is None else None
            spans.append(clocks.ExcludedSpan(e.on, e.until, e.label_display, lapses))
    extensions = tuple((e.on, e.workdays or 0) for e in events if e.kind == K.EXTENSION)
    extension = sum(workdays for _on, workdays in extensions)
    closed, delayed = closed_event(case), _latest(case, K.DELAYED)
    return clocks.ReplyClockInputs(
        received_on=received.on,
        correction_received_on=corrected.on if corrected else None,
        awaiting_correction=notice is not None and corrected is None,
        excluded_spans=tuple(spans),
        extension_workdays=extension,
        extensions=extensions,
        closed_on=closed.on if closed else None,
        delayed_until=delayed.until if delayed else None,
    )


def _state(due, today, done_on, cal) -> str:
    return clocks.deadline_state(due, today, done_on, cal)


def _reply_line(case, inputs, today, cal) -> tuple[ClockLine, clocks.ReplyClock]:
    line = ClockLine("reply", LABELS["reply"], done_on=case.replied_on)
    try:
        reply = clocks.reply_clock(inputs, today, cal)
    except UnknownYearError as exc:
        if case.replied_on is None:
            raise
        # The deadline stays 期限待定, but a reply in a known year may already be known to be in time.
        line.state = clocks.reply_state(inputs, case.replied_on, cal) or clocks.DeadlineState.OPEN
        line.pending_year = exc.year
        line.explain = partial(pending_reply_steps, inputs, case.replied_on, line.state, exc.year)
        return line, None
    line.explain = lambda: reply_steps(case, inputs, reply, today, active_events(case), partial(_latest, case))
    if reply.awaiting_correction:
        line.state = PAUSED
        return line, reply
    line.due = reply.due
    if reply.waiting and case.replied_on is None:
        line.state = PAUSED
    else:
        line.state = _state(reply.due, today, case.replied_on, cal)
    return line, reply


def _guarded(build, line: ClockLine):
    try:
        return build()
    except UnknownYearError as exc:
        line.error = str(exc)
        line.pending_year = exc.year
        line.state = clocks.DeadlineState.OPEN
        return None


def case_clocks(case, today: dt.date | None = None, cal: WorkdayCalendar | None = None,
                filing=None) -> CaseClocks:
    """Every clock of the case, each with its due date, its state today and how it was computed."""
    today = today or timezone.localdate()
    cal = cal or WorkdayCalendar()
    result = CaseClocks(lines=[])
    received = _latest(case, K.RECEIVED)
    if received is None:
        if case.state == State.PENDING and case.channel == Channel.ORDINARY_LETTER:
            result.lines.append(_confirmation_line(case, today, cal))
        return result
    result.received_on = received.on
    notice = _latest(case, K.CORRECTION_NOTICE)
    corrected = _latest(case, K.CORRECTION_RECEIVED)

    if notice or case.state == State.ACCEPTED:
        line = ClockLine("correction_notice", LABELS["correction_notice"], done_on=notice.on if notice else None,
                         explain=correction_notice_steps)
        line.due = _guarded(lambda: clocks.correction_notice_due(received.on, cal), line)
        if line.due:
            line.state = _state(line.due, today, line.done_on, cal)
        result.lines.append(line)
    if notice and notice.workdays:
        line = ClockLine("correction_period", LABELS["correction_period"], done_on=corrected.on if corrected else None,
                         lapse="correction")
        line.due = _guarded(lambda: clocks.correction_period_due(notice.on, notice.workdays, cal), line)
        if line.due:
            line.state = _state(line.due, today, line.done_on, cal)
        line.explain = partial(correction_period_steps, notice.workdays)
        result.lines.append(line)

    inputs = reply_inputs(case, cal)
    line = ClockLine("reply", LABELS["reply"], done_on=case.replied_on)
    built = _guarded(lambda: _reply_line(case, inputs, today, cal), line)
    if built:
        line, result.reply = built
    if case.state == State.PENDING:
        line.state = PAUSED
    result.lines.append(line)

    for consultation in _attached(case, "_consultations", "consultations"):
        if consultation.event.voided_at or not consultation.letter_received_on:
            continue
        line = ClockLine(f"opinion:{consultation.pk}", _("%(party)s提出意见期限") % {"party": consultation.party_name},
                         done_on=consultation.event.until, explain=partial(opinion_steps, consultation),
                         lapse="agency" if consultation.kind == Consultation.Kind.AGENCY else "third_party")
        line.due = _guarded(lambda c=consultation: clocks.opinion_due(c.letter_received_on, cal), line)
        if line.due:
            line.state = _state(line.due, today, line.done_on, cal)
        result.lines.append(line)
    for fee in _attached(case, "_fee_notices", "fee_notices"):
        if fee.event.voided_at or not fee.notice_received_on:
            continue
        line = ClockLine(f"fee:{fee.pk}", LABELS["fee"], done_on=fee.event.until, explain=partial(fee_steps, fee),
                         lapse="fee")
        line.due = _guarded(lambda f=fee: clocks.fee_payment_due(f.notice_received_on, cal), line)
        if line.due:
            line.state = _state(line.due, today, line.done_on, cal)
        result.lines.append(line)

    if case.replied_on and case.state in ANSWERED_STATES and case.source == case.Source.PLATFORM:
        filing = filing if filing is not None else getattr(case, "filing", None)
        kind = filing_day_kind()
        line = ClockLine("filing", LABELS["filing"], done_on=filing.filed_on if filing else None,
                         explain=partial(filing_steps, case.replied_on, kind))
        line.due = _guarded(lambda: clocks.filing_due(case.replied_on, cal, kind), line)
        if line.due:
            line.state = _state(line.due, today, line.done_on, cal)
        result.lines.append(line)
    if case.state == State.WITHDRAWN:
        for line in result.lines:
            if line.key not in ("reply", "filing") and line.done_on is None and not line.error:
                line.state = STOPPED
    elif closed_event(case) is not None:  # answered or 视为放弃: another party's lapsed period needs nothing more
        for line in result.lines:
            if line.lapse and line.state == clocks.DeadlineState.OVERDUE:
                line.state = LAPSED
    return result


def _confirmation_line(case, today, cal) -> ClockLine:
    """第三十一条（二）: an ordinary letter is confirmed with the applicant on the day it arrives. Until then
    the case has no receipt date and no reply clock, so this clock is due on the day it was registered."""
    registered = timezone.localtime(case.submitted_at).date()
    line = ClockLine("confirmation", LABELS["confirmation"], due=registered,
                     explain=partial(confirmation_steps, registered))
    line.state = _state(registered, today, None, cal)
    return line
