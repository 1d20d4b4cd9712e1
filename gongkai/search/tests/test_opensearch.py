"""The OpenSearch/Elasticsearch backend without a server: request bodies and response parsing.

No cluster is available in CI; these tests check what we send and how we read answers. The backend
is untested against a live server (docs/search.md says so).
"""

import json

import pytest

from gongkai.search.backends.opensearch import (
    OpenSearchBackend,
    bulk_lines,
    index_definition,
    parse_response,
    search_body,
)
from gongkai.search.query import TIER_EXACT_ID, TIER_PHRASE, TIER_TITLE_PHRASE, TIER_WORDS, SearchQuery
from gongkai.search.tests.conftest import make_doc


class FakeClient:
    """Records calls the way opensearch-py's client receives them."""

    def __init__(self, response=None):
        self.calls = []
        self.response = response or {"hits": {"total": {"value": 0}, "hits": []}}
        self.indices = self

    def exists(self, index):
        self.calls.append(("exists", index))
        return False

    def create(self, index, body):
        self.calls.append(("create", index, body))

    def delete(self, index, ignore=None):
        self.calls.append(("delete", index))

    def bulk(self, body, refresh=None):
        self.calls.append(("bulk", body))
        return {"errors": False}

    def delete_by_query(self, index, body, refresh=None, ignore=None):
        self.calls.append(("delete_by_query", index, body))

    def search(self, index, body):
        self.calls.append(("search", index, body))
        return self.response


def test_mapping_uses_ik_for_words_and_whitespace_for_bigrams():
    mappings = index_definition()["mappings"]["properties"]
    assert mappings["title"] == {"type": "text", "analyzer": "ik_max_word", "search_analyzer": "ik_smart"}
    assert mappings["body_g"]["analyzer"] == "whitespace" and mappings["body_g"]["index_options"] == "positions"
    assert mappings["doc_key"] == {"type": "keyword"}


def test_bulk_lines_replace_documents_by_id():
    doc = make_doc(7, "关于政务公开的通知", "正文", doc_number="源政办字[2020]66号")
    action, source = bulk_lines("gk", [doc]).splitlines()
    assert json.loads(action) == {"index": {"_index": "gk", "_id": "7"}}
    body = json.loads(source)
    assert body["doc_key"] == "源政办字〔2020〕66号"
    assert body["title_g"].startswith("关于 于政 政务 务公 公开")


def test_search_body_is_structured_never_a_query_string():
    query = SearchQuery(q='政务公开 "NEAR(x* -y', organization_id=3, year=2020, page=2, page_size=10)
    body = search_body(query)
    serialized = json.dumps(body, ensure_ascii=False)
    assert "query_string" not in serialized and "simple_query_string" not in serialized
    clauses = body["query"]["bool"]["must"][0]["dis_max"]["queries"]
    assert [c["constant_score"]["boost"] for c in clauses] == [8.0, 4.0, 2.0, 1.0]
    title_phrases = clauses[1]["constant_score"]["filter"]["bool"]["must"]
    assert title_phrases[0] == {"match_phrase": {"title_g": {"query": "政务 务公 公开", "analyzer": "whitespace"}}}
    assert {"term": {"organization_id": 3}} in body["query"]["bool"]["filter"]
    assert body["from"] == 10 and body["size"] == 10 and body["track_total_hits"] is True
    assert body["sort"] == [{"_score": "desc"}, {"sort": "desc"}]
    assert set(body["aggs"]) == {"kind", "organization", "node", "year", "topic", "doc_type", "validity"}


def test_single_character_terms_are_escaped_regexps():
    body = search_body(SearchQuery(q="*"))
    regexp = body["query"]["bool"]["must"][0]["dis_max"]["queries"][1]["constant_score"]["filter"]["bool"]["must"][0]
    assert regexp == {"regexp": {"title_g": {"value": "\\*.?|.\\*"}}}


def test_response_scores_map_back_to_tiers():
    response = {
        "hits": {"total": {"value": 4}, "hits": [
            {"_id": "1", "_score": 8.0}, {"_id": "2", "_score": 4.0}, {"_id": "3", "_score": 2.0},
            {"_id": "4", "_score": 1.0},
        ]},
        "aggregations": {"organization": {"buckets": [{"key": 5, "doc_count": 4}]},
                         "validity": {"buckets": [{"key": "", "doc_count": 2}, {"key": "valid", "doc_count": 2}]}},
    }
    page = parse_response(response, SearchQuery(q="公开"))
    assert page.ids == [1, 2, 3, 4] and page.count == 4
    assert page.tiers == {1: TIER_EXACT_ID, 2: TIER_TITLE_PHRASE, 3: TIER_PHRASE, 4: TIER_WORDS}
    assert page.facets["organization"] == [(5, 4)] and page.facets["validity"] == [("valid", 2)]


def test_backend_creates_the_index_then_bulk_indexes_and_searches():
    client = FakeClient()
    backend = OpenSearchBackend(url="http://search.invalid:9200", index_name="gk", client=client)
    backend.index([make_doc(1, "标题", "正文")])
    assert [c[0] for c in client.calls] == ["exists", "create", "bulk"]
    backend.remove([1, 2])
    assert client.calls[-1] == ("delete_by_query", "gk", {"query": {"ids": {"values": ["1", "2"]}}})
    assert backend.search(SearchQuery(q="标题")).count == 0
    assert client.calls[-1][0] == "search"


def test_real_client_is_built_lazily_from_the_url():
    pytest.importorskip("opensearchpy", reason="optional dependency: pip install gongkai[opensearch]")
    backend = OpenSearchBackend(url="http://search.invalid:9200", index_name="gk")
    assert backend.client.transport.hosts[0]["host"] == "search.invalid"
