"""The 留言办理 reminder run, enqueued by `gongkai run_periodic` (and by `gongkai message_reminders`)."""

from django.utils import timezone


def enqueue_reminders() -> int:
    from gongkai.mailbox.tasks import send_reminders

    send_reminders.enqueue(timezone.localdate().isoformat())
    return 1
