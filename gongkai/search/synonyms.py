"""The synonym dictionary, applied when a document is indexed (never when a query runs).

A document that holds a word of a group gets the group's other words indexed beside its text (title
words beside the title, so a title match stays a title match), so 「年报」 finds 「2020年政府信息公开工作
年度报告」. Queries stay exact-substring queries of what was typed: recall for the query as typed is
unchanged and no query becomes slower. A dictionary change re-indexes the documents that hold its words
(`reindex_words`). Query-side, `of_terms` names the synonyms a query reached, for the results page and
for highlighting.
"""

import re
import time
from dataclasses import dataclass

from gongkai.search import text

SEPARATORS = re.compile(r"[\s、，,;；/|]+")
MAX_WORD_CHARS = 30
CACHE_SECONDS = 30


def split_words(raw: str) -> list[str]:
    words: list[str] = []
    for word in SEPARATORS.split(raw or ""):
        word = text.normalize(word).strip()
        if word and word not in words:
            words.append(word)
    return words


@dataclass(frozen=True)
class Dictionary:
    groups: tuple[tuple[str, ...], ...] = ()

    def expansions(self, normalized: str) -> str:
        """The words to index beside `normalized` text: other words of every group it holds a word of."""
        found: list[str] = []
        for group in self.groups:
            if any(word in normalized for word in group):
                found.extend(w for w in group if w not in normalized and w not in found)
        return " ".join(found)

    def of_terms(self, terms: list[str]) -> list[str]:
        """Synonyms of the query's terms (words of a group a term equals)."""
        found: list[str] = []
        for group in self.groups:
            for term in terms:
                if term in group:
                    found.extend(w for w in group if w not in terms and w not in found)
        return found


_cache: dict[str, tuple[float, Dictionary]] = {}


def current() -> Dictionary:
    """The dictionary as stored, re-read at most every CACHE_SECONDS (and at once after a change made in
    this process)."""
    now = time.monotonic()
    cached = _cache.get("dictionary")
    if cached and now - cached[0] < CACHE_SECONDS:
        return cached[1]
    from gongkai.search.models import SynonymGroup

    groups = tuple(tuple(g) for g in (split_words(w) for w in SynonymGroup.objects.values_list("words", flat=True))
                   if len(g) > 1)
    dictionary = Dictionary(groups)
    _cache["dictionary"] = (now, dictionary)
    return dictionary


def forget() -> None:
    _cache.clear()
