"""A result shows what the index stored only while that is the item as it is in the database."""

import pytest
from django.utils import timezone

from gongkai.publishing.models import InformationItem
from gongkai.publishing.services import record_migrated_item
from gongkai.search import services, text
from gongkai.search.highlight import snippet
from gongkai.search.hits import HIT_FIELDS
from gongkai.search.query import SearchQuery

SHOWN = [name for name in HIT_FIELDS if "__" not in name]


@pytest.fixture
def items(org, other_org):
    made = []
    for number in range(6):
        owner = org if number % 2 == 0 else other_org
        made.append(record_migrated_item(
            None, owner,
            {"title": f"关于做好第{number}批营商环境工作的通知", "formed_on": timezone.localdate(),
             "body": f"<p>优化营商环境，第{number}项。</p>", "summary": f"概述{number}", "keywords": "营商 环境",
             "doc_number": f"源政办字〔2021〕{number + 1}号", "topic": "05", "doc_type": "通知", "validity": "valid"},
            [owner.catalog_nodes.first()], timezone.now() - timezone.timedelta(days=number),
        ))
    services.index_items([item.id for item in made])
    return made


def search(q: str):
    return services.search(SearchQuery(q=q))


@pytest.mark.django_db
def test_hits_show_what_the_database_holds(items):
    results = search("营商环境")
    assert [hit.item.id for hit in results.hits] == [item.id for item in items]
    for hit in results.hits:
        stored = InformationItem.objects.select_related("organization").get(pk=hit.item.pk)
        assert {name: getattr(hit.item, name) for name in SHOWN} == {name: getattr(stored, name) for name in SHOWN}
        assert hit.item.organization.display_name == stored.organization.display_name
        assert hit.item.organization.name == stored.organization.name
    assert results.hits[0].item.body == InformationItem.objects.get(pk=results.hits[0].item.pk).body  # loaded when read


@pytest.mark.django_db
def test_an_item_changed_behind_the_index_shows_as_it_is_now(items):
    changed = items[2]
    InformationItem.objects.filter(pk=changed.pk).update(  # as an edit whose re-indexing is still queued
        title="关于做好第2批营商环境工作的补充通知", doc_number="源政办字〔2021〕99号", updated_at=timezone.now())
    hit = next(hit for hit in search("营商环境").hits if hit.item.id == changed.id)
    assert hit.item.title == "关于做好第2批营商环境工作的补充通知"
    assert hit.item.doc_number == "源政办字〔2021〕99号"
    assert "补充通知" in hit.title_html


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["withdrawn", "deleted", "draft"])
def test_an_item_no_longer_live_never_shows_though_the_index_holds_it(items, state):
    InformationItem.objects.filter(pk=items[1].pk).update(state=state)  # the index not told
    results = search("营商环境")
    assert items[1].id not in [hit.item.id for hit in results.hits]
    assert len(results.hits) == len(items) - 1


@pytest.mark.django_db
def test_a_renamed_organization_shows_its_new_name_at_once(items, org):
    org.name, org.short_name = "沂源县营商环境建设局", ""
    org.save()
    names = {hit.item.organization.display_name for hit in search("营商环境").hits if hit.item.organization_id == org.id}
    assert names == {"沂源县营商环境建设局"}


@pytest.mark.django_db
def test_snippets_and_titles_mark_the_terms(items):
    for hit in search("营商环境").hits:
        assert "<mark>营商环境</mark>" in hit.title_html
        assert hit.snippet_html.startswith("优化<mark>营商环境</mark>")


def _reference_snippet(original: str, needles: list[str], length: int = 140) -> str:
    """The snippet as cut before it looked only at its window: every match found, merged, clipped."""
    from html import escape

    normalized = text.normalize(original)
    found = sorted((at, at + len(n)) for n in needles if n for at in range(len(normalized)) if normalized.startswith(n, at))
    merged: list[list[int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(end, merged[-1][1])
        else:
            merged.append([start, end])
    start = max(0, merged[0][0] - 30) if merged else 0
    end = min(len(original), start + length)
    start = max(0, end - length) if end - start < length else start
    parts, cursor = [], start
    for low, high in merged:
        low, high = max(low, start), min(high, end)
        if high > low:
            parts += [escape(original[cursor:low]), f"<mark>{escape(original[low:high])}</mark>"]
            cursor = high
    parts.append(escape(original[cursor:end]))
    return ("…" if start > 0 else "") + "".join(parts) + ("…" if end < len(original) else "")


def test_snippets_mark_every_match_in_their_window_exactly_as_a_scan_of_the_whole_text():
    import random

    rng = random.Random(7)
    alphabet = "政务公开信息条例ＡＢab<&>\n 　，。"
    for _ in range(3000):
        original = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        needles = ["".join(rng.choice(alphabet[:8] + "ab") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 3))]
        length = rng.choice([5, 40, 140])
        assert snippet(original, needles, length) == _reference_snippet(original, needles, length), (original, needles)


@pytest.mark.django_db
def test_a_kept_search_still_hides_an_item_withdrawn_since(items):
    """The second identical search reuses the page the index gave (backends/kept.py), never its verdict
    on what may be shown."""
    assert items[3].id in [hit.item.id for hit in search("营商环境").hits]
    InformationItem.objects.filter(pk=items[3].pk).update(state="withdrawn")  # the index not told yet
    results = search("营商环境")
    assert items[3].id not in [hit.item.id for hit in results.hits] and len(results.hits) == len(items) - 1


def test_a_kept_page_and_its_counts_never_outlive_a_commit(fast_tmp_dir):
    from gongkai.search.backends.embedded import EmbeddedBackend
    from gongkai.search.tests.conftest import make_doc

    backend = EmbeddedBackend(path=str(fast_tmp_dir))
    backend.index([make_doc(1, "营商环境一", organization_id=1), make_doc(2, "营商环境二", organization_id=2)])
    first = backend.search(SearchQuery(q="营商环境"))
    assert backend.search(SearchQuery(q=" 营商环境 ")) == first  # kept: the same normalized query
    assert first.count == 2 and sum(n for _org, n in first.facets["organization"]) == 2

    other = EmbeddedBackend(path=str(fast_tmp_dir))  # another process publishing
    other.index([make_doc(3, "营商环境三", organization_id=2)])
    again = backend.search(SearchQuery(q="营商环境"))
    assert sorted(again.ids) == [1, 2, 3]
    assert again.count == 3 and dict(again.facets["organization"]) == {1: 1, 2: 2}
    other.remove([1])
    assert sorted(backend.search(SearchQuery(q="营商环境")).ids) == [2, 3]
    other.clear()
    assert backend.search(SearchQuery(q="营商环境")).count == 0
