"""The contract every backend keeps (gongkai/search/backends/__init__.py), checked on real text.

Runs for the embedded backend everywhere and for the PostgreSQL backend on PostgreSQL.
"""

import random

import pytest

from gongkai.search import text
from gongkai.search.query import TIER_EXACT_ID, TIER_PHRASE, TIER_TITLE_PHRASE, TIER_WORDS, SearchQuery
from gongkai.search.tests.conftest import corpus_sentences, make_doc

# The postgres variant asks for the database inside the `backend` fixture; pytest-django only creates
# test databases that collected tests declare, so declare it here (run alone, the file would otherwise
# reach the development database).
pytestmark = pytest.mark.django_db

ALL = 5000  # page size that returns every hit of the small corpora below


def build_corpus(seed: int = 7, size: int = 240):
    rng = random.Random(seed)
    sentences = corpus_sentences()
    extras = ["12345政务服务热线", "App下载", "ABC公司", "2020年", "源政办字〔2020〕66号", "COVID-19疫情"]
    docs = []
    for doc_id in range(1, size + 1):
        title = rng.choice(sentences)[:40]
        parts = rng.sample(sentences, 4)
        if doc_id % 5 == 0:
            parts.insert(rng.randrange(len(parts)), rng.choice(extras))
        docs.append(make_doc(doc_id, title, "".join(parts), days_ago=rng.randrange(2000),
                             organization_id=1 + doc_id % 3, node_ids=[10 + doc_id % 4],
                             topic=f"{1 + doc_id % 5:02d}", validity="valid" if doc_id % 2 else ""))
    return docs


def sample_queries(seed: int = 11, count: int = 160) -> list[str]:
    """Substrings of the corpus of 2 to 7 characters, cut anywhere (mostly across jieba words)."""
    rng = random.Random(seed)
    sentences = corpus_sentences()
    queries = {"依申请", "信息公开", "政务公开", "公开", "2020", "2020年", "66号", "源政办字〔2020〕66号",
               "行政处罚决定", "12345", "app", "ABC", "covid-19", "务公", "开工", "府信", "的", "公", "9", "〔"}
    while len(queries) < count:
        sentence = rng.choice(sentences)
        size = rng.randint(2, 7)
        if len(sentence) <= size:
            continue
        start = rng.randrange(len(sentence) - size)
        piece = sentence[start : start + size]
        if not any(ch.isspace() for ch in piece):
            queries.add(piece)
    return sorted(queries)


def substring_truth(docs, query: str) -> set[int]:
    """The plain substring scan the search is compared with."""
    needle = text.normalize(query)
    return {d.id for d in docs if needle in d.title_norm or needle in d.body_norm}


def test_every_document_containing_the_query_is_found(backend):
    docs = build_corpus()
    backend.index(docs)
    queries = sample_queries()
    for query in queries:
        page = backend.search(SearchQuery(q=query, page_size=ALL))
        truth = substring_truth(docs, query)
        found = set(page.ids)
        assert truth <= found, f"{query!r} missed {sorted(truth - found)[:5]}"
        exact = {i for i, tier in page.tiers.items() if tier >= TIER_PHRASE}
        assert exact == truth, f"{query!r}: phrase tiers must be exactly the substring matches"
        assert page.count == len(page.ids) == len(found)


def test_multi_term_queries_need_every_term(backend):
    docs = build_corpus()
    backend.index(docs)
    page = backend.search(SearchQuery(q="政务公开  行政", page_size=ALL))
    truth = substring_truth(docs, "政务公开") & substring_truth(docs, "行政")
    assert truth and truth <= set(page.ids)
    assert {i for i, t in page.tiers.items() if t >= TIER_PHRASE} == truth


def test_tiers_then_recency(backend):
    backend.index([
        make_doc(1, "其他事项", "正文提到了营商环境政务公开。", days_ago=1),
        make_doc(2, "关于营商环境政务公开的通知", "正文", days_ago=30),
        make_doc(3, "营商环境政务公开意见", "正文", days_ago=3),
        make_doc(4, "政务公开要点", "持续优化营商环境", days_ago=0),  # the two words, scattered
        make_doc(5, "政务公开", "无关", days_ago=0),
    ])
    page = backend.search(SearchQuery(q="营商环境政务公开"))
    assert page.ids[:3] == [3, 2, 1]  # title matches (newest first), then the body match
    assert page.tiers[3] == page.tiers[2] == TIER_TITLE_PHRASE and page.tiers[1] == TIER_PHRASE
    assert page.ids[3:] == [4] and page.tiers[4] == TIER_WORDS
    assert page.count == 4
    # Terms that are each one jieba word: all the words present means every term present, so the
    # words tier is skipped; the scattered document 4 is then a (body) phrase match for both terms.
    both = backend.search(SearchQuery(q="营商环境 政务公开"))
    assert not SearchQuery(q="营商环境 政务公开").words_add_matches
    assert both.ids == [3, 2, 4, 1] and both.tiers[4] == TIER_PHRASE and both.count == 4


@pytest.mark.parametrize("typed", [
    "源政办字〔2020〕66号", "源政办字[2020]66号", "源政办字(2020)66号", "源政办字［2020］66号",
    "源政办字（2020）66号", " 源政办字 [2020] 66号 ",
])
def test_doc_number_finds_its_document_first(backend, typed):
    backend.index([
        make_doc(1, "关于印发沂源县2020年政务公开工作要点的通知", "正文", days_ago=300,
                 doc_number="源政办字〔2020〕66号"),
        make_doc(2, "转发通知", "根据源政办字〔2020〕66号文件要求……", days_ago=1),
        make_doc(3, "另一份通知", "正文", days_ago=0, doc_number="源政办字〔2020〕67号"),
    ])
    page = backend.search(SearchQuery(q=typed))
    assert page.ids[0] == 1 and page.tiers[1] == TIER_EXACT_ID
    assert 3 not in page.ids


def test_index_no_finds_its_document_first(backend):
    backend.index([
        make_doc(1, "被查找的信息", "正文", days_ago=100, index_no="11371323004365180X/2020-00066"),
        make_doc(2, "更新的信息", "索引号 11371323004365180X/2020-00066 在正文中", days_ago=0),
    ])
    page = backend.search(SearchQuery(q="11371323004365180x/2020-00066"))
    assert page.ids == [1, 2]


def test_facets_and_filters(backend):
    docs = build_corpus(size=60)
    backend.index(docs)
    page = backend.search(SearchQuery(q="公开", page_size=ALL))
    matched = [d for d in docs if d.id in set(page.ids)]
    orgs = dict(page.facets["organization"])
    assert orgs == {org: sum(1 for d in matched if d.organization_id == org) for org in {1, 2, 3}}
    assert sum(count for _v, count in page.facets["node"]) == len(matched)
    assert dict(page.facets["validity"]) == {"valid": sum(1 for d in matched if d.validity == "valid")}
    narrowed = backend.search(SearchQuery(q="公开", organization_id=2, topic="03", page_size=ALL))
    expected = {d.id for d in matched if d.organization_id == 2 and d.topic == "03"}
    assert set(narrowed.ids) == expected and narrowed.count == len(expected)
    scoped = backend.search(SearchQuery(q="公开", scope=(1, 3), page_size=ALL))
    assert set(scoped.ids) == {d.id for d in matched if d.organization_id in (1, 3)}
    assert backend.search(SearchQuery(q="公开", scope=())).count == 0
    year = matched[0].year
    by_year = backend.search(SearchQuery(q="公开", year=year, page_size=ALL))
    assert set(by_year.ids) == {d.id for d in matched if d.year == year}


def test_content_type_facet_and_filter_and_sort_by_date(backend):
    docs = [make_doc(1, "政务公开工作要点", kind="normative", days_ago=9),
            make_doc(2, "关于防汛的通知", "做好政务公开。", days_ago=1),
            make_doc(3, "政务公开解读", kind="interpretation", days_ago=5)]
    backend.index(docs)
    page = backend.search(SearchQuery(q="政务公开", page_size=ALL))
    assert dict(page.facets["kind"]) == {"normative": 1, "item": 1, "interpretation": 1}
    assert page.ids == [3, 1, 2]  # title matches first, newest first within a tier
    assert backend.search(SearchQuery(q="政务公开", sort="date", page_size=ALL)).ids == [2, 3, 1]
    only = backend.search(SearchQuery(q="政务公开", kind="normative", page_size=ALL))
    assert (only.ids, only.count) == ([1], 1)


def test_count_is_exact_with_more_organizations_than_facet_buckets(backend):
    from gongkai.search.query import FACET_SIZE

    docs = [make_doc(i, f"第{i}个单位的政务公开通知", organization_id=1000 + i % (FACET_SIZE + 17), days_ago=i)
            for i in range(1, 3 * FACET_SIZE)]
    backend.index(docs)
    page = backend.search(SearchQuery(q="政务公开", page_size=10))
    assert page.count == len(docs)
    assert len(page.facets["organization"]) == FACET_SIZE  # the 17 smallest are left out of the facet
    assert backend.search(SearchQuery(q="政务公开", organization_id=1001)).count == 3


def test_date_range_filter_is_inclusive_by_local_day(backend):
    docs = [make_doc(i, "政务公开", "", days_ago=i) for i in range(1, 8)]
    backend.index(docs)
    first, last = docs[4].published_at, docs[1].published_at  # 5 and 2 days ago
    from django.utils import timezone

    page = backend.search(SearchQuery(q="政务公开", date_from=timezone.localdate(first),
                                      date_to=timezone.localdate(last)))
    assert set(page.ids) == {2, 3, 4, 5}


def test_pagination_covers_every_hit_once(backend):
    docs = build_corpus(size=90)
    backend.index(docs)
    seen = []
    for number in range(1, 20):
        page = backend.search(SearchQuery(q="公开", page=number, page_size=7))
        seen.extend(page.ids)
    full = backend.search(SearchQuery(q="公开", page_size=ALL))
    assert seen == full.ids and len(set(seen)) == full.count


def test_update_and_remove(backend):
    backend.index([make_doc(1, "旧标题", "正文"), make_doc(2, "旧标题", "正文")])
    backend.index([make_doc(1, "新标题", "正文")])
    assert backend.search(SearchQuery(q="新标题")).ids == [1]
    assert backend.search(SearchQuery(q="旧标题")).ids == [2]
    backend.remove([2, 999])
    assert backend.search(SearchQuery(q="旧标题")).ids == []
    assert not backend.is_empty() and backend.count() == 1
    backend.clear()
    assert backend.search(SearchQuery(q="正文")).count == 0
    assert backend.is_empty() and backend.count() == 0


HOSTILE = [
    '"', "NEAR(政务 公开)", "政务 NEAR/2 公开", "*", "公开*", "-公开", "+公开", "(((", ")", "[", "]", "{", "\\",
    "AND OR NOT", "公开' OR '1'='1", "'; DROP TABLE search_pg_entry; --", "%", "_", "%公开%", "~", "^", "$", "|",
    "&&", "!", "title:公开", "a" * 10240, "公开" * 5000, "\u200b\u2063", "\ud800", "😀", "\t\n", ".*", "?", "#",
]
# Plain text in hostile clothing: each of these must find document 1 ("政务公开工作要点").
FOUND = ["\x00\x01政务\x1f公开", "政务\u200b公开", "(括号)", "* 和", "%", "政务公开\ud800", "\ufeff政务公开"]


def test_hostile_queries_are_plain_text(backend):
    backend.index([make_doc(1, "政务公开工作要点", "含有 * 和 (括号) 与 % 的正文"), make_doc(2, "标题", "正文")])
    for query in HOSTILE + FOUND:
        page = backend.search(SearchQuery(q=query))
        assert page.count == len(page.ids), repr(query)
        if query in FOUND:
            assert {1} == set(page.ids) & {1, 2}, repr(query)


def test_a_page_handed_over_before_its_count_completes_to_the_same_page(backend):
    """`search_started` may return the page while the total and facets are still counted (the service
    reads the page's items meanwhile); completed, it is exactly what `search` returns."""
    backend.index(build_corpus(size=60))
    for q in ["政务公开", "公开", "源政办字[2020]66号", "政务 公开"]:
        started = backend.search_started(SearchQuery(q=q))
        ids = list(started.ids)
        completed = started.complete()
        assert completed.pending is None and completed.ids == ids
        assert completed == backend.search(SearchQuery(q=q))
        assert completed.count > 0 and completed.facets["organization"]
