"""Signals other apps listen to about organizations. This app sits below the others (the catalog, accounts …
depend on it), so it tells them of a change instead of calling them.

`kind_changed` is sent by Organization.save() inside the save's transaction when a saved organization's kind
changed (the admin form, a command, the shell: every save path), with `organization`, `previous_kind`, and the
`actor` and `request` of the `acting` block around the save (None outside one). A receiver does what the new
kind asks of its own app (gongkai.catalog: the built-in catalog follows the kind) and may return a note for the
staff member who made the change (Chinese, or None); `acting` collects those notes for the page to show.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import Signal

kind_changed = Signal()

# (actor, request, notes) of the staff form saving organizations right now.
_acting: ContextVar[tuple | None] = ContextVar("gongkai_organization_actor", default=None)


@contextmanager
def acting(actor, request=None):
    """Name `actor` (and `request`, for the audit log's address) as the one changing organizations inside the
    block; yields the list that collects the receivers' notes to show them."""
    notes: list[str] = []
    token = _acting.set((actor, request, notes))
    try:
        yield notes
    finally:
        _acting.reset(token)


def announce_kind_change(organization, previous_kind: str) -> None:
    actor, request, notes = _acting.get() or (None, None, [])
    responses = kind_changed.send(sender=type(organization), organization=organization, previous_kind=previous_kind,
                                  actor=actor, request=request)
    notes.extend(str(note) for _receiver, note in responses if note)
