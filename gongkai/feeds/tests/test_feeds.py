"""RSS 2.0, Atom and sitemap.xml parse and hold live items only."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from gongkai.feeds import sitemaps
from gongkai.publishing import services as publishing
from gongkai.publishing.services import record_migrated_item

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def items(org, other_org, editor, reviewer):
    notices = org.catalog_nodes.get(template_key="plan.notices")

    def migrate(owner, title, days, nodes):
        return record_migrated_item(None, owner, {"title": title, "formed_on": timezone.localdate(),
                                                  "body": f"<p>{title}的正文 & <b>细则</b>。</p>"},
                                    nodes, timezone.now() - dt.timedelta(days=days))

    made = {
        "old": migrate(org, "关于印发政务公开工作要点的通知", 3, [notices]),
        "new": migrate(org, "关于做好防汛工作的通知", 1, [notices]),
        "elsewhere": migrate(other_org, "其他单位的公告", 2, [other_org.catalog_nodes.first()]),
        "withdrawn": migrate(org, "已撤回的通知", 0, [notices]),
    }
    publishing.withdraw(reviewer, made["withdrawn"], "有误。")
    made["draft"] = publishing.create_item(editor, org, {"title": "草稿不公开", "formed_on": timezone.localdate()},
                                           [notices])
    return made


def titles_rss(content: bytes) -> list[str]:
    root = ET.fromstring(content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") and channel.findtext("link") and channel.findtext("description")
    for item in channel.findall("item"):
        assert item.findtext("link").startswith("http://testserver/xxgk/items/")
        assert item.find("guid").get("isPermaLink") == "true" and item.findtext("pubDate")
    return [item.findtext("title") for item in channel.findall("item")]


def titles_atom(content: bytes) -> list[str]:
    root = ET.fromstring(content)
    assert root.tag == f"{ATOM}feed" and root.findtext(f"{ATOM}id")
    for entry in root.findall(f"{ATOM}entry"):
        assert entry.findtext(f"{ATOM}updated") and entry.find(f"{ATOM}link").get("href")
    return [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]


@pytest.mark.django_db
def test_site_feeds_list_live_items_newest_first(client, items):
    rss = client.get("/feeds/latest.rss")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert titles_rss(rss.content) == ["关于做好防汛工作的通知", "其他单位的公告", "关于印发政务公开工作要点的通知"]
    assert titles_atom(client.get("/feeds/latest.atom").content) == titles_rss(rss.content)
    assert "&lt;b&gt;" not in rss.content.decode() and "细则" in rss.content.decode()


@pytest.mark.django_db
def test_feed_dates_are_in_the_sites_time_zone(client, items):
    rss = ET.fromstring(client.get("/feeds/latest.rss").content)
    pub_dates = [item.findtext("pubDate") for item in rss.iter("item")]
    assert pub_dates and all(date.endswith("+0800") for date in pub_dates), pub_dates
    atom = ET.fromstring(client.get("/feeds/latest.atom").content)
    updated = [entry.findtext(f"{ATOM}updated") for entry in atom.iter(f"{ATOM}entry")]
    assert updated and all(date.endswith("+08:00") for date in updated), updated


@pytest.mark.django_db
def test_organization_and_node_feeds(client, items, org, other_org):
    assert titles_rss(client.get(f"/feeds/org/{org.id}.rss").content) == [
        "关于做好防汛工作的通知", "关于印发政务公开工作要点的通知"]
    assert titles_atom(client.get(f"/feeds/org/{other_org.id}.atom").content) == ["其他单位的公告"]
    statutory_root = items["old"].catalog_nodes.get()
    while statutory_root.parent_id:
        statutory_root = statutory_root.parent
    # A node's feed includes the items of the nodes below it.
    assert titles_rss(client.get(f"/feeds/node/{statutory_root.id}.rss").content) == [
        "关于做好防汛工作的通知", "关于印发政务公开工作要点的通知"]
    assert client.get("/feeds/org/999999.rss").status_code == 404
    assert client.get("/feeds/node/999999.atom").status_code == 404


@pytest.mark.django_db
def test_sitemap_lists_pages_and_live_items(client, items, org):
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    locations = [url.findtext(f"{SITEMAP}loc") for url in root.findall(f"{SITEMAP}url")]
    assert f"http://testserver/xxgk/items/{items['new'].id}/" in locations
    assert f"http://testserver/xxgk/{org.id}/" in locations
    assert not any(f"/xxgk/items/{items[key].id}/" in loc for key in ("withdrawn", "draft") for loc in locations)


@pytest.mark.django_db
def test_sitemap_becomes_an_index_beyond_the_limit(client, items, monkeypatch):
    monkeypatch.setattr(sitemaps, "SITEMAP_LIMIT", 2)
    monkeypatch.setattr(sitemaps._Scoped, "limit", 2)
    index = ET.fromstring(client.get("/sitemap.xml").content)
    assert index.tag == f"{SITEMAP}sitemapindex"
    pages = [s.findtext(f"{SITEMAP}loc") for s in index.findall(f"{SITEMAP}sitemap")]
    assert "http://testserver/sitemap-items.xml?p=2" in pages
    page = ET.fromstring(client.get("/sitemap-items.xml?p=2").content)
    assert len(page.findall(f"{SITEMAP}url")) == 1  # three live items, two per page


@pytest.mark.django_db
def test_feeds_and_the_node_list_mark_a_document_no_longer_in_force(client, items, org):
    from django.urls import reverse

    from gongkai.publishing.models import InformationItem

    InformationItem.objects.filter(pk=items["old"].pk).update(validity="repealed")
    InformationItem.objects.filter(pk=items["new"].pk).update(validity="valid")
    assert titles_rss(client.get(f"/feeds/org/{org.id}.rss").content) == [
        "关于做好防汛工作的通知", "关于印发政务公开工作要点的通知（已废止）"]
    atom = ET.fromstring(client.get(f"/feeds/org/{org.id}.atom").content)
    entries = {entry.findtext(f"{ATOM}title"): [c.get("term") for c in entry.findall(f"{ATOM}category")]
               for entry in atom.findall(f"{ATOM}entry")}
    assert "已废止" in entries["关于印发政务公开工作要点的通知（已废止）"] and "已废止" not in entries["关于做好防汛工作的通知"]
    node = items["old"].catalog_nodes.get()
    page = client.get(reverse("portal:node", args=[org.id, node.id])).content.decode()
    assert page.count("（已废止）") == 1 and "（有效）" not in page


@pytest.mark.django_db
def test_the_feeds_carry_the_sites_data_use_statement(client, org):
    from gongkai.portal.models import SiteProfile

    SiteProfile.objects.create(name="沂源县人民政府", root_organization=org)
    for url in ("/feeds/latest.rss", f"/feeds/org/{org.id}.rss"):
        channel = ET.fromstring(client.get(url).content).find("channel")
        assert "注明来源“沂源县人民政府”及网址 http://testserver/" in channel.findtext("copyright"), url
    atom = ET.fromstring(client.get("/feeds/latest.atom").content)
    assert "《中华人民共和国政府信息公开条例》" in atom.findtext(f"{ATOM}rights")


@pytest.mark.django_db
def test_a_control_character_in_an_items_text_does_not_break_the_feeds(client, items, org):
    """An imported title, summary or organization name holding a character XML 1.0 cannot hold (a vertical tab
    from Word, a bell, an escape) once made every feed listing it a 500 for every reader."""
    from gongkai.organizations.models import Organization
    from gongkai.portal import fragments
    from gongkai.publishing.models import InformationItem

    InformationItem.objects.filter(pk=items["new"].pk).update(title="关于做好\x0b防汛\x07工作的通知",
                                                              summary="概述\x1b内容\x08")
    Organization.objects.filter(pk=org.pk).update(name=f"{org.name}\x0c")
    fragments.bump()
    for url in ("/feeds/latest.rss", f"/feeds/org/{org.id}.rss", f"/feeds/node/{items['new'].catalog_nodes.get().id}.rss"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "关于做好防汛工作的通知" in titles_rss(response.content)
        assert "概述内容" in response.content.decode()
    for url in ("/feeds/latest.atom", f"/feeds/org/{org.id}.atom"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "关于做好防汛工作的通知" in titles_atom(response.content)


@pytest.mark.django_db
def test_a_query_string_does_not_make_a_new_cached_copy_of_a_feed(client, items, monkeypatch):
    """The feed is the same whatever follows the `?`: keying the cached document on the whole address let any
    visitor fill the cache with copies (?1, ?2, …)."""
    from gongkai.portal import fragments

    computed = []
    real = fragments.cached

    def counting(name, *parts, **kwargs):
        if name == "feed":
            computed.append(parts)
        return real(name, *parts, **kwargs)

    monkeypatch.setattr(fragments, "cached", counting)
    for n in range(3):
        assert client.get(f"/feeds/latest.rss?n={n}").status_code == 200
    assert len(computed) == 3 and len(set(computed)) == 1


@pytest.mark.django_db
def test_a_scheduled_item_that_went_live_is_not_dated_before_its_publication(client, items):
    from gongkai.publishing.models import InformationItem

    # Scheduled two days ago (its last save), live since yesterday 09:00.
    live_since = timezone.now() - dt.timedelta(days=1)
    InformationItem.objects.filter(pk=items["new"].pk).update(
        updated_at=timezone.now() - dt.timedelta(days=2), published_at=live_since)
    response = client.get("/feeds/latest.atom")
    root = ET.fromstring(response.content)
    entry = next(e for e in root.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == "关于做好防汛工作的通知")
    updated = dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    assert updated >= dt.datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
    assert dt.datetime.fromisoformat(root.findtext(f"{ATOM}updated")) >= live_since.replace(microsecond=0)
