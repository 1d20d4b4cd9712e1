"""Entering a year's 放假/调休 days (DayOverride rows and the CalendarYear mark), in one transaction,
audited. Every clock recomputes on its next read: nothing else needs to change when a year is entered."""

import datetime as dt

from django.db import transaction

from gongkai.audit.services import record
from gongkai.workdays.models import CalendarYear, DayOverride
from gongkai.workdays.notice import ParsedNotice


@transaction.atomic
def enter_year(actor, parsed: ParsedNotice, source: str, request=None) -> CalendarYear:
    """Save a parsed notice: every listed day off is a holiday, every listed 上班 day a working day, and
    the year is marked complete (its other weekdays work, weekends rest)."""
    if not parsed.ok:
        raise ValueError("the notice has problems; preview it first")
    note = source[:200]
    removed = _remove_earlier_notice(parsed.year)
    for kind, days in ((DayOverride.Kind.HOLIDAY, parsed.holidays), (DayOverride.Kind.WORKDAY, parsed.workdays)):
        for day in days:
            DayOverride.objects.update_or_create(date=day, defaults={"kind": kind, "note": note,
                                                                     "created_by": actor})
    year, _created = CalendarYear.objects.update_or_create(year=parsed.year, defaults={"source": note,
                                                                                       "confirmed_by": actor})
    record(actor, "workdays.enter_year", year, note=note, request=request,
           after={"holidays": [d.isoformat() for d in parsed.holidays],
                  "workdays": [d.isoformat() for d in parsed.workdays]},
           before={"removed": removed} if removed else None)
    return year


def _remove_earlier_notice(year: int) -> list[str]:
    """Delete the days an earlier notice for `year` entered (their note is that notice's source; a range
    across the new year runs into January of the next year), so a corrected notice replaces it rather than
    adding to it. Days entered one by one under another note stay. Returns them as 'date kind'."""
    earlier = CalendarYear.objects.filter(year=year).first()
    if earlier is None:
        return []
    days = DayOverride.objects.select_for_update().filter(
        note=earlier.source, date__gte=dt.date(year, 1, 1), date__lte=dt.date(year + 1, 1, 31))
    removed = [f"{day.date.isoformat()} {day.kind}" for day in days]
    days.delete()
    return removed
