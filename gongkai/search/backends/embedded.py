"""The embedded default: a tantivy index in a directory, no server (docs/decisions/0004-search-engine.md).

Fields: `title_g2`/`body_g2` hold every character and every overlapping pair of characters of the
normalized title and body, `…_g3` every overlapping triple (both cut by tantivy's own n-gram tokenizer,
in its indexing thread), `…_g4` the overlapping 4-grams with their positions (cut here, run by run).
A query term is found by exact substring semantics: a term of 1, 2 or 3 characters is one token of
g2/g3, a longer term the phrase of its consecutive 4-grams (rarer tokens than bigrams: measured several
times faster on common phrases). `words` holds the distinct jieba search-mode words; numeric and raw
fields carry filters, facets and the sort key. Stored: the id and, since schema v5, the body's plain
text (`text`, not indexed), from which the result page's snippets are cut; titles, the other fields
shown and whether an item is still live come from the database. Only g4 keeps positions; no field keeps frequencies
(results are ordered by tier and date, never by score).

tantivy allows one writer per index directory. Writers are short-lived (one batch, one commit) and
serialized by a lock in this process; a writer busy in another process (a worker) is waited for. A
bulk import keeps one writer for its whole run (`bulk`).
"""

import json
import os
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import tantivy

from gongkai.search import text
from gongkai.search.backends import SearchBackend, kept
from gongkai.search.documents import IndexDocument
from gongkai.search.query import (
    FACET_SIZE,
    TIER_EXACT_ID,
    TIER_PHRASE,
    TIER_TITLE_PHRASE,
    TIER_WORDS,
    BackendPage,
    SearchQuery,
)

# Bump when the schema or the tokenization changes: a new directory is used and must be rebuilt.
SCHEMA_VERSION = 6
WRITER_HEAP_BYTES = 64_000_000
WRITER_WAIT_SECONDS = 30
# Threads per process that run the facet pass of a search beside its page query.
SEARCH_THREADS = 2
# The sort key packs the publication time and the id into one fast field: newest first, ties by id.
ID_BITS = 30
# tantivy tokenizers registered on the index: 1- and 2-grams, 3-grams (positions unused: all 0).
NGRAM_TOKENIZERS = {"gk_ngram12": (1, 2), "gk_ngram3": (3, 3)}
_FACET_FIELDS = {
    "kind": "kind", "organization": "org", "node": "node", "year": "year", "topic": "topic", "doc_type": "doc_type",
    "validity": "validity",
}


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    builder.add_integer_field("sort", fast=True)
    builder.add_integer_field("ts", indexed=True, fast=True)
    builder.add_unsigned_field("org", indexed=True, fast=True)
    builder.add_unsigned_field("node", indexed=True, fast=True)
    builder.add_unsigned_field("year", indexed=True, fast=True)
    for name in ("topic", "doc_type", "validity", "kind", "doc_key", "index_key"):
        builder.add_text_field(name, tokenizer_name="raw", fast=name in ("topic", "doc_type", "validity", "kind"))
    for prefix in ("title", "body"):
        builder.add_text_field(f"{prefix}_g2", tokenizer_name="gk_ngram12", index_option="basic")
        builder.add_text_field(f"{prefix}_g3", tokenizer_name="gk_ngram3", index_option="basic")
        builder.add_text_field(f"{prefix}_g4", tokenizer_name="whitespace", index_option="position")
    builder.add_text_field("words", tokenizer_name="whitespace", index_option="basic")
    # The body's plain text, stored (not indexed) for the result page's snippets (schema v5), and what
    # a hit shows of its item, as JSON (IndexDocument.shown(), schema v6).
    builder.add_bytes_field("text", stored=True, indexed=False, fast=False)
    builder.add_bytes_field("shown", stored=True, indexed=False, fast=False)
    return builder.build()


def sort_key(doc: IndexDocument) -> int:
    return doc.timestamp * (1 << ID_BITS) + doc.id % (1 << ID_BITS)


class EmbeddedBackend(SearchBackend):
    name = "embedded"

    def __init__(self, path: str):
        self.path = Path(path) / f"tantivy-v{SCHEMA_VERSION}"
        self.schema = build_schema()
        self._index = None
        self._write_lock = threading.Lock()
        self._bulk_writer = None
        self._loaded = None  # the generation (meta.json) the reader was last reloaded at
        self.kept = kept.GenerationCache()

    # --- writing -----------------------------------------------------------------------------------
    @property
    def index_handle(self) -> tantivy.Index:
        if self._index is None:
            self.path.mkdir(parents=True, exist_ok=True)
            index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
            for name, (low, high) in NGRAM_TOKENIZERS.items():
                index.register_tokenizer(name, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.ngram(low, high, False)).build())
            self._index = index
        return self._index

    def _writer(self):
        deadline = time.monotonic() + WRITER_WAIT_SECONDS
        delay = 0.02
        while True:
            try:
                return self.index_handle.writer(WRITER_HEAP_BYTES, 1)
            except ValueError as exc:
                if "LockBusy" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.5)

    @contextmanager
    def bulk(self):
        """Keep one writer for many `index` calls (a bulk import): each call still commits, so searches
        see every batch, but segment merges are waited for once, at the end, not after every batch.
        Other writers (another process publishing) wait meanwhile, up to WRITER_WAIT_SECONDS."""
        with self._write_lock:
            writer = self._bulk_writer = self._writer()
            try:
                yield
            finally:
                self._bulk_writer = None
                writer.wait_merging_threads()

    def _write(self, change) -> None:
        if self._bulk_writer is not None:
            try:
                change(self._bulk_writer)
                self._bulk_writer.commit()
            except BaseException:
                self._bulk_writer.rollback()
                raise
            return
        with self._write_lock:
            writer = self._writer()
            try:
                change(writer)
                writer.commit()
            except BaseException:
                writer.rollback()
                raise
            finally:
                writer.wait_merging_threads()

    def _document(self, doc: IndexDocument) -> tantivy.Document:
        document = tantivy.Document()
        document.add_unsigned("id", doc.id)
        document.add_integer("sort", sort_key(doc))
        document.add_integer("ts", doc.timestamp)
        document.add_unsigned("org", doc.organization_id)
        for node_id in doc.node_ids:
            document.add_unsigned("node", node_id)
        document.add_unsigned("year", doc.year)
        document.add_text("topic", doc.topic)
        document.add_text("doc_type", doc.doc_type)
        document.add_text("validity", doc.validity)
        document.add_text("kind", doc.kind)
        document.add_text("doc_key", doc.doc_key)
        document.add_text("index_key", doc.index_key)
        for prefix, normalized in (("title", doc.title_norm), ("body", doc.body_norm)):
            document.add_text(f"{prefix}_g2", normalized)
            document.add_text(f"{prefix}_g3", normalized)
            document.add_text(f"{prefix}_g4", text.gram_stream(normalized, 4))
        document.add_text("words", " ".join(set(doc.words)))
        document.add_bytes("text", doc.body.encode())
        document.add_bytes("shown", json.dumps(doc.shown(), ensure_ascii=False).encode())
        return document

    def _ids_query(self, ids: list[int]):
        return tantivy.Query.term_set_query(self.schema, "id", ids)

    def index(self, documents: Iterable[IndexDocument]) -> None:
        documents = list(documents)
        if not documents:
            return

        def change(writer):
            writer.delete_documents_by_query(self._ids_query([doc.id for doc in documents]))
            # Each document goes to the writer as soon as it is built: tantivy's indexing thread
            # inverts it while Python segments the next one.
            for doc in documents:
                writer.add_document(self._document(doc))

        self._write(change)

    def remove(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        if ids:
            self._write(lambda writer: writer.delete_documents_by_query(self._ids_query(ids)))

    def clear(self) -> None:
        self._write(lambda writer: writer.delete_all_documents())

    def count(self) -> int:
        self.index_handle.reload()
        return self.index_handle.searcher().num_docs

    # --- searching ---------------------------------------------------------------------------------
    def _term(self, field: str, value):
        return tantivy.Query.term_query(self.schema, field, value)

    def _phrase(self, prefix: str, term: str):
        """Documents whose title or body (`prefix`) contains `term` as a substring."""
        if len(term) <= 3:
            return self._term(f"{prefix}_g{max(2, len(term))}", term)
        grams = text.ngrams(term, 4)
        if len(grams) == 1:
            return self._term(f"{prefix}_g4", grams[0])
        return tantivy.Query.phrase_query(self.schema, f"{prefix}_g4", grams)

    @staticmethod
    def _all(queries):
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in queries])

    @staticmethod
    def _any(queries):
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])

    def _filters(self, query: SearchQuery) -> list:
        filters = []
        if query.scope is not None:
            filters.append(tantivy.Query.term_set_query(self.schema, "org", list(query.scope)))
        if query.organization_id:
            filters.append(self._term("org", query.organization_id))
        if query.node_id:
            filters.append(self._term("node", query.node_id))
        if query.year:
            filters.append(self._term("year", query.year))
        for field in ("topic", "doc_type", "validity", "kind"):
            if getattr(query, field):
                filters.append(self._term(field, getattr(query, field)))
        low, high = query.timestamp_range()
        if low is not None or high is not None:
            filters.append(
                tantivy.Query.range_query(self.schema, "ts", tantivy.FieldType.Integer, low, high)
            )
        return filters

    def _tier_clauses(self, query: SearchQuery) -> list[tuple[int, object]]:
        if not query.has_text:
            return [(0, tantivy.Query.all_query())]
        clauses = [
            (TIER_EXACT_ID, self._any([self._term("doc_key", query.doc_key), self._term("index_key", query.index_key)])),
            (TIER_TITLE_PHRASE, self._all([self._phrase("title", t) for t in query.terms])),
            (TIER_PHRASE, self._all([
                self._any([self._phrase("title", t), self._phrase("body", t)]) for t in query.terms
            ])),
        ]
        if query.words_add_matches:
            clauses.append((TIER_WORDS, self._all([self._term("words", w) for w in query.words])))
        return clauses

    def _facets(self, searcher, union) -> tuple[int, dict]:
        """(number of matches, facet counts): one pass over the matches."""
        spec = {name: {"terms": {"field": field, "size": FACET_SIZE}} for name, field in _FACET_FIELDS.items()}
        raw = searcher.aggregate(union, spec)
        facets = {
            name: [(bucket["key"], bucket["doc_count"]) for bucket in raw.get(name, {}).get("buckets", [])
                   if bucket["key"] != ""]
            for name in _FACET_FIELDS
        }
        # Every document has exactly one organization, so its buckets plus the documents of the
        # organizations beyond FACET_SIZE (sum_other_doc_count, exact) are all the matches: the total
        # costs no extra pass over them.
        organizations = raw.get("organization", {})
        total = sum(bucket["doc_count"] for bucket in organizations.get("buckets", []))
        return total + int(organizations.get("sum_other_doc_count") or 0), facets

    def search(self, query: SearchQuery) -> BackendPage:
        return self.search_started(query).complete()

    def _generation(self) -> bytes | None:
        """The index's meta.json as last committed (by any process), None before the first commit. Every
        commit rewrites it (segments, deletes, opstamp), so equal contents are the same index; not the
        opstamp alone, which a commit after `clear` leaves unchanged."""
        try:
            return (self.path / "meta.json").read_bytes()
        except FileNotFoundError:
            return None

    def _current_searcher(self):
        """(generation, searcher): the reader is reloaded only when a commit happened since (reloading
        opens every segment again); read before reloading, so what is kept under a generation is never
        older than it."""
        generation = self._generation()
        index = self.index_handle
        if generation is None or generation != self._loaded:
            index.reload()
            self._loaded = generation
        self.kept.start(generation)
        return generation, index.searcher()

    def search_started(self, query: SearchQuery) -> BackendPage:
        """One aggregation pass gives the total and the facets; meanwhile, in this thread, each tier,
        best first, is asked for what the page still needs (a tier is counted only when the page starts
        after it), each tier excluding the better ones. tantivy releases the GIL while it searches, so
        the two run on two cores: a first page costs about the longer of the two passes, not both. The
        page is returned while the aggregation may still run (the service reads its items meanwhile).
        Both are kept for the next identical search on the same index generation (kept.py)."""
        generation, searcher = self._current_searcher()
        page_key, counts_key = kept.page_key(query), kept.counts_key(query)
        page, counts = self.kept.get(page_key), self.kept.get(counts_key)
        if page is not None and counts is not None:
            return replace(page, count=counts[0], facets=counts[1])
        filters = self._filters(query)
        clauses = self._tier_clauses(query)
        # Every match of the title tier is one of the phrase tier: the union leaves it out (one phrase
        # query fewer per document on every pass over all the matches).
        matches = self._any([c for tier, c in clauses if tier != TIER_TITLE_PHRASE])
        union = self._all([*filters, matches])
        if query.by_date and len(clauses) > 1:
            clauses = [(0, matches)]  # one pass, newest first
        if counts is None:
            counting = _pool().submit(self._facets, searcher, union)
            counting.add_done_callback(
                lambda done: done.exception() is None and self.kept.put(generation, counts_key, done.result()))
        else:
            counting = None
        try:
            if page is None:
                page = self._page(searcher, filters, clauses, query)
                self.kept.put(generation, page_key, page, chars=sum(map(len, page.texts.values())))
        except BaseException:
            if counting is not None:
                wait([counting])  # not left running beside the next search
            raise
        if counting is None:
            return replace(page, count=counts[0], facets=counts[1])
        return replace(page, pending=counting)

    def _page(self, searcher, filters, clauses, query) -> BackendPage:
        ids: list[int] = []
        tiers: dict[int, int] = {}
        texts: dict[int, str] = {}
        shown: dict[int, dict] = {}
        skip, wanted = query.offset, query.page_size
        for position, (tier, clause) in enumerate(clauses):
            if wanted <= 0:
                break
            tier_query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, q) for q in (*filters, clause)]
                + [(tantivy.Occur.MustNot, better) for _, better in clauses[:position]]
            )
            result = searcher.search(tier_query, wanted, count=skip > 0, order_by_field="sort", offset=skip)
            if skip > 0:
                skip = max(0, skip - result.count)
            addresses = [address for _key, address in result.hits]
            page_ids = searcher.fast_field_values("id", addresses)
            for item_id, address in zip(page_ids, addresses, strict=True):
                ids.append(item_id)
                tiers[item_id] = tier
                stored = searcher.doc(address)
                body, fields = stored.get_first("text"), stored.get_first("shown")
                if body is not None:
                    texts[item_id] = bytes(body).decode()
                if fields is not None:
                    shown[item_id] = json.loads(bytes(fields))
            wanted -= len(page_ids)
        return BackendPage(count=0, ids=ids, tiers=tiers, texts=texts, shown=shown)


_pools: dict[int, ThreadPoolExecutor] = {}


def _pool() -> ThreadPoolExecutor:
    """This process's thread for facet passes (a pool made before a fork has no thread in the child)."""
    pid = os.getpid()
    if pid not in _pools:
        _pools[pid] = ThreadPoolExecutor(max_workers=SEARCH_THREADS, thread_name_prefix="gongkai-facets")
    return _pools[pid]
