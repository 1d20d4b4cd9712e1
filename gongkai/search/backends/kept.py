"""What one index generation answered, kept for the next identical search in this process.

The embedded index changes only by commits, each with a new opstamp (tantivy's meta.json). Within one
generation a query always finds the same documents, so a result page and the total with the facet
counts are kept per normalized query and dropped, all at once, when the generation changes. What a
page's items are allowed to show is never taken from here: the service asks the database on every
search (search/hits.py). Bounded by entries and by the stored text the pages hold.
"""

import threading
from collections import OrderedDict
from dataclasses import replace

from gongkai.search import text
from gongkai.search.query import DEFAULT_PAGE_SIZE, SORT_RELEVANCE, SearchQuery

ENTRIES_KEPT = 512
# The pages' stored body texts together. The service keeps what it derives from them beside them
# (normalized text, marked title and snippet): about three times this in memory, ≈ 12 MB of Chinese
# text per process at most.
TEXT_CHARS_KEPT = 2_000_000


def page_key(query: SearchQuery) -> tuple:
    """The query as the engine sees it: the same terms, 文号 key and filters make the same key."""
    return ("page", replace(query, q=text.clean_query(query.q)))


def counts_key(query: SearchQuery) -> tuple:
    """The total and the facets do not depend on the page or the order."""
    return ("counts", replace(query, q=text.clean_query(query.q), page=1, page_size=DEFAULT_PAGE_SIZE,
                              sort=SORT_RELEVANCE))


class GenerationCache:
    def __init__(self):
        self._lock = threading.Lock()
        self._generation = None
        self._entries: OrderedDict = OrderedDict()
        self._chars = 0

    def start(self, generation) -> None:
        """Searches from now on see `generation`: anything kept from another one is dropped."""
        if generation != self._generation:
            with self._lock:
                self._generation = generation
                self._entries.clear()
                self._chars = 0

    def clear(self) -> None:
        self.start(object())

    def get(self, key):
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found[0]
        return None

    def put(self, generation, key, value, chars: int = 0) -> None:
        """Keep `value` (computed on `generation`) unless the generation has changed meanwhile."""
        if generation is None or chars > TEXT_CHARS_KEPT:
            return
        with self._lock:
            if generation != self._generation:
                return
            previous = self._entries.pop(key, None)
            if previous is not None:
                self._chars -= previous[1]
            self._entries[key] = (value, chars)
            self._chars += chars
            while self._entries and (len(self._entries) > ENTRIES_KEPT or self._chars > TEXT_CHARS_KEPT):
                _key, (_value, dropped) = self._entries.popitem(last=False)
                self._chars -= dropped
