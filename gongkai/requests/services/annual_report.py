"""Read-only, for the annual report's tables 3 and 4 (gongkai.reports): cases and remedies as plain
dicts, so the report never reads this app's models.

A case counts once it has a 第三十一条 receipt date (a case still 待确认, or transferred away, has none);
its reply date and 办理结果 are the case's own. The reply deadline is recomputed from the case's clock
events (gongkai.requests.clock), never stored.
"""

import datetime as dt

from django.db.models import Q

from gongkai.requests.clock import reply_inputs
from gongkai.requests.models import Remedy, RequestCase
from gongkai.requests.outcomes import OUTCOMES, parse_outcome
from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar
from gongkai.workdays.clocks import reply_clock


def _outcome_key(label: str) -> str:
    canonical = parse_outcome(label)
    return OUTCOMES[canonical].key if canonical else ""


def _reply_due(case, cal) -> dt.date | None:
    try:
        inputs = reply_inputs(case)
        return reply_clock(inputs, case.replied_on, cal).due if inputs else None
    except (UnknownYearError, ValueError):
        return None


def annual_report_cases(organization_ids, start: dt.date, end: dt.date) -> list[dict]:
    """Cases of the organizations that table 3 of the period [start, end] counts (received by `end`,
    not replied before `start`): organization_id, received_on, replied_on, outcome_key (the 2021 row
    of its 办理结果), applicant_key, reply_due (for a reply inside the period) and fee_yuan."""
    cal = WorkdayCalendar()
    found = (
        RequestCase.objects.filter(organization_id__in=list(organization_ids), received_on__isnull=False,
                                   received_on__lte=end)
        .filter(Q(replied_on__isnull=True) | Q(replied_on__gte=start))
        .prefetch_related("clock_events")
        .order_by("pk")
    )
    return [
        {
            "organization_id": case.organization_id,
            "received_on": case.received_on,
            "replied_on": case.replied_on,
            "outcome_key": _outcome_key(case.outcome) if case.replied_on else "",
            "applicant_key": case.applicant_type or "",
            "reply_due": _reply_due(case, cal) if case.replied_on and start <= case.replied_on <= end else None,
            "fee_yuan": case.fee_yuan or 0,
        }
        for case in found
    ]


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
