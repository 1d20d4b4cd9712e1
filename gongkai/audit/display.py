"""The audit log's stored values as staff read them: a choice as its label, a foreign key as the name of
the row (looked up once per model for the whole event), a datetime in local time, rich text as plain
text, yes/no for booleans. The log keeps the raw values; only the page is translated."""

import datetime as dt
import os
import re
from collections import defaultdict
from html import unescape

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from gongkai.audit.labels import extra_field_source, field_label

ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|td|tr)>|<br\s*/?>", re.IGNORECASE)
# A long text (rich text as plain text) is shown as this many characters around where before and after
# first differ, so that an edit deep inside a long 正文 still shows.
TEXT_CHARS = 200
CONTEXT_CHARS = 40


def _model_field(object_type: str, name: str) -> models.Field | None:
    try:
        field = apps.get_model(object_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None
    return field if isinstance(field, models.Field) else None  # not a reverse relation


def _field(object_type: str, name: str) -> models.Field | None:
    """The field that reads the value of `name`: the model's own, or the one labels name for a key
    recorded beside the fields."""
    field = _model_field(object_type, name)
    if field is None and (source := extra_field_source(object_type, name)):
        field = _model_field(*source.rsplit(".", 1))
    return field


def _related_model(field) -> type[models.Model] | None:
    """The model a foreign key, one-to-one or many-to-many field's stored ids point to."""
    if field is not None and (field.many_to_one or field.one_to_one or field.many_to_many) and field.related_model:
        return field.related_model
    return None


def _ids(value) -> list:
    values = value if isinstance(value, list | tuple) else [value]
    return [v for v in values if isinstance(v, int) or (isinstance(v, str) and v.isdigit())]


def _names(object_type: str, pairs: dict) -> dict:
    """{(model, id): name} for every foreign-key value of the event, one query per related model."""
    wanted = defaultdict(set)
    for name, pair in pairs.items():
        model = _related_model(_field(object_type, name))
        if model is not None:
            wanted[model].update(str(v) for value in pair for v in _ids(value))
    names = {}
    for model, ids in wanted.items():
        try:
            rows = model._default_manager.in_bulk(list(ids))
        except (ValueError, TypeError):
            continue
        names.update({(model, str(pk)): str(row) for pk, row in rows.items()})
    return names


def _choice(field, value):
    choices = getattr(field, "flatchoices", None) or []
    labels = {str(key): label for key, label in choices}
    return str(labels.get(str(value), value))


def readable(field, value, names: dict):
    """One stored value as text for the page; None and "" stay as they are (shown as 「（空）」)."""
    if value is None or value == "":
        return value
    if isinstance(value, list | tuple):
        # A many-to-many field's ids, an array field's items, or a list recorded beside the fields.
        element = field if field is not None and field.many_to_many else getattr(field, "base_field", None)
        return "、".join(str(readable(element, v, names)) for v in value) if value else ""
    if isinstance(value, dict):
        return "，".join(str(readable(field, v, names)) for v in value.values() if v not in (None, ""))
    model = _related_model(field)
    if model is not None and _ids(value):
        return names.get((model, str(value)), _("编号%(id)s（已删除）") % {"id": value})
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if field is not None and getattr(field, "choices", None):
        return _choice(field, value)
    if isinstance(value, str) and ISO_DATETIME.match(value) and (moment := _parsed(value)):
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%Y-%m-%d %H:%M")
    # Markup is taken out of long texts (a 正文 is stored as HTML); a name or title is a plain line and is
    # shown as typed (escaped by the template), so what a hostile user typed stays visible.
    if isinstance(value, str) and HTML_TAG.search(value) and not isinstance(field, models.CharField):
        return " ".join(unescape(strip_tags(BLOCK_END.sub(" ", value))).split())
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else str(value)
    return value


def _parsed(value: str):
    try:
        return parse_datetime(value)
    except ValueError:  # shaped like a moment but not one (2025-02-30T10:00 typed into a text)
        return None


def _windows(before, after) -> tuple:
    """Long texts cut to TEXT_CHARS around where they first differ (the same cut for both)."""
    if not (isinstance(before, str) and isinstance(after, str)) or max(len(before), len(after)) <= TEXT_CHARS:
        return before, after
    start = max(0, len(os.path.commonprefix([before, after])) - CONTEXT_CHARS)

    def cut(text: str) -> str:
        window = text[start:start + TEXT_CHARS]
        return ("…" if start else "") + window + ("…" if start + TEXT_CHARS < len(text) else "")

    return cut(before), cut(after)


def readable_changes(event) -> list[dict]:
    """The event's changes, by field, as [{"field": label, "name": key, "before": text, "after": text}]."""
    pairs = {name: pair for name, pair in event.changes.items() if isinstance(pair, list | tuple) and len(pair) == 2}
    names = _names(event.object_type, pairs)
    rows = []
    for name, (before, after) in sorted(pairs.items()):
        field = _field(event.object_type, name)
        shown_before, shown_after = _windows(readable(field, before, names), readable(field, after, names))
        rows.append({"field": field_label(event.object_type, name), "name": name,
                     "before": shown_before, "after": shown_after})
    return rows
