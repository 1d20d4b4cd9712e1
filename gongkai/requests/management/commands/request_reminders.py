"""gongkai request_reminders: enqueue the 依申请公开 reminder run (cron or a systemd timer, e.g. hourly)."""

from django.core.management.base import BaseCommand

from gongkai.requests.reminders import enqueue_reminders


class Command(BaseCommand):
    help = "Enqueue reminders for due-soon and overdue 依申请公开 clocks (in-app and e-mail)."

    def handle(self, *args, **options):
        enqueue_reminders()
        self.stdout.write(self.style.SUCCESS("已加入任务队列：依申请公开期限提醒"))
