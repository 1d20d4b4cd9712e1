"""gongkai message_reminders: enqueue the 留言办理 reminder run (cron or a systemd timer, e.g. hourly)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.mailbox.tasks import send_reminders


class Command(BaseCommand):
    help = "Enqueue reminders for due-soon and overdue citizen messages (e-mail to the handling unit)."

    def handle(self, *args, **options):
        send_reminders.enqueue(timezone.localdate().isoformat())
        self.stdout.write(self.style.SUCCESS("已加入任务队列：留言答复期限提醒"))
