"""The site shell: header, footer identifiers, home modules, 网站地图, 联系我们, robots.txt, favicon, /api/v1/."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gongkai.catalog.services import node_by_key
from gongkai.portal.models import SiteProfile
from gongkai.publishing.factories import published_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(org):
    return SiteProfile.objects.create(
        name="测试县人民政府", root_organization=org, site_code="3703230001", icp_number="鲁ICP备12345678号",
        police_number="鲁公网安备 37032302000123号", conac_url="https://bszs.conac.cn/sitename?method=show&id=1",
    )


def test_footer_links_the_record_numbers_where_the_registries_expect(client, profile):
    html = client.get(reverse("portal:home")).content.decode()
    assert "网站标识码：3703230001" in html
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener">鲁ICP备12345678号</a>' in html
    assert 'href="https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=37032302000123"' in html
    assert "鲁公网安备 37032302000123号</a>" in html
    assert 'href="https://bszs.conac.cn/sitename?method=show&amp;id=1"' in html and 'alt="党政机关网站标识"' in html
    for label, url in (("网站地图", reverse("portal:site_map")), ("联系我们", reverse("portal:contact")),
                       ("订阅（RSS）", reverse("feeds:latest_rss")), ("开放数据接口", reverse("api_guide:index"))):
        assert f'<a href="{url}">{label}</a>' in html
    assert "我为政府网站找错" in html


def test_header_has_a_menu_button_that_works_without_javascript(client, profile):
    html = client.get(reverse("portal:home")).content.decode()
    # A checkbox and its label toggle the phone menu in CSS; no script is needed.
    assert '<input type="checkbox" id="site-menu-toggle"' in html
    assert '<label class="menu-button" for="site-menu-toggle">' in html
    assert "<script" not in html
    assert 'rel="alternate" type="application/rss+xml"' in html


def test_home_modules_show_items_of_their_nodes_and_hide_when_empty(client, profile, org, editor, reviewer):
    published_item(org, editor, reviewer, title="县政府召开全县安全生产工作会议", nodes=[node_by_key(org, "plan.news")])
    html = client.get(reverse("portal:home")).content.decode()
    assert ">要闻动态</h2>" in html and "县政府召开全县安全生产工作会议" in html
    assert reverse("portal:by_node_key", args=["plan.news"]) in html
    assert ">财政预决算</h2>" not in html  # no item: the module is hidden, not shown empty


def test_panels_of_other_apps_show_on_the_home_page_and_hide_when_empty(client, profile):
    from gongkai.portal import panels

    def open_consultations(request):
        return panels.Panel("公众参与", "/gzcy/", [panels.Entry("关于城区停车收费标准的征求意见", "/gzcy/1/", note="征集中")])

    def no_messages(request):
        return panels.Panel("政民互动", "/hdjl/", [])

    panels.register(open_consultations)
    panels.register(no_messages)
    try:
        html = client.get(reverse("portal:home")).content.decode()
    finally:
        panels._PROVIDERS[:] = [p for p in panels._PROVIDERS if p not in (open_consultations, no_messages)]
    assert ">公众参与</h2>" in html and 'href="/gzcy/1/"' in html and "征集中" in html
    assert ">政民互动</h2>" not in html


def test_site_profile_may_choose_its_own_modules(client, profile, org, editor, reviewer):
    published_item(org, editor, reviewer, title="关于2026年部门预算的公开", nodes=[node_by_key(org, "art20.7")])
    profile.home_modules = [{"title": "预算公开", "nodes": ["art20.7"], "count": 3}]
    profile.full_clean()
    profile.save()
    html = client.get(reverse("portal:home")).content.decode()
    assert ">预算公开</h2>" in html and ">要闻动态</h2>" not in html


@pytest.mark.parametrize("modules, message", [
    ({"title": "x"}, "应为列表"),
    ([{"nodes": ["plan.news"]}], "缺少标题"),
    ([{"title": "要闻", "nodes": ["no.such.node"]}], "未知的代码"),
    ([{"title": "要闻", "nodes": []}], "至少指定"),
    ([{"title": "要闻", "doc_types": ["通知"], "count": 500}], "条数"),
])
def test_malformed_home_modules_are_refused_in_chinese(profile, modules, message):
    profile.home_modules = modules
    with pytest.raises(ValidationError) as refused:
        profile.full_clean()
    assert message in str(refused.value)


def test_browse_by_topic_doc_type_and_node_across_units(client, profile, org, editor, reviewer):
    item = published_item(org, editor, reviewer, title="关于开展森林防火检查的通知", doc_type="通知", topic="01")
    for url in (reverse("portal:by_topic", args=["01"]), reverse("portal:by_doc_type", args=["通知"]),
                reverse("portal:by_node_key", args=["plan.notices"])):
        html = client.get(url).content.decode()
        assert "关于开展森林防火检查的通知" in html and reverse("portal:item", args=[item.id]) in html
        assert '<th scope="col" class="col-index">索引号</th>' in html
    assert client.get(reverse("portal:by_topic", args=["99"])).status_code == 404
    assert client.get(reverse("portal:by_node_key", args=["guide"])).status_code == 404


def test_site_map_and_contact_pages(client, profile, org):
    org.office_phone = "0533-3221234"
    org.save()
    html = client.get(reverse("portal:site_map")).content.decode()
    for url in (reverse("portal:column"), reverse("portal:guide", args=[org.id]),
                reverse("portal:org_column", args=[org.id]), reverse("feeds:sitemap"),
                reverse("reports:index"), reverse("lists:index"), reverse("newmedia:matrix")):
        assert f'href="{url}"' in html  # (the sections outside the main navigation too)
    html = client.get(reverse("portal:contact")).content.decode()
    assert "<h1>联系我们</h1>" in html and 'href="tel:0533-3221234"' in html


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_staff_pages(client, profile):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /staff/" in text and "Sitemap: http://testserver/sitemap.xml" in text


def test_favicon_ico_and_api_index(client, profile):
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 301 and favicon["Location"].endswith("favicon.svg")
    index = json.loads(client.get("/api/v1/").content)
    assert index["docs"] == "http://testserver/api/v1/docs"
    assert "/api/v1/documents" in index["endpoints"]
