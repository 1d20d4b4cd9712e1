"""What happened to a case that its applicant should hear about, announced after commit.

The services call `announce(case, kind)`; receivers (`requests.notices`, which sends the applicant a
notice through gongkai.notifications) react. Kinds are codes (APPLICANT_EVENTS)."""

from django.db import transaction
from django.dispatch import Signal

ACCEPTED, CORRECTION, EXTENDED, THIRD_PARTY, REPLIED = "accepted", "correction", "extended", "third_party", "replied"
APPLICANT_EVENTS = (ACCEPTED, CORRECTION, EXTENDED, THIRD_PARTY, REPLIED)

# Sent with case_id and kind, once the transaction that changed the case has committed.
applicant_event = Signal()


def announce(case, kind: str) -> None:
    if kind not in APPLICANT_EVENTS:
        raise ValueError(f"unknown applicant event {kind!r}")
    case_id = case.pk
    transaction.on_commit(lambda: applicant_event.send(sender=type(case), case_id=case_id, kind=kind))
