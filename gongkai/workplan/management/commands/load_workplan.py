"""`gongkai load_workplan FILE`: a work plan from the text of its published PDF (tab-separated table rows,
as text extraction gives them; see gongkai/workplan/tabletext.py) or from an XLSX 任务分解表."""

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from gongkai.accounts.models import User
from gongkai.core.services import ActionRefused
from gongkai.organizations.services import find_organization
from gongkai.workplan import services, xlsx
from gongkai.workplan.tabletext import parse_table_text


class Command(BaseCommand):
    help = "Load a 任务分解表 (PDF text or XLSX) into a new work plan. Unmatched unit names are reported, never created."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the plan's text (UTF-8, tab-separated table) or an .xlsx 任务分解表")
        parser.add_argument("--organization", required=True, help="issuing organization: name or 统一社会信用代码")
        parser.add_argument("--user", required=True, help="user name of a 政务公开办 account (or a superuser)")
        parser.add_argument("--title", required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--doc-number", default="")
        parser.add_argument("--issued-on", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        organization = find_organization(options["organization"])
        if organization is None:
            raise CommandError(f"未找到机构：{options['organization']}")
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"未找到用户：{options['user']}")
        if path.suffix.lower() == ".xlsx":
            try:
                with path.open("rb") as handle:
                    rows, levels = xlsx.read_table(handle)
            except xlsx.TableError as exc:
                raise CommandError(str(exc)) from exc
        else:
            table = parse_table_text(path.read_text(encoding="utf-8"))
            rows, levels = table.rows, table.task_levels
            if table.skipped:
                self.stdout.write(f"分页重复的行已跳过：{len(table.skipped)} 行")
        try:
            with transaction.atomic():  # the plan and its table, or nothing
                plan = services.create_plan(user, organization, {
                    "title": options["title"], "year": options["year"], "doc_number": options["doc_number"],
                    "issued_on": options["issued_on"], "task_levels": levels,
                })
                report = services.import_rows(user, plan, rows)
        except ActionRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(report.summary())
        for name, tasks in report.unmatched.items():
            self.stdout.write(f"  未匹配：{name}（{len(tasks)} 项任务，如：{tasks[0]}）")
        self.stdout.write(f"工作要点 #{plan.pk}：{plan.title}")
