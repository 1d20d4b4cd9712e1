"""A list's reading of the cases whose clocks are computed one by one (a deadline-changing event, or no
receipt date yet): their clock inputs as rows of values, in four queries, with no model instance per row.

A due list at a county's scale computes a few thousand such cases on every request; building a model
instance for each case, event, consultation and fee notice cost more than computing their clocks. The
stand-ins below carry exactly what gongkai.requests.clock reads (and its explanations, should a list ask
for them). The case's receipt and its reply or withdrawal are its mirrored dates (services.common.sync_dates),
as for the plain cases (queries._plain_case, the same stand-in); its other events are read from the
deadline-changing index.
"""

from types import SimpleNamespace

from django.db import connection
from django.db.models.expressions import RawSQL

from gongkai.requests.choices import State
from gongkai.requests.models import ClockEvent, Consultation, FeeNotice, RequestCase
from gongkai.requests.models.clock import DEADLINE_CHANGING_KINDS

K = ClockEvent.Kind
# A case's clock inputs in the order `stand_in` takes them (the first six after the id: a plain case's).
CASE_FIELDS = ("pk", "state", "source", "channel", "received_on", "replied_on", "filing__filed_on", "outcome",
               "submitted_at")
# What the clocks read of an active event (not who recorded it when: the lists never show it).
EVENT_FIELDS = ("id", "case_id", "kind", "on", "until", "workdays", "label", "note")


def id_list(ids: list[int]):
    """`ids` for a `pk__in` filter: on PostgreSQL one array parameter (`IN (SELECT unnest(%s))`), since
    Django compiles a list into a parameter per id, and the cases with their events are read in four
    queries: at a county's scale (3,300 ids) compiling those lists cost more than reading the rows."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (list(ids),))
    return ids


class Event:
    """An active clock event as the clocks read it."""

    __slots__ = (*EVENT_FIELDS, "consultation")
    Kind = ClockEvent.Kind
    voided_at = None  # only active events are read
    label_display = ClockEvent.label_display
    note_display = ClockEvent.note_display

    def __init__(self, *values, consultation=None):
        for name, value in zip(EVENT_FIELDS, values, strict=True):
            setattr(self, name, value)
        self.consultation = consultation

    @property
    def pk(self):
        return self.id


class Waiting:
    """A consultation or a fee notice as the clocks read it: its own dates and its event."""

    def __init__(self, model, pk, case_id, event: Event, **values):
        self.pk = self.id = pk
        self.case_id, self.event, self.event_id = case_id, event, event.id
        self._model = model
        self.__dict__.update(values)

    def get_kind_display(self) -> str:
        return str(self._model.Kind(self.kind).label)


def _mirrored(case_id, received_on, replied_on, state) -> list[Event]:
    """The receipt and the reply or withdrawal, as their mirrored dates say (ids 0 and 1 sort them before a
    stored event of the same day, as they were recorded first)."""
    events = [] if received_on is None else [Event(0, case_id, K.RECEIVED, received_on, None, None, "", "")]
    if replied_on is not None:
        closing = K.WITHDRAWN if state == State.WITHDRAWN else K.REPLIED
        events.append(Event(1, case_id, closing, replied_on, None, None, "", ""))
    return events


def stand_in(pk, state, source, channel, received_on, replied_on, filed_on, outcome="", submitted_at=None):
    """A case as the clocks read it, its receipt and reply from the mirrored dates (no other event yet)."""
    return SimpleNamespace(
        pk=pk, id=pk, state=state, source=source, channel=channel, received_on=received_on,
        replied_on=replied_on, outcome=outcome, submitted_at=submitted_at, Source=RequestCase.Source,
        filing=SimpleNamespace(filed_on=filed_on) if filed_on else None,
        _active_events=_mirrored(pk, received_on, replied_on, state), _consultations=[], _fee_notices=[])


def load(ids: list[int]) -> list[SimpleNamespace]:
    """The cases `ids` with their clock inputs attached (as queries._with_clock_inputs attaches them)."""
    if not ids:
        return []
    wanted = id_list(ids)
    cases = {row[0]: stand_in(*row) for row in
             RequestCase.objects.filter(pk__in=wanted).order_by().values_list(*CASE_FIELDS)}
    events = {}
    for values in (ClockEvent.objects.filter(case_id__in=wanted, voided_at__isnull=True,
                                             kind__in=DEADLINE_CHANGING_KINDS)
                   .order_by().values_list(*EVENT_FIELDS)):
        case = cases.get(values[1])
        if case is not None:
            event = events[values[0]] = Event(*values)
            case._active_events.append(event)
    for pk, case_id, event_id, kind, party_name, letter_received_on in (
            Consultation.objects.filter(case_id__in=wanted).order_by("pk")
            .values_list("pk", "case_id", "event_id", "kind", "party_name", "letter_received_on")):
        event = events.get(event_id)
        if event is not None and case_id in cases:
            consultation = Waiting(Consultation, pk, case_id, event, kind=kind, party_name=party_name,
                                   letter_received_on=letter_received_on)
            event.consultation = consultation
            cases[case_id]._consultations.append(consultation)
    for pk, case_id, event_id, notice_received_on in (
            FeeNotice.objects.filter(case_id__in=wanted).order_by("pk")
            .values_list("pk", "case_id", "event_id", "notice_received_on")):
        event = events.get(event_id)
        if event is not None and case_id in cases:
            cases[case_id]._fee_notices.append(Waiting(FeeNotice, pk, case_id, event,
                                                       notice_received_on=notice_received_on))
    for case in cases.values():
        case._active_events.sort(key=lambda event: (event.on, event.id))
    return [cases[pk] for pk in sorted(cases)]
