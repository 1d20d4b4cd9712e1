"""gongkai export_ledger [--org ORG] [--year YEAR] -o FILE: the 台账 as .xlsx or .csv (by extension)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.organizations.services import find_organization
from gongkai.requests.ledger import LedgerFileError, export_audited
from gongkai.requests.ledger_io import write
from gongkai.requests.models import RequestCase


class Command(BaseCommand):
    help = ("Export the 依申请公开台账. ID numbers and contacts are left out unless --include-personal-data "
            "is given (the operator of this command is responsible for where the file goes).")

    def add_arguments(self, parser):
        parser.add_argument("--org", help="organization code (统一社会信用代码) or exact name; default: all")
        parser.add_argument("--year", type=int, help="year the requests were received; default: all")
        parser.add_argument("-o", "--output", required=True, help="FILE.xlsx or FILE.csv")
        parser.add_argument("--include-personal-data", action="store_true")

    def handle(self, *args, org=None, year=None, output, include_personal_data=False, **options):
        cases, organization = RequestCase.objects.all(), None
        if org:
            organization = find_organization(org)
            if organization is None:
                raise CommandError(f"找不到机关：{org}")
            cases = cases.filter(organization=organization)
        if year:
            cases = cases.filter(received_on__year=year)
        suffix = Path(output).suffix.lower().lstrip(".")
        if suffix not in ("xlsx", "csv"):  # before anything is exported or recorded
            raise CommandError("导出文件名须以 .xlsx 或 .csv 结尾。")
        # Audited like the staff page's export: one event per organization, "系统" as the actor.
        rows = export_audited(None, cases, lambda case: include_personal_data, organization=organization,
                              year=year, file_format=suffix)
        try:
            data = write(output, rows)
        except LedgerFileError as exc:
            raise CommandError(str(exc)) from exc
        Path(output).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"已导出 {len(rows)} 条到 {output}"))
