"""Masking personal numbers for display: one place, used by every app.

- `mask_id_number` / `mask_phone`: a known field (`3703**********1234`, `139****5678`).
- `mask_numbers`: free text a person typed (a request's 特征性描述, an address, a note), where a
  resident ID number or a mobile number may hide: each one found is masked the same way. Shown to
  staff and the public masked; the stored text keeps what was typed.
- `mask_landlines`: a private person's own text (a letter to the 县长信箱) may also carry a landline
  (0533-3221234, (0533)3221234, or the local 3221234): masked with `mask_numbers` where only the
  writer's text is shown; a unit's own text keeps its official landline (mask_numbers alone).
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


# A landline as people write it: an area code (0 and 2-3 digits, bare or in brackets) and a local number
# of 7-8 digits (never starting with 0 or 1) with an optional extension; or the local number alone. A
# bare 7-8 digit run that reads as a date (20260301) or an amount (3000000元, 2500000.5) is not one.
LANDLINE_WRITTEN = re.compile(
    r"(?<![0-9A-Za-z.])(?P<area>(?:0\d{2,3}|\(0\d{2,3}\)|（0\d{2,3}）)[- ]?)?"
    r"(?P<local>[2-9]\d{6,7})(?P<ext>-\d{1,6})?"
    r"(?![0-9A-Za-z]|\.\d|[%％元万亿千百年月日号米人户个次件吨亩])")
_DATE_LIKE = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")


def _mask_landline(found: re.Match) -> str:
    local = found.group("local")
    if not found.group("area") and _DATE_LIKE.fullmatch(local):
        return found.group()
    return (found.group("area") or "") + local[:3] + "*" * (len(local) - 3) + (found.group("ext") or "")


def mask_landlines(text: str) -> str:
    """Free text with every landline number in it masked (`0533-322****`); the area code is kept."""
    if not text:
        return text or ""
    return LANDLINE_WRITTEN.sub(_mask_landline, str(text))


def mask_personal_numbers(text: str) -> str:
    """A private person's own text: ID numbers, mobile numbers and landlines masked."""
    return mask_landlines(mask_numbers(text))
