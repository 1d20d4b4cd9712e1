"""`gongkai export_documents OUT.jsonl`: write the live documents in the import format (docs/interchange.md).

Attachments are copied into `attachments/` beside the output file and referenced by relative paths,
so `gongkai import_documents OUT.jsonl` on another install recreates the same public documents.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from gongkai.interchange.exporter import export_queryset, write_jsonl
from gongkai.organizations.services import find_organization


class Command(BaseCommand):
    help = "Export live documents as JSON Lines (the import format), with their attachments."

    def add_arguments(self, parser):
        parser.add_argument("output", help='the .jsonl file to write, or "-" for standard output (no attachments)')
        parser.add_argument("--organization", help="only this organization (credit code or exact name)")
        parser.add_argument("--no-progress", action="store_true", help="do not draw a progress bar")

    def handle(self, *args, **options):
        organization = None
        if options["organization"]:
            organization = find_organization(options["organization"])
            if organization is None:
                raise CommandError(f"找不到机构：{options['organization']}")
        items = export_queryset(organization)
        to_stdout = options["output"] == "-"
        with tqdm(total=items.count(), unit="doc", desc="export_documents", mininterval=0.5,
                  disable=options["no_progress"] or to_stdout) as bar:
            if to_stdout:
                count = write_jsonl(self.stdout, items, progress=bar.update)
            else:
                path = Path(options["output"])
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("w", encoding="utf-8") as stream:
                    count = write_jsonl(stream, items, attachment_dir=path.parent / "attachments",
                                        base_dir=path.parent, progress=bar.update)
        if not to_stdout:
            self.stdout.write(f"导出 {count} 条信息到 {options['output']}。")
