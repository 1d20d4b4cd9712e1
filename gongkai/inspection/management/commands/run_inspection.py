"""`gongkai run_inspection`: queue a scheduled inspection run (once a day), or run one now with --now."""

from django.core.management.base import BaseCommand, CommandError

from gongkai.inspection import services
from gongkai.inspection.models import Run


class Command(BaseCommand):
    help = "Run the 检查指标 rules: queue today's scheduled run, or run now in this process (--now)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="run now, in this process, and print the result")

    def handle(self, *args, **options):
        if not options["now"]:
            queued = services.enqueue_scheduled_run()
            self.stdout.write("已排队今日的定期检查。" if queued else "今日的定期检查已运行或已排队。")
            return
        run = services.run_checks(trigger=Run.Trigger.MANUAL)
        if services.RUN_FAILED in run.errors:
            raise CommandError(f"检查运行出错，未能完成：{run.errors[services.RUN_FAILED]}")
        counts = run.counts
        self.stdout.write(f"检查完成：新发现 {counts.get('new', 0)} 个，重新打开 {counts.get('reopened', 0)} 个，"
                          f"已解决 {counts.get('resolved', 0) + counts.get('confirmed', 0)} 个，待整改 {counts.get('open', 0)} 个。")
        for code, error in run.errors.items():
            self.stderr.write(f"{code}: {error}")
