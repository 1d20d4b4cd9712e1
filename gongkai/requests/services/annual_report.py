"""Read-only, for the annual report's tables 3 and 4 (gongkai.reports): cases and remedies as plain
dicts, so the report never reads this app's models.

A case counts once it has a 第三十一条 receipt date (a case still 待确认, or transferred away, has none);
its reply date and 办理结果 are the case's own. The reply deadline is recomputed from the case's clock
events (gongkai.requests.clock), never stored. Counting happens in the database (groups of cases, not
rows), so a county's million requests are counted in well under a second; personal data is never read.
"""

import datetime as dt
from types import SimpleNamespace
from typing import NamedTuple

from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    Min,
    Q,
    Sum,
    Value,
    When,
)

from gongkai.core import collector
from gongkai.requests.clock import DEADLINE_CHANGING_KINDS, reply_inputs
from gongkai.requests.models import ClockEvent, FeeNotice, Remedy, RequestCase
from gongkai.requests.outcomes import OUTCOMES, Outcome, parse_outcome
from gongkai.workdays import clocks
from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar


def _outcome_key(label: str) -> str:
    canonical = parse_outcome(label)
    return OUTCOMES[canonical].key if canonical else ""


def annual_report_cases(organization_ids, start: dt.date, end: dt.date) -> list[dict]:
    """Cases of the organizations that table 3 of the period [start, end] counts (received by `end`,
    not replied before `start`), counted in the database: one dict per group of cases that table 3 and
    the fee figures cannot tell apart — applicant_key, outcome_key (the 2021 row of the 办理结果 of a
    replied case), count, fee_yuan (their sum), and received_on/replied_on, the group's earliest dates:
    every member's dates fall on the same side of `start` and `end` (received before or in the period;
    open, replied in it or replied after it) and a fee was charged to all or none. The organizations are
    counted together (organization_id None): a report adds them up, and a group per unit would multiply
    the rows by the units of a county. No row is loaded and nothing is decrypted."""
    # Boolean group keys: PostgreSQL estimates two values for each, so it hashes the few groups (in
    # parallel) instead of sorting every case (a CASE of three values counts as 200 distinct ones).
    received_in = Case(When(received_on__lt=start, then=Value(False)), default=Value(True),
                       output_field=BooleanField())
    replied_after = ExpressionWrapper(Q(replied_on__gt=end), output_field=BooleanField())
    charged = Case(When(fee_yuan__gt=0, then=Value(True)), default=Value(False), output_field=BooleanField())

    def grouped(cases):
        return (cases.annotate(g_received=received_in, g_after=replied_after, g_charged=charged)
                .values("applicant_type", "outcome", "g_received", "g_after", "g_charged")
                .annotate(n=Count("*"), first_received=Min("received_on"), first_replied=Min("replied_on"),
                          fees=Sum("fee_yuan"))
                .order_by())

    # The replied cases and the open ones in two parts (their groups differ in the reply date's being
    # NULL), each a range of the reply-date index that holds every column read (models.REPORT_COLUMNS):
    # an OR of the two would read every case's row from the table.
    counted = _counted(organization_ids, end)
    groups = grouped(counted.filter(replied_on__gte=start)).union(
        grouped(counted.filter(replied_on__isnull=True)), all=True)
    return [
        {
            "organization_id": None,
            "received_on": row["first_received"],
            "replied_on": row["first_replied"],
            "outcome_key": _outcome_key(row["outcome"]) if row["first_replied"] else "",
            "applicant_key": row["applicant_type"] or "",
            "fee_yuan": row["fees"] or 0,
            "count": row["n"],
        }
        for row in groups
    ]


def _counted(organization_ids, end: dt.date):
    return RequestCase.objects.filter(organization_id__in=list(organization_ids), received_on__isnull=False,
                                      received_on__lte=end)


def annual_report_punctuality(organization_ids, start: dt.date, end: dt.date) -> dict:
    """Of the cases replied in [start, end]: `due_known`, those whose timeliness can be told from their
    clock events (the 答复期限 recomputed, or, while it falls in a year not entered yet, the working days
    used up to the reply: workdays.clocks.reply_state), and `on_time`, those of them replied in time.

    Two passes over the cases replied in the period, each from an index alone on PostgreSQL. The case's
    `received_on` and `replied_on` mirror its active RECEIVED event and its REPLIED (or WITHDRAWN) event
    (services.common.sync_dates), so of its events only those that change the deadline are read
    (clock.DEADLINE_CHANGING_KINDS; a partial covering index holds exactly those). Cases with such events
    (补正, consultation, fee, extension, 第三十五条 delay) come one row per event and are recomputed as the
    case page does (gongkai.requests.clock.reply_inputs), equal clock inputs once. The others have the
    plain 20-working-day deadline: every case is counted by (receipt date, reply date) in the database,
    those with events are taken off, and each distinct receipt date's deadline is computed once from the
    working-day table."""
    with collector.paused():  # many short-lived tuples, no cycles (core/collector.py)
        return _punctuality(list(organization_ids), start, end)


def _punctuality(ids: list, start: dt.date, end: dt.date) -> dict:
    cal = WorkdayCalendar()
    replied = {"organization_id__in": ids, "received_on__isnull": False, "replied_on__gte": start,
               "replied_on__lte": end}
    events = (
        ClockEvent.objects.filter(voided_at__isnull=True, kind__in=DEADLINE_CHANGING_KINDS)
        .filter(**{f"case__{lookup}": value for lookup, value in replied.items()})
        .annotate(unpaid=ExpressionWrapper(Q(case__outcome=Outcome.UNPAID_FEE), output_field=BooleanField()))
        .values_list("case_id", "id", "kind", "on", "until", "workdays", "case__received_on", "case__replied_on",
                     "unpaid")
        .order_by()  # a case's events are put in order below (most have one)
    )
    cases: dict[int, tuple] = {}
    for case_id, event_id, kind, on, until, workdays, receipt, replied_on, unpaid in events:
        case = cases.get(case_id)
        if case is None:
            cases[case_id] = (receipt, replied_on, unpaid, [(event_id, kind, on, until, workdays)])
        else:
            case[3].append((event_id, kind, on, until, workdays))
    # An unpaid fee wait ends when its payment period lapses, counted from the 收费通知's receipt
    # (国办函〔2020〕109号; clock._fee_lapses_on): only a FEE event without an end reads its notice.
    notices = dict(FeeNotice.objects.filter(
        event__kind=ClockEvent.Kind.FEE, event__until__isnull=True, event__voided_at__isnull=True,
        **{f"case__{lookup}": value for lookup, value in replied.items()}).values_list("event_id", "notice_received_on"))
    due_known = on_time = 0
    computed: dict[tuple, dt.date | None] = {}
    irregular: dict[tuple, int] = {}  # cases with events by (receipt, reply): not counted again below
    for receipt, replied_on, unpaid, changes in cases.values():
        irregular[receipt, replied_on] = irregular.get((receipt, replied_on), 0) + 1
        if len(changes) > 1:
            changes.sort(key=lambda e: (e[2], e[0]))  # (on, id): the order clock._last reads
        key = _inputs_key(receipt, replied_on, unpaid, changes, notices)
        found = computed.get(key)
        if found is None:
            inputs = _irregular_inputs(key, replied_on, cal)
            found = computed[key] = (inputs, None if inputs is None else _due(inputs, replied_on, cal))
        state = _state(*found, replied_on, cal)
        if state is not None:
            due_known += 1
            on_time += state == clocks.DeadlineState.MET
    # Every case replied in the period by (receipt, reply), less those above: subtracted here rather
    # than in the database (an anti-join with every such event costs more than the count itself).
    groups = RequestCase.objects.filter(**replied).values_list("received_on", "replied_on").annotate(n=Count("*"))
    dues: dict[dt.date, tuple] = {}
    for receipt, replied_on, n in groups.order_by():
        n -= irregular.get((receipt, replied_on), 0)
        if not n:
            continue
        found = dues.get(receipt)
        if found is None:
            inputs = clocks.ReplyClockInputs(received_on=receipt)
            found = dues[receipt] = (inputs, _due(inputs, replied_on, cal))
        state = _state(*found, replied_on, cal)
        if state is not None:
            due_known += n
            if state == clocks.DeadlineState.MET:
                on_time += n
    return {"due_known": due_known, "on_time": on_time}


_FEE = ClockEvent.Kind.FEE.value
_SPANS = frozenset({ClockEvent.Kind.CONSULTATION.value, _FEE})


def _inputs_key(receipt: dt.date, replied_on: dt.date, unpaid: bool, events: list, notices: dict) -> tuple:
    """What the reply deadline of a case with deadline-changing events depends on. Event ids only order
    events of one day (clock._last), so the events are kept in (on, id) order without them. The reply
    date (the case's closing event; also "today" here) only limits a wait that was unanswered or answered
    after it (workdays.clocks.span_end): otherwise it is left out, so that equal clocks are computed once.
    A FEE wait without an end also reads its 收费通知 and whether the case closed as 逾期未缴费 (`unpaid`)."""
    kept = []
    closes = open_fee = False
    for pk, kind, on, until, workdays in events:
        notice = None
        if kind in _SPANS:
            if until is None:
                closes = True
                if kind == _FEE:
                    open_fee, notice = True, notices.get(pk)
            elif until > replied_on:
                closes = True
        kept.append((kind, on, until, workdays, notice))
    return receipt, tuple(kept), open_fee and unpaid, replied_on if closes else None


def _irregular_inputs(key: tuple, replied_on: dt.date, cal) -> clocks.ReplyClockInputs | None:
    receipt, kept, unpaid, _closed = key
    K = ClockEvent.Kind
    events = [_Event(0, K.RECEIVED, receipt, None, None, "")]
    notices = _Rows()
    for n, (kind, on, until, workdays, notice_received_on) in enumerate(kept, start=1):
        events.append(_Event(n, kind, on, until, workdays, ""))
        if notice_received_on is not None:
            notices.append(SimpleNamespace(event_id=n, notice_received_on=notice_received_on))
    events.append(_Event(len(kept) + 1, K.REPLIED, replied_on, None, None, ""))
    case = SimpleNamespace(_active_events=events, fee_notices=notices, outcome=Outcome.UNPAID_FEE if unpaid else "")
    return reply_inputs(case, cal)


class _Event(NamedTuple):
    """The fields of a ClockEvent that the reply clock reads (clock.reply_inputs)."""

    id: int
    kind: str
    on: dt.date
    until: dt.date | None
    workdays: int | None
    label: str

    @property
    def pk(self) -> int:
        return self.id

    @property
    def label_display(self) -> str:  # only the dates matter here
        return self.label


class _Rows(list):
    """A list that answers `.all()` like the related manager clock.reply_inputs reads."""

    def all(self):
        return self


_UNKNOWN_YEAR = object()  # the deadline falls in a year whose 放假/调休 days are not entered


def _due(inputs, today: dt.date, cal):
    """The reply deadline of equal clock inputs, computed once: a date, None (no deadline: a 补正 awaited,
    or inputs the clock refuses) or _UNKNOWN_YEAR."""
    try:
        return clocks.reply_due(inputs, today, cal)
    except UnknownYearError:
        return _UNKNOWN_YEAR
    except ValueError:
        return None


def _state(inputs, due, replied_on: dt.date, cal) -> str | None:
    """MET or LATE as the case's reply clock says (workdays.clocks.reply_state), from the deadline already
    computed; None when it cannot be told. A deadline in a year not entered yet is 期限待定, but a reply
    given before it is 按期 all the same."""
    if due is _UNKNOWN_YEAR:
        try:
            return clocks.reply_state(inputs, replied_on, cal)
        except (UnknownYearError, ValueError):
            return None
    return None if due is None else clocks.deadline_state(due, replied_on, replied_on, cal)


def annual_report_remedies(organization_ids, start: dt.date, end: dt.date) -> list[dict]:
    """行政复议 and 行政诉讼 about the organizations' cases filed by `end` and not decided before `start`:
    organization_id, kind, litigation_type, filed_on, decided_on, result. A remedy without a filing
    date (from a 台账) is taken as filed on the case's reply date."""
    found = (
        Remedy.objects.filter(case__organization_id__in=list(organization_ids))
        .filter(Q(filed_on__lte=end) | Q(filed_on__isnull=True, case__replied_on__lte=end))
        .filter(Q(decided_on__isnull=True) | Q(decided_on__gte=start))
        .values("case__organization_id", "kind", "litigation_type", "filed_on", "decided_on", "result",
                "case__replied_on")
        .order_by("pk")
    )
    return [
        {"organization_id": row["case__organization_id"], "kind": row["kind"],
         "litigation_type": row["litigation_type"] or "", "filed_on": row["filed_on"] or row["case__replied_on"],
         "decided_on": row["decided_on"], "result": row["result"]}
        for row in found if row["filed_on"] or row["case__replied_on"]
    ]
