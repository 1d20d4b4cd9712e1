"""条例第二十六条's clock: proactive publication within 20 working days of formation or change."""

import datetime as dt

import pytest

from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar
from gongkai.workdays.clocks import proactive_publication_due, publication_lag
from gongkai.workdays.models import CalendarYear, DayOverride
from gongkai.workdays.statute import PROACTIVE_PUBLICATION_WORKDAYS
from gongkai.workdays.tests.test_calendar import UNKNOWN

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat
FORMED = D("2020-01-10")


def test_the_period_is_the_statutory_twenty_working_days():
    assert PROACTIVE_PUBLICATION_WORKDAYS == 20


def test_due_date_skips_the_extended_spring_festival():
    # 01-13..01-17 (5), 01-19 Sunday 调休 (6), 01-20..01-23 (10), 春节 to 02-02, 02-03..02-07 (15),
    # 02-10..02-14 (20).
    assert proactive_publication_due(FORMED) == D("2020-02-14")


@pytest.mark.parametrize(
    "published, late, late_workdays",
    [
        ("2020-01-20", False, 0),
        ("2020-02-14", False, 0),  # on the deadline itself
        ("2020-02-15", True, 0),  # overdue the day after, even on a Saturday
        ("2020-02-17", True, 1),
        ("2020-02-21", True, 5),
    ],
)
def test_publication_lag(published, late, late_workdays):
    lag = publication_lag(FORMED, D(published))
    assert lag.due == D("2020-02-14")
    assert lag.formed_on == FORMED
    assert lag.is_late is late
    assert lag.late_workdays == late_workdays


def test_an_override_moves_the_deadline_on_recomputation():
    lag = publication_lag(FORMED, D("2020-02-17"))
    assert lag.is_late
    DayOverride.objects.create(date=D("2020-02-10"), kind=DayOverride.Kind.HOLIDAY, note="更正")
    assert proactive_publication_due(FORMED) == D("2020-02-17")
    assert not publication_lag(FORMED, D("2020-02-17")).is_late


def test_a_deadline_in_an_unknown_year_is_refused_until_the_year_is_entered():
    unknown = UNKNOWN  # 2027 with chinesecalendar 1.11
    formed = dt.date(unknown - 1, 12, 15)
    with pytest.raises(UnknownYearError) as caught:
        proactive_publication_due(formed)
    assert str(unknown) in str(caught.value)

    CalendarYear.objects.create(year=unknown, source="示例通知")
    DayOverride.objects.create(date=dt.date(unknown, 1, 1), kind=DayOverride.Kind.HOLIDAY, note="元旦")
    due = proactive_publication_due(formed)
    assert due.year == unknown
    cal = WorkdayCalendar()
    assert cal.is_workday(due)
    assert cal.count_workdays(formed, due) == PROACTIVE_PUBLICATION_WORKDAYS

    # The administrator adds a holiday on that very day: the deadline moves to the next working day.
    DayOverride.objects.create(date=due, kind=DayOverride.Kind.HOLIDAY, note="补录放假")
    assert proactive_publication_due(formed) == cal.add_workdays(due, 1)
