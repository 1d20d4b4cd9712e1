"""Read-side queries: which cases a user sees, and which clocks are due soon or overdue."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, prefetch_related_objects
from django.utils import timezone

from gongkai.accounts.permissions import organization_ids_with
from gongkai.requests.choices import OPEN_STATES, Channel, State
from gongkai.requests.clock import ClockLine, case_clocks
from gongkai.requests.models import ClockEvent, Consultation, FeeNotice, RequestCase
from gongkai.workdays import clocks, statute
from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar

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


# What the clocks read of a case (and the tracking number a due row shows): nothing else is loaded, so
# the encrypted fields are not decrypted; a due row's unit and handler are attached for the listed rows.
CLOCK_FIELDS = ("id", "tracking_number", "organization_id", "handler_id", "state", "source", "channel",
                "submitted_at", "received_on", "outcome", "replied_on", "filing__id", "filing__case_id",
                "filing__filed_on")


def _alert_candidates(cases, today: dt.date, cal: WorkdayCalendar):
    """Narrow the running cases, in the database, to those with a clock that can be due soon or overdue
    today. A clock is listed when it ends by the horizon (the 3rd working day after today); a clock of
    at least N working days from day S ends no earlier than the N-th working day after S, so a case
    whose clocks all start after the last S that still reaches the horizon cannot be listed. Cases with a 补正, a consultation or a
    fee wait are always computed (their clocks start on later events). When next year's working days
    are not known yet every case is computed, so that the clocks that cannot be counted are listed."""
    try:
        horizon = cal.add_workdays(today, statute.DUE_SOON_WORKDAYS)
    except UnknownYearError:
        return cases
    if not cal.knows_year(horizon.year + 1):
        return cases
    def latest_start(workdays: int) -> dt.date:
        start = horizon - dt.timedelta(days=workdays)
        while cal.add_workdays(start, workdays) > horizon:
            start -= dt.timedelta(days=1)
        return start

    # The shortest reply period of any regime (the 2007 条例's 15 working days for cases received before
    # 2019-05-15); 备案 may be read in natural days (GONGKAI_FILING_DAYS), which can end before the same
    # number of working days, so any replied case is a candidate; an ordinary letter's confirmation
    # (第三十一条) is due the day it was registered.
    shortest_reply = min(regime.reply_workdays for regime in (statute.REGIME_2019, statute.REGIME_2007))
    return cases.filter(
        Q(received_on__lte=latest_start(shortest_reply))
        | Q(state=State.ACCEPTED, received_on__lte=latest_start(statute.CORRECTION_NOTICE_WORKDAYS))
        | Q(replied_on__lte=horizon)
        | Q(state=State.PENDING, channel=Channel.ORDINARY_LETTER)
        | Exists(ClockEvent.objects.filter(case_id=OuterRef("pk"), voided_at__isnull=True,
                                           kind__in=LATER_START_KINDS))
    )


LATER_START_KINDS = (ClockEvent.Kind.CORRECTION_NOTICE, ClockEvent.Kind.CORRECTION_RECEIVED,
                     ClockEvent.Kind.CONSULTATION, ClockEvent.Kind.FEE)


def _with_clock_inputs(cases) -> list[RequestCase]:
    """The cases with their clock events, consultations and fee notices attached in three queries
    (Django's prefetch costs a queryset per case and per relation), each selecting the cases again as a
    subquery (cheaper than sending a thousand ids three times). Each consultation event knows its
    consultation (its label says which kind), so reading it costs no query per case."""
    found = list(cases.select_related(None).select_related("filing").only(*CLOCK_FIELDS))
    by_id = {case.pk: case for case in found}
    for case in found:
        case._active_events, case._consultations, case._fee_notices = [], [], []
    ids = cases.values("pk")
    events = {}
    for event in ClockEvent.objects.filter(case_id__in=ids, voided_at__isnull=True).order_by("on", "id"):
        if event.case_id in by_id:  # not a case registered since the cases were read
            by_id[event.case_id]._active_events.append(event)
            events[event.pk] = event
    consulted = ClockEvent.consultation.related  # the reverse one-to-one ClockEvent.consultation
    for event in events.values():
        if event.kind == ClockEvent.Kind.CONSULTATION:
            consulted.set_cached_value(event, None)
    for consultation in Consultation.objects.filter(case_id__in=ids).select_related("event"):
        if consultation.case_id in by_id:
            by_id[consultation.case_id]._consultations.append(consultation)
        if consultation.event_id in events:  # the event's label names the kind of consultation
            consulted.set_cached_value(events[consultation.event_id], consultation)
    for fee in FeeNotice.objects.filter(case_id__in=ids).select_related("event"):
        if fee.case_id in by_id:
            by_id[fee.case_id]._fee_notices.append(fee)
    return found


@dataclass
class DueRow:
    case: RequestCase
    line: ClockLine


def running_cases(organization_ids=None):
    """Cases with a clock that can still fall due (a queryset: narrow it, then `_with_clock_inputs`)."""
    cases = RequestCase.objects.filter(
        Q(state__in=OPEN_STATES) | Q(state__in=UNFILED_STATES, source=RequestCase.Source.PLATFORM))
    if organization_ids is not None:
        cases = cases.filter(organization_id__in=organization_ids)
    return cases.select_related("organization", "handler", "filing")


def due_rows(user=None, organization_ids=None, today: dt.date | None = None) -> list[DueRow]:
    """Every due-soon or overdue clock (and every clock that cannot be computed) of the running cases."""
    today = today or timezone.localdate()
    allowed = organization_ids_with(user, "request.view") if user is not None else None
    if organization_ids is not None:
        allowed = set(organization_ids) if allowed is None else allowed & set(organization_ids)
    cal = WorkdayCalendar()
    rows = []
    for case in _with_clock_inputs(_alert_candidates(running_cases(allowed), today, cal)):
        for line in case_clocks(case, today, cal).lines:
            if line.is_alert or line.error:
                rows.append(DueRow(case, line))
    rows.sort(key=lambda row: (row.line.due or dt.date.max, row.case.pk))
    prefetch_related_objects(list({row.case.pk: row.case for row in rows}.values()), "organization", "handler")
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
    for case in _with_clock_inputs(running_cases()):
        needed = {line.pending_year for line in case_clocks(case, today, cal).lines if line.pending_year}
        for year in needed:
            years[year] = years.get(year, 0) + 1
    return dict(sorted(years.items()))


@dataclass(frozen=True)
class Timeliness:
    cases: int  # cases whose reply fell due or was given in the year
    on_time: int


def reply_timeliness(year: int, organization_ids, today: dt.date | None = None) -> dict[int, Timeliness]:
    """For the 绩效考核 (gongkai.assurance): per organization, the cases answered in `year` (on time when the
    reply clock says 按期完成) and the running cases whose reply was overdue by the year's end (or today)."""
    today = today or timezone.localdate()
    as_of = min(today, dt.date(year, 12, 31))
    cal = WorkdayCalendar()
    ids = list(organization_ids)
    counts: dict[int, list[int]] = {}
    replied = RequestCase.objects.filter(organization_id__in=ids, replied_on__year=year)
    running = running_cases(ids).filter(replied_on__isnull=True, received_on__lte=as_of)
    for case in _with_clock_inputs(replied.select_related("organization")) + _with_clock_inputs(running):
        try:
            lines = [line for line in case_clocks(case, as_of, cal).lines if line.key == "reply"]
        except UnknownYearError:
            continue
        if not lines or lines[0].due is None:
            continue
        state = lines[0].state
        if case.replied_on is None and state != clocks.DeadlineState.OVERDUE:
            continue
        tally = counts.setdefault(case.organization_id, [0, 0])
        tally[0] += 1
        tally[1] += state == clocks.DeadlineState.MET
    return {org_id: Timeliness(total, on_time) for org_id, (total, on_time) in counts.items()}
