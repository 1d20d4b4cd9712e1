from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.services import ActionRefused
from gongkai.gazette.importer import import_folder
from gongkai.organizations.services import find_organization


class Command(BaseCommand):
    help = ("导入历史政府公报：DIR 下的 issues.csv 列出各期（folder, year, number, total_number, published_on），"
            "每期一个文件夹，内有整期 PDF 和目录 contents.csv。格式见 docs/gazette.md。")

    def add_arguments(self, parser):
        parser.add_argument("directory", help="存放各期公报的文件夹")
        parser.add_argument("--organization", required=True, help="编辑出版单位：统一社会信用代码或全称")

    def handle(self, *args, **options):
        root = Path(options["directory"])
        if not root.is_dir():
            raise CommandError(f"{root} is not a directory")
        organization = find_organization(options["organization"])
        if organization is None:
            raise CommandError(f"organization {options['organization']!r} not found (credit code or exact name)")
        try:
            report = import_folder(root, organization, progress=lambda label: self.stdout.write(f"… {label}"))
        except ActionRefused as exc:
            raise CommandError(exc.reason) from exc
        for issue in report.imported:
            self.stdout.write(self.style.SUCCESS(f"导入 imported: {issue}（{issue.entries.count()}条）"))
        for label in report.skipped:
            self.stdout.write(f"已存在，跳过 skipped: {label}")
        for label in report.skipped_withdrawn:
            self.stdout.write(f"同期号的一期已撤回，跳过（更正后的一期请在网页“新建一期”或“导入历史公报”出版）skipped, withdrawn: {label}")
        for label, reason in report.failed:
            self.stderr.write(f"失败 failed: {label}: {reason}")
        skipped = len(report.skipped) + len(report.skipped_withdrawn)
        self.stdout.write(f"imported {len(report.imported)}, skipped {skipped}, failed {len(report.failed)}")
        if report.failed:
            raise CommandError(f"{len(report.failed)} issue(s) failed")
