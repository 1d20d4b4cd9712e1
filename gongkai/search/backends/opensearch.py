"""OpenSearch / Elasticsearch backend for a province-wide cluster, with the IK analyzer.

UNTESTED AGAINST A LIVE SERVER: no cluster was available when this was written. The request bodies
(mapping, bulk actions, queries) are built by pure functions and checked by tests; docs/search.md
documents the mapping and the IK set-up. Verify against a staging cluster before production.

Same semantics as the other backends:
- `title_g`/`body_g` receive our own bigram streams (text.gram_stream) and use the built-in
  `whitespace` analyzer, so a term is a `match_phrase` of its bigrams: exact substring recall that
  does not depend on IK's word boundaries.
- `title`/`body` are analyzed by IK (`ik_max_word` at index time, `ik_smart` at query time), fed the
  project's dictionary (gov_terms.txt, also served at /search/dictionary.txt for IK's remote,
  hot-reloaded dictionary); they give the scattered-words matches.
- Tiers come from a `dis_max` of constant scores (the score is the best tier matched), sorted by
  score then by the publication sort key.
"""

import json
from collections.abc import Iterable

from gongkai.search import text
from gongkai.search.backends import SearchBackend
from gongkai.search.backends.embedded import sort_key
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

# Constant score of each tier in the dis_max (the score of a hit is the best tier it reaches).
TIER_SCORES = {TIER_EXACT_ID: 8.0, TIER_TITLE_PHRASE: 4.0, TIER_PHRASE: 2.0, TIER_WORDS: 1.0}
_FACET_FIELDS = {"kind": "kind", "organization": "organization_id", "node": "node_ids", "year": "year", "topic": "topic",
                 "doc_type": "doc_type", "validity": "validity"}


def index_definition() -> dict:
    """Settings and mappings for `indices.create` (requires the analysis-ik plugin on every node)."""
    keyword = {"type": "keyword"}
    grams = {"type": "text", "analyzer": "whitespace", "index_options": "positions", "norms": False}
    words = {"type": "text", "analyzer": "ik_max_word", "search_analyzer": "ik_smart"}
    return {
        "settings": {"index": {"number_of_shards": 1, "max_result_window": 10_000}},
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "id": {"type": "long"},
                "organization_id": {"type": "long"},
                "node_ids": {"type": "long"},
                "year": {"type": "integer"},
                "published_at": {"type": "date"},
                "sort": {"type": "long"},
                "topic": keyword, "doc_type": keyword, "validity": keyword, "kind": keyword,
                "doc_key": keyword, "index_key": keyword,
                "title_g": grams, "body_g": grams,
                "title": words, "body": words,
            },
        },
    }


def document_body(doc: IndexDocument) -> dict:
    return {
        "id": doc.id, "organization_id": doc.organization_id, "node_ids": doc.node_ids, "year": doc.year,
        "published_at": doc.published_at.isoformat(), "sort": sort_key(doc), "topic": doc.topic,
        "doc_type": doc.doc_type, "validity": doc.validity, "kind": doc.kind, "doc_key": doc.doc_key, "index_key": doc.index_key,
        "title_g": text.gram_stream(doc.title_norm), "body_g": text.gram_stream(doc.body_norm),
        "title": doc.title_norm, "body": doc.body_norm,
    }


def bulk_lines(index_name: str, documents: Iterable[IndexDocument]) -> str:
    """NDJSON for the _bulk API: one `index` action per document (replaces any earlier version)."""
    lines = []
    for doc in documents:
        lines.append(json.dumps({"index": {"_index": index_name, "_id": str(doc.id)}}))
        lines.append(json.dumps(document_body(doc), ensure_ascii=False))
    return "\n".join(lines) + "\n" if lines else ""


def _phrase(field: str, term: str) -> dict:
    if len(term) == 1:
        char = "\\" + term if term in set(r'.?+*|{}[]()"\#@&<>~') else term
        return {"regexp": {field: {"value": f"{char}.?|.{char}"}}}
    return {"match_phrase": {field: {"query": " ".join(text.term_grams(term)), "analyzer": "whitespace"}}}


def _filters(query: SearchQuery) -> list[dict]:
    filters = [{"terms": {"organization_id": list(query.scope)}}] if query.scope is not None else []
    for field, value in (("organization_id", query.organization_id), ("node_ids", query.node_id),
                         ("year", query.year), ("topic", query.topic), ("doc_type", query.doc_type),
                         ("validity", query.validity), ("kind", query.kind)):
        if value:
            filters.append({"term": {field: value}})
    low, high = query.timestamp_range()
    if low is not None or high is not None:
        bounds = {}
        if low is not None:
            bounds["gte"] = low
        if high is not None:
            bounds["lte"] = high
        filters.append({"range": {"published_at": {**bounds, "format": "epoch_second"}}})
    return filters


def _tier_clauses(query: SearchQuery) -> list[dict]:
    def constant(tier, clause):
        return {"constant_score": {"filter": clause, "boost": TIER_SCORES[tier]}}

    clauses = [
        constant(TIER_EXACT_ID, {"bool": {"should": [{"term": {"doc_key": query.doc_key}},
                                                      {"term": {"index_key": query.index_key}}]}}),
        constant(TIER_TITLE_PHRASE, {"bool": {"must": [_phrase("title_g", t) for t in query.terms]}}),
        constant(TIER_PHRASE, {"bool": {"must": [
            {"bool": {"should": [_phrase("title_g", t), _phrase("body_g", t)]}} for t in query.terms
        ]}}),
    ]
    if query.words:
        clauses.append(constant(TIER_WORDS, {"multi_match": {
            "query": " ".join(query.words), "fields": ["title", "body"], "type": "cross_fields",
            "operator": "and", "analyzer": "ik_smart",
        }}))
    return clauses


def search_body(query: SearchQuery) -> dict:
    """The _search request: tiers by dis_max score, newest first, exact total, facets."""
    match = {"dis_max": {"queries": _tier_clauses(query), "tie_breaker": 0.0}} if query.has_text else {"match_all": {}}
    return {
        "query": {"bool": {"must": [match], "filter": _filters(query)}},
        "sort": [{"sort": "desc"}] if query.by_date else [{"_score": "desc"}, {"sort": "desc"}],
        "from": query.offset,
        "size": query.page_size,
        "track_total_hits": True,
        "_source": False,
        "aggs": {name: {"terms": {"field": field, "size": FACET_SIZE}} for name, field in _FACET_FIELDS.items()},
    }


def parse_response(response: dict, query: SearchQuery) -> BackendPage:
    by_score = sorted(TIER_SCORES.items(), key=lambda pair: -pair[1])
    ids, tiers = [], {}
    for hit in response.get("hits", {}).get("hits", []):
        item_id = int(hit["_id"])
        score = hit.get("_score") or 0.0
        tier = next((t for t, s in by_score if score >= s), TIER_WORDS) if query.has_text else 0
        ids.append(item_id)
        tiers[item_id] = tier
    total = response.get("hits", {}).get("total", 0)
    count = total["value"] if isinstance(total, dict) else int(total)
    facets = {
        name: [(bucket["key"], bucket["doc_count"])
               for bucket in response.get("aggregations", {}).get(name, {}).get("buckets", []) if bucket["key"] != ""]
        for name in _FACET_FIELDS
    }
    return BackendPage(count=count, ids=ids, tiers=tiers, facets=facets)


class OpenSearchBackend(SearchBackend):
    name = "opensearch"

    def __init__(self, url: str, index_name: str, client=None):
        self.url = url
        self.index_name = index_name
        self._client = client

    @property
    def client(self):
        if self._client is None:
            from opensearchpy import OpenSearch  # optional dependency: pip install gongkai[opensearch]

            self._client = OpenSearch(hosts=[self.url], timeout=10, max_retries=2, retry_on_timeout=True)
        return self._client

    def ensure_index(self) -> None:
        if not self.client.indices.exists(index=self.index_name):
            self.client.indices.create(index=self.index_name, body=index_definition())

    def index(self, documents: Iterable[IndexDocument]) -> None:
        body = bulk_lines(self.index_name, documents)
        if body:
            self.ensure_index()
            response = self.client.bulk(body=body, refresh="wait_for")
            if response.get("errors"):
                raise RuntimeError(f"bulk indexing reported errors: {json.dumps(response)[:500]}")

    def remove(self, ids: Iterable[int]) -> None:
        ids = [str(i) for i in ids]
        if ids:
            self.client.delete_by_query(index=self.index_name, body={"query": {"ids": {"values": ids}}},
                                        refresh=True, ignore=[404])

    def clear(self) -> None:
        self.client.indices.delete(index=self.index_name, ignore=[404])
        self.ensure_index()

    def count(self) -> int:
        if not self.client.indices.exists(index=self.index_name):
            return 0
        return int(self.client.count(index=self.index_name)["count"])

    def search(self, query: SearchQuery) -> BackendPage:
        response = self.client.search(index=self.index_name, body=search_body(query))
        return parse_response(response, query)
