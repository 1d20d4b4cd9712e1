"""The fragment cache (gongkai/portal/fragments.py): cached parts of the public pages refresh as soon as
what they show changes, never mix languages or sites, and the pages need few queries once cached."""

import os
import re
import time
from pathlib import Path

import pytest
from django.urls import reverse

from gongkai.catalog.models import CatalogNode
from gongkai.catalog.services import node_by_key
from gongkai.core.preferences import COOKIE_NAME
from gongkai.portal import fragments
from gongkai.portal.models import SiteProfile
from gongkai.publishing import services
from gongkai.publishing.factories import published_item
from gongkai.publishing.models import InformationItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(org):
    return SiteProfile.objects.create(name="测试县人民政府", root_organization=org, sponsor="测试县人民政府办公室")


@pytest.fixture
def reader(client):
    """A reader with a 字号 preference: every page is rendered by Django (never a stored page file)."""
    client.cookies[COOKIE_NAME] = "l"
    return client


def sidebar_count(html: str, name: str) -> str | None:
    nav = html.split('id="catalog-nav"', 1)[1].split("</nav>", 1)[0]
    found = re.search(rf'>{re.escape(name)} <span class="count">([^<]*)</span>', nav)
    return found.group(1) if found else None


def test_a_published_item_shows_at_once_in_cached_lists_trees_modules_and_feeds(reader, profile, org, editor,
                                                                                reviewer):
    news = node_by_key(org, "plan.news")
    published_item(org, editor, reviewer, nodes=[news], title="关于第一条要闻的通知")
    pages = {"home": reverse("portal:home"), "column": reverse("portal:org_column", args=[org.id]),
             "node": reverse("portal:node", args=[org.id, news.id]), "rss": reverse("feeds:latest_rss")}
    before = {name: reader.get(url).content.decode() for name, url in pages.items()}
    assert sidebar_count(before["node"], news.name) == "1"

    published_item(org, editor, reviewer, nodes=[news], title="关于第二条要闻的通知")
    after = {name: reader.get(url).content.decode() for name, url in pages.items()}
    for name, html in after.items():
        assert "关于第二条要闻的通知" in html, name
    assert sidebar_count(after["node"], news.name) == "2"
    assert sidebar_count(after["column"], news.name) == "2"


def test_a_withdrawn_item_leaves_the_cached_lists_and_its_page_says_so(reader, profile, org, editor, reviewer):
    news = node_by_key(org, "plan.news")
    item = published_item(org, editor, reviewer, nodes=[news], title="关于将要撤回的通知")
    node_url, item_url = reverse("portal:node", args=[org.id, news.id]), reverse("portal:item", args=[item.id])
    assert "关于将要撤回的通知" in reader.get(node_url).content.decode()
    assert "notice-withdrawn" not in reader.get(item_url).content.decode()

    services.withdraw(reviewer, item, "内容有误")
    assert "关于将要撤回的通知" not in reader.get(node_url).content.decode()
    assert "notice-withdrawn" in reader.get(item_url).content.decode()
    assert "关于将要撤回的通知" not in reader.get(reverse("portal:home")).content.decode()


def test_a_renamed_node_or_unit_shows_its_new_name_in_the_cached_tree(reader, profile, org):
    notices = node_by_key(org, "plan.notices")
    url = reverse("portal:org_column", args=[org.id])
    assert notices.name in reader.get(url).content.decode()

    notices.name = "通知公告（新）"
    notices.save()
    org.name = "测试县新名称局"
    org.save()
    html = reader.get(url).content.decode()
    assert "通知公告（新）" in html
    assert f'class="catalog-nav-title"><a href="{url}" aria-current="page">测试县新名称局</a>' in html


def test_a_new_catalog_node_appears_in_the_cached_tree(reader, profile, org):
    url = reverse("portal:org_column", args=[org.id])
    reader.get(url)
    parent = node_by_key(org, "plan.notices")
    CatalogNode.objects.create(organization=org, parent=parent, section=parent.section, name="新增的子栏目")
    assert "新增的子栏目" in reader.get(reverse("portal:node", args=[org.id, parent.id])).content.decode()


def test_an_edited_site_profile_shows_in_the_cached_footer(reader, profile, org):
    assert "主办单位：测试县人民政府办公室" in reader.get(reverse("portal:home")).content.decode()
    profile.sponsor = "测试县大数据中心"
    profile.save()
    assert "主办单位：测试县大数据中心" in reader.get(reverse("portal:org_column", args=[org.id])).content.decode()


def test_english_fragments_are_never_served_to_a_chinese_reader(reader, profile, org, editor, reviewer):
    news = node_by_key(org, "plan.news")
    item = published_item(org, editor, reviewer, nodes=[news], title="关于语言测试的通知")
    for url in (reverse("portal:home"), reverse("portal:node", args=[org.id, news.id]),
                reverse("portal:item", args=[item.id])):
        english = reader.get("/en" + url).content.decode()
        chinese = reader.get(url).content.decode()
        assert "Sponsor" in english and "Sponsor" not in chinese, url
        assert "主办单位" in chinese, url
        assert 'href="/en/xxgk/' in english and 'href="/en/xxgk/' not in chinese, url
    home = reader.get(reverse("portal:home")).content.decode()
    assert ">要闻动态<" in home and ">News<" in reader.get("/en/").content.decode()


def test_another_process_bumping_the_generation_refreshes_this_process(reader, profile, org, editor, reviewer):
    news = node_by_key(org, "plan.news")
    item = published_item(org, editor, reviewer, nodes=[news], title="关于原标题的通知")
    url = reverse("portal:item", args=[item.id])
    assert "关于原标题的通知" in reader.get(url).content.decode()
    # A change nobody announces (a bulk update) is not seen: the item page is served from the cache …
    InformationItem.objects.filter(pk=item.pk).update(title="关于新标题的通知")
    assert "关于原标题的通知" in reader.get(url).content.decode()
    # … until any process starts a new generation (the stamp file every web process reads).
    Path(fragments._stamp()).write_text("written-by-another-worker", encoding="ascii")
    assert "关于新标题的通知" in reader.get(url).content.decode()


def test_a_remembered_generation_is_read_again_when_another_process_replaces_the_stamp(settings, tmp_path):
    stamp = tmp_path / "fragments.stamp"
    settings.GONGKAI_FRAGMENT_STAMP = stamp
    stamp.write_text("first", encoding="ascii")
    an_hour_ago = time.time() - 3600
    os.utime(stamp, (an_hour_ago, an_hour_ago))
    assert fragments.generation() == "first"
    assert fragments.generation() == "first"  # remembered: the file is only looked at (stat)
    replacement = tmp_path / "new"
    replacement.write_text("second", encoding="ascii")
    os.replace(replacement, stamp)  # as bump() does in another worker
    assert fragments.generation() == "second"
    assert fragments.bump() == fragments.generation() != "second"


def test_every_page_of_a_cached_list_is_its_own(reader, profile, org, editor, reviewer):
    news = node_by_key(org, "plan.news")
    for number in range(23):
        published_item(org, editor, reviewer, nodes=[news], title=f"第{number:02d}条要闻")
    url = reverse("portal:node", args=[org.id, news.id])
    for _ in range(2):  # the second time from the cache
        first, second = reader.get(url).content.decode(), reader.get(url + "?page=2").content.decode()
        beyond = reader.get(url + "?page=99").content.decode()
        assert "第22条要闻" in first and "第02条要闻" not in first
        assert "第02条要闻" in second and "第22条要闻" not in second and "第00条要闻" in second
        assert "第00条要闻" in beyond  # past the end: the last page, as before


def test_items_of_another_site_are_not_served_from_this_sites_cache(client, profile, org, other_org, editor,
                                                                    reviewer, settings):
    from gongkai.accounts.factories import user_with_role
    from gongkai.accounts.models import Role

    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    SiteProfile.objects.create(host="other.example", name="另一县", root_organization=other_org)
    item = published_item(other_org, user_with_role(other_org, Role.EDITOR), user_with_role(other_org, Role.REVIEWER),
                          title="另一县的通知")
    url = reverse("portal:item", args=[item.id])
    assert client.get(url, HTTP_HOST="other.example").status_code == 200
    assert client.get(url).status_code == 404


def test_a_change_starts_a_generation_at_once_and_again_when_it_commits(org):
    from django.db import connection

    def pending_bumps():
        return sum(1 for _sids, func, _robust in connection.run_on_commit if func is fragments.bump)

    before = fragments.generation()
    org.name = "测试县改名局"
    org.save()
    assert fragments.generation() != before  # this transaction reads its own change at once …
    pending = pending_bumps()
    assert pending >= 1  # … and after the commit once more (values computed meanwhile from old rows)
    for node in CatalogNode.objects.filter(organization=org)[:5]:
        node.save()
    assert pending_bumps() == pending  # not once per saved row


def _warm(client, url, times=2):
    for _ in range(times):
        assert client.get(url).status_code == 200, url


@pytest.fixture
def demo_pages(profile, org, editor, reviewer):
    news = node_by_key(org, "plan.news")
    items = [published_item(org, editor, reviewer, nodes=[news], title=f"要闻{number}") for number in range(12)]
    return {"home": reverse("portal:home"), "column": reverse("portal:org_column", args=[org.id]),
            "node": reverse("portal:node", args=[org.id, news.id]), "item": reverse("portal:item", args=[items[0].id]),
            "rss": reverse("feeds:latest_rss")}


# Queries once the fragments are cached (a reader with a display cookie: rendered by Django). The item
# page, the feed, a unit's column and a node list need none; the home page asks the panels of the other
# apps (not cached: their content changes with the date).
CACHED_QUERIES = {"item": 0, "rss": 0, "node": 0, "column": 0, "home": 16}


@pytest.mark.parametrize("page", sorted(CACHED_QUERIES))
def test_cached_pages_need_few_queries(reader, demo_pages, page, django_assert_max_num_queries):
    _warm(reader, demo_pages[page])
    with django_assert_max_num_queries(CACHED_QUERIES[page]):
        assert reader.get(demo_pages[page]).status_code == 200
