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
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
)

from gongkai.requests.clock import DEADLINE_CHANGING_KINDS, reply_inputs
from gongkai.requests.models import ClockEvent, FeeNotice, Remedy, RequestCase
from gongkai.requests.outcomes import OUTCOMES, parse_outcome
from gongkai.workdays import clocks
from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar


def _outcome_key(label: str) -> str:
    canonical = parse_outcome(label)
    return OUTCOMES[canonical].key if canonical else ""


def annual_report_cases(organization_ids, start: dt.date, end: dt.date) -> list[dict]:
    """Cases of the organizations that table 3 of the period [start, end] counts (received by `end`,
    not replied before `start`), counted in the database: one dict per group of cases that table 3 and
    the fee figures cannot tell apart — organization_id, applicant_key, outcome_key (the 2021 row of the
    办理结果 of a replied case), count, fee_yuan (their sum), and received_on/replied_on, the group's
    earliest dates: every member's dates fall on the same side of `start` and `end` (received before or
    in the period; open, replied in it or replied after it) and a fee was charged to all or none.
    No row is loaded and nothing is decrypted."""
    received_in = Case(When(received_on__lt=start, then=Value(False)), default=Value(True),
                       output_field=BooleanField())
    replied = Case(When(replied_on__isnull=True, then=Value(0)), When(replied_on__lte=end, then=Value(1)),
                   default=Value(2), output_field=IntegerField())
    charged = Case(When(fee_yuan__gt=0, then=Value(True)), default=Value(False), output_field=BooleanField())
    groups = (
        _counted(organization_ids, start, end)
        .annotate(g_received=received_in, g_replied=replied, g_charged=charged)
        .values("organization_id", "applicant_type", "outcome", "g_received", "g_replied", "g_charged")
        .annotate(n=Count("pk"), first_received=Min("received_on"), first_replied=Min("replied_on"),
                  fees=Sum("fee_yuan"))
        .order_by("organization_id", "applicant_type", "outcome", "g_received", "g_replied", "g_charged")
    )
    return [
        {
            "organization_id": row["organization_id"],
            "received_on": row["first_received"],
            "replied_on": row["first_replied"],
            "outcome_key": _outcome_key(row["outcome"]) if row["first_replied"] else "",
            "applicant_key": row["applicant_type"] or "",
            "fee_yuan": row["fees"] or 0,
            "count": row["n"],
        }
        for row in groups
    ]


def _counted(organization_ids, start: dt.date, end: dt.date):
    return (RequestCase.objects.filter(organization_id__in=list(organization_ids), received_on__isnull=False,
                                       received_on__lte=end)
            .filter(Q(replied_on__isnull=True) | Q(replied_on__gte=start)))


def annual_report_punctuality(organization_ids, start: dt.date, end: dt.date) -> dict:
    """Of the cases replied in [start, end]: `due_known`, those whose 答复期限 can be recomputed from their
    clock events, and `on_time`, those of them replied by it.

    A case with no active event that changes its deadline (clock.DEADLINE_CHANGING_KINDS) has the plain
    20-working-day deadline: those are counted in the database by (receipt date, reply date) and each
    distinct receipt date is computed once. The others (补正, consultations, fees, extensions) are
    recomputed one by one from their events, as the case page does (gongkai.requests.clock.reply_inputs)."""
    cal = WorkdayCalendar()
    replied = RequestCase.objects.filter(organization_id__in=list(organization_ids), received_on__isnull=False,
                                         replied_on__gte=start, replied_on__lte=end)
    changing = ClockEvent.objects.filter(case_id=OuterRef("pk"), voided_at__isnull=True,
                                         kind__in=DEADLINE_CHANGING_KINDS)
    # No event changes the deadline: the 20th working day after the receipt (received_on mirrors the
    # active receipt, services.common.sync_dates). Counted by (receipt, reply) pairs: an anti-join.
    plain = replied.exclude(Exists(changing)).values("received_on", "replied_on").annotate(n=Count("pk")).order_by()
    due_known = on_time = 0
    dues: dict[dt.date, dt.date | None] = {}
    for row in plain:
        receipt, replied_on = row["received_on"], row["replied_on"]
        if receipt not in dues:
            dues[receipt] = _due(clocks.ReplyClockInputs(received_on=receipt), replied_on, cal)
        if dues[receipt] is not None:
            due_known += row["n"]
            on_time += row["n"] * (replied_on <= dues[receipt])
    # The others are recomputed from their events, as the case page does; equal inputs once.
    irregular = replied.filter(Exists(changing)).values("pk")
    events: dict[int, list] = {}
    replied_on_of: dict[int, dt.date] = {}
    outcome_of: dict[int, str] = {}
    # The reply and a withdrawal end every wait (clock.reply_inputs' closed_on); fee notices tell when an
    # unpaid fee's payment period lapsed (国办函〔2020〕109号).
    kinds = (ClockEvent.Kind.RECEIVED, ClockEvent.Kind.REPLIED, ClockEvent.Kind.WITHDRAWN, *DEADLINE_CHANGING_KINDS)
    for row in (ClockEvent.objects.filter(case_id__in=irregular, voided_at__isnull=True, kind__in=kinds)
                .order_by("on", "id")
                .values_list("case_id", "id", "kind", "on", "until", "workdays", "label", "case__replied_on",
                             "case__outcome")):
        events.setdefault(row[0], []).append(_Event(*row[1:7]))
        replied_on_of[row[0]], outcome_of[row[0]] = row[7], row[8]
    fees: dict[int, _Rows] = {}
    for fee in FeeNotice.objects.filter(case_id__in=irregular).only("case_id", "event_id", "notice_received_on"):
        fees.setdefault(fee.case_id, _Rows()).append(fee)
    computed: dict[tuple, dt.date | None] = {}
    for pk, case_events in events.items():
        case = SimpleNamespace(_active_events=case_events, fee_notices=fees.get(pk, _Rows()), outcome=outcome_of[pk])
        inputs = reply_inputs(case, cal)
        if inputs is None:
            continue
        replied_on = replied_on_of[pk]
        waiting = any(span.answered_on is None for span in inputs.excluded_spans)
        key = (inputs, replied_on if waiting else None)  # `today` only matters for a wait still open
        if key not in computed:
            computed[key] = _due(inputs, replied_on, cal)
        if computed[key] is not None:
            due_known += 1
            on_time += replied_on <= computed[key]
    return {"due_known": due_known, "on_time": on_time}


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


def _due(inputs, today: dt.date, cal) -> dt.date | None:
    try:
        return clocks.reply_clock(inputs, today, cal).due
    except (UnknownYearError, ValueError):
        return None


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
