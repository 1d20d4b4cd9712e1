"""Search services: what views, the API, tasks and commands call. One function per verb.

- `search(query)`: ranked, highlighted, faceted results of live items only.
- `index_items(ids)`: bring the index in line with the database for these items (the task body).
- `rebuild(progress)`: empty the index and index every live item.
- `index_due_items()`: index live items the index does not hold yet (scheduled items whose time has
  come, anything missed); remove items it holds that are no longer live. Run by `gongkai run_periodic`.
- `deferred_indexing()`: during bulk imports, index in batches instead of item by item (optionally in
  a second process, pipeline.py).
"""

import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from django.db import transaction
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from gongkai.catalog.models import CatalogNode
from gongkai.core.sanitize import html_to_text
from gongkai.publishing import validity
from gongkai.publishing.models import Attachment, InformationItem
from gongkai.search import facets as facet_labels
from gongkai.search import kinds, synonyms
from gongkai.search.backends import get_backend
from gongkai.search.documents import document_for
from gongkai.search.highlight import highlight, snippet
from gongkai.search.hits import page_items
from gongkai.search.models import IndexState
from gongkai.search.query import SORT_RELEVANCE, TIER_TITLE_PHRASE, TIER_WORDS, SearchQuery
from gongkai.search.text import contains, doc_number_key, index_no_key

logger = logging.getLogger(__name__)

INDEX_BATCH = 500
# What documents.document_for reads of an item (loading only these halves the cost of a batch).
INDEXED_FIELDS = ("id", "title", "body", "summary", "doc_number", "keywords", "organization_id", "published_at",
                  "topic", "doc_type", "validity", "index_no", "updated_at")
# Items collected by deferred_indexing before they are indexed in one go (one index commit each).
DEFERRED_BATCH = 2000
# The same for a background indexer (pipeline.py): smaller, so it starts sooner and finishes with the
# writer; its commits are cheap (one writer for the whole run).
BACKGROUND_BATCH = 1000


@dataclass
class Hit:
    item: InformationItem
    tier: int
    title_html: SafeString
    snippet_html: SafeString
    attachment: Attachment | None = None  # the hit is in this attachment's text, not in the item's own
    # The title and body as shown; with the summary, 文号 and 主题词 where a term is missing from those.
    own_texts: tuple[str, ...] = field(default=(), repr=False)
    # The state the public sees (publishing.validity: 尚未施行, 有效, 已修改 …) of an item that has one (a
    # 规范性文件); "" for the others.
    validity: str = ""

    @property
    def url(self) -> str:
        return reverse("portal:item", kwargs={"item_id": self.item.id})

    @property
    def validity_label(self) -> str:
        """The state's name in the active language, as the pages name it."""
        return validity.label(self.validity)


@dataclass
class SearchResults:
    query: SearchQuery
    count: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[facet_labels.FacetValue]] = field(default_factory=dict)
    unavailable: bool = False
    synonyms: list[str] = field(default_factory=list)  # the dictionary's words the query also reached

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.query.page_size))


def _needles(query: SearchQuery) -> list[str]:
    return [*query.terms, *[w for w in query.words if len(w) > 1]]


def search(query: SearchQuery) -> SearchResults:
    """Ranked results for a query; never raises on what the user typed (an engine failure is logged
    and reported as `unavailable`)."""
    if not query.has_text and not _has_filters(query):
        return SearchResults(query=query)
    if query.beyond_window:  # no hits served that deep; the count and facets of the first page say how many
        first = search(replace(query, page=1))
        return SearchResults(query=query, count=first.count, facets=first.facets, unavailable=first.unavailable)
    try:
        page = get_backend().search_started(query)  # counting the total and facets may go on meanwhile
    except Exception:
        logger.exception("search backend failed")
        return SearchResults(query=query, unavailable=True)
    items, bodies = page_items(page)  # only the live ones
    dictionary = synonyms.current()
    reached = dictionary.of_terms(query.terms)
    needles = [*_needles(query), *reached]
    hits = []
    for item_id in page.ids:
        item = items.get(item_id)
        if item is None:  # the index is behind the database: never show what is no longer live
            continue
        if item_id in bodies:  # read from the database: not what the index stored
            body_text = html_to_text(bodies[item_id])
            title_html, snippet_html = _marked(item, body_text, needles)
        else:  # from the index alone: the same for the next identical search of a kept page
            body_text, key = page.texts[item_id], (item_id, *needles)
            if key not in page.derived:
                page.derived[key] = _marked(item, body_text, needles)
            title_html, snippet_html = page.derived[key]
        hit = Hit(item=item, tier=page.tiers.get(item_id, 0), title_html=title_html, snippet_html=snippet_html,
                  own_texts=(item.title, body_text))
        hits.append(hit)
    _mark_attachment_hits(hits, query, needles, dictionary)
    _set_validity(hits)
    try:
        page.complete()
    except Exception:
        logger.exception("search backend failed")
        return SearchResults(query=query, unavailable=True)
    return SearchResults(query=query, count=page.count, hits=hits, facets=facet_labels.label(page.facets),
                         synonyms=reached if page.count else [])


def _set_validity(hits: list[Hit]) -> None:
    """Each hit with a recorded 有效性 (a 规范性文件) gets the state the public sees today: one query for the
    page's such hits (publishing.validity: 尚未施行 before the 施行日期), none when the page has none."""
    with_validity = [hit for hit in hits if hit.item.validity]
    if not with_validity:
        return
    states = validity.public_states([hit.item.id for hit in with_validity])
    for hit in with_validity:
        hit.validity = validity.public_validity(hit.item, states)


def _marked(item: InformationItem, body_text: str, needles: list[str]) -> tuple[SafeString, SafeString]:
    """(highlighted title, snippet) of a hit."""
    snippet_html = snippet(body_text, needles) if body_text else snippet(item.summary, needles)
    return highlight(item.title, needles), snippet_html


def _holds(texts, wanted: list[tuple[str, ...]]) -> bool:
    """Every wanted term (normalized; with its synonyms, _wanted) is in one of the texts."""
    return all(any(contains(text, word) for text in texts for word in words) for words in wanted)


def _wanted(terms: list[str], dictionary: synonyms.Dictionary) -> list[tuple[str, ...]]:
    """Each term with its synonyms: a text holding 预决算 is indexed with 预算 beside it (synonyms.py), so it
    holds 预算 as a search sees it."""
    return [(term, *dictionary.of_terms([term])) for term in terms]


SUGGESTIONS = 5
SUGGESTION_PROBES = 6


def suggest(query: SearchQuery) -> list[InformationItem]:
    """「您是不是要找」: live items whose titles hold the best parts of a query that found nothing — its
    jieba words, longest first, then its two-character pieces — a few cheap title-only searches."""
    from dataclasses import replace

    if not query.has_text:
        return []
    probes: list[str] = []
    for word in sorted(query.words, key=len, reverse=True):
        if len(word) > 1 and word not in probes and word not in query.terms:
            probes.append(word)
    for term in query.terms:
        for start in range(0, max(0, len(term) - 1)):
            piece = term[start:start + 2]
            if piece not in probes:
                probes.append(piece)
    found: list[int] = []
    backend = get_backend()
    for probe in probes[:SUGGESTION_PROBES]:
        try:
            page = backend.search(replace(query, q=probe, page=1, page_size=SUGGESTIONS, sort=SORT_RELEVANCE))
        except Exception:
            logger.exception("search backend failed while suggesting")
            return []
        found.extend(i for i, tier in page.tiers.items() if tier >= TIER_TITLE_PHRASE and i not in found)
        if len(found) >= SUGGESTIONS:
            break
    items = InformationItem.objects.live().in_bulk(found[:SUGGESTIONS])
    return [items[i] for i in found[:SUGGESTIONS] if i in items]


def _by_number(item: InformationItem, query: SearchQuery) -> bool:
    """The query is the item's 文号 or 索引号 (whatever the brackets, and whatever the sort: the tier is not
    known when results are sorted by date)."""
    return bool(query.doc_key and item.doc_number and doc_number_key(item.doc_number) == query.doc_key
                or query.index_key and item.index_no and index_no_key(item.index_no) == query.index_key)


def _mark_attachment_hits(hits: list[Hit], query: SearchQuery, needles: list[str],
                          dictionary: synonyms.Dictionary) -> None:
    """Hits whose own text lacks a term found it in an attachment: name that attachment and show the
    snippet from its text. One query, for this page's hits only, and none when every hit holds every term
    (itself or as a synonym) or is the item whose 文号/索引号 was asked for."""
    if not query.terms:
        return
    wanted, elsewhere = _wanted(query.terms, dictionary), {}
    for hit in hits:
        if _by_number(hit.item, query) or _holds(hit.own_texts, wanted):
            continue
        item = hit.item
        hit.own_texts = (*hit.own_texts, item.summary, item.doc_number, item.keywords)
        # A scattered-words hit lacks a term in its attachments too (one holding every term would
        # have made it a phrase hit: the index holds attachment text with the body).
        if not _holds(hit.own_texts, wanted) and hit.tier != TIER_WORDS:
            elsewhere[item.id] = hit
    if not elsewhere:
        return
    candidates = Attachment.objects.filter(item_id__in=list(elsewhere)).exclude(text="").only(
        "id", "item_id", "original_name", "content_type", "text", "sort_order")
    for attachment in candidates.order_by("item_id", "sort_order", "id"):
        hit = elsewhere.get(attachment.item_id)
        if hit is None or hit.attachment is not None:
            continue
        if _holds([attachment.text], wanted):
            hit.attachment = attachment
            hit.snippet_html = snippet(attachment.text, needles)


def _has_filters(query: SearchQuery) -> bool:
    return any([query.organization_id, query.node_id, query.year, query.topic, query.doc_type,
                query.validity, query.kind, query.date_from, query.date_to])


# --- keeping the index in step -----------------------------------------------------------------------
def index_items(item_ids) -> dict:
    """Index the live ones among these items, remove the others. Returns counts for the task log."""
    item_ids = sorted({int(i) for i in item_ids})
    live = list(
        InformationItem.objects.live().filter(id__in=item_ids).only(*INDEXED_FIELDS)
        .prefetch_related(Prefetch("catalog_nodes", queryset=CatalogNode.objects.only("id")),
                          Prefetch("attachments", queryset=Attachment.objects.exclude(text="")
                                   .only("id", "item_id", "text", "sort_order")))
    )
    live_ids = {item.id for item in live}
    gone = [i for i in item_ids if i not in live_ids]
    backend = get_backend()
    if live:
        dictionary, of_kind = synonyms.current(), kinds.of(sorted(live_ids))
        states = validity.public_states(sorted(live_ids))  # 尚未施行 … (re-indexed when it changes)
        backend.index(document_for(item, dictionary, of_kind.get(item.id, kinds.ITEM), states.get(item.id))
                      for item in live)
    if gone:
        backend.remove(gone)
    now = timezone.now()
    with transaction.atomic():
        IndexState.objects.filter(item_id__in=gone).delete()
        IndexState.objects.bulk_create(
            [IndexState(item_id=i, indexed_at=now) for i in live_ids],
            update_conflicts=True, unique_fields=["item"], update_fields=["indexed_at"],
        )
    return {"indexed": len(live_ids), "removed": len(gone)}


def scheduled_ids(item_ids) -> list[tuple[int, object]]:
    """(id, publish time) of the given items that are published for a time still to come."""
    return list(
        InformationItem.objects.filter(id__in=item_ids, state="published", published_at__gt=timezone.now())
        .values_list("id", "published_at")
    )


def rebuild(progress=None) -> int:
    """Empty the index and index every live item; `progress(n)` is called after each batch."""
    backend = get_backend()
    backend.clear()
    IndexState.objects.all().delete()
    total = 0
    ids = InformationItem.objects.live().order_by("id").values_list("id", flat=True)
    batch: list[int] = []
    with backend.bulk():  # one writer for the whole rebuild (embedded: merges waited for once)
        for item_id in ids.iterator(chunk_size=INDEX_BATCH):
            batch.append(item_id)
            if len(batch) >= INDEX_BATCH:
                total += index_items(batch)["indexed"]
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            total += index_items(batch)["indexed"]
            if progress:
                progress(len(batch))
    return total


def out_of_step_ids(limit: int = 10_000) -> tuple[list[int], list[int]]:
    """(live items missing or stale in the index, indexed items no longer live), at most `limit` each."""
    live = InformationItem.objects.live()
    missing = live.filter(Q(search_state__isnull=True) | Q(updated_at__gt=F("search_state__indexed_at")))
    stale = IndexState.objects.exclude(item_id__in=live.values("id"))
    return (list(missing.values_list("id", flat=True)[:limit]),
            list(stale.values_list("item_id", flat=True)[:limit]))


def index_due_items() -> int:
    """Enqueue indexing for everything out of step (scheduled items whose time has come first of all)."""
    from gongkai.search.tasks import enqueue_indexing

    if IndexState.objects.exists() and get_backend().is_empty():
        # An empty index although items were indexed: a new schema version, another backend, a lost
        # index directory. Everything live is missing from it.
        logger.warning("the search index is empty; every live item will be indexed again")
        IndexState.objects.all().delete()
    missing, stale = out_of_step_ids()
    ids = missing + stale
    for start in range(0, len(ids), INDEX_BATCH):
        enqueue_indexing(ids[start : start + INDEX_BATCH])
    return len(ids)


# --- bulk imports ------------------------------------------------------------------------------------
_deferred = threading.local()


def deferring() -> list[int] | None:
    """The buffer of item ids waiting to be indexed when inside `deferred_indexing`, else None."""
    return getattr(_deferred, "buffer", None)


def defer(item_id: int) -> bool:
    """Inside `deferred_indexing`: add the item to the next batch (indexing a full batch) and return
    True. Outside: return False (the caller indexes it now)."""
    buffer = deferring()
    if buffer is None:
        return False
    buffer.append(item_id)
    indexer = getattr(_deferred, "indexer", None)
    if len(buffer) >= (BACKGROUND_BATCH if indexer is not None else DEFERRED_BATCH):
        flush_deferred()
    return True


def flush_deferred() -> None:
    from gongkai.search.tasks import enqueue_indexing

    buffer = deferring()
    if not buffer:
        return
    ids = list(buffer)
    buffer.clear()
    indexer = getattr(_deferred, "indexer", None)
    if indexer is not None:
        transaction.on_commit(lambda: indexer.submit(ids))
    else:
        enqueue_indexing(ids)


@contextmanager
def deferred_indexing(background: bool = False):
    """Collect item changes and index them in batches of DEFERRED_BATCH (memory stays bounded).

    With `background`, and where pipeline.can_index_in_background(), the batches are indexed by a
    second process while the caller goes on writing (gongkai/search/pipeline.py). Yields an
    IndexingOutcome, complete once the block has ended (empty when the queue did the indexing)."""
    from gongkai.search.pipeline import BackgroundIndexer, IndexingOutcome, can_index_in_background

    if deferring() is not None:
        yield IndexingOutcome()
        return
    indexer = BackgroundIndexer() if background and can_index_in_background() else None
    outcome = indexer.outcome if indexer else IndexingOutcome()
    _deferred.buffer, _deferred.indexer = [], indexer
    try:
        yield outcome
    finally:
        try:
            flush_deferred()
        finally:
            _deferred.buffer, _deferred.indexer = None, None
            if indexer is not None:
                indexer.finish()
