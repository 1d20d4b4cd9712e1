"""Attachment text extraction through the task queue (docs/decisions/0003-task-queue.md).

An upload enqueues `extract_attachment_text_task` on commit; it stores the text and its status on the
attachment and announces the item as updated, so search indexes the text (search/documents.py).
`gongkai run_periodic` enqueues attachments still waiting (a worker that was down, attachments
uploaded before extraction existed).
"""

import logging

from django.db import transaction
from django_tasks import task

from gongkai.publishing.events import announce
from gongkai.publishing.extraction import extract
from gongkai.publishing.models import Attachment

logger = logging.getLogger(__name__)
PERIODIC_BATCH = 200


def extract_attachment_text(attachment_id: int) -> str | None:
    """Extract and store one attachment's text; returns its status (None when it is gone)."""
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None:
        return None
    status, text = extract(attachment)
    with transaction.atomic():
        updated = Attachment.objects.filter(pk=attachment_id, sha256=attachment.sha256).update(
            text=text, text_status=status)
        if updated:
            announce(attachment.item_id, "updated")
    return status


@task()
def extract_attachment_text_task(attachment_id: int) -> str | None:
    return extract_attachment_text(attachment_id)


def _enqueue(attachment_id: int) -> None:
    try:
        extract_attachment_text_task.enqueue(attachment_id)
    except Exception:
        # Extraction must never break an upload; run_periodic retries what is still pending.
        logger.exception("could not enqueue text extraction of attachment %s", attachment_id)


def enqueue_extraction(attachment_id: int) -> None:
    """Enqueue extraction once the current transaction (if any) has committed."""
    transaction.on_commit(lambda: _enqueue(attachment_id))


def enqueue_pending() -> int:
    """For `gongkai run_periodic`: enqueue extraction of attachments still waiting for it."""
    ids = list(Attachment.objects.filter(text_status=Attachment.TextStatus.PENDING)
               .order_by("id").values_list("id", flat=True)[:PERIODIC_BATCH])
    for attachment_id in ids:
        _enqueue(attachment_id)
    return len(ids)
