"""Inspection runs through the task queue (docs/decisions/0003-task-queue.md)."""

from django_tasks import task


@task()
def run_inspection(run_id: int) -> dict:
    """Carry out a queued run (created when it was queued, so the dashboard shows it as running)."""
    from gongkai.inspection.models import Run
    from gongkai.inspection.services import run_checks

    queued = Run.objects.filter(pk=run_id, finished_at__isnull=True).first()
    if queued is None:  # already carried out (a task delivered twice)
        return {"run": run_id}
    record = run_checks(record=queued)
    return {"run": record.pk, **record.counts}
