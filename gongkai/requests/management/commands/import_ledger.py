"""gongkai import_ledger FILE: import a 台账 (.xlsx or .csv) as shared/spec/request-ledger.md describes."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.requests.ledger import LedgerFileError, import_ledger


class Command(BaseCommand):
    help = "Import a 依申请公开台账 (.xlsx or .csv). All or nothing: a file with any bad row changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{file}")
        try:
            report = import_ledger(None, path.name, path.read_bytes())
        except LedgerFileError as exc:
            raise CommandError(str(exc)) from exc
        for note in report.notes:
            self.stdout.write(note)
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))
