"""Search (index, facets, filter) and the open API show the state the pages show (`regulations.status` through
`publishing.validity`): a document whose 施行日期 is still ahead is 尚未施行 there too, not 「有效」."""


import pytest
from django.urls import reverse

from gongkai.search import services as search

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(ahead, in_force):
    search.index_items([ahead.item_id, in_force.item_id])
    return ahead, in_force


def _facet(page: str, name: str) -> str:
    start = page.index(f'id="facet-{name}"')
    return page[start:page.index("</nav>", start)]


def test_the_search_facet_and_filter_say_not_yet_in_force(client, indexed):
    ahead, in_force = indexed
    url = reverse("search:results")
    facet = _facet(client.get(url, {"q": "养护"}).content.decode(), "validity")
    assert "尚未施行<span class=\"count\">（1）" in facet and "有效<span class=\"count\">（1）" in facet
    page = client.get(url, {"q": "养护", "validity": "not_yet"}).content.decode()
    assert "沂源县农村<mark>公路养护</mark>办法" in page or "沂源县农村公路<mark>养护</mark>办法" in page
    assert "城市道路" not in page and "有效性：尚未施行" in page  # the active filter names it
    page = client.get(url, {"q": "养护", "validity": "valid"}).content.decode()
    assert "城市道路" in page and "农村公路" not in page
    english = _facet(client.get("/en" + url, {"q": "养护"}).content.decode(), "validity")
    assert "Not yet in force" in english


def test_the_api_reports_not_yet_in_force(client, indexed):
    ahead, in_force = indexed
    detail = client.get(f"/api/v1/documents/{ahead.item_id}").json()
    assert (detail["validity"], detail["validity_label"]) == ("not_yet", "尚未施行")
    listed = {d["id"]: d["validity"] for d in client.get("/api/v1/documents").json()["results"]}
    assert listed == {ahead.item_id: "not_yet", in_force.item_id: "valid"}
    assert [d["id"] for d in client.get("/api/v1/documents?validity=not_yet").json()["results"]] == [ahead.item_id]
    assert [d["id"] for d in client.get("/api/v1/documents?validity=valid").json()["results"]] == [in_force.item_id]
    found = client.get("/api/v1/documents?q=养护").json()["results"]
    assert {d["id"]: d["validity"] for d in found} == {ahead.item_id: "not_yet", in_force.item_id: "valid"}
    facets = {v["value"]: (v["label"], v["count"]) for v in client.get("/api/v1/search?q=养护").json()["facets"]["validity"]}
    assert facets == {"not_yet": ("尚未施行", 1), "valid": ("有效", 1)}
    assert client.get("/api/v1/search?q=养护&validity=not_yet").json()["count"] == 1


def test_on_the_effective_date_the_index_says_in_force(client, indexed, today):
    """Indexed again on its 施行日期 (the periodic job announces it: test_state_changes.py), it is 有效."""
    from unittest import mock

    ahead, _in_force = indexed
    with mock.patch("django.utils.timezone.localdate", return_value=ahead.effective_from):
        search.index_items([ahead.item_id])
        detail = client.get(f"/api/v1/documents/{ahead.item_id}").json()
        facets = {v["value"]: v["count"] for v in client.get("/api/v1/search?q=养护").json()["facets"]["validity"]}
    assert detail["validity"] == "valid" and facets == {"valid": 2}
