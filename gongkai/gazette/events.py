"""`issue_changed` is sent after commit when a published issue's contents change (published, entry
added), with `issue_id`: search re-indexes `services.searchable_articles(issue_id)`."""

from django.db import transaction
from django.dispatch import Signal

issue_changed = Signal()


def announce(issue_id: int) -> None:
    transaction.on_commit(lambda: issue_changed.send(sender="gazette", issue_id=issue_id))
