"""Indexing runs through the task queue (docs/decisions/0003-task-queue.md).

With the immediate backend the task runs in-process right after the publishing transaction commits;
with the database backend a `gongkai db_worker` runs it within seconds. A scheduled item is removed
from the index now and, when the queue can defer, indexed again at its publication time;
`gongkai run_periodic` catches it otherwise.
"""

import logging

from django.db import transaction
from django_tasks import task

from gongkai.search import services

logger = logging.getLogger(__name__)


@task()
def index_items_task(item_ids: list[int]) -> dict:
    try:
        result = services.index_items(item_ids)
    except Exception:
        logger.exception("indexing %d item(s) failed; `gongkai run_periodic` will retry", len(item_ids))
        raise
    for item_id, publish_at in services.scheduled_ids(item_ids):
        _enqueue([item_id], run_after=publish_at)
    return result


def _enqueue(item_ids: list[int], run_after=None) -> None:
    target = index_items_task
    if run_after is not None:
        if not target.get_backend().supports_defer:
            return  # run_periodic indexes it once its time has come
        target = target.using(run_after=run_after)
    try:
        target.enqueue(item_ids)
    except Exception:
        # Indexing must never break publishing; run_periodic repairs what was missed.
        logger.exception("could not enqueue indexing of %d item(s)", len(item_ids))


def enqueue_indexing(item_ids: list[int]) -> None:
    """Enqueue indexing once the current transaction (if any) has committed."""
    item_ids = list(item_ids)
    if item_ids:
        transaction.on_commit(lambda: _enqueue(item_ids))
