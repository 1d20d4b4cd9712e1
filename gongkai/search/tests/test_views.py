"""The public search page: results, highlighting, facets, filters, pagination, no JavaScript needed."""

import re
from urllib.parse import urlencode

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from gongkai.publishing.services import record_migrated_item
from gongkai.search import services


@pytest.fixture
def items(org, other_org):
    """Items migrated into two organizations (the quickest way to published items), indexed in one batch."""
    made = []
    for number in range(23):
        owner = org if number % 2 == 0 else other_org
        made.append(record_migrated_item(
            None, owner,
            {"title": f"关于做好第{number}批政务公开工作的通知", "formed_on": timezone.localdate(),
             "body": f"<p>各单位要把政务公开<script>alert(1)</script>作为第{number}项重点。</p>",
             "doc_number": f"源政办字〔2020〕{number + 1}号"},
            [owner.catalog_nodes.first()], timezone.now() - timezone.timedelta(days=number),
        ))
    services.index_items([item.id for item in made])
    return made


def get(client, **params):
    return client.get(reverse("search:results") + "?" + urlencode(params))


@pytest.mark.django_db
def test_results_page_lists_highlighted_hits_with_facets(client, items, org):
    response = get(client, q="政务公开")
    html = response.content.decode()
    assert response.status_code == 200
    assert "共找到 23 条结果" in html
    assert html.count('class="hit"') == 20  # first page
    assert "<mark>政务公开</mark>" in html
    assert "<script>alert(1)</script>" not in html
    assert f"?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80&amp;org={org.id}" in html  # facet link
    assert 'aria-label="搜索结果分页"' in html and "page=2" in html


@pytest.mark.django_db
def test_organization_filter_and_second_page(client, items, org):
    response = get(client, q="政务公开", org=org.id)
    html = response.content.decode()
    assert "共找到 12 条结果" in html and org.name in html
    assert all(f"/xxgk/items/{item.id}/" in html for item in items if item.organization_id == org.id)
    page_two = get(client, q="政务公开", page=2).content.decode()
    assert page_two.count('class="hit"') == 3


@pytest.mark.django_db
def test_a_page_past_the_last_says_so_and_links_to_the_first_and_last_page(client, items):
    response = get(client, q="政务公开", page=11)  # 23 results: 2 pages
    html = response.content.decode()
    assert response.status_code == 200
    assert "共找到 23 条结果" in html
    assert "页码超出范围：没有第 11 页，搜索结果共 2 页。" in html
    assert ">回到第一页</a>" in html and "page=1\">" in html
    assert "page=2\">转到最后一页（第 2 页）</a>" in html
    assert 'class="hit"' not in html


@pytest.mark.django_db
def test_a_page_beyond_the_result_window_still_counts_the_results(client, items):
    response = get(client, q="政务公开", page=501)  # deeper than the 10,000 results served
    html = response.content.decode()
    assert response.status_code == 200
    assert "共找到 23 条结果" in html and "共找到 0 条结果" not in html
    assert "页码超出范围：没有第 501 页，搜索结果共 2 页。" in html
    assert "page=2\">转到最后一页（第 2 页）</a>" in html
    assert "没有找到相关信息" not in html


@pytest.mark.django_db
def test_the_last_page_offered_lies_within_the_result_window(client, items, monkeypatch):
    # With a window that the page size does not divide, the last whole page is the last one offered.
    from gongkai.search import query, views

    monkeypatch.setattr(views, "MAX_RESULT_WINDOW", 5)
    monkeypatch.setattr(query, "MAX_RESULT_WINDOW", 5)
    html = get(client, q="政务公开", page_size=2, page=3).content.decode()
    assert "页码超出范围：没有第 3 页，搜索结果共 2 页。" in html


@pytest.mark.django_db
def test_an_invalid_page_or_page_size_is_named_in_the_notice(client, items):
    html = get(client, q="通知", page="abc", page_size=0).content.decode()
    assert "以下筛选条件无效，已忽略：页码、每页条数" in html and "None" not in html
    assert "共找到 23 条结果" in html


@pytest.mark.django_db
def test_doc_number_with_other_brackets_comes_first(client, items):
    html = get(client, q="源政办字[2020]5号").content.decode()
    first = re.search(r'<h3 class="hit-title"><a href="([^"]+)"', html).group(1)
    assert first == reverse("portal:item", kwargs={"item_id": items[4].id})


HOSTILE_PARAMS = [
    {"q": "公开" * 6000}, {"q": "\x00NEAR(公开*"}, {"q": "公开", "org": "abc", "year": "99999", "topic": "zz"},
    {"q": "公开", "page": "100000"}, {"q": "公开", "page": "-1"}, {"q": "公开", "date_from": "2020-13-45"},
    {"q": "公开", "page_size": "100000"}, {"org": "1"}, {},
]


@pytest.mark.django_db
def test_hostile_or_invalid_parameters_never_fail(client, items):
    for params in HOSTILE_PARAMS:
        response = get(client, **params)
        assert response.status_code == 200, params
        html = response.content.decode()
        if "abc" in params.values():
            assert "以下筛选条件无效，已忽略" in html and "共找到 23 条结果" in html


@pytest.mark.django_db
def test_unpublished_items_are_not_shown_even_if_the_index_lags(client, items):
    from gongkai.publishing.models import InformationItem

    InformationItem.objects.filter(pk=items[0].pk).update(state="deleted")  # index not told
    html = get(client, q="第0批").content.decode()
    assert f"/xxgk/items/{items[0].id}/" not in html


@pytest.mark.django_db
def test_empty_query_asks_for_input(client):
    html = get(client).content.decode()
    assert "请输入要查找的内容" in html


@pytest.mark.django_db
def test_org_search_box_include(org):
    html = render_to_string("search/org_search_box.html", {"organization": org})
    assert f'name="org" value="{org.id}"' in html and 'action="/search/"' in html
    assert f'for="org-search-q-{org.id}"' in html


@pytest.mark.django_db
def test_search_page_in_english(client, items):
    html = client.get("/en/search/?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80").content.decode()
    assert "Found 23 results" in html and "Narrow the results" in html and "站内搜索" not in html


@pytest.mark.django_db
def test_an_overlong_query_is_cut_and_said_so(client):
    response = client.get("/search/", {"q": "长" * 2000, "org": "99999999999999999999999"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "搜索词过长（2000 个字），只按前 200 个字搜索。" in body
    assert "长" * 201 not in body  # neither the box nor a link repeats the rest
    assert len(body) < 200_000


@pytest.mark.django_db
def test_snippets_cut_from_the_indexed_text_are_those_of_the_body(items):
    """The embedded index hands over each body's plain text: the snippets and title highlights are the
    ones cut from the bodies in the database (no script text, the terms marked)."""
    from gongkai.core.sanitize import html_to_text
    from gongkai.search.highlight import highlight, snippet
    from gongkai.search.query import SearchQuery

    results = services.search(SearchQuery(q="政务公开"))
    assert len(results.hits) == 20
    for hit in results.hits:
        body = type(hit.item).objects.get(pk=hit.item.pk).body
        assert hit.snippet_html == snippet(html_to_text(body), ["政务公开"])
        assert hit.title_html == highlight(hit.item.title, ["政务公开"])
        assert "<mark>政务公开</mark>" in hit.snippet_html and "alert" not in hit.snippet_html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/search/", "/api/v1/search", "/api/v1/documents"])
def test_a_page_of_twenty_hits_costs_the_same_queries_as_one_hit(client, items, path):
    """The service reads only some columns of the page's items (hits.HIT_FIELDS): nothing the page,
    the API or the service itself shows may be loaded again item by item."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(q: str) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, {"q": q})
        assert response.status_code == 200
        shown = response.content.decode().count('class="hit"') if path == "/search/" else len(response.json()["results"])
        return len(captured), shown

    queries("通知")  # the per-process caches (site, names, labels) filled
    (twenty, twenty_shown), (one, one_shown) = queries("政务公开"), queries("第1批")  # one title, a few scattered words
    assert twenty_shown == 20 and one_shown < 5
    assert twenty <= one  # (the few hits may cost the attachment check, one query)


@pytest.mark.django_db
@pytest.mark.parametrize("fails", ["search_started", "counting"])
def test_a_backend_failure_while_counting_is_reported_not_raised(items, monkeypatch, fails):
    from concurrent.futures import Future

    from gongkai.search.backends import get_backend
    from gongkai.search.query import SearchQuery

    backend, started = get_backend(), get_backend().search_started

    def failing(query):
        if fails == "search_started":
            raise RuntimeError("engine gone")
        page, counting = started(query), Future()
        page.complete()
        counting.set_exception(RuntimeError("engine gone while counting"))
        page.pending = counting
        return page

    monkeypatch.setattr(backend, "search_started", failing)
    results = services.search(SearchQuery(q="政务公开"))
    assert results.unavailable and not results.hits and results.count == 0


@pytest.fixture
def items_in_many_units(db):
    """One item in each of eleven units: the unit facet has eleven values."""
    from gongkai.catalog.services import ensure_catalog
    from gongkai.organizations.factories import OrganizationFactory

    made = []
    for number in range(11):
        owner = OrganizationFactory(name=f"沂源县第{number + 1}测试局")
        ensure_catalog(owner)
        made.append(record_migrated_item(
            None, owner, {"title": f"第{number}号政务公开通知", "formed_on": timezone.localdate(), "body": "<p>政务公开</p>"},
            [owner.catalog_nodes.first()], timezone.now() - timezone.timedelta(days=number),
        ))
    services.index_items([item.id for item in made])
    return made


def _unit_facet(html: str) -> str:
    return html.split('id="facet-organization"', 1)[1].split("</nav>", 1)[0]


@pytest.mark.django_db
def test_a_long_facet_shows_eight_values_and_folds_the_rest_under_more(client, items_in_many_units):
    facet = _unit_facet(get(client, q="政务公开").content.decode())
    shown, folded = facet.split('<details class="facet-more">', 1)
    assert shown.count("<li>") == 8
    assert folded.count("<li>") == 3 and "其余 3 项" in folded  # one tap away, no script needed


def test_a_selected_facet_value_is_never_folded_away():
    """Filters narrow the facets today, but a kept value ranked past the eighth (the type facet's
    公报 bucket is appended last) must keep its 「点击取消」 link in view."""
    from gongkai.search.views import _split_values

    values = [{"label": f"单位{n}", "selected": n == 10} for n in range(12)]
    shown, more = _split_values(values)
    assert [v["label"] for v in shown][-1] == "单位10" and len(shown) == 9
    assert "单位10" not in [v["label"] for v in more] and len(more) == 3


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["政务\x00公开", "政务\x1b公开\x7f"])
def test_control_characters_in_the_query_are_dropped_from_the_box_and_the_search(client, items, typed):
    """A NUL in ?q= showed in the search box as 「�」 and split the words in two: the query is searched, echoed
    and linked as if the control characters had not been typed."""
    plain = get(client, q="政务公开")
    response = get(client, q=typed)
    html = response.content.decode()
    assert 'name="q" type="search" value="政务公开"' in html
    assert not any(char in html for char in "\x00\x1b\x7f\ufffd")
    assert not any(escaped in html.upper() for escaped in ("%00", "%1B", "%7F"))  # nor a link, 订阅此检索 included
    assert response.context["query"].terms == plain.context["query"].terms == ["政务公开"]
    assert response.context["results"].count == plain.context["results"].count > 0
