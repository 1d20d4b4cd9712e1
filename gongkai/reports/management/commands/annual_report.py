"""gongkai annual_report --org ORG --year YEAR --format json|html|docx|pdf [-o FILE]

ORG is the 统一社会信用代码 or the exact name. A published report is written as published (its frozen
figures); otherwise the report is computed from the platform's records as a draft, with the narrative
the unit has written so far, or the generated drafts when it has not started one.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string

from gongkai.organizations.services import find_organization
from gongkai.reports import content, formats, reading, scope
from gongkai.reports.models import AnnualReport
from gongkai.reports.render import docx as render_docx
from gongkai.reports.render import pdf as render_pdf

FORMATS = ("json", "html", "docx", "pdf")


class Command(BaseCommand):
    help = "Write an organization's 政府信息公开工作年度报告 for a year as JSON, HTML, DOCX or PDF."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="统一社会信用代码 or exact name")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--format", required=True, choices=FORMATS, dest="output_format")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, org, year, output_format, output=None, **options):
        organization = find_organization(org)
        if organization is None:
            raise CommandError(f"没有找到机构：{org}（请使用统一社会信用代码或准确的机构名称）")
        if year < formats.FIRST_REPORT_YEAR:
            raise CommandError(f"报告年度不能早于{formats.FIRST_REPORT_YEAR}年")
        report = AnnualReport.objects.filter(organization=organization, year=year).first()
        if report is not None and report.is_published:
            data, built = report.data, reading.content_of(report, report.data)
        else:
            computed = reading.compute_for(organization, year, report.entered if report else {}, with_activity=True)
            chapters = report.chapters if report else reading.draft_chapters(organization, year, computed)
            data = computed.data
            built = content.build(organization.name, year, data, chapters, scope.is_government_report(organization),
                                  draft=True)
            self.stderr.write(f"{organization.name}{year}年度年报尚未公布，以下按平台当前记录统计（草稿）。")
        if output_format == "json":
            payload = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()
        elif output_format == "html":
            payload = render_to_string("reports/print.html", {"content": built}).encode()
        elif output_format == "docx":
            payload = render_docx.render(built)
        else:
            payload = render_pdf.render(built)
        if output:
            with open(output, "wb") as handle:
                handle.write(payload)
        elif output_format in ("docx", "pdf"):
            raise CommandError("DOCX 和 PDF 须用 -o 指定输出文件")
        else:
            self.stdout.write(payload.decode(), ending="")
