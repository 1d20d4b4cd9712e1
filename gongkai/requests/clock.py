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
gongkai.workdays.clocks.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.letters.render import chinese_date
from gongkai.requests.choices import ANSWERED_STATES, Channel, State
from gongkai.requests.models import ClockEvent
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
    def state_label(self) -> str:
        return str(STATE_LABELS.get(self.state, self.state))

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
    extension = sum(e.workdays or 0 for e in events if e.kind == K.EXTENSION)
    closed, delayed = closed_event(case), _latest(case, K.DELAYED)
    return clocks.ReplyClockInputs(
        received_on=received.on,
        correction_received_on=corrected.on if corrected else None,
        awaiting_correction=notice is not None and corrected is None,
        excluded_spans=tuple(spans),
        extension_workdays=extension,
        closed_on=closed.on if closed else None,
        delayed_until=delayed.until if delayed else None,
    )


def _state(due, today, done_on, cal) -> str:
    return clocks.deadline_state(due, today, done_on, cal)


def _d(day) -> str:
    return chinese_date(day)


def _law(regime) -> str:
    return _("条例") if regime.key == statute.REGIME_2019.key else _("2007年条例")


def _reply_line(case, inputs, today, cal) -> tuple[ClockLine, clocks.ReplyClock]:
    line = ClockLine("reply", LABELS["reply"], done_on=case.replied_on)
    reply = clocks.reply_clock(inputs, today, cal)
    line.explain = lambda: _reply_steps(case, inputs, reply, today)
    if reply.awaiting_correction:
        line.state = PAUSED
        return line, reply
    line.due = reply.due
    if reply.waiting and case.replied_on is None:
        line.state = PAUSED
    else:
        line.state = _state(reply.due, today, case.replied_on, cal)
    return line, reply


def _reply_steps(case, inputs, reply, today) -> list[str]:
    """How the reply deadline was reached (the case page's 查看计算过程), from the clock already computed."""
    regime = reply.regime
    steps = [_("收到申请之日：%(day)s（条例第三十一条）。") % {"day": _d(inputs.received_on)}]
    if regime.key == statute.REGIME_2007.key:
        steps.append(_("收到申请之日在2019年5月15日之前，适用2007年条例（国务院令第492号）第二十四条：答复期限 %(n)s 个工作日，延长最长 %(max)s 个工作日。")
                     % { "n": regime.reply_workdays, "max": regime.max_extension_workdays})
    events = active_events(case)
    notice = _latest(case, K.CORRECTION_NOTICE)
    if notice:
        steps.append(_("%(day)s 发出补正告知，答复期限停止计算，自收到补正之日起重新计算（条例第三十条）。")
                     % {"day": _d(notice.on)})
    if reply.awaiting_correction:
        steps.append(_("正在等待申请人补正，答复期限尚未起算。"))
        return steps
    if reply.restarted:
        steps.append(_("收到补正之日：%(day)s，为起算日。") % {"day": _d(reply.start)})
    steps.append(_("法定答复期限：%(n)s 个工作日（%(law)s%(article)s）。")
                 % {"n": regime.reply_workdays, "law": _law(regime), "article": regime.period_article})
    for event in events:
        if event.kind == K.EXTENSION:
            steps.append(_("延长答复期限 %(n)s 个工作日，经政府信息公开工作机构负责人%(who)s于%(day)s同意（%(law)s%(article)s）。")
                         % {"n": event.workdays, "who": event.label, "day": _d(event.on), "law": _law(regime),
                            "article": regime.period_article})
    for span in reply.spans:
        end, running = clocks.span_end(span, today, inputs.closed_on)
        counted = sum(1 for day in reply.excluded_days if span.sent_on < day <= end)
        if running:
            note = _("（尚未结束，暂计至今日）")
        elif span.answered_on is None and span.lapses_on is not None and end == span.lapses_on:
            note = _("（缴费期限届满未缴费，视为放弃申请，等待至此结束）")
        elif span.answered_on is None or span.answered_on > end:
            note = _("（本申请已办结，等待至办结之日为止）")
        else:
            note = ""
        steps.append(_("不计算在期限内：%(what)s，%(sent)s 发出至 %(end)s%(open)s，计 %(n)s 个工作日。") % {
            "what": span.label, "sent": _d(span.sent_on), "end": _d(end), "open": note, "n": counted})
    if reply.spans:
        steps.append(_("以上期间合并计算，重叠部分只计一次，共 %(n)s 个工作日不计算在期限内（%(law)s%(article)s；缴费期间依国办函〔2020〕109号）。")
                     % {"n": reply.excluded_workdays, "law": _law(regime), "article": regime.exclusion_article})
    steps.append(_("答复期限为起算日后第 %(total)s 个工作日（%(base)s + 延长 %(e)s + 不计算 %(x)s）：%(due)s。") % {
        "total": reply.total_workdays, "base": regime.reply_workdays, "e": reply.extension_workdays,
        "x": reply.excluded_workdays, "due": _d(reply.statutory_due)})
    delayed = _latest(case, K.DELAYED)
    if delayed and reply.delayed_until:
        steps.append(_("条例第三十五条：本机关认定申请理由合理，于%(day)s确定延迟答复的合理期限至%(until)s并告知申请人。理由：%(reason)s")
                     % {"day": _d(delayed.on), "until": _d(reply.delayed_until), "reason": delayed.note})
        if reply.due != reply.statutory_due:
            steps.append(_("答复期限以本机关确定的延迟答复期限为准：%(due)s。") % {"due": _d(reply.due)})
    withdrawn = _latest(case, K.WITHDRAWN)
    if withdrawn and case.state == State.WITHDRAWN:
        steps.append(_("申请人于%(day)s撤回申请，答复期限停止计算，本申请终止办理。") % {"day": _d(withdrawn.on)})
    if reply.waiting and case.replied_on is None:
        steps.append(_("征求意见或等待缴费尚未结束，答复期限随之顺延。"))
    return steps


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
                         explain=lambda: [_("收到申请之日起第 %(n)s 个工作日内一次性告知补正（条例第三十条）。")
                                          % {"n": statute.CORRECTION_NOTICE_WORKDAYS}])
        line.due = _guarded(lambda: clocks.correction_notice_due(received.on, cal), line)
        if line.due:
            line.state = _state(line.due, today, line.done_on, cal)
        result.lines.append(line)
    if notice and notice.workdays:
        line = ClockLine("correction_period", LABELS["correction_period"], done_on=corrected.on if corrected else None)
        line.due = _guarded(lambda: clocks.correction_period_due(notice.on, notice.workdays, cal), line)
        if line.due:
            line.state = _state(line.due, today, line.done_on, cal)
        line.explain = partial(_correction_period_steps, notice.workdays, line.state == clocks.DeadlineState.OVERDUE)
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
                         done_on=consultation.event.until,
                         explain=lambda c=consultation: [
                             _("对方收到征求意见书之日（%(day)s）起第 %(n)s 个工作日（条例第三十二条、第三十四条）。")
                             % {"day": _d(c.letter_received_on), "n": statute.CONSULTATION_WORKDAYS}])
        line.due = _guarded(lambda c=consultation: clocks.opinion_due(c.letter_received_on, cal), line)
        if line.due:
            line.state = _state(line.due, today, line.done_on, cal)
        result.lines.append(line)
    for fee in _attached(case, "_fee_notices", "fee_notices"):
        if fee.event.voided_at or not fee.notice_received_on:
            continue
        line = ClockLine(f"fee:{fee.pk}", LABELS["fee"], done_on=fee.event.until,
                         explain=lambda f=fee: [_("申请人收到收费通知之日（%(day)s）起第 %(n)s 个工作日（国办函〔2020〕109号）。")
                                                % {"day": _d(f.notice_received_on), "n": statute.FEE_PAYMENT_WORKDAYS}])
        line.due = _guarded(lambda f=fee: clocks.fee_payment_due(f.notice_received_on, cal), line)
        if line.due:
            line.state = _state(line.due, today, line.done_on, cal)
        result.lines.append(line)

    if case.replied_on and case.state in ANSWERED_STATES and case.source == case.Source.PLATFORM:
        filing = filing if filing is not None else getattr(case, "filing", None)
        kind = filing_day_kind()
        line = ClockLine("filing", LABELS["filing"], done_on=filing.filed_on if filing else None,
                         explain=partial(_filing_steps, case.replied_on, kind))
        line.due = _guarded(lambda: clocks.filing_due(case.replied_on, cal, kind), line)
        if line.due:
            line.state = _state(line.due, today, line.done_on, cal)
        result.lines.append(line)
    if case.state == State.WITHDRAWN:
        for line in result.lines:
            if line.key not in ("reply", "filing") and line.done_on is None and not line.error:
                line.state = STOPPED
    return result


def _correction_period_steps(workdays: int, overdue: bool) -> list[str]:
    steps = [_("补正告知书发出后 %(n)s 个工作日（本机关确定的合理期限）。") % {"n": workdays}]
    if overdue:
        steps.append(_("申请人逾期未补正：可以按“视为放弃申请”办结。"))
    return steps


def _filing_steps(replied_on: dt.date, kind: str) -> list[str]:
    return [_("工作要点第十条：办理完结后3日内报县大数据发展服务中心备案。"),
            filing_reading(kind) % {"day": _d(replied_on), "n": statute.FILING_DAYS}]


def filing_day_kind() -> str:
    """How the platform reads the work plan's 「3日」 (settings.GONGKAI_FILING_DAYS, docs/configuration.md)."""
    return settings.GONGKAI_FILING_DAYS


def filing_reading(kind: str | None = None) -> str:
    """The platform's reading of 「办理完结后3日内」, said as the platform's (not the county's) words."""
    if (kind or filing_day_kind()) == statute.FILING_NATURAL_DAYS:
        return _("本平台按自然日理解：答复（办结）之日（%(day)s）后第 %(n)s 日。")
    return _("本平台按工作日理解（系统设置，可改为自然日）：答复（办结）之日（%(day)s）后第 %(n)s 个工作日。")


def _confirmation_line(case, today, cal) -> ClockLine:
    """第三十一条（二）: an ordinary letter is confirmed with the applicant on the day it arrives. Until then
    the case has no receipt date and no reply clock, so this clock is due on the day it was registered."""
    registered = timezone.localtime(case.submitted_at).date()
    line = ClockLine("confirmation", LABELS["confirmation"], due=registered, explain=lambda: [
        _("以平常信函提交的申请，政府信息公开工作机构应当于收到申请的当日与申请人确认，确认之日为收到申请之日（条例第三十一条第（二）项）。"),
        _("登记收到信函之日：%(day)s，当日应当确认。") % {"day": _d(registered)}])
    line.state = _state(registered, today, None, cal)
    return line
