import re

import pytest
from django.urls import reverse

from gongkai.catalog.services import node_by_key
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization
from gongkai.portal.models import SiteProfile
from gongkai.portal.tests.helpers import draft
from gongkai.publishing.factories import published_item

pytestmark = pytest.mark.django_db

FOUR_PARTS = ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开工作年度报告"]


@pytest.fixture
def county(db):
    from gongkai.catalog.services import ensure_catalog

    government = OrganizationFactory(kind=Organization.Kind.PEOPLE_GOVERNMENT, name="沂源县人民政府")
    ensure_catalog(government)
    return government


def test_home_has_the_column_entry_latest_items_and_unit_links(client, county, org, editor, reviewer):
    org.parent = county
    org.save()
    item = published_item(org, editor, reviewer, title="关于做好秋季森林防火工作的通知")
    draft(org, editor, title="尚未发布的草稿")
    html = client.get(reverse("portal:home")).content.decode()
    assert f'<h2 id="xxgk-entry-title"><a href="{reverse("portal:column")}">政府信息公开</a></h2>' in html
    assert reverse("portal:item", args=[item.id]) in html and "关于做好秋季森林防火工作的通知" in html
    assert "尚未发布的草稿" not in html
    assert reverse("portal:org_column", args=[org.id]) in html
    assert 'role="search"' in html and 'name="q"' in html


def test_column_shows_the_four_parts_and_units_grouped_by_kind(client, county):
    department = OrganizationFactory(parent=county, name="沂源县财政局")
    township = OrganizationFactory(parent=county, kind=Organization.Kind.TOWNSHIP, name="南麻街道办事处")
    OrganizationFactory(parent=county, name="已撤并的单位", is_active=False)
    html = client.get(reverse("portal:column")).content.decode()
    for part in FOUR_PARTS:
        assert f">{part}</a></h2>" in html
    assert reverse("portal:guide", args=[county.id]) in html
    assert reverse("portal:annual_reports", args=[county.id]) in html
    assert html.index("<h3 id=\"org-group-1\">人民政府</h3>") < html.index("沂源县财政局") < html.index("乡镇街道")
    assert html.index("政府部门") < html.index("沂源县财政局") < html.index("乡镇街道") < html.index("南麻街道办事处")
    assert reverse("portal:org_column", args=[department.id]) in html
    assert reverse("portal:org_column", args=[township.id]) in html
    assert "已撤并的单位" not in html


def test_site_profile_chooses_the_root_and_hides_other_trees(client, county, org, other_org, editor, reviewer):
    org.parent = county
    org.save()
    SiteProfile.objects.create(name="沂源县人民政府门户网站", root_organization=county, site_code="3703230001")
    outside = published_item(other_org, *_staff_of(other_org))
    html = client.get(reverse("portal:column")).content.decode()
    assert "沂源县人民政府" in html and org.name in html and other_org.name not in html
    assert "网站标识码：3703230001" in html
    assert client.get(reverse("portal:org_column", args=[other_org.id])).status_code == 404
    assert client.get(reverse("portal:item", args=[outside.id])).status_code == 404


def _staff_of(organization):
    from gongkai.accounts.factories import user_with_role
    from gongkai.accounts.models import Role

    return user_with_role(organization, Role.EDITOR), user_with_role(organization, Role.REVIEWER)


def test_org_column_has_the_four_parts_with_counts_and_its_catalog(client, org, editor, reviewer):
    published_item(org, editor, reviewer)
    published_item(org, editor, reviewer, nodes=[node_by_key(org, "system")])
    html = client.get(reverse("portal:org_column", args=[org.id])).content.decode()
    assert f"<h1>{org.name}政府信息公开</h1>" in html
    for part in FOUR_PARTS:
        assert f">{part}</a></h2>" in html
    assert reverse("portal:system", args=[org.id]) in html
    assert reverse("portal:node", args=[org.id, node_by_key(org, "plan.notices").id]) in html
    # The catalog tree on the left: counts, and empty nodes listed without a link.
    assert '通知公告 <span class="count">1</span></a>' in html
    planning = node_by_key(org, "art20.3")
    assert reverse("portal:node", args=[org.id, planning.id]) not in html
    assert '<span class="no-items">规划信息 <span class="count">暂无信息</span></span>' in html
    assert '<nav class="breadcrumbs" aria-label="面包屑">' in html and "<ol>" in html


def test_an_empty_node_reached_by_its_address_offers_ways_forward_and_is_not_indexed(client, org, editor, reviewer):
    published_item(org, editor, reviewer)
    planning = node_by_key(org, "art20.3")
    html = client.get(reverse("portal:node", args=[org.id, planning.id])).content.decode()
    assert "本栏目暂无已公开的信息。" in html and '<meta name="robots" content="noindex">' in html
    assert reverse("portal:org_column", args=[org.id]) in html  # the unit's other columns
    assert reverse("requests_public:apply") in html and reverse("portal:guide", args=[org.id]) in html
    notices = node_by_key(org, "plan.notices")
    filled = client.get(reverse("portal:node", args=[org.id, notices.id])).content.decode()
    assert "noindex" not in filled and "empty-help" not in filled


def test_unknown_organization_gives_the_chinese_404_page(client, org):
    response = client.get(reverse("portal:org_column", args=[org.id + 999]))
    assert response.status_code == 404
    assert "页面未找到" in response.content.decode()


def test_the_guide_of_a_merged_unit_says_it_takes_no_more_requests(client, org):
    url = reverse("portal:guide", args=[org.id])
    assert "可以向本机构申请获取相关政府信息" in client.get(url).content.decode()
    org.is_active = False
    org.save(update_fields=["is_active"])
    html = client.get(url).content.decode()
    assert "本机构已撤销或并入其他机构，不再受理政府信息公开申请" in html
    assert "可以向本机构申请获取相关政府信息" not in html and reverse("requests_public:apply") in html


def test_guide_is_generated_from_the_office_fields_and_catalog(client, org):
    org.office_fax = ""
    org.office_postcode = ""
    org.guide_text = '<p>申请表可在办公室领取。</p><script>alert(1)</script>'
    org.save()
    html = client.get(reverse("portal:guide", args=[org.id])).content.decode()
    assert f"{org.name}政府信息公开指南" in html
    for value in (org.office_name, org.office_address, org.office_hours, org.office_phone, org.office_email):
        assert value in html
    assert f'href="{org.office_web}"' in html
    for label in ("传真号码", "邮政编码"):
        assert re.search(rf'<dt>{label}</dt>\s*<dd><span class="missing">（未填写）</span></dd>', html)
    assert html.count("（未填写）") == 2
    # 分类、编排体系: the catalog tree; 获取方式 with the statutory reply period.
    # (nodes without items are named without a link: nothing to open yet)
    assert "一、政府信息的分类、编排体系" in html
    assert '<span class="no-items">规范性文件</span>' in html and '<span class="no-items">通知公告</span>' in html
    assert "二、获取方式" in html and "20个工作日内答复" in html
    assert "<p>申请表可在办公室领取。</p>" in html and "<script>" not in html


def test_english_locale_renders_the_column_in_english_markup(client, org):
    response = client.get("/en/xxgk/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert f'href="/en/xxgk/{org.id}/guide/"' in html
    assert "<h1>Government Information Disclosure</h1>" in html
    assert ">Government Information Disclosure Guide</a></h2>" in html
    assert "Skip to main content" in html
    assert "政府信息公开指南" not in html


def test_english_node_pages_name_the_parts_in_english_in_sidebar_and_breadcrumbs(client, org):
    from gongkai.catalog.models import CatalogNode

    node = CatalogNode.objects.filter(organization=org, section="statutory", parent__isnull=False).first()
    html = client.get(f"/en/xxgk/{org.id}/node/{node.pk}/").content.decode()
    assert "Statutory proactive disclosures" in html and "Government Information Disclosure Guide" in html
    for chinese in ("法定主动公开内容", "政府信息公开指南", "政府信息公开制度"):
        assert chinese not in html
    assert "法定主动公开内容" in client.get(f"/xxgk/{org.id}/node/{node.pk}/").content.decode()


def test_a_fresh_install_without_organizations_still_serves_the_home_page(client, db):
    assert client.get(reverse("portal:home")).status_code == 200
    assert client.get(reverse("portal:column")).status_code == 404


def test_org_column_has_a_search_box_for_that_unit_and_feed_links(client, org):
    page = client.get(reverse("portal:org_column", args=[org.id])).content.decode()
    assert f'name="org" value="{org.id}"' in page and reverse("search:results") in page
    assert reverse("feeds:org_rss", args=[org.id]) in page and 'type="application/atom+xml"' in page


def test_a_party_office_is_listed_with_its_own_parts_only(client, county):
    """A 党委工作机关 has no 指南, 制度 or 年度报告 (not a 行政机关): the portal lists it under its own heading
    and shows its 法定主动公开内容 part (机构职能, 通知公告, 工作动态) only."""
    party = OrganizationFactory(parent=county, kind=Organization.Kind.PARTY, name="中共沂源县委宣传部")
    html = client.get(reverse("portal:column")).content.decode()
    assert html.index("党委工作机关") < html.index("中共沂源县委宣传部")
    page = client.get(reverse("portal:org_column", args=[party.id])).content.decode()
    assert reverse("portal:statutory", args=[party.id]) in page
    assert reverse("portal:guide", args=[party.id]) not in page
    assert reverse("portal:annual_reports", args=[party.id]) not in page
    assert client.get(reverse("portal:guide", args=[party.id])).status_code == 404
    assert client.get(reverse("portal:annual_reports", args=[party.id])).status_code == 404
    statutory = client.get(reverse("portal:statutory", args=[party.id])).content.decode()
    assert "机构职能" in statutory and "行政处罚" not in statutory
    empty = client.get(reverse("portal:node", args=[party.id, node_by_key(party, "plan.news").id])).content.decode()
    assert "申请政府信息公开" not in empty and reverse("portal:guide", args=[party.id]) not in empty
    # It is not a 行政机关: its page neither calls itself 政府信息公开 nor cites the 条例's articles.
    assert "<h1>中共沂源县委宣传部信息公开</h1>" in page and "条例第二十条" not in page + statutory
    assert "党务公开" in statutory



def test_a_public_institution_keeps_its_government_information_title_and_the_regulations_introduction(client, county):
    """A 公共企事业单位 is no 行政机关 but discloses under 条例第五十五条: it is not a Party office."""
    institution = OrganizationFactory(parent=county, kind=Organization.Kind.PUBLIC_INSTITUTION, name="沂源县供水公司")
    page = client.get(reverse("portal:org_column", args=[institution.id])).content.decode()
    assert "<h1>沂源县供水公司政府信息公开</h1>" in page and "党务公开" not in page
