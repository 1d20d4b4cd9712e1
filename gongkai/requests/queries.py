"""Read-side queries: which cases a user sees, and which clocks are due soon or overdue."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from gongkai.accounts.permissions import organization_ids_with
from gongkai.requests.choices import OPEN_STATES, State
from gongkai.requests.clock import ClockLine, case_clocks
from gongkai.requests.models import RequestCase
from gongkai.workdays.calendar import WorkdayCalendar

# Answered cases still have a clock running until they are filed (备案).
UNFILED_STATES = {State.REPLIED, State.DELIVERED, State.ABANDONED}


def visible_cases(user):
    ids = organization_ids_with(user, "request.view")
    return RequestCase.objects.filter(organization_id__in=ids).select_related("organization", "handler")


def search(cases, text: str):
    text = (text or "").strip()
    if not text:
        return cases
    return cases.filter(Q(tracking_number__icontains=text) | Q(applicant_name__icontains=text)
                        | Q(info_title__icontains=text))


def running_cases(organization_ids=None):
    """Cases with a clock that can still fall due."""
    cases = RequestCase.objects.filter(
        Q(state__in=OPEN_STATES) | Q(state__in=UNFILED_STATES, source=RequestCase.Source.PLATFORM))
    if organization_ids is not None:
        cases = cases.filter(organization_id__in=organization_ids)
    return cases.select_related("organization", "handler", "filing").prefetch_related(
        "clock_events", "consultations__event", "fee_notices__event")


@dataclass
class DueRow:
    case: RequestCase
    line: ClockLine


def due_rows(user=None, organization_ids=None, today: dt.date | None = None) -> list[DueRow]:
    """Every due-soon or overdue clock (and every clock that cannot be computed) of the running cases."""
    today = today or timezone.localdate()
    allowed = organization_ids_with(user, "request.view") if user is not None else None
    if organization_ids is not None:
        allowed = set(organization_ids) if allowed is None else allowed & set(organization_ids)
    cal = WorkdayCalendar()
    rows = []
    for case in running_cases(allowed):
        for line in case_clocks(case, today, cal).lines:
            if line.is_alert or line.error:
                rows.append(DueRow(case, line))
    rows.sort(key=lambda row: (row.line.due or dt.date.max, row.case.pk))
    return rows


def my_due_rows(user, today: dt.date | None = None) -> list[DueRow]:
    """我的待办: the alerts of the cases the user handles (their own, or their unit's without a handler)."""
    handled = organization_ids_with(user, "request.handle")
    rows = due_rows(user, organization_ids=handled, today=today) if handled else []
    return [row for row in rows if row.line.is_alert and row.case.handler_id in (None, user.pk)]


def pending_calendar_years(today: dt.date | None = None) -> dict[int, int]:
    """Years whose 放假/调休 days are needed by a running case's clock but not entered: {year: cases}."""
    cal, years = WorkdayCalendar(), {}
    today = today or timezone.localdate()
    for case in running_cases():
        needed = {line.pending_year for line in case_clocks(case, today, cal).lines if line.pending_year}
        for year in needed:
            years[year] = years.get(year, 0) + 1
    return dict(sorted(years.items()))
