"""The due list at a county's scale: how many clocks are overdue or due soon, and one page of them,
without computing a row per case.

`queries.due_lines` computes every alert row and sorts them; at a county's million cases that is tens of
thousands of rows to show fifty. Here the plain cases (a receipt date and no active deadline-changing
event, queries._lines) are counted in the database by their clock inputs (state, source, channel and the
receipt, reply and 备案 dates: PLAIN_FIELDS), so their clocks are computed once per distinct inputs, not
per case; the other cases are computed one by one from their events, as everywhere. A page then reads
from the database only the plain cases of the due dates it shows, in case order.

The rows, their order (due date, then case, then the case's clocks in case_clocks' order) and their
counts are exactly those of `queries.due_lines` (tests/test_due_board.py compares them).
"""

import datetime as dt
import heapq
from dataclasses import dataclass, field, replace
from itertools import islice

from django.db.models import Case, Count, F, When
from django.utils import timezone

from gongkai.core import collector
from gongkai.requests import clock_rows, queries
from gongkai.requests.clock import ClockLine, case_clocks
from gongkai.workdays.calendar import WorkdayCalendar

OVERDUE, DUE_SOON, ERROR = "overdue", "due_soon", "error"
ALERTS = (OVERDUE, DUE_SOON)
# A plain case's clock inputs (queries.PLAIN_FIELDS without its id), as the database groups them.
KEY_FIELDS = queries.PLAIN_FIELDS[1:]


def section(line: ClockLine) -> str | None:
    """Where a row is listed: a clock that cannot be computed, else its state when it is an alert."""
    if line.error:
        return ERROR
    return line.state if line.is_alert else None


@dataclass
class _Day:
    """Every kept row due on one day (a clock that cannot be computed has no day: date.max)."""

    plain: dict[tuple, list[ClockLine]] = field(default_factory=dict)  # inputs → that day's lines
    irregular: list[queries.DueRow] = field(default_factory=list)  # in case order


class DueBoard:
    """The due-soon and overdue clocks (and those that cannot be computed) of some running cases."""

    def __init__(self, cases, today: dt.date, cal: WorkdayCalendar | None = None):
        self._cases = cases.select_related(None).order_by()
        self._counts: dict[tuple, int] = {}
        self._days: dict[dt.date, _Day] = {}
        with collector.paused():  # thousands of short-lived clock objects, no cycles (core/collector.py)
            self._compute(today, cal or WorkdayCalendar())

    def _compute(self, today: dt.date, cal: WorkdayCalendar) -> None:
        candidates = queries._alert_candidates(self._cases, today, cal)
        one_by_one = Case(When(queries._irregular(), then=F("pk")), default=None)
        grouped = (candidates.annotate(one_by_one=one_by_one).values(*KEY_FIELDS, "one_by_one")
                   .annotate(n=Count("pk")).values_list(*KEY_FIELDS, "one_by_one", "n"))
        others = []
        for *key, pk, count in grouped:
            if pk is not None:
                others.append(pk)
                continue
            key = tuple(key)
            self._counts[key] = count
            for line in case_clocks(queries._plain_case(key), today, cal).lines:
                if section(line):
                    self._day(line.due).plain.setdefault(key, []).append(line)
        if others:
            for case in clock_rows.load(others):
                for line in case_clocks(case, today, cal).lines:
                    if section(line):
                        self._day(line.due).irregular.append(queries.DueRow(line, case.pk))

    def _day(self, due: dt.date | None) -> _Day:
        return self._days.setdefault(due or dt.date.max, _Day())

    def count(self, sections=ALERTS) -> int:
        return sum(self._day_count(day, sections) for day in self._days.values())

    def _day_count(self, day: _Day, sections) -> int:
        plain = sum(self._counts[key] * sum(section(line) in sections for line in lines)
                    for key, lines in day.plain.items())
        return plain + sum(section(row.line) in sections for row in day.irregular)

    def pending_years(self) -> dict[int, int]:
        """Years whose 放假/调休 days a clock needs and nobody has entered yet: {year: cases}."""
        years: dict[int, int] = {}
        day = self._days.get(dt.date.max, _Day())  # a clock that cannot be computed has no day
        for key, lines in day.plain.items():
            for year in {line.pending_year for line in lines} - {None}:
                years[year] = years.get(year, 0) + self._counts[key]
        for _case, year in {(row.case_id, row.line.pending_year) for row in day.irregular
                            if row.line.pending_year is not None}:
            years[year] = years.get(year, 0) + 1
        return dict(sorted(years.items()))

    def rows(self, sections=ALERTS, start: int = 0, stop: int | None = None) -> list[queries.DueRow]:
        """The rows of `sections` from `start` to `stop` in the list's order (stop None: to the end),
        without their cases (queries.attach_cases)."""
        spanned, position = [], 0  # (day, rows of the day to skip, rows of the day wanted or None: all)
        for due in sorted(self._days):
            if stop is not None and position >= stop:
                break
            day = self._days[due]
            size = self._day_count(day, sections)
            if size and position + size > start:
                spanned.append((day, max(0, start - position), None if stop is None else stop - position))
            position += size
        lines = [self._lines(day, sections) for day, _skip, _wanted in spanned]
        plain = self._plain_cases({key for found in lines for key in found})
        rows = []
        for (day, skip, wanted), found in zip(spanned, lines, strict=True):
            mine = (queries.DueRow(replace(line), pk) for pk, key in plain if key in found for line in found[key])
            others = (row for row in day.irregular if section(row.line) in sections)
            merged = list(islice(heapq.merge(mine, others, key=lambda row: row.case_id), wanted))
            rows.extend(merged[skip:])
        return rows

    @staticmethod
    def _lines(day: _Day, sections) -> dict[tuple, list[ClockLine]]:
        """The plain cases' lines of `sections` due on `day`, by clock inputs."""
        lines = {key: [line for line in found if section(line) in sections] for key, found in day.plain.items()}
        return {key: found for key, found in lines.items() if found}

    def _plain_cases(self, keys) -> list[tuple[int, tuple]]:
        """(case, its clock inputs) of the plain running cases whose inputs are `keys`, in case order: one
        query for the days a page spans, by their receipt dates (the running cases' index), the other
        inputs compared here."""
        if not keys:
            return []
        received = sorted({key[KEY_FIELDS.index("received_on")] for key in keys})
        found = self._cases.filter(received_on__in=received).exclude(queries._irregular()).order_by("pk")
        rows = ((pk, tuple(key)) for pk, *key in found.values_list("pk", *KEY_FIELDS))
        return [(pk, key) for pk, key in rows if key in keys]


class Section:
    """One section of a board as a sequence Django's Paginator can page: its count, and its rows with their
    cases for the slice a page shows."""

    def __init__(self, board: DueBoard, sections):
        self._board, self._sections = board, tuple(sections)

    def count(self) -> int:
        return self._board.count(self._sections)

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("a due list section is read a page at a time")
        start, stop = index.start or 0, index.stop
        if start < 0 or (stop is not None and stop < 0):
            raise TypeError("a due list section has no negative indexes")
        return queries.attach_cases(self._board.rows(self._sections, start, stop))


def board(user=None, organization_ids=None, today: dt.date | None = None) -> DueBoard:
    """The board of every running case `user` may see (None: every case), within `organization_ids`."""
    return DueBoard(queries.running_cases(queries._allowed(user, organization_ids)), today or timezone.localdate())


def my_summary(user, today: dt.date | None = None, shown: int = 10) -> tuple[list[queries.DueRow], int]:
    """我的待办: the `shown` most urgent alerts of the cases the user handles (their own, or their unit's
    without a handler), with their cases, and how many alerts there are (queries.my_due_rows: all)."""
    cases = queries.my_cases(user)
    if cases is None:
        return [], 0
    mine = DueBoard(cases, today or timezone.localdate())
    return queries.attach_cases(mine.rows(ALERTS, 0, shown)), mine.count(ALERTS)


def pending_calendar_years(today: dt.date | None = None) -> dict[int, int]:
    """Years whose 放假/调休 days are needed by a running case's clock but not entered: {year: cases} (the
    administrator's 我的待办 says so until they are entered)."""
    return DueBoard(queries.running_cases(), today or timezone.localdate()).pending_years()
