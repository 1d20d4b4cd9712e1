"""Numbers as people type or paste them, read as plain ASCII digits: the one folding table that core.masking
(pages, feeds, the API, search columns, refusals) and core.logging (redaction) share.

`fold(text)` reads the text as the number patterns need it:

- full-width ASCII (U+FF01–U+FF5E: ０-９, Ｘ, －, ＋, （）…) as ASCII, the ideographic space as a space — what a
  Chinese input method types in full-width mode;
- every other Unicode decimal digit (`unicodedata.decimal`: Arabic-Indic ١٣٩, Devanagari, mathematical 𝟏 …)
  as the ASCII digit it is;
- the spaces a copied number carries (NBSP U+00A0, U+2007, U+2009, U+202F …) as a space, and the dashes
  (‐ ‑ ‒ – — ― − ﹣) as a hyphen, so `139—1234—5678` is written like `139-1234-5678`;
- invisible characters, which a pasted or hostile number hides between its digits, left out: the zero-width
  ones (U+200B–U+200D, U+2060, U+FEFF), the soft hyphen (U+00AD, from Word and web pages), the direction marks
  and controls a phone's contacts app wraps a number in (LRM/RLM/ALM, U+202A–U+202E, U+2066–U+2069), the
  invisible operators U+2061–U+2064, the combining grapheme joiner U+034F, the Mongolian vowel separator U+180E
  and the variation selectors U+FE00–U+FE0F.

Every character is read as at most one character, so the patterns run on the folded text and what they find
is rewritten in the text as typed (`origin` maps each folded character back: `rewrite`).
"""

import re
import unicodedata

SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"
ZERO_WIDTH = ("\u200b\u200c\u200d\u2060\ufeff"
              "\u00ad\u034f\u061c\u180e\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
              "\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
              "\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05\ufe06\ufe07\ufe08\ufe09\ufe0a\ufe0b\ufe0c\ufe0d\ufe0e\ufe0f")


FOLD_TABLE = {
    **{code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)},
    **{ord(ch): " " for ch in SPACES},
    **{ord(ch): "-" for ch in DASHES},
    **{ord(ch): None for ch in ZERO_WIDTH},
}
# A stored text that may hold a number in a form fold changes or in groups (a data migration masking stored
# rows again reads only these): a non-ASCII decimal digit, two digits with separators or invisible characters
# between them, or a 15-digit run.
CANDIDATE = re.compile(rf"(?![0-9])\d|\d[\s\-{DASHES}\uff0d{ZERO_WIDTH}]+\d|\d{{15}}")
# Any other decimal digit (some 650 across Unicode; most texts have none), read one for one after the table:
# a regular expression finds them, so no Python code runs for the other characters.
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def _ascii_digit(found: re.Match) -> str:
    return str(unicodedata.decimal(found.group()))


def fold(text: str) -> tuple[str, list[int] | None]:
    """`text` as the number patterns read it, and for each of its characters the index of the character typed
    (None when none was left out: the same index)."""
    if text.isascii():
        return text, None
    folded = _OTHER_DIGIT.sub(_ascii_digit, text.translate(FOLD_TABLE))
    if len(folded) == len(text):
        return folded, None
    origin = [index for index, ch in enumerate(text) if ch not in ZERO_WIDTH]
    return folded, origin


def rewrite(text: str, origin: list[int] | None, spans) -> str:
    """`text` with each `(start, end, replacement)` found in its folded form replaced — the characters typed
    from the first to the last one folded into the span, zero-width characters between them included."""
    parts, done = [], 0
    for start, end, replacement in sorted(spans):
        first = origin[start] if origin else start
        last = (origin[end - 1] if origin else end - 1) + 1
        parts += [text[done:first], replacement]
        done = last
    parts.append(text[done:])
    return "".join(parts)


def starred(text: str, origin: list[int] | None, folded: str, masked: str) -> str:
    """`text` with a `*` wherever `masked` (its folded form, masked one character for one) got one."""
    typed = list(text)
    for index, (new, old) in enumerate(zip(masked, folded, strict=True)):
        if new == "*" and old != "*":
            typed[origin[index] if origin else index] = "*"
    return "".join(typed)
