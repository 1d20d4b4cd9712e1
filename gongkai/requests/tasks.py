"""Background work of 依申请公开 (docs/decisions/0003-task-queue.md)."""

import datetime as dt

from django_tasks import task


@task()
def send_reminders(today: str) -> dict:
    """In-app reminders for every due-soon or overdue clock, each e-mailed once to its recipient."""
    from gongkai.requests import reminders, spam

    created = reminders.create_reminders(dt.date.fromisoformat(today))
    emailed = reminders.email()
    purged = spam.purge()
    return {"created": len(created), "emailed": emailed, "throttle_purged": purged}
