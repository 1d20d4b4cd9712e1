"""Test data for reports: request cases through the requests app's own models and factories."""

import datetime as dt

from gongkai.requests.choices import State
from gongkai.requests.factories import received_case
from gongkai.requests.models import ClockEvent, Remedy
from gongkai.requests.outcomes import OUTCOMES

D = dt.date.fromisoformat
LABEL_FOR_KEY = {spec.key: label for label, spec in OUTCOMES.items()}


def make_case(org, received: str, replied: str | None = None, outcome_key: str = "", applicant="natural_person",
              fee=None):
    """A case received (第三十一条 date) on `received`, replied on `replied` with the outcome of that row key."""
    state = State.ARCHIVED if replied else State.PROCESSING
    case = received_case(org, D(received), state=state, applicant_type=applicant, fee_yuan=fee,
                         outcome=LABEL_FOR_KEY[outcome_key] if outcome_key else "")
    if replied:
        ClockEvent.objects.create(case=case, kind=ClockEvent.Kind.REPLIED, on=D(replied))
        case.replied_on = D(replied)
        case.save(update_fields=["replied_on"])
    return case


def make_remedy(case, kind: str, filed: str, result: str = "pending", decided: str | None = None,
                litigation_type: str = ""):
    return Remedy.objects.create(case=case, kind=kind, filed_on=D(filed), result=result,
                                 decided_on=D(decided) if decided else None, litigation_type=litigation_type)


def row(natural=0, commercial=0, research=0, public_interest=0, legal=0, other=0) -> dict:
    cells = [natural, commercial, research, public_interest, legal, other]
    keys = ["natural_person", "commercial", "research", "public_interest", "legal_services", "other_org"]
    return {**dict(zip(keys, cells, strict=True)), "total": sum(cells)}
