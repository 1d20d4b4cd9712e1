"""Masking personal numbers for display: one place, used by every app.

- `mask_id_number` / `mask_phone`: a known field (`3703**********1234`, `139****5678`).
- `mask_numbers`: free text a person typed (a request's 特征性描述, an address, a note), where a
  resident ID number or a mobile number may hide: each one found is masked the same way. Shown to
  staff and the public masked; the stored text keeps what was typed.
- `redact` (core.logging) replaces them entirely in logs, with the same patterns (ID_NUMBER, MOBILE_WRITTEN).
"""

import re

# An escaped byte (%XX) before the number counts as a boundary (URL-encoded text in access logs).
_AFTER_ESCAPE = r"(?<=%[0-9A-Fa-f]{2})"
# Not before `/<year>-<5-digit serial>`: that is a 索引号 (publishing/numbering.py, SERIAL_DIGITS), whose
# 统一社会信用代码 may be all digits; the audit log keeps 索引号 in notes and changes, and they are public
# anyway. A date after a slash (`/2026-03-02`) is not a serial: such a number is masked.
_NOT_INDEX_NO = r"(?!/\d{4}-\d{5}(?!\d))"
ID_NUMBER = re.compile(rf"(?:{_AFTER_ESCAPE}|(?<![0-9A-Za-z]))\d{{17}}[\dXx](?![0-9A-Za-z]){_NOT_INDEX_NO}")
# A mobile number as an address (eleven digits): what a contact field must be to receive an SMS.
MOBILE = re.compile(rf"(?:{_AFTER_ESCAPE}|(?<!\d))1[3-9]\d{{9}}(?!\d)")
# A mobile number as people write it in free text: also grouped 3-4-4 by hyphens or spaces, and with the
# country code (+86, 86) in front. What mask_numbers and the logs' redaction look for.
MOBILE_WRITTEN = re.compile(
    rf"(?:{_AFTER_ESCAPE}|(?<![\d+]))(?:\+?86[- ]?)?1[3-9]\d(?:\d{{8}}|-\d{{4}}-\d{{4}}| \d{{4}} \d{{4}})(?!\d)")


def mask(value: str, head: int, tail: int) -> str:
    """`3703**********1234`: the ends kept, everything between replaced by one star per character."""
    value = value or ""
    if not value:
        return ""
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[-tail:]


def mask_id_number(value: str) -> str:
    return mask(value, 4, 4)


def mask_phone(value: str) -> str:
    return mask(value, 3, 4)


def mask_numbers(text: str) -> str:
    """Free text with every resident ID number and mobile number in it masked."""
    if not text:
        return text or ""
    text = ID_NUMBER.sub(lambda found: mask_id_number(found.group()), str(text))
    return MOBILE_WRITTEN.sub(lambda found: mask_phone(found.group()), text)


def personal_number_kind(text: str) -> str | None:
    """'id' when `text` holds what mask_numbers would mask as a resident ID number, 'mobile' for a mobile
    number, else None: for fields that are published, which refuse such numbers rather than mask them.
    A landline (0533-3241234) or a hotline (12345) is neither."""
    text = str(text or "")
    if ID_NUMBER.search(text):
        return "id"
    if MOBILE_WRITTEN.search(text):
        return "mobile"
    return None
