"""Text handling shared by every search backend: normalization, query terms, character bigrams, jieba
words and 文号 keys.

Recall rule (docs/search.md): a document whose title or body contains the query string is found.
Backends guarantee it by matching each query term as a phrase of overlapping character bigrams
(exact substring semantics), not by jieba words alone; jieba words add the "scattered words" matches.

`normalize` maps every character to exactly one character (NFKC, lower case, control and format
characters to a space), so an offset in normalized text is the same offset in the original text.
Highlighting relies on that.
"""

import re
import unicodedata
from functools import lru_cache

# Longest query we look at; the search box allows 200 characters, anything longer is cut, not refused.
MAX_QUERY_CHARS = 200
# At most this many whitespace-separated terms are used (each term is a required phrase).
MAX_TERMS = 8
# Token that separates runs of text in an n-gram stream: n + 1 characters, so it can never equal a
# query n-gram; made of U+2063 (a format character), which `normalize` removes from text.
SEPARATOR_CHAR = "\u2063"
RUN_SEPARATOR = SEPARATOR_CHAR * 3  # of the bigram stream

_BRACKETS_OPEN = "[(【〔［（〖"
_BRACKETS_CLOSE = "])】〕］）〗"
_DOC_NUMBER_TABLE = str.maketrans({**{c: "〔" for c in _BRACKETS_OPEN}, **{c: "〕" for c in _BRACKETS_CLOSE}})
_INDEX_NO_SHAPE = re.compile(r"^[0-9A-Z]{9,18}/\d{4}-\d{1,6}$")
_DOC_NUMBER_SHAPE = re.compile(r"〔\d{4}〕\d+号")


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table = {}
    for code in range(0x10000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:  # lone surrogates (never valid text) become spaces
            table[code] = " "
            continue
        if unicodedata.category(char) in ("Cc", "Cf"):
            table[code] = " "
            continue
        folded = unicodedata.normalize("NFKC", char)
        if len(folded) != 1:
            folded = char
        lowered = folded.lower()
        if len(lowered) == 1:
            folded = lowered
        if folded != char:
            table[code] = folded
    return table


@lru_cache(maxsize=1)
def _sequence() -> list:
    """The same mapping as one entry per BMP code point (unchanged characters map to themselves):
    str.translate then never looks a character up in vain, which costs an exception each (6x slower
    on Chinese text, where almost every character is unchanged). Beyond the BMP: unchanged, as before."""
    table = _table()
    return [table.get(code, code) for code in range(0x10000)]


def normalize(text: str) -> str:
    """One character out per character in: NFKC, lower case, control/format characters to spaces."""
    return (text or "").translate(_sequence())


@lru_cache(maxsize=1)
def _changed_from() -> dict[str, str]:
    """The table read backwards: each character `normalize` produces -> the characters it changes into it."""
    changed: dict[str, str] = {}
    for code, folded in _table().items():
        changed[folded] = changed.get(folded, "") + chr(code)
    return changed


@lru_cache(maxsize=1024)
def needle_pattern(needle: str) -> re.Pattern:
    """Where the normalized `needle` occurs in *original* text: `pattern.search(original, start, end)`
    finds what `normalize(original).find(needle, start, end)` finds, at the same offset, without
    normalizing the original (each of the needle's characters stands for every character that
    normalizes to it; `normalize` keeps one character per character)."""
    table, changed, parts = _table(), _changed_from(), []
    for char in needle:
        unchanged = ord(char) >= 0x10000 or ord(char) not in table  # beyond the BMP: always unchanged
        chars = (char if unchanged else "") + changed.get(char, "")
        if not chars:  # nothing normalizes to it: no text holds it
            parts.append("(?!)")
        elif len(chars) == 1:
            parts.append(re.escape(chars))
        else:
            parts.append("[" + "".join(re.escape(c) for c in chars) + "]")
    return re.compile("".join(parts))


def contains(original: str, needle: str) -> bool:
    """`needle in normalize(original)`, for a normalized needle."""
    return needle_pattern(needle).search(original or "") is not None


def clean_query(raw: str) -> str:
    """The query as the user meant it: cut to MAX_QUERY_CHARS, control characters removed, trimmed."""
    return " ".join(normalize((raw or "")[:MAX_QUERY_CHARS]).split())


def query_terms(raw: str) -> list[str]:
    """Whitespace-separated terms of a query, normalized, de-duplicated, at most MAX_TERMS."""
    terms: list[str] = []
    for term in clean_query(raw).split():
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def term_grams(term: str) -> list[str]:
    """The bigrams of one (normalized, whitespace-free) term; a one-character term is its own token."""
    if len(term) < 2:
        return [term] if term else []
    return [term[i : i + 2] for i in range(len(term) - 1)]


def ngrams(term: str, n: int) -> list[str]:
    """Overlapping n-grams of a whitespace-free string (none when it is shorter than n)."""
    return [term[i : i + n] for i in range(len(term) - n + 1)]


def gram_stream(normalized: str, n: int = 2) -> str:
    """Whitespace-joined n-gram tokens of normalized text, token i starting at character i of its run.
    Runs are kept apart by a separator token so a phrase can never match across a space. In the
    bigram stream (n=2) a one-character run is its own token, for one-character queries."""
    grams = term_grams if n == 2 else (lambda run: ngrams(run, n))
    runs = [" ".join(tokens) for tokens in map(grams, normalized.split()) if tokens]
    return f" {SEPARATOR_CHAR * (n + 1)} ".join(runs)


def gram_set(normalized: str) -> set[str]:
    """Distinct bigrams (and single-character runs) of normalized text."""
    grams: set[str] = set()
    for run in normalized.split():
        grams.update(term_grams(run))
    return grams


def doc_number_key(value: str) -> str:
    """A 文号 in one canonical form: 源政办字[2020]66号, (2020) and ［2020］ all become 源政办字〔2020〕66号."""
    return "".join(normalize(value or "").translate(_DOC_NUMBER_TABLE).split())


def looks_like_doc_number(raw: str) -> bool:
    return bool(_DOC_NUMBER_SHAPE.search(doc_number_key(raw)))


def index_no_key(value: str) -> str:
    return "".join(normalize(value or "").split()).upper()


def looks_like_index_no(raw: str) -> bool:
    return bool(_INDEX_NO_SHAPE.match(index_no_key(raw)))
