import re

import pytest
from django.urls import reverse

from gongkai.catalog.services import add_node, node_by_key
from gongkai.portal.tests.helpers import draft, not_proactive, scheduled
from gongkai.publishing import services
from gongkai.publishing.factories import published_item

pytestmark = pytest.mark.django_db


def listed_titles(response) -> list[str]:
    section = response.content.decode().split('id="list-title"', 1)[1]
    return re.findall(r'<a href="/xxgk/items/\d+/">([^<]+)</a>', section)


def test_node_list_paginates_newest_first_with_accessible_navigation(client, org, editor, reviewer):
    node = node_by_key(org, "art20.1")
    for number in range(1, 26):
        published_item(org, editor, reviewer, nodes=[node], title=f"规范性文件第{number:02d}号")
    url = reverse("portal:node", args=[org.id, node.id])
    first = client.get(url)
    titles = listed_titles(first)
    assert len(titles) == 20
    assert titles[0] == "规范性文件第25号" and titles[-1] == "规范性文件第06号"
    html = first.content.decode()
    assert '<nav class="pagination" aria-label="分页">' in html
    assert 'aria-current="page" aria-label="第 1 页">1</a>' in html
    assert '<a href="?page=2" rel="next">下一页</a>' in html
    assert "共 25 条，第 1 / 2 页" in html
    second = client.get(url, {"page": 2})
    assert listed_titles(second) == [f"规范性文件第{n:02d}号" for n in range(5, 0, -1)]
    assert '<a href="?page=1" rel="prev">上一页</a>' in second.content.decode()
    # A page number out of range or not a number gives a page, not an error.
    assert listed_titles(client.get(url, {"page": "99"})) == listed_titles(second)
    assert listed_titles(client.get(url, {"page": "x"})) == titles


def test_node_list_shows_only_live_items_of_that_node_and_its_children(client, org, org_admin, editor, reviewer):
    statutory = node_by_key(org, "art20.7")
    child = add_node(org_admin, statutory, "2020年部门预算")
    published_item(org, editor, reviewer, nodes=[statutory], title="财政预决算公开")
    published_item(org, editor, reviewer, nodes=[child], title="2020年部门预算公开")
    published_item(org, editor, reviewer, nodes=[node_by_key(org, "plan.news")], title="其他栏目的动态")
    draft(org, editor, node_key="art20.7", title="预算草稿")
    scheduled(org, editor, reviewer, node_key="art20.7", title="定时发布的预算")
    withdrawn = published_item(org, editor, reviewer, nodes=[statutory], title="已撤回的预算")
    services.withdraw(reviewer, withdrawn, "数据有误")
    deleted = published_item(org, editor, reviewer, nodes=[statutory], title="已删除的预算")
    services.delete(reviewer, deleted, "误发")
    hidden = not_proactive(org)
    hidden.catalog_nodes.set([statutory])

    response = client.get(reverse("portal:node", args=[org.id, statutory.id]))
    assert sorted(listed_titles(response)) == ["2020年部门预算公开", "财政预决算公开"]
    html = response.content.decode()
    assert "2020年部门预算</a> <span class=\"count\">（1 条）</span>" in html
    assert listed_titles(client.get(reverse("portal:node", args=[org.id, child.id]))) == ["2020年部门预算公开"]


def test_node_of_another_organization_is_not_found(client, org, other_org):
    foreign = node_by_key(other_org, "art20.1")
    assert client.get(reverse("portal:node", args=[org.id, foreign.id])).status_code == 404


def test_node_breadcrumbs_lead_back_through_the_section_and_column(client, org, org_admin):
    child = add_node(org_admin, node_by_key(org, "art20.7"), "2020年部门预算")
    html = client.get(reverse("portal:node", args=[org.id, child.id])).content.decode()
    crumbs = html.split('aria-label="面包屑"', 1)[1].split("</nav>", 1)[0]
    hrefs = re.findall(r'href="([^"]+)"', crumbs)
    assert hrefs == ["/", "/xxgk/", f"/xxgk/{org.id}/", f"/xxgk/{org.id}/statutory/",
                     f"/xxgk/{org.id}/node/{node_by_key(org, 'art20.7').id}/"]
    assert '<span aria-current="page">2020年部门预算</span>' in crumbs


def test_statutory_page_shows_the_catalog_tree_with_counts(client, org, editor, reviewer):
    published_item(org, editor, reviewer, nodes=[node_by_key(org, "art20.1"), node_by_key(org, "art20.4")])
    html = client.get(reverse("portal:statutory", args=[org.id])).content.decode()
    assert "规范性文件</a> <span class=\"count\">（1 条）</span>" in html
    assert "统计信息</a> <span class=\"count\">（1 条）</span>" in html
    assert '<span class="no-items">政府采购</span> <span class="count">（暂无信息）</span>' in html
    # An item filed in two nodes counts once for the whole section.
    assert "浏览全部法定主动公开内容（1 条）" in html


def test_system_and_annual_report_pages_list_their_sections(client, org, editor, reviewer):
    published_item(org, editor, reviewer, nodes=[node_by_key(org, "system")], title="政府信息公开保密审查制度")
    published_item(org, editor, reviewer, nodes=[node_by_key(org, "annual_report")], title="2020年政府信息公开工作年度报告")
    published_item(org, editor, reviewer, title="通知公告一则")
    system = client.get(reverse("portal:system", args=[org.id]))
    assert listed_titles(system) == ["政府信息公开保密审查制度"]
    assert "<h1>政府信息公开制度</h1>" in system.content.decode()
    reports = client.get(reverse("portal:annual_reports", args=[org.id]))
    assert listed_titles(reports) == ["2020年政府信息公开工作年度报告"]


def test_node_list_query_count_does_not_grow_with_items(client, org, editor, reviewer, django_assert_max_num_queries):
    node = node_by_key(org, "plan.notices")
    for number in range(12):
        published_item(org, editor, reviewer, nodes=[node], title=f"通知{number}")
    # The first page of a fragment-cache generation: two queries more for when time alone next changes a
    # page (the next scheduled publication, the next 规范性文件 施行日期), once per generation.
    with django_assert_max_num_queries(8):
        response = client.get(reverse("portal:node", args=[org.id, node.id]))
    assert len(listed_titles(response)) == 12


def test_node_page_cites_the_regulation_but_not_staff_notes(client, org):
    statutory = client.get(reverse("portal:node", args=[org.id, node_by_key(org, "art20.1").id])).content.decode()
    assert "依据：条例第二十条第（一）项" in statutory
    notices = client.get(reverse("portal:node", args=[org.id, node_by_key(org, "plan.notices").id])).content.decode()
    assert "依据：" not in notices and "扣分" not in notices
