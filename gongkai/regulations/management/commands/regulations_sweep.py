import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.regulations.expiry import due_relations, due_warnings, in_force


class Command(BaseCommand):
    help = "规范性文件有效期：到期前预警、届满自动失效、按生效日期执行修改/废止/替代。每日运行（cron / systemd timer），任务经任务队列执行。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按指定日期（YYYY-MM-DD）计算，默认今天")
        parser.add_argument("--dry-run", action="store_true", help="只列出将预警和将失效的文件，不做改动")

    def handle(self, *args, **options):
        try:
            today = dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError("--date must be YYYY-MM-DD") from exc
        if options["dry_run"]:
            for doc in in_force(today).filter(expires_on__lt=today).select_related("item"):
                self.stdout.write(f"将失效 lapse: {doc.item.doc_number} {doc.title} ({doc.expires_on})")
            for relation in due_relations(today).select_related("target__item"):
                target = relation.target
                self.stdout.write(f"将{relation.get_kind_display()} {relation.kind}: {target.item.doc_number} "
                                  f"{target.title} ({relation.effective_on})")
            for doc in due_warnings(today):
                self.stdout.write(f"将预警 warn: {doc.item.doc_number} {doc.title} ({doc.expires_on})")
            return
        from gongkai.regulations.tasks import sweep_validity

        result = sweep_validity.enqueue(today.isoformat())
        self.stdout.write(f"enqueued sweep_validity for {today.isoformat()} (task {result.id}, {result.status}); "
                          "`gongkai run_periodic` runs the same sweep for today")
