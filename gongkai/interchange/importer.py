"""Importing document records into the database, one line at a time, each line in its own transaction.

Idempotent: a record whose `index_no` (else `source_url`) matches an item already imported updates it
(or leaves it alone when nothing differs); nothing is ever duplicated. Memory stays flat: the importer
keeps only small lookup caches (organizations, catalog paths), never the records.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from gongkai.catalog.services import find_node_by_path
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import check_upload
from gongkai.interchange.records import DocumentRecord, LineError
from gongkai.organizations.services import find_organization
from gongkai.publishing import services as publishing
from gongkai.publishing.models import InformationItem

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class _DryRun(Exception):
    pass


@dataclass
class Importer:
    base_dir: Path  # attachments are relative to the JSONL file's folder
    dry_run: bool = False
    _organizations: dict = field(default_factory=dict)
    _nodes: dict = field(default_factory=dict)

    def organization(self, ref: str):
        if ref not in self._organizations:
            self._organizations[ref] = find_organization(ref)
        organization = self._organizations[ref]
        if organization is None:
            raise LineError(f"找不到发布机构“{ref}”（应为统一社会信用代码或机构全称）")
        return organization

    def nodes(self, organization, paths: list[str]) -> list:
        found = []
        for path in paths:
            key = (organization.id, path)
            if key not in self._nodes:
                self._nodes[key] = find_node_by_path(organization, path)
            if self._nodes[key] is None:
                raise LineError(f"“{organization.name}”的目录中没有栏目“{path}”")
            found.append(self._nodes[key])
        return found

    def attachment(self, name: str, relative: str) -> tuple[str, Path, str]:
        """(name, path, sha256) of an attachment, checked like an upload before anything is written."""
        path = (self.base_dir / relative).resolve()
        if not path.is_relative_to(self.base_dir.resolve()):
            raise LineError(f"附件路径超出 JSONL 文件所在目录：{relative[:80]!r}")
        if not path.is_file():
            raise LineError(f"找不到附件文件：{relative[:80]!r}")
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            try:
                check_upload(File(handle, name=name))
            except ValidationError as exc:
                raise LineError(" ".join(exc.messages)) from None
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return name, path, digest.hexdigest()

    def existing(self, record: DocumentRecord) -> InformationItem | None:
        if record.index_no:
            return InformationItem.objects.filter(index_no=record.index_no).first()
        if record.source_url:
            return InformationItem.objects.filter(source_url=record.source_url).order_by("id").first()
        return None

    def import_record(self, record: DocumentRecord) -> str:
        organization = self.organization(record.organization)
        nodes = self.nodes(organization, record.catalog)
        files = [self.attachment(name, path) for name, path in record.attachments]
        try:
            with transaction.atomic():
                outcome = self._write(record, organization, nodes, files)
                if self.dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        except ActionRefused as exc:
            raise LineError(exc.reason) from None
        return outcome

    def _write(self, record, organization, nodes, files) -> str:
        item = self.existing(record)
        if item is None:
            item = publishing.record_migrated_item(
                None, organization, record.item_data(), nodes, record.published_at,
                index_no=record.index_no or None, source_url=record.source_url,
            )
            outcome = CREATED
        else:
            if item.organization_id != organization.id:
                raise LineError(f"索引号或原网址已属于其他机构的信息（{item.organization.name}）")
            before = item.updated_at
            item = publishing.update_migrated_item(None, item, record.item_data(), nodes, record.published_at,
                                                   source_url=record.source_url)
            outcome = UPDATED if item.updated_at != before else UNCHANGED
        if self._add_attachments(item, files) and outcome == UNCHANGED:
            outcome = UPDATED
        return outcome

    def _add_attachments(self, item, files) -> int:
        """Attach the files the item does not have yet (same name and content); returns how many.
        Nothing is stored in a dry run (the files were checked already)."""
        have = set(item.attachments.values_list("original_name", "sha256"))
        added = 0
        for name, path, sha256 in files:
            if (name, sha256) in have:
                continue
            added += 1
            if self.dry_run:
                continue
            with path.open("rb") as handle:
                publishing.record_migrated_attachment(None, item, File(handle, name=name))
        return added
