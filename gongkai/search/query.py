"""A search request and a backend's answer, independent of the engine."""

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from django.utils import timezone

from gongkai.search import segment, text

FACETS = ("kind", "organization", "node", "year", "topic", "doc_type", "validity")
SORT_RELEVANCE, SORT_DATE = "relevance", "date"
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Deep pages are refused (served empty): nobody reads result 10,000, and it keeps every query cheap.
MAX_RESULT_WINDOW = 10_000
FACET_SIZE = 50

# Tiers, best first (docs/search.md "Ranking"); within a tier, newest first.
TIER_EXACT_ID = 4  # the query is the item's 文号 or 索引号
TIER_TITLE_PHRASE = 3  # every term occurs in the title
TIER_PHRASE = 2  # every term occurs in the title or the body
TIER_WORDS = 1  # every jieba word of the query occurs, scattered


@dataclass(frozen=True)
class SearchQuery:
    q: str = ""
    organization_id: int | None = None
    node_id: int | None = None
    year: int | None = None
    topic: str = ""
    doc_type: str = ""
    validity: str = ""
    kind: str = ""  # content type (search/kinds.py)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    # relevance: by tier, newest first within a tier (docs/search.md "Ranking"); date: newest first.
    sort: str = SORT_RELEVANCE
    # The site's organizations (a province install serves each county on its own host); None: all.
    scope: tuple[int, ...] | None = None

    @cached_property
    def terms(self) -> list[str]:
        return text.query_terms(self.q)

    @cached_property
    def words(self) -> list[str]:
        words: list[str] = []
        for term in self.terms:
            for word in segment.query_words(term):
                if word not in words:
                    words.append(word)
        return words

    @property
    def words_add_matches(self) -> bool:
        """False when every term is itself one of the words: a document holding all the words (each a
        piece of its title or body) then holds every term, so the scattered-words tier finds nothing
        the phrase tiers do not (公开, 政务公开, 财政 预算)."""
        return bool(self.words) and not all(term in self.words for term in self.terms)

    @cached_property
    def doc_key(self) -> str:
        return text.doc_number_key(text.clean_query(self.q)) if self.terms else ""

    @cached_property
    def index_key(self) -> str:
        return text.index_no_key(text.clean_query(self.q)) if self.terms else ""

    @property
    def has_text(self) -> bool:
        return bool(self.terms)

    @property
    def by_date(self) -> bool:
        return self.sort == SORT_DATE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    @property
    def beyond_window(self) -> bool:
        return self.offset + self.page_size > MAX_RESULT_WINDOW

    def timestamp_range(self) -> tuple[int | None, int | None]:
        """Published-at bounds in epoch seconds (whole local days, inclusive)."""
        tz = timezone.get_current_timezone()
        low = high = None
        if self.date_from:
            low = int(dt.datetime.combine(self.date_from, dt.time.min, tzinfo=tz).timestamp())
        if self.date_to:
            high = int(dt.datetime.combine(self.date_to, dt.time.max, tzinfo=tz).timestamp())
        return low, high


@dataclass
class BackendPage:
    """What a backend returns: the total, the ids of one page in rank order, and raw facet counts."""

    count: int
    ids: list[int]
    tiers: dict[int, int] = field(default_factory=dict)  # item id -> tier
    facets: dict[str, list[tuple[str | int, int]]] = field(default_factory=dict)
    # item id -> the plain text of its body as indexed, for the snippets (a backend that stores it; for
    # the others the service reads the bodies from the database).
    texts: dict[int, str] = field(default_factory=dict)
    # item id -> what a hit shows of the item as indexed (documents.IndexDocument.shown()), for a
    # backend that stores it: the service then reads only which items are live and unchanged.
    shown: dict[int, dict] = field(default_factory=dict)
    # What the service derived from `shown` and `texts` alone (the highlighted title and snippet, by
    # needles): a page kept for the next identical search (backends/kept.py) keeps them too.
    derived: dict[tuple, tuple] = field(default_factory=dict, repr=False, compare=False)
    # A backend may hand the page over while the total and the facets are still being counted (a
    # future of (count, facets)): `complete()` waits for them. What `SearchBackend.search` returns is
    # always complete.
    pending: object = field(default=None, repr=False, compare=False)

    def complete(self) -> "BackendPage":
        if self.pending is not None:
            pending, self.pending = self.pending, None
            self.count, self.facets = pending.result()
        return self
