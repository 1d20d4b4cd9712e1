"""Delivery through the task queue (docs/decisions/0003-task-queue.md): one task per notice, so a
failure of one never holds up another; failures are retried (services.deliver)."""

from django_tasks import task


@task()
def deliver_notice(notice_id: int) -> str:
    from gongkai.notifications.services import deliver

    return deliver(notice_id)
