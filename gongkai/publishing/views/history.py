"""Revisions (django-simple-history), their comparison, and the staff download of attachments."""

import difflib
import re

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gongkai.accounts.access import staff_required
from gongkai.catalog.models import CatalogNode
from gongkai.publishing.models import InformationItem
from gongkai.publishing.views.common import get_attachment, get_item
from gongkai.publishing.workflow import change_reason_label

# Fields whose change is bookkeeping, not content; not listed in the comparison.
NOT_COMPARED = ["state_changed_at", "created_at", "created_by"]
DIFF_CONTEXT_LINES = 2
_BLOCK_END = re.compile(r"(?i)(</(?:p|h[1-6]|li|tr|table|div|blockquote|pre|ul|ol|dl|dd|dt|figure)>|<br\s*/?>)")


@staff_required
@require_GET
def item_history(request, item_id: int):
    item = get_item(request, item_id)
    revisions = _with_reasons(item.history.select_related("history_user").order_by("-history_date", "-history_id"))
    rows = [(rev, revisions[i + 1] if i + 1 < len(revisions) else None) for i, rev in enumerate(revisions)]
    return render(request, "publishing/item_history.html", {"item": item, "rows": rows, "revisions": revisions})


def _with_reasons(revisions) -> list:
    revisions = list(revisions)
    for revision in revisions:
        revision.reason = change_reason_label(revision.history_change_reason)
    return revisions


def _revision(item, value):
    try:
        history_id = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    revision = item.history.filter(history_id=history_id).select_related("history_user").first()
    if revision is None:
        raise Http404
    return revision


def body_lines(html: str) -> list[str]:
    return [line.strip() for line in _BLOCK_END.sub(r"\1\n", html or "").splitlines() if line.strip()]


def line_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Changed lines of two HTML bodies with a little context: (kind, text), kind in
    "removed", "added", "same", "gap" (lines left out)."""
    a, b = body_lines(old), body_lines(new)
    rows = []
    for group in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_grouped_opcodes(DIFF_CONTEXT_LINES):
        if rows:
            rows.append(("gap", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows.extend(("same", line) for line in a[i1:i2])
                continue
            rows.extend(("removed", line) for line in a[i1:i2])
            rows.extend(("added", line) for line in b[j1:j2])
    return rows


def _display(field, value) -> str:
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and field.many_to_one:
        target = field.related_model.objects.filter(pk=value).first()
        return str(target) if target else str(value)
    return str(value)


def _node_names(rows) -> str:
    ids = [row.get("catalognode") for row in rows or []]
    names = [" / ".join(n.path_names()) for n in CatalogNode.objects.filter(pk__in=ids)]
    return "；".join(sorted(names)) or "—"


def compare_rows(old, new) -> list[dict]:
    delta = new.diff_against(old, excluded_fields=NOT_COMPARED)
    rows = []
    for change in sorted(delta.changes, key=lambda c: _field_order(c.field)):
        field = InformationItem._meta.get_field(change.field)
        row = {"field": change.field, "label": field.verbose_name}
        if change.field == "body":
            row["lines"] = line_diff(change.old, change.new)
        elif change.field == "catalog_nodes":
            row["old"], row["new"] = _node_names(change.old), _node_names(change.new)
        else:
            row["old"], row["new"] = _display(field, change.old), _display(field, change.new)
        rows.append(row)
    return rows


def _field_order(name: str) -> int:
    names = [f.name for f in InformationItem._meta.get_fields()]
    return names.index(name) if name in names else len(names)


@staff_required
@require_GET
def item_compare(request, item_id: int):
    item = get_item(request, item_id)
    first, second = _revision(item, request.GET.get("from")), _revision(item, request.GET.get("to"))
    old, new = sorted([first, second], key=lambda r: (r.history_date, r.history_id))
    rows = compare_rows(old, new) if old.history_id != new.history_id else []
    return render(request, "publishing/item_compare.html", {
        "item": item, "old": old, "new": new, "rows": rows,
        "same_revision": old.history_id == new.history_id,
        "revisions": _with_reasons(item.history.order_by("-history_date", "-history_id")),
    })


@staff_required
@require_GET
def staff_attachment(request, attachment_id: int):
    """Download for staff, any state (the public download lives in the portal and checks publication)."""
    attachment = get_attachment(request, attachment_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("附件文件不存在。")) from None
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name,
                        content_type=attachment.content_type or "application/octet-stream")
