"""Announcing a published item runs in the task queue (matching saved searches reads every one)."""

from django_tasks import task


@task()
def announce_item(item_id: int) -> int:
    from gongkai.subscriptions.topics import announce_item as run

    return run(item_id)
