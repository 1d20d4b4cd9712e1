"""Adapter: 依申请公开 cases and remedies of gongkai.requests as neutral records (read-only).

A case counts once it has a 第三十一条 receipt date (a case still 待确认, or transferred away, has none);
its reply date and 办理结果 are the case's own. The reply deadline is recomputed from the case's clock
events (gongkai.requests.clock), never stored.
"""

import datetime as dt

from django.apps import apps
from django.db.models import Q

from gongkai.reports.sources import CaseRecord, RemedyRecord

APP = "gongkai.requests"


def available() -> bool:
    return apps.is_installed(APP)


def _outcome_key(label: str) -> str:
    from gongkai.requests.outcomes import OUTCOMES, parse_outcome

    canonical = parse_outcome(label)
    return OUTCOMES[canonical].key if canonical else ""


def _reply_due(case, cal) -> dt.date | None:
    from gongkai.requests.clock import reply_inputs
    from gongkai.workdays.calendar import UnknownYearError
    from gongkai.workdays.clocks import reply_clock

    try:
        inputs = reply_inputs(case)
        return reply_clock(inputs, case.replied_on, cal).due if inputs else None
    except (UnknownYearError, ValueError):
        return None


def cases(organization_ids, start: dt.date, end: dt.date) -> list[CaseRecord]:
    """Cases of the organizations that table 3 of the period [start, end] counts: received by `end` and
    not replied before `start`."""
    if not available():
        return []
    from gongkai.requests.models import RequestCase
    from gongkai.workdays.calendar import WorkdayCalendar

    cal = WorkdayCalendar()
    found = (
        RequestCase.objects.filter(organization_id__in=list(organization_ids), received_on__isnull=False,
                                   received_on__lte=end)
        .filter(Q(replied_on__isnull=True) | Q(replied_on__gte=start))
        .prefetch_related("clock_events")
        .order_by("pk")
    )
    records = []
    for case in found:
        replied = case.replied_on
        records.append(CaseRecord(
            organization_id=case.organization_id,
            received_on=case.received_on,
            replied_on=replied,
            outcome_key=_outcome_key(case.outcome) if replied else "",
            applicant_key=case.applicant_type or "",
            reply_due=_reply_due(case, cal) if replied and start <= replied <= end else None,
            fee_yuan=case.fee_yuan or 0,
        ))
    return records


def remedies(organization_ids, start: dt.date, end: dt.date) -> list[RemedyRecord]:
    """行政复议 and 行政诉讼 about the organizations' cases filed by `end` and not decided before `start`.
    A remedy without a filing date (from a 台账) is taken as filed on the case's reply date."""
    if not available():
        return []
    from gongkai.requests.models import Remedy

    found = (
        Remedy.objects.filter(case__organization_id__in=list(organization_ids))
        .filter(Q(filed_on__lte=end) | Q(filed_on__isnull=True, case__replied_on__lte=end))
        .filter(Q(decided_on__isnull=True) | Q(decided_on__gte=start))
        .values("case__organization_id", "kind", "litigation_type", "filed_on", "decided_on", "result",
                "case__replied_on")
        .order_by("pk")
    )
    return [RemedyRecord(organization_id=row["case__organization_id"], kind=row["kind"],
                         litigation_type=row["litigation_type"] or "",
                         filed_on=row["filed_on"] or row["case__replied_on"], decided_on=row["decided_on"],
                         result=row["result"]) for row in found if row["filed_on"] or row["case__replied_on"]]
