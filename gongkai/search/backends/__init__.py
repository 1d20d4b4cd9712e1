"""The search backend interface and the backend chosen in settings (GONGKAI_SEARCH_BACKEND).

Callers use `gongkai.search.services`, never a backend directly. A backend implements five methods;
adding one (say, Meilisearch) means one module here and one entry in BACKENDS, no caller changes.

Every backend must keep the contract the tests in tests/test_backend_contract.py check:
- `search` finds every indexed document whose title or body contains each query term (substring);
- results come in tier order (query.TIER_*), newest first within a tier, ids unique;
- facets count the documents matching the query and filters;
- any query string is accepted (nothing is parsed as query syntax).
"""

from abc import ABC, abstractmethod
from collections.abc import Iterable
from contextlib import nullcontext
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from gongkai.search.documents import IndexDocument
from gongkai.search.query import BackendPage, SearchQuery

BACKENDS = {
    "embedded": "gongkai.search.backends.embedded.EmbeddedBackend",
    "postgres": "gongkai.search.backends.postgres.PostgresBackend",
    "opensearch": "gongkai.search.backends.opensearch.OpenSearchBackend",
}


class SearchBackend(ABC):
    name = "base"

    @abstractmethod
    def index(self, documents: Iterable[IndexDocument]) -> None:
        """Add or replace these documents."""

    @abstractmethod
    def remove(self, ids: Iterable[int]) -> None:
        """Remove these item ids (missing ids are ignored)."""

    @abstractmethod
    def clear(self) -> None:
        """Remove everything (before a rebuild)."""

    @abstractmethod
    def search(self, query: SearchQuery) -> BackendPage:
        """One page of ranked ids with the total count and facet counts."""

    def search_started(self, query: SearchQuery) -> BackendPage:
        """The page of `search`, possibly before its total and facets are counted: the caller works on
        the page's items meanwhile and calls `complete()` on it before reading `count` or `facets`."""
        return self.search(query)

    @abstractmethod
    def count(self) -> int:
        """How many documents the index holds (0 for an index never written)."""

    def is_empty(self) -> bool:
        """Whether the index holds no document (backends override it where counting is slow)."""
        return self.count() == 0

    def bulk(self):
        """Context for many `index` calls in a row (bulk imports); a backend may batch work across them."""
        return nullcontext()


@lru_cache(maxsize=8)
def _backend(name: str, options_key: tuple) -> SearchBackend:
    if name not in BACKENDS:
        raise ImproperlyConfigured(f"GONGKAI_SEARCH_BACKEND must be one of {sorted(BACKENDS)}, got {name!r}")
    return import_string(BACKENDS[name])(**dict(options_key))


def get_backend() -> SearchBackend:
    """The configured backend (one instance per configuration, reused across requests)."""
    name = settings.GONGKAI_SEARCH_BACKEND
    options = {
        "embedded": {"path": str(settings.GONGKAI_SEARCH_INDEX_DIR)},
        "postgres": {},
        "opensearch": {"url": settings.GONGKAI_SEARCH_URL, "index_name": settings.GONGKAI_SEARCH_INDEX_NAME},
    }.get(name, {})
    return _backend(name, tuple(sorted(options.items())))
