"""Background work of 留言办理 (docs/decisions/0003-task-queue.md)."""

import datetime as dt

from django_tasks import task


@task()
def send_reminders(today: str) -> dict:
    from gongkai.mailbox import reminders

    return {"reminded": reminders.send_reminders(dt.date.fromisoformat(today))}
