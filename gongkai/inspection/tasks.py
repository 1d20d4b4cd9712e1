"""Inspection runs through the task queue (docs/decisions/0003-task-queue.md)."""

from django_tasks import task


@task()
def run_inspection(trigger: str, actor_id: int | None = None) -> dict:
    from gongkai.accounts.models import User
    from gongkai.inspection.services import run_checks

    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    record = run_checks(trigger=trigger, actor=actor)
    return {"run": record.pk, **record.counts}
