"""Statutory clocks computed from stored inputs (never stored themselves)."""

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from gongkai.workdays import statute
from gongkai.workdays.calendar import DateOutOfRangeError, UnknownYearError, WorkdayCalendar
from gongkai.workdays.statute import (
    INTERPRETATION_WORKDAYS,
    PROACTIVE_PUBLICATION_WORKDAYS,
)


@dataclass(frozen=True)
class PublicationLag:
    formed_on: dt.date
    due: dt.date
    published_on: dt.date
    late_workdays: int

    @property
    def is_late(self) -> bool:
        # deadlines.md: overdue on the day after the deadline, working day or not.
        return self.published_on > self.due


def proactive_publication_due(formed_on: dt.date, cal: WorkdayCalendar | None = None) -> dt.date:
    """条例第二十六条: the 20th working day after the information was formed or changed."""
    cal = cal or WorkdayCalendar()
    return cal.add_workdays(formed_on, PROACTIVE_PUBLICATION_WORKDAYS)


def statutory_publication_due(formed_on: dt.date, rule: statute.PublicationRule,
                              cal: WorkdayCalendar | None = None) -> dt.date:
    """条例第二十六条 with its second sentence: the last day to publish under `rule`, counted from the day
    the rule runs from (the item's 形成或变更日期). Working days as the 条例 counts them; a period in 日 (预算法
    第十四条) is natural days from the next day, ending on the next working day when its last day is a
    holiday (statute.NATURAL_DAY_PERIOD_ENDS_ON_WORKDAY)."""
    cal = cal or WorkdayCalendar()
    if rule.workdays:
        return cal.add_workdays(formed_on, rule.days)
    try:
        due = formed_on + dt.timedelta(days=rule.days)
        while statute.NATURAL_DAY_PERIOD_ENDS_ON_WORKDAY and not cal.is_workday(due):
            due += dt.timedelta(days=1)
    except OverflowError:
        raise DateOutOfRangeError(formed_on) from None
    return due


@dataclass(frozen=True)
class StatutoryPublicationLag(PublicationLag):
    """A PublicationLag judged under a named rule (late_workdays: the working days after the due date)."""

    rule: statute.PublicationRule = statute.PUBLICATION_RULE_REGULATION


def statutory_publication_lag(formed_on: dt.date, published_on: dt.date, rule: statute.PublicationRule,
                              cal: WorkdayCalendar | None = None) -> StatutoryPublicationLag:
    cal = cal or WorkdayCalendar()
    due = statutory_publication_due(formed_on, rule, cal)
    late = cal.count_workdays(due, published_on) if published_on > due else 0
    return StatutoryPublicationLag(formed_on=formed_on, due=due, published_on=published_on, late_workdays=late,
                                   rule=rule)


def publication_lag(formed_on: dt.date, published_on: dt.date, cal: WorkdayCalendar | None = None) -> PublicationLag:
    cal = cal or WorkdayCalendar()
    due = proactive_publication_due(formed_on, cal)
    late = cal.count_workdays(due, published_on) if published_on > due else 0
    return PublicationLag(formed_on=formed_on, due=due, published_on=published_on, late_workdays=late)


# --- 政策解读 -------------------------------------------------------------------------------------------


def interpretation_due(policy_published_on: dt.date, workdays: int = INTERPRETATION_WORKDAYS,
                       cal: WorkdayCalendar | None = None) -> dt.date:
    """The N-th working day after the policy's publication, by which its interpretation is online."""
    cal = cal or WorkdayCalendar()
    return cal.add_workdays(policy_published_on, workdays)


# --- 依申请公开: the reply clock and the clocks around it (shared/spec/deadlines.md) ---------------------


@dataclass(frozen=True)
class ExcludedSpan:
    """A wait kept off the reply clock: a consultation of a third party (第三十二条) or another agency
    (第三十四条) (条例第三十三条第三款), or a wait for an 信息处理费 (收费通知 sent → paid; 国办函〔2020〕109号).
    Its working days in the half-open span (sent_on, answered_on] are excluded; answered_on None means
    still waiting (counted up to today). `lapses_on` is the last day the wait can last on its own terms
    (a fee wait: the payment period's end, after which the applicant is 视为放弃)."""

    sent_on: dt.date
    answered_on: dt.date | None
    label: str = ""
    lapses_on: dt.date | None = None


@dataclass(frozen=True)
class ReplyClockInputs:
    received_on: dt.date  # 第三十一条 收到申请之日; it also chooses the regime (2007 or 2019 条例)
    correction_received_on: dt.date | None = None  # 第三十条: the clock restarts from 收到补正之日
    awaiting_correction: bool = False  # a 补正 notice went out and nothing came back yet
    excluded_spans: tuple[ExcludedSpan, ...] = ()
    extension_workdays: int = 0  # 第三十三条第二款, approved by the 负责人
    # Each extension's (approval date, working days), when known: the deadline "as it stood when a wait
    # began" (deadlines.md, X) holds only the extensions approved by then. Empty: all of E, whenever approved.
    extensions: tuple[tuple[dt.date, int], ...] = ()
    closed_on: dt.date | None = None  # answered, withdrawn or closed: no wait runs past this day
    delayed_until: dt.date | None = None  # 第三十五条: the reasonable delayed-reply date the agency set


@dataclass(frozen=True)
class ReplyClock:
    """The reply deadline and how it was reached: due = the (N + E + X)-th working day after R, N the
    regime's period (20, or 15 before 2019-05-15); a 第三十五条 delayed reply moves it to the date set."""

    received_on: dt.date
    start: dt.date | None  # R; None while the applicant owes a 补正
    restarted: bool
    extension_workdays: int
    spans: tuple[ExcludedSpan, ...]
    waiting: bool  # an open consultation or fee wait still moves the due date each working day (deadlines.md, X)
    due: dt.date | None
    regime: statute.ReplyRegime = statute.REGIME_2019
    statutory_due: dt.date | None = None  # before a 第三十五条 delay
    delayed_until: dt.date | None = None
    excluded: tuple[tuple[dt.date, dt.date], ...] = ()  # the waits, merged: half-open spans (after, until]
    # Each of `spans`' deadline as it stood when it began (deadlines.md, X: its days after it do not count);
    # None for a wait that ended before R.
    limits: tuple[dt.date | None, ...] = ()
    cal: WorkdayCalendar | None = field(default=None, repr=False, compare=False)

    @cached_property
    def excluded_days(self) -> tuple[dt.date, ...]:
        """The excluded working days inside the period (X), counted once (listed when explained)."""
        day = self.statutory_due
        if day is None:
            return ()
        return tuple(sorted(d for after, until in self.excluded if after < day
                            for d in self.cal.workdays_in(after, min(until, day))))

    @property
    def awaiting_correction(self) -> bool:
        return self.start is None

    @property
    def excluded_workdays(self) -> int:
        return len(self.excluded_days)

    @property
    def total_workdays(self) -> int:
        return self.regime.reply_workdays + self.extension_workdays + self.excluded_workdays

    @property
    def paused(self) -> bool:
        """Waiting states are never shown as overdue (the applicant or a consulted party must act)."""
        return self.due is None or self.waiting


def check_extension(workdays: int, maximum: int = statute.MAX_EXTENSION_WORKDAYS) -> None:
    if not 0 <= workdays <= maximum:
        raise ValueError(f"extension must be 0..{maximum} working days, got {workdays}")


def span_end(span: ExcludedSpan, today: dt.date, closed_on: dt.date | None = None) -> tuple[dt.date, bool]:
    """(the day the wait ends or has run to, still running?). A wait ends at the latest when the case is
    answered, withdrawn or closed (deadlines.md), and a fee wait when its payment period lapses."""
    end, running = span.answered_on, span.answered_on is None
    if end is None:
        end = today
    for limit in (closed_on, span.lapses_on):
        if limit is not None and limit <= end:
            end, running = limit, False
    return max(end, span.sent_on), running


def _merged(intervals: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """Half-open spans (after, until] merged where they overlap or touch, in order."""
    merged: list[tuple[dt.date, dt.date]] = []
    for after, until in sorted(intervals):
        if merged and after <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(until, merged[-1][1]))
        else:
            merged.append((after, until))
    return merged


def reply_clock(inputs: ReplyClockInputs, today: dt.date, cal: WorkdayCalendar | None = None) -> ReplyClock:
    """条例第三十条、第三十三条 (2007 条例第二十四条 before 2019-05-15): the reply deadline from its inputs.

    The result is the (N + E + X)-th working day after R where X counts each excluded working day once
    (overlapping spans merge) and only the days inside the running period as deadlines.md defines it:
    after R, and not after the deadline as it stood when that wait began (`_excluded_spans`). So a wait
    before R (a 补正 restart) or one begun after the deadline had passed does not move it, and a wait
    that outlasts the deadline as it stood moves it by the working days up to that deadline only.
    """
    cal = cal or WorkdayCalendar()
    regime, start, waiting, excluded, day, limits = _reply_day(inputs, today, cal)
    if start is None:
        return ReplyClock(inputs.received_on, None, False, inputs.extension_workdays, inputs.excluded_spans,
                          False, None, regime)
    return ReplyClock(inputs.received_on, start, inputs.correction_received_on is not None,
                      inputs.extension_workdays, inputs.excluded_spans, waiting, _with_delay(day, inputs), regime,
                      day, inputs.delayed_until, tuple(excluded), limits, cal)


def reply_due(inputs: ReplyClockInputs, today: dt.date, cal: WorkdayCalendar | None = None) -> dt.date | None:
    """`reply_clock(...).due` alone, without listing the excluded days (for counting many cases)."""
    _regime, start, _waiting, _excluded, day, _limits = _reply_day(inputs, today, cal or WorkdayCalendar())
    return None if start is None else _with_delay(day, inputs)


def _with_delay(day: dt.date, inputs: ReplyClockInputs) -> dt.date:
    """条例第三十五条: a delayed reply is due on the (reasonable) date the agency set, if later."""
    return max(day, inputs.delayed_until or day)


def reply_state(inputs: ReplyClockInputs, replied_on: dt.date, cal: WorkdayCalendar | None = None) -> str | None:
    """条例第三十三条: whether a reply given on `replied_on` was in time, MET or LATE (None while a 补正 is
    awaited: no clock runs). The deadline decides when it can be counted (deadline_state). When it falls
    in a year whose 放假/调休 days are not entered but the reply day does not, the reply was in time if the
    working days the clock ran from R up to the reply day — less its waits, as the clock excludes them —
    do not exceed the period N + E: the deadline then lies after the reply day, whatever that year's
    holidays (a 第三十五条 delay only moves it later). Raises UnknownYearError when even that cannot be
    told (the reply day's own year is not known)."""
    cal = cal or WorkdayCalendar()
    try:
        due = reply_due(inputs, replied_on, cal)
    except UnknownYearError:
        regime, start, waits = _reply_spans(inputs, replied_on)
        used = cal.count_workdays(start, replied_on) - sum(
            cal.count_workdays(after, min(until, replied_on)) for after, until in _merged(
                [(after, until) for after, until, _running, _index in waits]))
        return DeadlineState.MET if used <= regime.reply_workdays + inputs.extension_workdays else DeadlineState.LATE
    return None if due is None else deadline_state(due, replied_on, replied_on, cal)


def _reply_spans(inputs: ReplyClockInputs, today: dt.date):
    """(regime, R or None while a 补正 is awaited, each wait's span (after R, until, still running?, its index in
    inputs.excluded_spans) in order of its beginning, not yet capped at the deadline nor merged; a running wait is kept even while empty —
    begun today — as it may still move the deadline)."""
    regime = statute.reply_regime(inputs.received_on)
    check_extension(inputs.extension_workdays, regime.max_extension_workdays)
    restarted = inputs.correction_received_on is not None
    if inputs.awaiting_correction and not restarted:
        return regime, None, []
    start = inputs.correction_received_on if restarted else inputs.received_on
    spans = []
    for index, span in enumerate(inputs.excluded_spans):
        end, running = span_end(span, today, inputs.closed_on)
        after = max(span.sent_on, start)
        if end > after or (running and end == after):
            spans.append((after, end, running, index))
    return regime, start, sorted(spans)


def _excluded_spans(start: dt.date, period, waits, cal: WorkdayCalendar):
    """deadlines.md, X: each wait's working days in (sent, answered] that fall inside the running period —
    after R, and not after the deadline as it stood when the wait began, i.e. the (N + E₀ + X₀)-th working
    day after R, E₀ the extensions approved by then (`period(day)` = N + E₀) and X₀ the days already
    excluded by then (the earlier waits' days up to this one's beginning). Returns (the spans merged, so
    overlapping waits count once; still waiting?; each wait's deadline as it stood, by its index in
    inputs.excluded_spans): a running wait keeps the deadline moving only while it
    has not reached the deadline as it stood when it began — from that day on its days no longer count,
    the deadline is fixed and the clock runs (and can fall due) again."""
    capped: list[tuple[dt.date, dt.date]] = []
    waiting, stood_by_index = False, {}
    for after, until, running, index in waits:  # in order of beginning
        known = sum(cal.count_workdays(a, min(u, after)) for a, u in _merged(capped))
        stood = stood_by_index[index] = cal.add_workdays(start, period(after) + known)
        waiting = waiting or (running and until < stood)
        if min(until, stood) > after:
            capped.append((after, min(until, stood)))
    return _merged(capped), waiting, stood_by_index


def _reply_day(inputs: ReplyClockInputs, today: dt.date, cal: WorkdayCalendar):
    """(regime, R or None while a 补正 is awaited, still waiting?, merged excluded spans, N+E+X-th day, each
    wait's deadline as it stood when it began — aligned with inputs.excluded_spans, None for a wait that
    ended before R)."""
    regime, start, waits = _reply_spans(inputs, today)
    if start is None:
        return regime, None, False, [], None, ()
    target = regime.reply_workdays + inputs.extension_workdays

    def period(day: dt.date) -> int:  # N + the extensions approved on or before `day`
        if not inputs.extensions:
            return target
        return regime.reply_workdays + sum(workdays for approved_on, workdays in inputs.extensions if approved_on <= day)

    excluded, waiting, stood = _excluded_spans(start, period, waits, cal)
    skipped = sum(cal.count_workdays(after, until) for after, until in excluded)
    limits = tuple(stood.get(index) for index in range(len(inputs.excluded_spans)))
    return regime, start, waiting, excluded, cal.add_workdays(start, target + skipped), limits


def correction_notice_due(received_on: dt.date, cal: WorkdayCalendar | None = None) -> dt.date:
    """条例第三十条: the one-time 补正 notice goes out by the 7th working day after the original receipt."""
    return (cal or WorkdayCalendar()).add_workdays(received_on, statute.CORRECTION_NOTICE_WORKDAYS)


def correction_period_due(notice_on: dt.date, workdays: int, cal: WorkdayCalendar | None = None) -> dt.date:
    """条例第三十条: the 合理的补正期限 the unit set in its notice, in working days after the notice."""
    return (cal or WorkdayCalendar()).add_workdays(notice_on, workdays)


def opinion_due(letter_received_on: dt.date, cal: WorkdayCalendar | None = None) -> dt.date:
    """条例第三十二条、第三十四条: the consulted party answers by the 15th working day after receiving the letter."""
    return (cal or WorkdayCalendar()).add_workdays(letter_received_on, statute.CONSULTATION_WORKDAYS)


def fee_payment_due(notice_received_on: dt.date, cal: WorkdayCalendar | None = None) -> dt.date:
    """国办函〔2020〕109号: the fee is paid by the 20th working day after the applicant received the notice."""
    return (cal or WorkdayCalendar()).add_workdays(notice_received_on, statute.FEE_PAYMENT_WORKDAYS)


def filing_due(replied_on: dt.date, cal: WorkdayCalendar | None = None,
               kind: str = statute.FILING_WORKING_DAYS) -> dt.date:
    """Work plan §10 「办理完结后3日内」: the 3rd working day after the reply (the platform's default reading),
    or the 3rd natural day when the deployment reads it so (GONGKAI_FILING_DAYS)."""
    if kind == statute.FILING_NATURAL_DAYS:
        return replied_on + dt.timedelta(days=statute.FILING_DAYS)
    return (cal or WorkdayCalendar()).add_workdays(replied_on, statute.FILING_DAYS)


def consultation_outcome_due(closes_on: dt.date, workdays: int = statute.CONSULTATION_OUTCOME_WORKDAYS,
                             cal: WorkdayCalendar | None = None) -> dt.date:
    """Annex 「推进决策公开」 「及时公开意见收集采纳情况」: the platform's reading, the `workdays`-th working day
    after the closing date (GONGKAI_CONSULTATION_OUTCOME_WORKDAYS)."""
    return (cal or WorkdayCalendar()).add_workdays(closes_on, workdays)


class DeadlineState:
    OPEN = "open"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET = "met"
    LATE = "late"


def deadline_state(due: dt.date, today: dt.date, done_on: dt.date | None = None,
                   cal: WorkdayCalendar | None = None) -> str:
    """deadlines.md: overdue on the day after the deadline; due soon 3 working days or fewer before it."""
    if done_on is not None:
        return DeadlineState.LATE if done_on > due else DeadlineState.MET
    if today > due:
        return DeadlineState.OVERDUE
    if (cal or WorkdayCalendar()).count_workdays(today, due) <= statute.DUE_SOON_WORKDAYS:
        return DeadlineState.DUE_SOON
    return DeadlineState.OPEN


# --- 政民互动: 留言办理 (gongkai.mailbox) -----------------------------------------------------------------


def message_reply_due(received_on: dt.date, workdays: int, cal: WorkdayCalendar | None = None) -> dt.date:
    """The last day to reply to a citizen's message: the `workdays`-th working day after it was received
    (the reply period of its type in force when it was received, stored on the message)."""
    return (cal or WorkdayCalendar()).add_workdays(received_on, workdays)


def message_veto_since(today: dt.date) -> dt.date:
    """A message received on or before this day and still unanswered today has gone more than
    UNANSWERED_MESSAGE_MONTHS months without a reply (国办秘函〔2019〕19号 单项否决)."""
    import calendar as _calendar

    month = today.month - statute.UNANSWERED_MESSAGE_MONTHS
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, min(today.day, _calendar.monthrange(year, month)[1])) - dt.timedelta(days=1)
