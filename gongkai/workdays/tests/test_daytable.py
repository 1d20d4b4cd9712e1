"""The precomputed day table gives exactly the answers of the day-by-day rule it is built from."""

import datetime as dt
import random

import pytest

from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar
from gongkai.workdays.models import CalendarYear, DayOverride

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


def walk_add(cal, start, count):
    day = start
    while count:
        day += dt.timedelta(days=1)
        if cal.day_by_day_is_workday(day):
            count -= 1
    return day


def walk_count(cal, after, until):
    day, count = after, 0
    while day < until:
        day += dt.timedelta(days=1)
        count += cal.day_by_day_is_workday(day)
    return count


def test_table_matches_the_rule_across_years_overrides_and_an_entered_year():
    last = WorkdayCalendar().last_known_year()
    entered = last + 1
    CalendarYear.objects.create(year=entered, source="国办发明电（测试）")
    DayOverride.objects.create(date=dt.date(entered, 1, 1), kind=DayOverride.Kind.HOLIDAY)
    DayOverride.objects.create(date=dt.date(entered, 1, 4), kind=DayOverride.Kind.WORKDAY)  # a Sunday or not
    DayOverride.objects.create(date=D("2020-01-19"), kind=DayOverride.Kind.HOLIDAY)  # 调休 Sunday taken back
    cal = WorkdayCalendar()
    rng = random.Random(12)
    first, end = D("2019-06-01"), dt.date(entered, 10, 1)
    span = (end - first).days
    for _ in range(400):
        start = first + dt.timedelta(days=rng.randrange(span))
        count = rng.choice([0, 1, 3, 7, 15, 20, 35, 60, 250])
        until = start + dt.timedelta(days=rng.randrange(120))
        assert cal.is_workday(start) == cal.day_by_day_is_workday(start)
        try:
            expected = walk_add(cal, start, count)
        except UnknownYearError:
            with pytest.raises(UnknownYearError):
                cal.add_workdays(start, count)
        else:
            assert cal.add_workdays(start, count) == expected, (start, count)
        if until.year <= entered:
            assert cal.count_workdays(start, until) == walk_count(cal, start, until), (start, until)
    assert not cal.is_workday(D("2020-01-19"))
    assert not cal.is_workday(dt.date(entered, 1, 1))


def test_a_year_nobody_entered_is_still_refused_and_overrides_still_answer_in_it():
    unknown = WorkdayCalendar().last_known_year() + 1
    DayOverride.objects.create(date=dt.date(unknown, 1, 2), kind=DayOverride.Kind.WORKDAY)
    cal = WorkdayCalendar()
    assert cal.is_workday(dt.date(unknown, 1, 2))
    with pytest.raises(UnknownYearError):
        cal.is_workday(dt.date(unknown, 1, 3))
    # Counting into the unknown year stops at the first day only the unknown notice could decide.
    assert cal.add_workdays(dt.date(unknown, 1, 1), 1) == dt.date(unknown, 1, 2)
    with pytest.raises(UnknownYearError):
        cal.add_workdays(dt.date(unknown - 1, 12, 20), 30)


def walk_reply_due(cal, inputs, today):
    """deadlines.md's reply deadline by walking day by day: the (N + E + X)-th working day after R, X each
    wait's working days in (sent, end] after R and not after the deadline as it stood when the wait began
    (waits taken in order of beginning; a day excluded by two waits counts once)."""
    from gongkai.workdays import clocks, statute

    regime = statute.reply_regime(inputs.received_on)
    start = inputs.correction_received_on or inputs.received_on
    target = regime.reply_workdays + inputs.extension_workdays

    def nth_workday_after(day, n):
        while n:
            day += dt.timedelta(days=1)
            n -= cal.day_by_day_is_workday(day)
        return day

    excluded = set()
    for span in sorted(inputs.excluded_spans, key=lambda s: max(s.sent_on, start)):
        end, _running = clocks.span_end(span, today, inputs.closed_on)
        began = max(span.sent_on, start)
        stood = nth_workday_after(start, target + sum(1 for d in excluded if d <= began))
        day = began
        while day < min(end, stood):
            day += dt.timedelta(days=1)
            if cal.day_by_day_is_workday(day):
                excluded.add(day)
    return nth_workday_after(start, target + len(excluded)), tuple(sorted(excluded))


def test_the_reply_clock_from_the_day_table_equals_walking_day_by_day():
    from gongkai.workdays import clocks

    rng = random.Random(2020)
    cal = WorkdayCalendar()
    for _ in range(3000):
        received = D("2019-01-01") + dt.timedelta(days=rng.randrange(0, 700))  # both regimes, the 2020 epidemic
        corrected = received + dt.timedelta(days=rng.randrange(1, 40)) if rng.random() < 0.2 else None
        start = corrected or received
        spans = []
        for _n in range(rng.choice((0, 0, 1, 2, 3))):
            sent = start + dt.timedelta(days=rng.randrange(-15, 60))
            answered = sent + dt.timedelta(days=rng.randrange(0, 40)) if rng.random() < 0.8 else None
            lapses = sent + dt.timedelta(days=rng.randrange(10, 40)) if rng.random() < 0.3 else None
            spans.append(clocks.ExcludedSpan(sent, answered, "", lapses))
        today = start + dt.timedelta(days=rng.randrange(0, 120))
        closed = today - dt.timedelta(days=rng.randrange(0, 10)) if rng.random() < 0.3 else None
        inputs = clocks.ReplyClockInputs(received_on=received, correction_received_on=corrected,
                                         excluded_spans=tuple(spans), extension_workdays=rng.choice((0, 0, 5, 15)),
                                         closed_on=closed)
        reply = clocks.reply_clock(inputs, today, cal)
        assert (reply.statutory_due, reply.excluded_days) == walk_reply_due(cal, inputs, today), inputs
