"""The working-day calendar against the 2020 notices (shared/spec/deadlines.md, 国办发明电〔2019〕16号 and
国办发明电〔2020〕1号), the counting convention, administrator overrides and unknown years."""

import datetime as dt

import chinese_calendar
import pytest
from django.utils import translation

from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar, add_workdays, is_workday
from gongkai.workdays.models import CalendarYear, DayOverride

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    "day, workday, why",
    [
        ("2020-01-19", True, "Sunday, 调休 working day before 春节"),
        ("2020-01-23", True, "last working day before 春节"),
        ("2020-01-24", False, "除夕, 春节 begins"),
        ("2020-01-30", False, "original last day of 春节"),
        ("2020-01-31", False, "epidemic extension"),
        ("2020-02-01", False, "Saturday announced as working day, cancelled by the extension"),
        ("2020-02-02", False, "last day of the extension"),
        ("2020-02-03", True, "work resumed"),
        ("2020-04-04", False, "清明"),
        ("2020-04-06", False, "清明, Monday"),
        ("2020-04-07", True, "after 清明"),
        ("2020-04-26", True, "Sunday, 调休 for 劳动节"),
        ("2020-05-01", False, "劳动节"),
        ("2020-05-05", False, "劳动节, Tuesday"),
        ("2020-05-06", True, "after 劳动节"),
        ("2020-05-09", True, "Saturday, 调休 for 劳动节"),
        ("2020-06-25", False, "端午"),
        ("2020-06-26", False, "端午, Friday"),
        ("2020-06-27", False, "端午, Saturday"),
        ("2020-06-28", True, "Sunday, 调休 for 端午"),
        ("2020-09-27", True, "Sunday, 调休 for 国庆/中秋"),
        ("2020-10-01", False, "国庆 and 中秋"),
        ("2020-10-08", False, "last day of 国庆/中秋"),
        ("2020-10-09", True, "Friday after 国庆"),
        ("2020-10-10", True, "Saturday, 调休 for 国庆/中秋"),
        ("2020-10-11", False, "ordinary Sunday"),
    ],
)
def test_2020_days_follow_the_state_council_notices(day, workday, why):
    assert is_workday(D(day)) is workday, why


class TestCountingConvention:
    def test_start_day_is_never_counted(self):
        # 01-21, 01-22, 01-23 count; 春节 and its extension (01-24..02-02) do not; 02-03, 02-04.
        assert add_workdays(D("2020-01-20"), 5) == D("2020-02-04")

    def test_first_working_day_after_a_start_on_a_holiday(self):
        assert add_workdays(D("2020-01-25"), 1) == D("2020-02-03")
        assert add_workdays(D("2020-02-02"), 1) == D("2020-02-03")

    def test_a_start_on_a_holiday_is_not_counted_either(self):
        # Starting on the holiday 02-02 or on the working day 01-23 before it gives the same end.
        assert add_workdays(D("2020-02-02"), 3) == add_workdays(D("2020-01-23"), 3) == D("2020-02-05")

    def test_weekend_adjustment_day_counts(self):
        assert add_workdays(D("2020-01-18"), 1) == D("2020-01-19")
        assert add_workdays(D("2020-09-26"), 1) == D("2020-09-27")

    def test_zero_days_is_the_start_and_negative_is_refused(self):
        assert add_workdays(D("2020-01-24"), 0) == D("2020-01-24")
        with pytest.raises(ValueError):
            add_workdays(D("2020-01-24"), -1)

    def test_counting_working_days_in_a_half_open_span(self):
        cal = WorkdayCalendar()
        # (04-30, 05-11]: 05-06, 05-07, 05-08, 05-09 (Saturday, 调休), 05-11.
        assert cal.count_workdays(D("2020-04-30"), D("2020-05-11")) == 5
        assert cal.count_workdays(D("2020-05-11"), D("2020-05-11")) == 0


class TestOverrides:
    def test_an_override_changes_the_result_without_anything_stored(self):
        start = D("2020-01-31")
        assert add_workdays(start, 1) == D("2020-02-03")
        override = DayOverride.objects.create(date=D("2020-02-01"), kind=DayOverride.Kind.WORKDAY, note="原通知")
        assert add_workdays(start, 1) == D("2020-02-01")
        override.delete()
        assert add_workdays(start, 1) == D("2020-02-03")

    def test_a_holiday_override_on_an_ordinary_weekday(self):
        DayOverride.objects.create(date=D("2020-02-04"), kind=DayOverride.Kind.HOLIDAY, note="临时放假")
        assert not is_workday(D("2020-02-04"))
        assert add_workdays(D("2020-01-20"), 5) == D("2020-02-05")

    def test_a_calendar_snapshot_reads_overrides_once(self):
        cal = WorkdayCalendar()
        DayOverride.objects.create(date=D("2020-02-04"), kind=DayOverride.Kind.HOLIDAY)
        assert cal.is_workday(D("2020-02-04"))
        assert not WorkdayCalendar().is_workday(D("2020-02-04"))


def _first_unknown_year() -> int:
    """2027 with chinesecalendar 1.11 (its data stop at 2026); later releases move it on."""
    year = 2026
    while True:
        try:
            chinese_calendar.is_workday(dt.date(year, 1, 1))
        except NotImplementedError:
            return year
        year += 1


UNKNOWN = _first_unknown_year()


def _monday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


class TestUnknownYear:
    def test_an_unknown_year_is_refused_with_a_chinese_message_naming_it(self):
        with translation.override("zh-hans"), pytest.raises(UnknownYearError) as caught:
            is_workday(dt.date(UNKNOWN, 3, 1))
        assert caught.value.year == UNKNOWN
        message = str(caught.value)
        assert f"{UNKNOWN} 年" in message
        assert "无法计算工作日" in message

    def test_a_deadline_across_the_year_boundary_is_refused(self):
        cal = WorkdayCalendar()
        assert cal.knows_year(UNKNOWN - 1) and not cal.knows_year(UNKNOWN)
        assert cal.last_known_year() == UNKNOWN - 1
        with pytest.raises(UnknownYearError) as caught:
            add_workdays(dt.date(UNKNOWN - 1, 12, 28), 10)
        assert caught.value.year == UNKNOWN

    def test_overrides_alone_do_not_make_a_year_known(self):
        DayOverride.objects.create(date=dt.date(UNKNOWN, 1, 1), kind=DayOverride.Kind.HOLIDAY, note="元旦")
        assert not is_workday(dt.date(UNKNOWN, 1, 1))
        with pytest.raises(UnknownYearError):
            add_workdays(dt.date(UNKNOWN, 1, 1), 3)

    def test_an_administrator_enters_the_year_and_it_computes(self):
        monday = _monday_on_or_after(dt.date(UNKNOWN, 1, 5))
        friday_before, saturday_after = monday - dt.timedelta(days=3), monday + dt.timedelta(days=5)
        CalendarYear.objects.create(year=UNKNOWN, source="国务院办公厅关于部分节假日安排的通知（示例）")
        DayOverride.objects.create(date=monday, kind=DayOverride.Kind.HOLIDAY, note="放假（示例）")
        DayOverride.objects.create(date=saturday_after, kind=DayOverride.Kind.WORKDAY, note="调休上班（示例）")
        cal = WorkdayCalendar()
        assert cal.knows_year(UNKNOWN)
        assert cal.last_known_year() == UNKNOWN
        assert cal.add_workdays(friday_before, 1) == monday + dt.timedelta(days=1)
        # Tuesday to Friday, then the Saturday made a working day.
        assert cal.add_workdays(friday_before, 5) == saturday_after
        assert not cal.is_workday(saturday_after + dt.timedelta(days=1))  # an ordinary Sunday
        with pytest.raises(UnknownYearError) as caught:
            cal.is_workday(dt.date(UNKNOWN + 1, 1, 4))
        assert caught.value.year == UNKNOWN + 1


def test_last_known_year_does_not_assume_last_year_is_known(db, monkeypatch):
    # Pretend today is in 2029 with chinesecalendar's data ending in 2026 and nothing entered:
    # the last known year is 2026, not 2028.
    import datetime as real_dt

    from gongkai.workdays import calendar as calendar_module

    class FakeDate(real_dt.date):
        @classmethod
        def today(cls):
            return cls(2029, 6, 1)

    monkeypatch.setattr(calendar_module.dt, "date", FakeDate)
    cal = calendar_module.WorkdayCalendar()
    expected = 2026
    while cal.knows_year(expected + 1):
        expected += 1
    assert expected < 2029
    assert cal.last_known_year() == expected


@pytest.mark.parametrize("entered", [False, True])
def test_counting_past_the_last_representable_day_is_refused_not_overflowed(entered):
    # An impossible 形成或变更日期 (9999-12-31) reached the staff pages' lag computation and crashed them.
    if entered:
        CalendarYear.objects.create(year=9999)
        DayOverride.objects.create(date=D("9999-01-01"), kind=DayOverride.Kind.HOLIDAY)
    cal = WorkdayCalendar()
    with pytest.raises(UnknownYearError, match="9999-12-31"):
        cal.add_workdays(D("9999-12-31"), 20)
    if entered:
        with pytest.raises(UnknownYearError, match="9999-12-2"):
            cal.add_workdays(D("9999-12-20"), 20)


def test_natural_day_period_past_the_last_representable_day_is_refused():
    from gongkai.workdays import statute
    from gongkai.workdays.clocks import statutory_publication_due

    natural = next(rule for rule in statute.PUBLICATION_RULES.values() if not rule.workdays)
    with pytest.raises(UnknownYearError):
        statutory_publication_due(D("9999-12-31"), natural, WorkdayCalendar())
