"""Importing document records into the database.

Idempotent: a record whose `index_no` (else `source_url`; a record with neither: the same organization,
名称, 发布日期 and 发文字号) matches an item already imported updates it (or leaves it alone when nothing
differs), in its own transaction; nothing is ever duplicated.
New documents are written in batches of BATCH (publishing.bulk: a few queries per batch instead of
about twenty per document); when a batch fails, its documents are written one by one so that only the
bad line fails, with its line number. Memory stays flat: at most one batch of records is held, plus
small lookup caches (organizations, catalog paths).

Results arrive through `report(line_number, outcome, error)`, possibly after later lines were read.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from gongkai.catalog.models import CatalogNode
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import check_upload
from gongkai.interchange.records import DocumentRecord, LineError
from gongkai.organizations.services import find_organization
from gongkai.publishing import services as publishing
from gongkai.publishing.bulk import MigratedEntry, record_migrated_items
from gongkai.publishing.models import InformationItem
from gongkai.publishing.numbering import index_no_problem

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"
BATCH = 500


class _DryRun(Exception):
    pass


def catalog_paths(organization) -> dict:
    """{"法定主动公开内容/规范性文件": node, ...} for one organization (same paths as find_node_by_path)."""
    nodes = {node.id: node for node in CatalogNode.objects.filter(organization=organization)}

    def path(node):
        names = []
        while node is not None:
            names.append(node.name.strip())
            node = nodes.get(node.parent_id)
        return "/".join(reversed(names))

    return {path(node): node for node in nodes.values()}


@dataclass
class _Pending:
    number: int
    record: DocumentRecord
    organization: object
    nodes: list
    files: list


@dataclass
class Importer:
    base_dir: Path  # attachments are relative to the JSONL file's folder
    report: object  # report(line_number, outcome, error_or_None)
    dry_run: bool = False
    batch_size: int = BATCH
    _organizations: dict = field(default_factory=dict)
    _nodes: dict = field(default_factory=dict)
    _pending: list = field(default_factory=list)
    _pending_keys: set = field(default_factory=set)

    def organization(self, ref: str):
        if ref not in self._organizations:
            self._organizations[ref] = find_organization(ref)
        organization = self._organizations[ref]
        if organization is None:
            raise LineError(f"找不到发布机构“{ref}”（应为统一社会信用代码或机构全称）")
        return organization

    def nodes(self, organization, paths: list[str]) -> list:
        if organization.id not in self._nodes:  # the organization's whole catalog, by path, in one query
            self._nodes[organization.id] = catalog_paths(organization)
        found = []
        for path in paths:
            node = self._nodes[organization.id].get("/".join(p.strip() for p in path.split("/") if p.strip()))
            if node is None:
                raise LineError(f"“{organization.name}”的目录中没有栏目“{path}”")
            found.append(node)
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

    def existing(self, record: DocumentRecord, organization) -> InformationItem | None:
        if record.index_no:
            return InformationItem.objects.filter(index_no=record.index_no).first()
        if record.source_url:
            return InformationItem.objects.filter(source_url=record.source_url).order_by("id").first()
        # Neither key (the spec requires none): the same organization, 名称, 发布日期 and 发文字号 is the same document.
        return InformationItem.objects.filter(
            organization=organization, title=record.title, published_at=record.published_at,
            doc_number=record.doc_number).order_by("id").first()

    @staticmethod
    def _keys(record: DocumentRecord, organization) -> set:
        keys = {key for key in (record.index_no, record.source_url) if key}
        return keys or {(organization.id, record.title, record.published_at, record.doc_number)}

    def add(self, number: int, record: DocumentRecord) -> None:
        """Import one record (now, or with its batch)."""
        try:
            organization = self.organization(record.organization)
            if record.index_no and (problem := index_no_problem(organization, record.index_no)):
                raise LineError(problem)
            nodes = self.nodes(organization, record.catalog)
            files = [self.attachment(name, path) for name, path in record.attachments]
        except LineError as exc:
            self.report(number, FAILED, str(exc))
            return
        if self.dry_run:
            self.report(number, *self._one(record, organization, nodes, files))
            return
        keys = self._keys(record, organization)
        if keys & self._pending_keys:
            self.flush()  # the same document twice in one batch: the second line updates the first
        self._pending.append(_Pending(number, record, organization, nodes, files))
        self._pending_keys |= keys
        if len(self._pending) >= self.batch_size:
            self.flush()

    def finish(self) -> None:
        self.flush()

    def _known(self, pending: list[_Pending]) -> set[int]:
        """Line numbers of pending records that match an item already in the database (two queries)."""
        index_nos = {p.record.index_no for p in pending if p.record.index_no}
        urls = {p.record.source_url for p in pending if not p.record.index_no and p.record.source_url}
        found_nos = set(InformationItem.objects.filter(index_no__in=index_nos).values_list("index_no", flat=True))
        found_urls = set(InformationItem.objects.filter(source_url__in=urls).values_list("source_url", flat=True))
        keyless = [p for p in pending if not p.record.index_no and not p.record.source_url]
        keyless_numbers = {p.number for p in keyless}
        found_keyless = set(InformationItem.objects.filter(
            organization_id__in={p.organization.id for p in keyless}, title__in={p.record.title for p in keyless},
        ).values_list("organization_id", "title", "published_at", "doc_number")) if keyless else set()
        return {p.number for p in pending
                if (p.record.index_no and p.record.index_no in found_nos)
                or (not p.record.index_no and p.record.source_url and p.record.source_url in found_urls)
                or (p.number in keyless_numbers and (p.organization.id, p.record.title, p.record.published_at, p.record.doc_number)
                    in found_keyless)}

    def flush(self) -> None:
        pending, self._pending, self._pending_keys = self._pending, [], set()
        if not pending:
            return
        known = self._known(pending)
        for entry in pending:  # re-imports: updated one by one
            if entry.number in known:
                self.report(entry.number, *self._one(entry.record, entry.organization, entry.nodes, entry.files))
        new = [entry for entry in pending if entry.number not in known]
        if not new:
            return
        saved = []
        try:
            with transaction.atomic():
                entries = [MigratedEntry(p.organization, p.record.item_data(), p.nodes, p.record.published_at,
                                         index_no=p.record.index_no, source_url=p.record.source_url) for p in new]
                items = record_migrated_items(entries)
                for item, entry in zip(items, new, strict=True):
                    saved.extend(self._attach(item, entry.files))
        except Exception:
            for attachment in saved:  # the rows were rolled back; do not leave their files behind
                attachment.file.delete(save=False)
            for entry in new:  # find the bad line(s): one by one
                self.report(entry.number, *self._one(entry.record, entry.organization, entry.nodes, entry.files))
            return
        for entry in new:
            self.report(entry.number, CREATED, None)

    def _one(self, record, organization, nodes, files) -> tuple[str, str | None]:
        try:
            with transaction.atomic():
                outcome = self._write(record, organization, nodes, files)
                if self.dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        except ActionRefused as exc:
            return FAILED, exc.reason
        except LineError as exc:
            return FAILED, str(exc)
        except Exception as exc:  # anything else fails this line only
            return FAILED, f"无法导入（{exc.__class__.__name__}：{str(exc)[:200]}）"
        return outcome, None

    def _write(self, record, organization, nodes, files) -> str:
        item = self.existing(record, organization)
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
        missing = [(name, path, sha256) for name, path, sha256 in files if (name, sha256) not in have]
        if not self.dry_run:
            self._attach(item, missing)
        return len(missing)

    @staticmethod
    def _attach(item, files) -> list:
        saved = []
        for name, path, _sha256 in files:
            with path.open("rb") as handle:
                saved.append(publishing.record_migrated_attachment(None, item, File(handle, name=name)))
        return saved
