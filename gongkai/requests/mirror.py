"""The clock inputs mirrored on the case: keep RequestCase.clock_changed true to the case's events, however
an event is saved or deleted.

Services record events through services.common.add_event and void them with a save; a ledger import
creates them in bulk and then calls services.common.sync_dates, which sets the flag as well. Saving an event
updates the case row and, when the event holds the case object a service is working on, that object too,
so the service's later `case.save()` writes the same value.
"""

from django.db.models.signals import post_delete, post_save

from gongkai.requests.models import ClockEvent, RequestCase
from gongkai.requests.models.clock import DEADLINE_CHANGING_KINDS


def changing_events():
    """The active events that change a deadline (the condition of the `requests_clock_changing` index)."""
    return ClockEvent.objects.filter(voided_at__isnull=True, kind__in=DEADLINE_CHANGING_KINDS)


def _event_changed(sender, instance: ClockEvent, raw=False, **kwargs):
    if raw or instance.kind not in DEADLINE_CHANGING_KINDS:
        return
    changed = changing_events().filter(case_id=instance.case_id).exists()
    RequestCase.objects.filter(pk=instance.case_id).exclude(clock_changed=changed).update(clock_changed=changed)
    if ClockEvent.case.is_cached(instance):
        instance.case.clock_changed = changed


def connect() -> None:
    post_save.connect(_event_changed, sender=ClockEvent, dispatch_uid="requests.clock_changed.saved")
    post_delete.connect(_event_changed, sender=ClockEvent, dispatch_uid="requests.clock_changed.deleted")
