"""Signals other apps listen to (search indexing, feeds, inspection) instead of being called directly.

`item_changed` is sent after the transaction commits, with `item_id` and `verb` (created, updated,
published, withdrawn, deleted, ...). `migrated`: an item brought over from the old site, published there
long ago: indexes and pages take it in as a published item, but it is not news, so subscribers are not
told about it (gongkai.subscriptions, gongkai.regulations listen for `published`).
"""

from django.db import transaction
from django.dispatch import Signal

item_changed = Signal()


def announce(item_id: int, verb: str) -> None:
    transaction.on_commit(lambda: item_changed.send(sender="publishing", item_id=item_id, verb=verb))
