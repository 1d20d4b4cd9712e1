"""gongkai find_bidi_text [--model APP.MODEL]: stored single-line texts holding a bidi control character.

Every form's single-line text field refuses bidi embeddings, overrides and isolates (core.forms.BIDI_CONTROLS,
install_single_line_bidi_refusal). A title, name or 文号 stored before that refusal still holds them: its form
cannot be saved again until the field is retyped, and until now nothing found such records. This command lists
them — model, field, primary key and an excerpt with every invisible character written as <U+202E> — so the
unit can be told which record to open and which field to retype. It changes nothing.

Single-line texts are the concrete CharFields (without choices) of Gongkai's models, and the encrypted fields
(core.crypto.EncryptedTextField: names, phone numbers, contacts, e-mail addresses), which are decrypted to be
read. Personal data is never printed: an encrypted field, a field the audit log never records
(audit.services.SENSITIVE_FIELDS) and the clear-text personal fields below are reported by primary key only,
and every other excerpt has its ID and mobile numbers masked (core.masking.mask_numbers). Left out: the
history copies django-simple-history keeps (their current record is listed) and the 操作日志, which no form edits.
"""

import unicodedata

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import models
from django.db.models import Q

from gongkai.core.crypto import EncryptedTextField
from gongkai.core.forms import BIDI_CONTROLS
from gongkai.core.masking import mask_numbers

# Personal data stored in the clear (docs/security.md: applicants' names and addresses are not encrypted):
# reported by primary key only, like the encrypted fields.
PERSONAL_FIELDS = {
    "accounts.user": {"username", "first_name", "last_name", "email", "full_name"},
    "requests.requestcase": {"applicant_name", "contact_person", "email", "address", "postcode"},
    "requests.consultation": {"party_name", "party_address"},
    "requests.disclosuredownload": {"client"},
    "letters.issueddocument": {"recipient"},  # a 告知书's 主送: the applicant's name (requests.case_letters)
    "participation.invitation": {"name"},
    "participation.attendee": {"name"},
    "assurance.attendance": {"name"},
    "interviews.question": {"nickname"},
    "surveys.response": {"voter"},
    "newmedia.account": {"operator_email"},
}
SENSITIVE_NAMES = {"password", "id_number", "phone", "query_code", "query_code_hash"}  # audit.SENSITIVE_FIELDS
SKIPPED_MODELS = {"audit.auditevent"}
# The characters the forms refuse (BIDI_CONTROLS: U+202A–U+202E, U+2066–U+2069), one by one for a
# `contains` lookup every database answers.
BIDI_CHARACTERS = [chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
EXCERPT = 30  # characters either side of the first bidi control


def _is_history(model) -> bool:
    return model.__name__.startswith("Historical") and hasattr(model, "instance_type")


def text_fields(only: str | None = None):
    """[(model, field, personal)] of the single-line text fields to look through."""
    found = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if not model.__module__.startswith("gongkai.") or label in SKIPPED_MODELS or _is_history(model):
            continue
        if only and label != only:
            continue
        for field in model._meta.concrete_fields:
            encrypted = isinstance(field, EncryptedTextField)
            if not encrypted and not (isinstance(field, models.CharField) and not field.choices):
                continue
            personal = encrypted or field.name in SENSITIVE_NAMES or field.name in PERSONAL_FIELDS.get(label, ())
            found.append((model, field, personal))
    return found


def escaped(text: str) -> str:
    """`text` with every control and format character (bidi controls, zero-width spaces and the like)
    written as its code point, e.g. <U+202E>."""
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cc", "Cf") else c for c in text)


def excerpt(value: str) -> str:
    """Up to EXCERPT characters either side of the first bidi control, numbers masked in the whole value first
    (a number cut at the excerpt's edge would escape the masking)."""
    value = mask_numbers(value)
    match = BIDI_CONTROLS.search(value)
    start = max(0, match.start() - EXCERPT)
    end = match.end() + EXCERPT
    return ("…" if start else "") + escaped(value[start:end]) + ("…" if end < len(value) else "")


def findings(only: str | None = None):
    """Yield (model label, field name, pk, excerpt or None for personal data) of every stored value holding a
    bidi control character."""
    for model, field, personal in text_fields(only):
        rows = model._base_manager.order_by("pk")
        if isinstance(field, EncryptedTextField):  # randomized tokens: read and decrypt each
            rows = rows.exclude(**{field.attname: ""}).values_list("pk", field.attname)
            matches = ((pk, value) for pk, value in rows.iterator(chunk_size=2000) if BIDI_CONTROLS.search(value or ""))
        else:
            condition = Q()
            for character in BIDI_CHARACTERS:
                condition |= Q(**{f"{field.attname}__contains": character})
            matches = rows.filter(condition).values_list("pk", field.attname).iterator(chunk_size=2000)
        for pk, value in matches:
            yield model._meta.label_lower, field.name, pk, None if personal else excerpt(value)


class Command(BaseCommand):
    help = ("列出数据库中含有双向控制字符（U+202A–U+202E、U+2066–U+2069）的单行文字（模型、字段、主键、摘录）。"
            "这些记录在表单中须重新输入该字段才能保存。个人信息字段只列主键；不修改任何数据。")

    def add_arguments(self, parser):
        parser.add_argument("--model", metavar="APP.MODEL", help="只查这个模型，例如 publishing.informationitem")

    def handle(self, *args, model=None, **options):
        only = model.lower() if model else None
        if only and not any(True for _ in text_fields(only)):
            raise CommandError(f"没有名为“{model}”且含单行文字字段的模型。")
        count = 0
        for label, field, pk, text in findings(only):
            count += 1
            self.stdout.write(f"{label}\t{field}\t{pk}\t{text if text is not None else '（个人信息，只列主键）'}")
        if count:
            self.stdout.write(self.style.WARNING(
                f"共 {count} 处含有双向控制字符。请相应单位打开这些记录，重新输入所列字段后保存。"))
        else:
            self.stdout.write(self.style.SUCCESS("没有含双向控制字符的单行文字。"))
