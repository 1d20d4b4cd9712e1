"""The precomputed day table behind every working-day count (one place).

For each year a calendar knows, the table holds one flag per day (working day or not) and the running
count of working days up to each day, so `is_workday` is one lookup, `count_workdays` two subtractions
and `add_workdays` a binary search, however long the span. The day types are exactly those of
`WorkdayCalendar.is_workday` (administrator overrides, administrator-entered years, chinesecalendar):
the table is built from it, a year at a time, the first time that year is asked for.

chinesecalendar's own answer for a year is computed once per process (`_library_year`; the library's data
ships with the code, so it cannot change while the process runs). A calendar's overrides are applied
per table, so a WorkdayCalendar snapshot stays consistent for its lifetime.

A year that no source knows cannot be tabled (`YearNotTabled`); the calendar then walks day by day as
it always did, which answers from the overrides where it can and refuses with UnknownYearError where not.
"""

import datetime as dt
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate

import chinese_calendar


class YearNotTabled(Exception):
    """The year is known to no source (neither chinesecalendar nor an administrator)."""


@lru_cache(maxsize=128)
def _library_year(year: int) -> bytes | None:
    """chinesecalendar's working-day flags of every day of `year` (None when the library does not know it)."""
    first = dt.date(year, 1, 1)
    try:
        chinese_calendar.is_workday(first)
    except NotImplementedError:
        return None
    days = (dt.date(year, 12, 31) - first).days + 1
    return bytes(chinese_calendar.is_workday(first + dt.timedelta(days=n)) for n in range(days))


class _Year:
    __slots__ = ("first", "flags", "running", "total")

    def __init__(self, first: dt.date, flags: bytes):
        self.first = first
        self.flags = flags
        # running[k]: working days among the year's first k days (running[0] == 0).
        self.running = [0, *accumulate(flags)]
        self.total = self.running[-1]


class DayTable:
    """Working-day arithmetic over a calendar's day types, one precomputed year at a time.

    `overrides` maps dates to True (working day) or False (rest day); `entered_years` are the years an
    administrator entered completely (weekdays work, weekends rest, except the overrides) — the same
    inputs as WorkdayCalendar.is_workday, and the same answers.
    """

    def __init__(self, overrides: dict[dt.date, bool], entered_years: set[int]):
        self._overrides = overrides
        self._entered = entered_years
        self._years: dict[int, _Year] = {}

    def _year(self, year: int) -> _Year:
        table = self._years.get(year)
        if table is None:
            table = self._years[year] = self._build(year)
        return table

    def _build(self, year: int) -> _Year:
        if year > dt.MAXYEAR:  # past the last representable year: nothing to table (the calendar refuses)
            raise YearNotTabled(year)
        first = dt.date(year, 1, 1)
        flags = _library_year(year)
        if flags is None:
            if year not in self._entered:
                raise YearNotTabled(year)
            days = (dt.date(year, 12, 31) - first).days + 1
            flags = bytes((first + dt.timedelta(days=n)).weekday() < 5 for n in range(days))
        changed = [(day, workday) for day, workday in self._overrides.items() if day.year == year]
        if changed:
            flags = bytearray(flags)
            for day, workday in changed:
                flags[(day - first).days] = workday
            flags = bytes(flags)
        return _Year(first, flags)

    def is_workday(self, day: dt.date) -> bool:
        table = self._year(day.year)
        return bool(table.flags[(day - table.first).days])

    def count_workdays(self, after: dt.date, until: dt.date) -> int:
        """Working days in the half-open span (after, until]; 0 when until <= after."""
        if until <= after:
            return 0
        start = self._year(after.year)
        end = self._year(until.year)
        if after.year == until.year:
            return end.running[(until - end.first).days + 1] - start.running[(after - start.first).days + 1]
        count = start.total - start.running[(after - start.first).days + 1]
        for year in range(after.year + 1, until.year):
            count += self._year(year).total
        return count + end.running[(until - end.first).days + 1]

    def add_workdays(self, start: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `start` (start itself never counts)."""
        if count == 0:
            return start
        table = self._year(start.year)
        seen = table.running[(start - table.first).days + 1]
        while seen + count > table.total:
            count -= table.total - seen
            table, seen = self._year(table.first.year + 1), 0
        return table.first + dt.timedelta(days=bisect_left(table.running, seen + count) - 1)
