"""Masking personal numbers for display: one place, used by every app.

- `mask_id_number` / `mask_phone`: a known field (`3703**********1234`, `139****5678`).
- `mask_numbers`: free text a person typed (a request's 特征性描述, an address, a note), where a
  resident ID number or a mobile number may hide: each one found is masked the same way. Shown to
  staff and the public masked; the stored text keeps what was typed.
- `personal_number_kind`: the same test for fields that are published and refuse such numbers rather than
  mask them. What is refused is masked: a 居民身份证号码 is 18 characters with a valid check character and
  birth date (`looks_like_id_number`, GB 11643), so an all-digit 统一社会信用代码 or a 合同编号 passes; a
  mobile number is 11 digits from 13–19 that are not part of a longer digit/letter/underscore run (a URL's
  `art_2067_13701234567.html`) and not followed by an amount or unit (`15000000000元`). Display masking
  goes one step further for ID numbers: an 18-character number with a valid birth date but a wrong check
  character (a typo in someone's own ID number) is masked too, though not refused.
- `mask_landlines`: a private person's own text (a letter to the 县长信箱) may also carry a landline: masked
  with `mask_numbers` where only the writer's text is shown; a unit's own text keeps its official landline
  (mask_numbers alone). Conservative: a number is a landline only with an area code (0533-3221234,
  (0533)3221234, 0533 3221234) or right after a phone word (电话、座机、联系、拨打、Tel … 3221234); an amount
  (投资5000000), a count or a code (行政区划代码37032300) stays as written.
- `redact` (core.logging) replaces them entirely in logs, with the broader patterns ID_IN_LOG, ID15_IN_LOG and
  MOBILE_WRITTEN (no checksum, no context: in a log, over-redaction is harmless; `+` and `%20` separate groups).
- However written: every function reads the text through core.numberforms.fold (full-width and other Unicode
  decimal digits, dashes, odd spaces, zero-width characters), and finds ID numbers also in groups (6-8-4, 6-4-4-4,
  4-4-4-4-2), a first-generation 15-digit one right after an ID word (ID15_AFTER_WORD), mobile numbers also
  3-4-4, 3-8 and 7-4. What is masked is masked in the text as typed, one `*` per character.
"""

import bisect
import datetime as dt
import re

from gongkai.core.numberforms import fold, starred

# An escaped byte (%XX) before the number counts as a boundary (URL-encoded text in access logs).
_AFTER_ESCAPE = r"(?<=%[0-9A-Fa-f]{2})"
# Not before `/<year>-<5-digit serial>`: that is a 索引号 (publishing/numbering.py, SERIAL_DIGITS), whose
# 统一社会信用代码 may be all digits; the audit log keeps 索引号 in notes and changes, and they are public
# anyway. A date after a slash (`/2026-03-02`) is not a serial: such a number is masked.
_NOT_INDEX_NO = r"(?!/\d{4}-\d{5}(?!\d))"
# An 18-character candidate (the logs redact every one; text shown or refused checks it: is_id_number), also
# written in groups as people copy it from a card or an app: 6-8-4 (370323 19900101 1234), 6-4-4-4 and
# 4-4-4-4-2 (3703 2319 9001 0112 34), by spaces or hyphens (one kind in a number).
# In a URL (an access log's query string) a space is `+` or `%20` and a hyphen may be `%2D`: the logs' patterns
# take those as separators too.
_SEP, _URL_SEP = r"[ -]", r"(?:[ +-]|%20|%2[Dd])"


def _id_grouped(sep: str) -> str:
    return (rf"\d{{6}}(?P<s1>{sep})\d{{8}}(?P=s1)\d{{3}}[\dXx]"
            rf"|\d{{6}}(?P<s2>{sep})\d{{4}}(?P=s2)\d{{4}}(?P=s2)\d{{3}}[\dXx]"
            rf"|\d{{4}}(?P<s3>{sep})\d{{4}}(?P=s3)\d{{4}}(?P=s3)\d{{4}}(?P=s3)\d[\dXx]")


def _id_pattern(sep: str) -> re.Pattern:
    return re.compile(rf"(?:{_AFTER_ESCAPE}|(?<![0-9A-Za-z]))(?:\d{{17}}[\dXx]|{_id_grouped(sep)})"
                      rf"(?![0-9A-Za-z]){_NOT_INDEX_NO}")


ID_NUMBER = _id_pattern(_SEP)
ID_IN_LOG = _id_pattern(_URL_SEP)
# GB 11643: the check character of the first 17 digits.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
ID_BIRTH_YEARS = (1900, 2099)
# A mobile number as an address (eleven digits): what a contact field must be to receive an SMS.
MOBILE = re.compile(rf"(?:{_AFTER_ESCAPE}|(?<!\d))1[3-9]\d{{9}}(?!\d)")
_MOBILE_GROUPS = r"(?:\+?86[- ]?)?1[3-9]\d(?:\d{{8}}|{sep}\d{{4}}{sep}?\d{{4}}|\d{{4}}{sep}\d{{4}})"
_MOBILE_DIGITS = _MOBILE_GROUPS.format(sep=_SEP)
# A mobile number as people write it in free text: also grouped 3-4-4, 3-8 or 7-4 by hyphens or spaces, and
# with the country code (+86, 86) in front. The logs' redaction: any such run not inside a longer digit run.
MOBILE_WRITTEN = re.compile(rf"(?:{_AFTER_ESCAPE}|(?<![\d+])){_MOBILE_GROUPS.format(sep=_URL_SEP)}(?!\d)")
# What follows an amount or a count, not a phone number (15000000000元, 13800000000 人次, 第13800000000号).
_UNIT_AFTER = r"\s*[元万亿千百%％平米亩吨人户个次件期号年月日台套辆株头只]"
# The same in text shown or refused (mask_numbers, personal_number_kind): not part of a longer
# digit/letter/underscore run (a URL's art_2067_13701234567.html; `TEL13912345678` is a phone), not an
# amount (15000000000元).
MOBILE_IN_TEXT = re.compile(
    rf"(?:{_AFTER_ESCAPE}|(?<=[Tt]el|TEL)|(?<![0-9A-Za-z_+])){_MOBILE_DIGITS}(?![0-9A-Za-z_]|\.\d|{_UNIT_AFTER})")
# A first-generation ID number (15 digits: area code, YYMMDD, 3 digits; issued until 2004, still on old
# papers) is too like a 工商注册号, an order or a 合同编号 to be found alone: in text shown or refused it is one
# right after an ID word (身份证号：370323900101123, also 370323 900101 123) with a valid area and birth date.
ID_WORD_GAP = 8
_ID15_DIGITS = r"[1-8]\d{5}(?P<s15>[ -]?)\d{6}(?P=s15)\d{3}"
ID15_AFTER_WORD = re.compile(
    rf"(?P<word>(?:身份证|身份号|证件号|(?<![A-Za-z])ID\s?(?:No\.?)?)[^0-9\n]{{0,{ID_WORD_GAP}}})"
    rf"(?P<number>{_ID15_DIGITS})(?![0-9A-Za-z]|\.\d|{_UNIT_AFTER})")
# The logs redact every 15-digit run whose middle reads as a date (no word needed: over-redaction is harmless).
ID15_IN_LOG = re.compile(rf"(?:{_AFTER_ESCAPE}|(?<![0-9A-Za-z]))[1-8]\d{{5}}(?P<s15>{_URL_SEP}?)\d\d"
                         r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?P=s15)\d{3}(?![0-9A-Za-z])")

# Figures in a table pasted as text are separated by spaces too (`合计 1500000 2000 3000`, a 预算 row
# `156 2345 6789 1234`). A number found in groups separated by spaces is a personal number only when the whole
# run of space-separated figures it stands in reads as personal numbers, each whole or in one of the groupings
# above (ID: 18, 6-8-4, 6-4-4-4, 4-4-4-4-2; mobile: 11, 3-4-4, 3-8, 7-4, after 86 or 0086); otherwise the run is
# a table's figures, shown as written and not refused (the logs redact them all the same). Written whole or
# with hyphens, a number is found wherever it stands.
# A run stands alone: after a space, a line start or punctuation, and before such a character (so an address
# after a number, `1234 5号楼`, is no figure of the run).
_SPACED_RUN = re.compile(r"(?<![^\s:：,，、;；(（])\d+[Xx]?(?:[ \t]+\d+[Xx]?)+(?=[\s.。,，、;；)）]|\Z)")
_ID_GROUPINGS = ((18,), (6, 8, 4), (6, 4, 4, 4), (4, 4, 4, 4, 2))
_MOBILE_GROUPINGS = ((11,), (3, 4, 4), (3, 8), (7, 4))
_MOBILE_WHOLE = re.compile(r"1[3-9]\d{9}")


def _grouping_ends(tokens: list[str], start: int):
    """The indexes after each personal-number grouping that starts at tokens[start]."""
    for grouping in _ID_GROUPINGS:
        part = tokens[start:start + len(grouping)]
        if tuple(map(len, part)) == grouping and "".join(part)[:-1].isdigit():
            yield start + len(grouping)
    prefixed = start + (tokens[start] in ("86", "0086"))
    for first in {start, prefixed}:
        for grouping in _MOBILE_GROUPINGS:
            part = tokens[first:first + len(grouping)]
            if tuple(map(len, part)) == grouping and _MOBILE_WHOLE.fullmatch("".join(part)):
                yield first + len(grouping)


def _reads_as_personal_numbers(run: str) -> bool:
    tokens = run.split()
    reached = {0}
    for start in range(len(tokens)):
        if start in reached:
            reached.update(_grouping_ends(tokens, start))
    return len(tokens) in reached


def _table_runs(text: str) -> list[tuple[int, int]]:
    """The spans of `text` (folded) that are runs of a table's figures (_SPACED_RUN), in order."""
    return [found.span() for found in _SPACED_RUN.finditer(text) if not _reads_as_personal_numbers(found.group())]


def _in_table(runs: list[tuple[int, int]], found: re.Match) -> bool:
    """Whether `found`, a number written with spaces between its groups, stands in one of the table `runs`."""
    if " " not in found.group().lstrip("+86 ") or not runs or is_id_number(_joined(found.group())):
        return False  # an ID number with its check character valid is one wherever it stands
    index = bisect.bisect_right(runs, (found.start(), len(found.string))) - 1
    return index >= 0 and runs[index][0] <= found.start() and found.end() <= runs[index][1]


def _found(pattern: re.Pattern, text: str):
    """`pattern`'s matches in `text` (folded) that are not a table's figures (_in_table)."""
    runs = _table_runs(text) if " " in text else []
    return (found for found in pattern.finditer(text) if not _in_table(runs, found))


def _sub(pattern: re.Pattern, replace, text: str) -> str:
    """`pattern.sub(replace, text)` leaving a table's figures (_in_table) as written."""
    runs = _table_runs(text) if " " in text else []
    return pattern.sub(lambda found: found.group() if _in_table(runs, found) else replace(found), text)


def _birth_date_valid(number: str) -> bool:
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return ID_BIRTH_YEARS[0] <= born.year <= ID_BIRTH_YEARS[1]


def is_id_number(number: str) -> bool:
    """`number` (18 characters) is a 居民身份证号码: a valid check character and birth date (GB 11643)."""
    number = number.upper()
    if len(number) != 18 or not number[:17].isdigit() or not _birth_date_valid(number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == number[17]


def _joined(number: str) -> str:
    """A number found in groups (370323 19900101 1234) as one run of characters."""
    return number.replace(" ", "").replace("-", "")


def _birth_date_valid_15(number: str) -> bool:
    try:
        dt.date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    except ValueError:
        return False
    return True


def _id15_numbers(text: str):
    """The first-generation ID numbers after an ID word in `text` (folded): their matches."""
    return (found for found in ID15_AFTER_WORD.finditer(text)
            if _birth_date_valid_15(_joined(found.group("number"))))


def looks_like_id_number(text: str) -> bool:
    """True when `text` contains a 居民身份证号码 (is_id_number, also written in groups or with the characters
    numberforms folds), or a first-generation one after an ID word: what a published field refuses."""
    text = fold(str(text or ""))[0]
    return (any(is_id_number(_joined(found.group())) for found in _found(ID_NUMBER, text))
            or any(True for _ in _id15_numbers(text)))


def mask(value: str, head: int, tail: int) -> str:
    """`3703**********1234`: the ends kept, everything between replaced by one star per character."""
    value = value or ""
    if not value:
        return ""
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[-tail:]


def mask_digits(value: str, head: int, tail: int) -> str:
    """`mask` counting digits (and an X) only, for a number written in groups: `3703 2319 9001 0112 34` is
    `3703*************12 34`, its first and last four digits kept as for `3703**********1234`."""
    places = [index for index, ch in enumerate(value) if ch.isalnum()]
    if len(places) <= head + tail:
        return mask(value, 0, 0)
    first, last = places[head - 1] + 1, places[-tail]
    return value[:first] + "*" * (last - first) + value[last:]


def mask_id_number(value: str) -> str:
    return mask(value, 4, 4)


def mask_phone(value: str) -> str:
    return mask(value, 3, 4)


def _mask_id_candidate(found: re.Match) -> str:
    # Every ID number refused is masked; so is one with a typo in its check character (valid birth date).
    number = found.group()
    return mask_digits(number, 4, 4) if _birth_date_valid(_joined(number)) else number


def _mask_id15(found: re.Match) -> str:
    number = found.group("number")
    if not _birth_date_valid_15(_joined(number)):
        return found.group()
    return found.group("word") + mask_digits(number, 4, 4)


def half_width(text: str) -> str:
    """`text` as the number patterns read it (numberforms.fold): full-width ASCII characters (０-９, Ａ-Ｚ, －, ＋,
    （）…) and other decimal digits as ASCII, dashes as `-`, spaces as ` `, zero-width characters left out."""
    return fold(text)[0]


def _on_folded(masker, text: str) -> str:
    """`masker` (which replaces characters by `*` one for one) applied to the text as numberforms.fold reads it
    (a number typed in full-width or Arabic-Indic digits, split by an em dash or a zero-width space): the text
    keeps its own characters, with a `*` wherever the folded text got one."""
    folded, origin = fold(text)
    if folded == text:
        return masker(text)
    masked = masker(folded)
    if len(masked) != len(folded):  # not one for one: mask what is typed as typed
        return masker(text)
    return starred(text, origin, folded, masked)


def _mask_numbers_plain(text: str) -> str:
    text = _sub(ID_NUMBER, _mask_id_candidate, text)
    text = ID15_AFTER_WORD.sub(_mask_id15, text)
    return _sub(MOBILE_IN_TEXT, lambda found: mask_phone(found.group()), text)


def mask_numbers(text: str) -> str:
    """Free text with every resident ID number (18 characters; 15 after an ID word) and mobile number in it
    masked, however written: in groups (370323 19900101 1234, 139 1234 5678), in full-width or other digits
    (１３９…, ١٣٩…), with dashes, odd spaces or zero-width characters between the digits."""
    if not text:
        return text or ""
    return _on_folded(_mask_numbers_plain, str(text))


def personal_number_kind(text: str) -> str | None:
    """'id' when `text` holds a resident ID number (looks_like_id_number), 'mobile' for a mobile number
    (MOBILE_IN_TEXT), else None: for fields that are published, which refuse such numbers rather than mask
    them (mask_numbers masks both). A landline (0533-3241234) or a hotline (12345) is neither. Numbers are
    read as mask_numbers reads them (numberforms.fold)."""
    text = half_width(str(text or ""))
    if looks_like_id_number(text):
        return "id"
    if any(True for _ in _found(MOBILE_IN_TEXT, text)):
        return "mobile"
    return None


# A landline: an area code (0 and 2-3 digits: 0533-, 0533 , (0533), （0533）) before a local number of 7-8
# digits (never starting with 0 or 1), with an optional extension; or the local number alone right after a
# phone word (「电话：3221234」). A bare 7-8 digit run elsewhere is an amount, a count or a code: kept.
_AREA = r"(?:0\d{2,3}[- ]|\(0\d{2,3}\)|（0\d{2,3}）)"
_LOCAL = r"[2-9]\d{6,7}"
_LANDLINE_END = rf"(?![0-9A-Za-z]|\.\d|{_UNIT_AFTER})"
LANDLINE_WRITTEN = re.compile(
    rf"(?<![0-9A-Za-z.])(?P<area>{_AREA} ?)(?P<local>{_LOCAL})(?P<ext>-\d{{1,6}})?{_LANDLINE_END}")
_LANDLINE_AFTER_WORD = re.compile(
    rf"(?<![0-9A-Za-z.])(?P<area>(?:{_AREA} ?|0\d{{2,3}})?)(?P<local>{_LOCAL})(?P<ext>-\d{{1,6}})?{_LANDLINE_END}")
# A phone word, up to LANDLINE_WORD_GAP characters (no digit, no line break) before the number(s); several
# numbers after one word (「电话3221234、3221235」) are all masked.
LANDLINE_WORD_GAP = 6
PHONE_WORDS = re.compile(
    rf"(?:电话|座机|固话|联系|致电|拨打|号码|(?<![A-Za-z])(?:Tel|TEL|tel))[^0-9\n]{{0,{LANDLINE_WORD_GAP}}}"
    rf"(?:0\d{{2,3}}[- ]?|\(0\d{{2,3}}\)|（0\d{{2,3}}）)?{_LOCAL}(?:-\d{{1,6}})?"
    rf"(?:\s*[、，,/；;或及和]\s*(?:0\d{{2,3}}[- ]?|\(0\d{{2,3}}\)|（0\d{{2,3}}）)?{_LOCAL}(?:-\d{{1,6}})?)*")
_DATE_LIKE = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")


def _mask_landline(found: re.Match) -> str:
    local = found.group("local")
    if not found.group("area") and _DATE_LIKE.fullmatch(local):
        return found.group()
    return (found.group("area") or "") + local[:3] + "*" * (len(local) - 3) + (found.group("ext") or "")


def mask_landlines(text: str) -> str:
    """Free text with every landline number in it masked (`0533-322****`); the area code is kept (also typed
    in full-width digits)."""
    if not text:
        return text or ""
    return _on_folded(_mask_landlines_plain, str(text))


def _mask_landlines_plain(text: str) -> str:
    text = PHONE_WORDS.sub(lambda run: _LANDLINE_AFTER_WORD.sub(_mask_landline, run.group()), str(text))
    return LANDLINE_WRITTEN.sub(_mask_landline, text)


def mask_personal_numbers(text: str) -> str:
    """A private person's own text: ID numbers, mobile numbers and landlines masked."""
    return mask_landlines(mask_numbers(text))


# Between the texts of a stored search column (shown_search_text): a control character, which a search term
# never holds (core.params.text_param refuses it), so no match spans two texts.
SHOWN_TEXT_SEPARATOR = "\x1f"


def shown_search_text(*texts: str, mask=mask_personal_numbers) -> str:
    """The texts as a reader who sees their personal numbers masked is shown them (`mask`), kept in a column
    filled on save, so that reader's keyword search matches only what it is shown — a full ID or phone number
    typed as a query does not tell which record holds it — and the database answers it (the mailbox's and
    the requests' staff lists: `shown_text_q`)."""
    return SHOWN_TEXT_SEPARATOR.join(mask(text or "") for text in texts)


def shown_text_q(term: str, shown_field: str, clear_fields=(), clear_organization_ids=()):
    """A filter for a staff list's keyword search: at the organizations in `clear_organization_ids` (where the
    reader sees the personal data) `term` in any of `clear_fields` as typed; elsewhere in `shown_field`, the
    column of shown_search_text."""
    from django.db.models import Q

    shown = Q(**{f"{shown_field}__icontains": term})
    clear_ids = list(clear_organization_ids)
    if not clear_fields or not clear_ids:
        return shown
    clear = Q()
    for field in clear_fields:
        clear |= Q(**{f"{field}__icontains": term})
    return (Q(organization_id__in=clear_ids) & clear) | (~Q(organization_id__in=clear_ids) & shown)
