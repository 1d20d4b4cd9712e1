"""Writing the audit log. Every service that changes data calls `record` in its transaction.

The log keeps no personal numbers: a resident ID or mobile number typed into a note or into a changed
text field (a withdrawal note copied into the reply, a confirmation note) is stored masked
(core.masking.mask_numbers), whoever later reads the event; dates, 文号 and case numbers stay as they are.
"""

import re

from django.db import models

from gongkai.audit.models import AuditEvent
from gongkai.core.clientip import client_ip
from gongkai.core.masking import mask_numbers

SENSITIVE_FIELDS = {"password", "id_number", "phone", "query_code", "query_code_hash"}


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict:
    """A JSON-able dict of an instance's concrete field values (for before → after)."""
    data = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in SENSITIVE_FIELDS:
            continue
        value = field.value_from_object(instance)
        if hasattr(value, "name") and not isinstance(value, str):  # FieldFile
            value = value.name
        data[field.name] = value
    return data


def diff(before: dict, after: dict) -> dict:
    """Only the keys that changed, as {field: [before, after]}."""
    keys = set(before) | set(after)
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


# A digest kept as evidence (a letter's pdf_sha256, an upload's checksum): hexadecimal, never a person's
# number, and it must stay exactly as computed (a run of its digits can look like a mobile number).
_DIGEST = re.compile(r"[0-9a-fA-F]{32,}")


def masked(value):
    """A note or a change as the log keeps it: every string in it with its ID and mobile numbers masked."""
    if isinstance(value, str):
        return value if _DIGEST.fullmatch(value) else mask_numbers(value)
    if isinstance(value, dict):
        return {key: masked(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [masked(item) for item in value]
    return value


def record(actor, action: str, obj: models.Model | None = None, *, organization=None, before: dict | None = None,
           after: dict | None = None, note: str = "", request=None, object_type: str | None = None,
           object_repr: str | None = None, actor_name: str | None = None) -> AuditEvent:
    """Append one event. `actor_name` names an actor without an account (e.g. a failed login's
    anonymous visitor); `object_repr` overrides str(obj) or describes an object that is not a model."""
    changes = diff(before or {}, after or {}) if (before is not None or after is not None) else {}
    name = ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        name = str(actor) or actor.get_username()
    if object_repr is None:
        object_repr = str(obj) if obj is not None else ""
    return AuditEvent.objects.create(
        actor=actor if name else None,
        actor_name=(name or actor_name or "系统")[:150],
        action=action,
        object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=object_repr[:300],
        organization=organization,
        changes=masked(changes),
        note=mask_numbers(note),
        ip_address=(client_ip(request) or None) if request is not None else None,
    )
