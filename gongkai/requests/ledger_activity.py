"""Whether a case is kept by the platform when its 台账 row is imported again (docs/requests.md, 备案 and 台账).

A case handled on the platform only takes 备注 from a ledger row. So does a case imported from a ledger
(source LEDGER) once staff have worked on it on the platform: re-importing would otherwise replace the
补正, extensions, consultations, fee notices, drafted or issued replies and remedies they recorded by the
row. A ledger case nobody has touched since its import is still replaced by its row.

Work on the platform is seen two ways, either of which is enough:
- the audit log: every service that changes a case records `request.<verb>` on it (services.common.audit),
  a superuser's edit in the Django admin `admin.change`; the import records only `request.ledger_import`;
- what the import never writes: a voided clock event or one with an issued letter, a withdrawal or a
  第三十五条 delay, consultations, fee notices, letters, deliveries, a 备案, 交办/协助调查, 会商, a
  第三十五条 review, information provided, withheld parts, a drafted or reviewed reply, a 承办人, a state
  other than 办理中/补正中/已归档, a remedy naming its authority or a note, a case transferred on.
"""

from django.db.models import Exists, OuterRef, Q

from gongkai.audit.models import AuditEvent
from gongkai.requests.choices import State
from gongkai.requests.models import (
    Assignment,
    CaseDocument,
    ClockEvent,
    Consultation,
    Deliberation,
    Delivery,
    DisclosedDocument,
    FeeNotice,
    Filing,
    Remedy,
    RequestCase,
    VolumeReview,
    WithheldPart,
)

# The audit actions a ledger import itself records on a case; any other one on the case is platform work.
IMPORT_ACTIONS = ("request.ledger_import",)
# The states an import gives a case (ledger._state).
IMPORTED_STATES = (State.PROCESSING, State.CORRECTION, State.ARCHIVED)
PLATFORM_ONLY_EVENTS = (ClockEvent.Kind.WITHDRAWN, ClockEvent.Kind.DELAYED)
RECORDS = (CaseDocument, Consultation, FeeNotice, Delivery, Filing, Assignment, Deliberation, VolumeReview,
           DisclosedDocument, WithheldPart)


def handled_on_platform(case: RequestCase) -> bool:
    """True for a platform case, and for a ledger case with platform work recorded since its import."""
    if case.source != RequestCase.Source.LEDGER:
        return True
    return _audited_work(case) or _platform_records(case)


def _audited_work(case: RequestCase) -> bool:
    return AuditEvent.objects.filter(object_type=RequestCase._meta.label_lower, object_id=str(case.pk)).exclude(
        action__in=IMPORT_ACTIONS).exists()


def _platform_records(case: RequestCase) -> bool:
    here = OuterRef("pk")
    worked = Q(Exists(ClockEvent.objects.filter(case=here).filter(
        Q(voided_at__isnull=False) | Q(document__isnull=False) | Q(kind__in=PLATFORM_ONLY_EVENTS))))
    for model in RECORDS:
        worked |= Q(Exists(model.objects.filter(case=here)))
    worked |= Q(Exists(Remedy.objects.filter(case=here).exclude(authority="", note="")))
    worked |= Q(Exists(RequestCase.objects.filter(transferred_from=here)))
    worked |= ~Q(state__in=IMPORTED_STATES) | Q(handler__isnull=False) | Q(proactive_item__isnull=False)
    worked |= Q(drafted_by__isnull=False) | Q(drafted_at__isnull=False) | Q(reviewed_by__isnull=False)
    worked |= Q(reviewed_at__isnull=False) | ~Q(answer_code="") | ~Q(reply_content="")
    return RequestCase.objects.filter(pk=case.pk).filter(worked).exists()
