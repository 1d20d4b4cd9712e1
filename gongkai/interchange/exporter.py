"""Writing live documents as JSON Lines in the import format (docs/interchange.md).

Only what the public sees is exported: live items (published, time reached, proactive). Withdrawn
items are left out (the format has no state). Items are read in chunks and written one line at a
time, so memory stays flat; attachments are copied next to the JSONL file.
"""

import json
import shutil
from pathlib import Path

from django.utils import timezone

from gongkai.publishing.models import InformationItem

CHUNK = 500


def export_queryset(organization=None):
    items = InformationItem.objects.live().select_related("organization").prefetch_related(
        "catalog_nodes__parent__parent__parent", "attachments"
    ).order_by("published_at", "id")
    if organization is not None:
        items = items.filter(organization=organization)
    return items


def record_for(item, attachment_dir: Path | None, base_dir: Path | None) -> dict:
    record = {
        "title": item.title,
        "organization": item.organization.credit_code,
        "body_html": item.body,
        "index_no": item.index_no,
        "doc_number": item.doc_number,
        "written_on": item.written_on.isoformat() if item.written_on else None,
        "published_at": timezone.localtime(item.published_at).isoformat(),
        "catalog": [node.path for node in item.catalog_nodes.all()],
        "topic": str(item.get_topic_display()),
        "keywords": item.keyword_list,
        "validity": str(item.get_validity_display()) if item.validity else None,
        "source_url": item.source_url,
        # Extensions beyond the contract (docs/interchange.md): the import reads them back.
        "doc_type": item.doc_type,
        "summary": item.summary,
        "formed_on": item.formed_on.isoformat() if item.formed_on else None,
    }
    if attachment_dir is not None and base_dir is not None:
        record["attachments"] = [_copy(attachment, attachment_dir, base_dir, item) for attachment in item.attachments.all()]
    return {key: value for key, value in record.items() if value not in (None, "", [])}


def _copy(attachment, attachment_dir: Path, base_dir: Path, item) -> dict:
    target = attachment_dir / str(item.id) / f"{attachment.id}{Path(attachment.file.name).suffix}"
    target.parent.mkdir(parents=True, exist_ok=True)
    with attachment.file.open("rb") as source, target.open("wb") as copy:
        shutil.copyfileobj(source, copy)
    return {"name": attachment.original_name, "path": target.relative_to(base_dir).as_posix()}


def write_jsonl(stream, items, attachment_dir: Path | None = None, base_dir: Path | None = None, progress=None) -> int:
    count = 0
    for item in items.iterator(chunk_size=CHUNK):
        stream.write(json.dumps(record_for(item, attachment_dir, base_dir), ensure_ascii=False) + "\n")
        count += 1
        if progress:
            progress(1)
    return count
