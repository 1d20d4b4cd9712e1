"""Each 规范性文件 hit of the search page says its state, as the public pages name it (有效, 尚未施行, 已废止 …),
in words (not a colour alone) and in the reader's language; the open API's /search gives it per result too.
Other information has no 有效性 and shows none."""

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.publishing.factories import published_item
from gongkai.search import services as search

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(ahead, in_force, ended, org, editor, reviewer):
    notice = published_item(org, editor, reviewer, title="沂源县道路养护工作通知",
                            formed_on=timezone.localdate())
    ids = [ahead.item_id, in_force.item_id, ended.item_id, notice.id]
    search.index_items(ids)
    return ahead, in_force, ended, notice


def _hit(page: str, title: str) -> str:
    start = page.index(f">{title}<") if f">{title}<" in page else page.index(title)
    start = page.rindex('<li class="hit">', 0, start)
    return page[start:page.index("</li>", start)]


def test_each_normative_hit_says_its_state(client, indexed):
    ahead, in_force, ended, notice = indexed
    page = client.get(reverse("search:results"), {"q": "沂源县"}).content.decode()
    assert "有效性：尚未施行" in _hit(page, "农村公路") and "validity-not_yet" in _hit(page, "农村公路")
    assert "有效性：有效" in _hit(page, "城市道路")
    assert "有效性：已废止" in _hit(page, "城区养犬")
    assert "有效性" not in _hit(page, "道路养护工作通知")
    english = client.get("/en" + reverse("search:results"), {"q": "沂源县"}).content.decode()
    assert "Validity: Not yet in force" in _hit(english, "农村公路")
    assert "Validity: Repealed" in _hit(english, "城区养犬")


def test_the_api_search_result_carries_the_state(client, indexed):
    ahead, in_force, ended, notice = indexed
    results = {r["id"]: r for r in client.get("/api/v1/search", {"q": "沂源县"}).json()["results"]}
    assert (results[ahead.item_id]["validity"], results[ahead.item_id]["validity_label"]) == ("not_yet", "尚未施行")
    assert results[ended.item_id]["validity"] == "repealed" and results[in_force.item_id]["validity"] == "valid"
    assert results[notice.id]["validity"] == "" and results[notice.id]["validity_label"] == ""
