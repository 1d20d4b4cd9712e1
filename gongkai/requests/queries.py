"""Read-side queries: which cases a user sees, and which clocks are due soon or overdue."""

import datetime as dt
from dataclasses import dataclass, replace

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from gongkai.accounts.permissions import organization_ids_with
from gongkai.core.masking import shown_text_q
from gongkai.requests import clock_rows
from gongkai.requests.choices import Channel, State, running_cases_q
from gongkai.requests.clock import ClockLine, case_clocks
from gongkai.requests.models import ClockEvent, Consultation, FeeNotice, RequestCase
from gongkai.workdays import clocks, statute
from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar


def visible_cases(user):
    ids = organization_ids_with(user, "request.view")
    return RequestCase.objects.filter(organization_id__in=ids).select_related("organization", "handler")


# Up to this many matches of a search are listed by their ids (see `search`).
SEARCH_ID_LIMIT = 5000


def search(cases, text: str):
    """The cases whose 申请编号, 申请人 or 政府信息名称 contains `text` (a trigram index on PostgreSQL,
    migrations 0012 and 0020). The 政府信息名称 is matched as every staff page shows it, ID and mobile numbers
    masked (`info_title_shown`, core.masking.shown_text_q): a number typed in full does not tell which case's
    name holds it. When few cases match, they are narrowed to their ids first: asked for the newest
    page of a rare match, PostgreSQL would otherwise walk the whole newest-first index of a county's
    million cases hoping to meet it early (0.7 s at 1 M, bench/README.md)."""
    text = (text or "").strip()
    if not text:
        return cases
    found = cases.filter(Q(tracking_number__icontains=text) | Q(applicant_name__icontains=text)
                         | shown_text_q(text, "info_title_shown"))
    ids = list(found.order_by().values_list("pk", flat=True)[:SEARCH_ID_LIMIT + 1])
    if len(ids) > SEARCH_ID_LIMIT:
        return found  # many matches: the newest come early along the index
    return cases.filter(pk__in=ids)


# What the clocks read of a case (and the tracking number a due row shows): nothing else is loaded, so
# the encrypted fields are not decrypted; a due row's unit and handler are attached for the listed rows.
CLOCK_FIELDS = ("id", "tracking_number", "organization_id", "handler_id", "state", "source", "channel",
                "submitted_at", "received_on", "outcome", "replied_on", "filing__id", "filing__case_id",
                "filing__filed_on")


def _alert_candidates(cases, today: dt.date, cal: WorkdayCalendar):
    """Narrow the running cases, in the database, to those with a clock that can be due soon or overdue
    today. A clock is listed when it ends by the horizon (the 3rd working day after today); a clock of at
    least N working days from day S ends no earlier than the N-th working day after S, so a case whose
    clocks all start after the last S that still reaches the horizon cannot be listed. A 补正, a wait, an
    extension or a delay only moves a reply deadline later; the clocks that start on those events (the
    applicant's 补正 period, a consulted party's 15 working days, the fee's 20) are listed while they run.
    When next year's working days are not known yet every case is computed, so that the clocks that cannot
    be counted are listed."""
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

    # The reply period is that of the regime in force on the receipt (statute.reply_regime): a receipt
    # no later than every regime's latest start can fall due; between the earliest and the latest of them
    # (a few days), each day's own regime decides. 备案 may be read in natural days (GONGKAI_FILING_DAYS),
    # which can end before the same number of working days, so any replied case is a candidate; an
    # ordinary letter's confirmation (第三十一条) is due the day it was registered.
    starts = [latest_start(regime.reply_workdays) for regime in (statute.REGIME_2019, statute.REGIME_2007)]
    between = (min(starts) + dt.timedelta(days=n) for n in range(1, (max(starts) - min(starts)).days + 1))
    reply_can_fall_due = Q(received_on__lte=min(starts)) | Q(received_on__in=[
        day for day in between if cal.add_workdays(day, statute.reply_regime(day).reply_workdays) <= horizon])
    waiting = {"event__voided_at__isnull": True, "event__until__isnull": True}
    later_starts = Q(clock_changed=True) & (
        # awaiting a 补正 (its period is the unit's, any length)
        (Exists(ClockEvent.objects.filter(case_id=OuterRef("pk"), voided_at__isnull=True,
                                          kind=ClockEvent.Kind.CORRECTION_NOTICE))
         & ~Exists(ClockEvent.objects.filter(case_id=OuterRef("pk"), voided_at__isnull=True,
                                             kind=ClockEvent.Kind.CORRECTION_RECEIVED)))
        | Exists(Consultation.objects.filter(
            case_id=OuterRef("pk"), letter_received_on__lte=latest_start(statute.CONSULTATION_WORKDAYS), **waiting))
        | Exists(FeeNotice.objects.filter(
            case_id=OuterRef("pk"), notice_received_on__lte=latest_start(statute.FEE_PAYMENT_WORKDAYS), **waiting)))
    return cases.filter(
        reply_can_fall_due
        | Q(state=State.ACCEPTED, received_on__lte=latest_start(statute.CORRECTION_NOTICE_WORKDAYS))
        | Q(replied_on__lte=horizon)
        | Q(state=State.PENDING, channel=Channel.ORDINARY_LETTER)
        | later_starts
    )


# What the clocks read of an event, voided or not (the lists never show who recorded it when).
EVENT_FIELDS = (*clock_rows.EVENT_FIELDS, "voided_at")


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
    for event in ClockEvent.objects.filter(case_id__in=ids, voided_at__isnull=True).only(*EVENT_FIELDS).order_by("on", "id"):
        if event.case_id in by_id:  # not a case registered since the cases were read
            by_id[event.case_id]._active_events.append(event)
            events[event.pk] = event
    consulted = ClockEvent.consultation.related  # the reverse one-to-one ClockEvent.consultation
    for event in events.values():
        if event.kind == ClockEvent.Kind.CONSULTATION:
            consulted.set_cached_value(event, None)
    related = [f"event__{name}" for name in EVENT_FIELDS]
    for consultation in Consultation.objects.filter(case_id__in=ids).select_related("event").only(
            "case_id", "event_id", "party_name", "kind", "letter_received_on", *related):
        if consultation.case_id in by_id:
            by_id[consultation.case_id]._consultations.append(consultation)
        if consultation.event_id in events:  # the event's label names the kind of consultation
            consulted.set_cached_value(events[consultation.event_id], consultation)
    for fee in FeeNotice.objects.filter(case_id__in=ids).select_related("event").only(
            "case_id", "event_id", "notice_received_on", *related):
        if fee.case_id in by_id:
            by_id[fee.case_id]._fee_notices.append(fee)
    return found


@dataclass
class DueRow:
    line: ClockLine
    case_id: int
    case: RequestCase | None = None  # attached for the rows a page shows (attach_cases); due_rows attaches all


def running_cases(organization_ids=None):
    """Cases with a clock that can still fall due (a queryset: narrow it, then `_with_clock_inputs`)."""
    cases = RequestCase.objects.filter(running_cases_q())
    if organization_ids is not None:
        cases = cases.filter(organization_id__in=organization_ids)
    return cases.select_related("organization", "handler", "filing")


# What a plain case's clocks read: the rest of its clock inputs are its RECEIVED event (mirrored in
# received_on) and its reply or withdrawal (replied_on; services.common.sync_dates).
PLAIN_FIELDS = clock_rows.CASE_FIELDS[:7]  # pk, state, source, channel, received_on, replied_on, filed_on


def _plain_case(key):
    """A stand-in for the cases whose clocks are decided by `key` alone (PLAIN_FIELDS without the id): a
    receipt date and no deadline-changing event, so the clocks read nothing but these dates."""
    return clock_rows.stand_in(None, *key)


def _irregular():
    """The cases whose clocks are computed one by one from their events: no receipt date (an ordinary
    letter waiting for confirmation), or an active deadline-changing event (补正, a consultation or fee
    wait, an extension, a 第三十五条 delay: RequestCase.clock_changed)."""
    return Q(received_on__isnull=True) | Q(clock_changed=True)


def _lines(cases, today: dt.date, cal: WorkdayCalendar, keep) -> list[DueRow]:
    """The clocks of `cases` that `keep(line)` keeps, by case (their cases not attached: attach_cases).

    A plain case (a receipt date and no active deadline-changing event: clock.DEADLINE_CHANGING_KINDS,
    read from the partial index that holds exactly those) has clocks that depend on its state and dates
    alone, so it is read as one row of values and its clocks are computed once for all cases with the same
    values, as the annual report does (services.annual_report). The other cases are computed one by one
    from their events, consultations and fee notices (`_with_clock_inputs`). Same lines as
    clock.case_clocks, in its order."""
    rows, computed, others = [], {}, []
    values = cases.select_related(None).order_by().annotate(irregular=_irregular())
    for pk, *key, is_irregular in values.values_list(*PLAIN_FIELDS, "irregular"):
        if is_irregular:
            others.append(pk)
            continue
        key = tuple(key)
        lines = computed.get(key)
        if lines is None:
            lines = computed[key] = [line for line in case_clocks(_plain_case(key), today, cal).lines if keep(line)]
        rows.extend(DueRow(replace(line), pk) for line in lines)
    if others:
        for case in _with_clock_inputs(RequestCase.objects.filter(pk__in=clock_rows.id_list(others))):
            rows.extend(DueRow(line, case.pk) for line in case_clocks(case, today, cal).lines if keep(line))
    return rows


def due_lines(cases, today: dt.date, cal: WorkdayCalendar | None = None) -> list[DueRow]:
    """The due-soon and overdue clocks (and those that cannot be computed) of `cases` (running cases),
    most urgent first (due date, then case), without their cases (attach_cases)."""
    cal = cal or WorkdayCalendar()
    rows = _lines(_alert_candidates(cases, today, cal), today, cal, lambda line: line.is_alert or line.error)
    rows.sort(key=lambda row: (row.line.due or dt.date.max, row.case_id))
    return rows


# What a due row shows of its case (and what reminders and inspection findings read): nothing encrypted.
ROW_FIELDS = ("id", "tracking_number", "organization", "handler", "state", "source", "received_on", "replied_on")


def attach_cases(rows: list[DueRow]) -> list[DueRow]:
    """Attach each row's case, with its unit and handler, in one query."""
    wanted = {row.case_id for row in rows if row.case is None}
    if wanted:
        found = RequestCase.objects.filter(pk__in=wanted).select_related("organization", "handler").only(*ROW_FIELDS)
        by_id = {case.pk: case for case in found}
        for row in rows:
            if row.case is None:
                row.case = by_id[row.case_id]
    return rows


def _allowed(user, organization_ids):
    allowed = organization_ids_with(user, "request.view") if user is not None else None
    if organization_ids is not None:
        allowed = set(organization_ids) if allowed is None else allowed & set(organization_ids)
    return allowed


def due_rows(user=None, organization_ids=None, today: dt.date | None = None, attach: bool = True) -> list[DueRow]:
    """Every due-soon or overdue clock (and every clock that cannot be computed) of the running cases, with
    their cases (attach=False: without; a paginated list attaches the page's, attach_cases)."""
    today = today or timezone.localdate()
    rows = due_lines(running_cases(_allowed(user, organization_ids)), today)
    return attach_cases(rows) if attach else rows


def my_cases(user):
    """The running cases the user handles: their own, or their unit's without a handler (None: no unit's)."""
    handled = organization_ids_with(user, "request.handle")
    if not handled:
        return None
    return running_cases(_allowed(user, handled)).filter(Q(handler__isnull=True) | Q(handler=user))


def my_due_rows(user, today: dt.date | None = None) -> list[DueRow]:
    """Every alert of the cases the user handles, with their cases (due_board.my_summary: the first and a
    count)."""
    cases = my_cases(user)
    if cases is None:
        return []
    return attach_cases([row for row in due_lines(cases, today or timezone.localdate()) if row.line.is_alert])


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
        state = lines[0].state if lines else None
        # A reply is 按期 or 逾期 (even while its deadline is 期限待定, clocks.reply_state); a running case
        # counts once overdue.
        if state not in (clocks.DeadlineState.MET, clocks.DeadlineState.LATE, clocks.DeadlineState.OVERDUE):
            continue
        tally = counts.setdefault(case.organization_id, [0, 0])
        tally[0] += 1
        tally[1] += state == clocks.DeadlineState.MET
    return {org_id: Timeliness(total, on_time) for org_id, (total, on_time) in counts.items()}
