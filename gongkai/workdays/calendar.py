"""Working days (工作日): the one module every statutory clock counts with.

A day's type comes from the administrator's DayOverride rows when there is one, otherwise from
`chinesecalendar`, which is maintained from the State Council's yearly notices. A year that neither
covers (chinesecalendar's data ends with its release; an administrator marks a year complete with a
CalendarYear row, which counts only together with that year's HOLIDAY overrides) is refused with UnknownYearError: unknown holidays are never treated as workdays.

Counting convention (shared/spec/deadlines.md): a period of N working days that starts on day D ends on
the N-th working day *after* D; the start day itself is never counted.
"""

import datetime as dt
from functools import lru_cache

import chinese_calendar
from django.utils.translation import gettext as _

from gongkai.workdays.daytable import DayTable, YearNotTabled
from gongkai.workdays.models import CalendarYear, DayOverride

# chinesecalendar raises NotImplementedError outside the years it knows.
_PROBE_DAY = (1, 1)


class UnknownYearError(ValueError):
    """A date falls in a year whose 放假/调休 days nobody has entered."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            _(
                "系统尚未录入 %(year)s 年的法定节假日和调休安排，无法计算工作日。"
                "请管理员在“工作日历”中录入国务院办公厅公布的 %(year)s 年放假安排后再试。"
            )
            % {"year": year}
        )


class DateOutOfRangeError(UnknownYearError):
    """A count runs past the last day a date can hold (an impossible date such as 9999-12-31 was entered).
    A kind of UnknownYearError, so every caller that reports an unknown year reports this too."""

    def __init__(self, day: dt.date):
        self.year = day.year
        ValueError.__init__(
            self, _("日期 %(date)s 超出工作日历能够计算的范围，请核对该信息的形成或变更日期。") % {"date": day.isoformat()}
        )


@lru_cache(maxsize=64)
def _library_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, *_PROBE_DAY))
    except NotImplementedError:
        return False
    return True


class WorkdayCalendar:
    """A snapshot of the calendar: overrides are read once, so a long computation is consistent."""

    def __init__(self):
        self._overrides = dict(DayOverride.objects.values_list("date", "kind"))
        # A year counts as entered only with its 放假 days: every real year has 元旦 and 春节, so a mark
        # without a single HOLIDAY override is an incomplete entry, not "weekdays work, weekends rest".
        with_holidays = {day.year for day, kind in self._overrides.items() if kind == DayOverride.Kind.HOLIDAY}
        self._entered_years = set(CalendarYear.objects.values_list("year", flat=True)) & with_holidays
        self._table = DayTable({day: kind == DayOverride.Kind.WORKDAY for day, kind in self._overrides.items()},
                               self._entered_years)

    def knows_year(self, year: int) -> bool:
        return year in self._entered_years or _library_knows(year)

    def last_known_year(self) -> int:
        """The last year of the unbroken run of known years that contains this year (or ends before it)."""
        year = dt.date.today().year
        if not self.knows_year(year):
            while year > 1900 and not self.knows_year(year):
                year -= 1
            return year
        while self.knows_year(year + 1):
            year += 1
        return year

    def is_workday(self, day: dt.date) -> bool:
        try:
            return self._table.is_workday(day)
        except YearNotTabled:
            return self.day_by_day_is_workday(day)

    def day_by_day_is_workday(self, day: dt.date) -> bool:
        """The rule itself (the day table is built from it; used directly for years no source knows)."""
        kind = self._overrides.get(day)
        if kind is not None:
            return kind == DayOverride.Kind.WORKDAY
        if day.year in self._entered_years and not _library_knows(day.year):
            # An administrator-entered year: weekends rest, weekdays work, except the overrides.
            return day.weekday() < 5
        if not _library_knows(day.year):
            raise UnknownYearError(day.year)
        return chinese_calendar.is_workday(day)

    def add_workdays(self, start: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `start` (start itself never counts)."""
        if count < 0:
            raise ValueError("count must not be negative")
        try:
            return self._table.add_workdays(start, count)
        except YearNotTabled:
            pass
        day = start
        remaining = count
        try:
            while remaining:
                day += dt.timedelta(days=1)
                if self.is_workday(day):
                    remaining -= 1
        except OverflowError:
            raise DateOutOfRangeError(start) from None
        return day

    def workdays_in(self, after: dt.date, until: dt.date) -> set[dt.date]:
        """The working days in the half-open span (after, until]."""
        days = set()
        day = after
        while day < until:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                days.add(day)
        return days

    def count_workdays(self, after: dt.date, until: dt.date) -> int:
        try:
            return self._table.count_workdays(after, until)
        except YearNotTabled:
            pass
        return len(self.workdays_in(after, until))


def calendar() -> WorkdayCalendar:
    return WorkdayCalendar()


def add_workdays(start: dt.date, count: int) -> dt.date:
    return WorkdayCalendar().add_workdays(start, count)


def is_workday(day: dt.date) -> bool:
    return WorkdayCalendar().is_workday(day)
