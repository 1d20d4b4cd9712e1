"""The audit log's stored values as staff read them: a choice as its label, a foreign key as the name of
the row (looked up once per model for the whole event), a datetime in local time, rich text as plain
text, yes/no for booleans. The log keeps the raw values; only the page is translated."""

import datetime as dt
import re
from collections import defaultdict
from html import unescape

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from gongkai.audit.labels import extra_field_source, field_label

ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|td|tr)>|<br\s*/?>", re.IGNORECASE)
TEXT_CHARS = 200  # rich text is shown as its first characters of plain text


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
    if field is not None and (field.many_to_one or field.one_to_one) and field.related_model:
        return field.related_model
    return None


def _names(object_type: str, pairs: dict) -> dict:
    """{(model, id): name} for every foreign-key value of the event, one query per related model."""
    wanted = defaultdict(set)
    for name, pair in pairs.items():
        model = _related_model(_field(object_type, name))
        if model is not None:
            wanted[model].update(v for v in pair if isinstance(v, int | str) and v != "")
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
    model = _related_model(field)
    if model is not None:
        return names.get((model, str(value)), _("编号%(id)s（已删除）") % {"id": value})
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, dict):
        return "，".join(str(readable(None, v, names)) for v in value.values() if v not in (None, ""))
    if isinstance(value, list):
        base = getattr(field, "base_field", None)
        return "、".join(str(readable(base, v, names)) for v in value) if value else ""
    if field is not None and getattr(field, "choices", None):
        return _choice(field, value)
    if isinstance(value, str) and ISO_DATETIME.match(value) and (moment := parse_datetime(value)):
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, str) and HTML_TAG.search(value):
        text = " ".join(unescape(strip_tags(BLOCK_END.sub(" ", value))).split())
        return Truncator(text).chars(TEXT_CHARS)
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else str(value)
    return value


def readable_changes(event) -> list[dict]:
    """The event's changes, by field, as [{"field": label, "name": key, "before": text, "after": text}]."""
    pairs = {name: pair for name, pair in event.changes.items() if isinstance(pair, list | tuple) and len(pair) == 2}
    names = _names(event.object_type, pairs)
    rows = []
    for name, (before, after) in sorted(pairs.items()):
        field = _field(event.object_type, name)
        rows.append({"field": field_label(event.object_type, name), "name": name,
                     "before": readable(field, before, names), "after": readable(field, after, names)})
    return rows
