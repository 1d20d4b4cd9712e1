import datetime as dt

import pytest
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.catalog.services import ensure_catalog, node_by_key
from gongkai.core.services import ActionRefused
from gongkai.publishing.factories import published_item
from gongkai.publishing.models import InformationItem
from gongkai.topics import presets, services, todo
from gongkai.topics.models import Submission, SubmissionState, Topic


@pytest.fixture
def topic(county, unit):
    return services.create_topic(county.supervisor, county.root, {"title": "疫情防控", "slug": "yqfk"},
                                 [("防控措施", []), ("复工复产复学", [])], [unit["org"]])


def test_the_submission_cycle_one_item_two_places(county, unit, topic, client):
    node = node_by_key(unit["org"], "plan.news")
    item = published_item(unit["org"], unit["editor"], unit["reviewer"], [node], title="县文旅局有序恢复景区开放")
    column = topic.columns.get(name="复工复产复学")
    # The unit submits through its staff page.
    client.force_login(unit["editor"])
    response = client.post(reverse("topics_staff:submit", args=[column.pk]), {"item": str(item.pk), "note": "请审核"})
    submission = Submission.objects.get(item=item)
    assert response.status_code == 302 and submission.state == SubmissionState.SUBMITTED
    assert "县文旅局有序恢复景区开放" not in client.get(reverse("topics:topic", args=["yqfk"])).content.decode()
    # The 政务公开办 sees it in 我的待办 and returns it with a comment; the unit sees the return.
    assert todo.provider(county.supervisor)[0].count == 1
    client.force_login(county.supervisor)
    response = client.post(reverse("topics_staff:submission", args=[submission.pk]), {"decision": "return"})
    assert "退回稿件须填写退回意见" in response.content.decode()
    client.post(reverse("topics_staff:submission", args=[submission.pk]),
                {"decision": "return", "comment": "请补充开放时间"})
    submission.refresh_from_db()
    assert submission.state == SubmissionState.RETURNED and submission.comment == "请补充开放时间"
    assert todo.provider(unit["editor"])[0].rows[0].note == "退回：请补充开放时间"
    # Submitted again, then adopted: the item shows in the 专题 and stays in its node — no copy.
    services.submit(unit["editor"], column, item, "已补充")
    client.post(reverse("topics_staff:submission", args=[submission.pk]), {"decision": "adopt"})
    page = client.get(reverse("topics:topic", args=["yqfk"])).content.decode()
    assert "县文旅局有序恢复景区开放" in page and reverse("portal:item", args=[item.pk]) in page
    assert InformationItem.objects.filter(title="县文旅局有序恢复景区开放").count() == 1
    assert list(item.catalog_nodes.all()) == [node]
    column_page = client.get(reverse("topics:column", args=["yqfk", column.pk])).content.decode()
    assert "县文旅局有序恢复景区开放" in column_page
    with pytest.raises(ActionRefused, match="已报送"):
        services.submit(unit["editor"], column, item)


def test_a_new_draft_shows_only_once_published(county, unit, topic, client):
    column = topic.columns.get(name="防控措施")
    submission = services.submit_new_draft(unit["editor"], column, unit["org"], "景区实行预约限流", "<p>正文</p>")
    item = submission.item
    assert item.state == "draft" and list(item.catalog_nodes.all()) == [node_by_key(unit["org"], "plan.news")]
    services.adopt(county.supervisor, submission)
    assert "景区实行预约限流" not in client.get(reverse("topics:topic", args=["yqfk"])).content.decode()
    from gongkai.publishing import services as publishing

    publishing.submit(unit["editor"], item)
    publishing.approve(unit["reviewer"], item, "同意", secrecy_checked=True)
    publishing.publish(unit["reviewer"], item)
    assert "景区实行预约限流" in client.get(reverse("topics:topic", args=["yqfk"])).content.decode()


def test_units_submit_only_their_own_items_to_topics_open_to_them(county, unit, topic):
    column = topic.columns.first()
    other = county.orgs["czj"]
    ensure_catalog(other)
    other_editor = user_with_role(other, Role.EDITOR)
    their_item = published_item(other, other_editor, user_with_role(other, Role.REVIEWER))
    with pytest.raises(ActionRefused, match="未向本单位开放"):
        services.submit(other_editor, column, their_item)
    with pytest.raises(ActionRefused, match="本单位"):
        services.submit(unit["editor"], column, their_item)
    with pytest.raises(ActionRefused):
        services.adopt(unit["editor"], Submission(column=column, item=their_item, organization=other))


def test_staff_pages_are_isolated(county, unit, topic, client):
    item = published_item(unit["org"], unit["editor"], unit["reviewer"])
    submission = services.submit(unit["editor"], topic.columns.first(), item)
    stranger = user_with_role(county.orgs["czj"], Role.ORG_ADMIN)
    client.force_login(stranger)
    assert client.get(reverse("topics_staff:topic", args=[topic.pk])).status_code == 404
    assert client.get(reverse("topics_staff:submission", args=[submission.pk])).status_code == 404
    assert client.get(reverse("topics_staff:submit", args=[topic.columns.first().pk])).status_code == 404
    client.force_login(unit["editor"])
    response = client.post(reverse("topics_staff:submission", args=[submission.pk]), {"decision": "adopt"})
    assert response.status_code == 403
    assert Submission.objects.get(pk=submission.pk).state == SubmissionState.SUBMITTED


def test_action_topic_is_built_in_and_counts_the_arena(county, unit, client):
    action = services.ensure_action_topic(county.root)
    assert services.ensure_action_topic(county.root) == action
    assert [c.name for c in action.columns.all()] == ["工作交流", "问题通报"]
    exchange, notices = action.columns.all()
    first = published_item(unit["org"], unit["editor"], unit["reviewer"], title="文旅局设立政务公开专区")
    second = published_item(unit["org"], unit["editor"], unit["reviewer"], title="文旅局开展政府开放日")
    services.adopt(county.supervisor, services.submit(unit["editor"], exchange, first))
    services.submit(unit["editor"], exchange, second)
    with pytest.raises(ActionRefused, match="问题通报"):
        services.submit(unit["editor"], notices, second)
    year = dt.date.today().year
    assert services.arena(year) == [{"organization": unit["org"], "submitted": 2, "adopted": 1}]
    assert services.arena(year - 1) == []
    page = client.get(reverse("topics:topic", args=[action.slug])).content.decode()
    assert "竞技场" in page and unit["org"].name in page and "文旅局设立政务公开专区" in page


def test_inspection_notice_is_published_to_problem_reports(county, unit):
    from gongkai.inspection.models import Notice

    ensure_catalog(county.root)
    item = published_item(county.root, user_with_role(county.root, Role.EDITOR),
                          user_with_role(county.root, Role.REVIEWER), title="关于2020年第三季度政务公开检查情况的通报")
    notice = Notice.objects.create(organization=county.root, title=item.title, intro="导语", requirements="整改要求",
                                   item=item, issued_by=county.supervisor)
    submission = services.publish_notice(county.supervisor, notice)
    assert submission.column.key == "notices" and submission.state == SubmissionState.ADOPTED
    assert services.publish_notice(county.supervisor, notice).pk == submission.pk


def test_emergency_preset_takes_the_categories_and_units_of_the_annex(county):
    columns = dict(presets.emergency_columns(county.root))
    assert list(columns) == ["总体预案", "自然灾害类", "事故灾难类", "公共卫生类", "社会安全类", "镇（街道）应急预案"]
    assert [o.name for o in columns["总体预案"]] == ["沂源县应急管理局"]
    assert {o.name for o in columns["公共卫生类"]} == {"沂源县卫生健康局", "沂源县农业农村局", "沂源县市场监督管理局"}
    assert all(o.kind == "township" for o in columns["镇（街道）应急预案"]) and len(columns["镇（街道）应急预案"]) == 12


def test_home_page_and_index_list_a_topic_only_while_it_shows_a_live_item(county, unit, topic, client):
    from gongkai.publishing import services as publishing

    link = reverse("topics:topic", args=["yqfk"])
    # Just created, nothing adopted: neither the home 专题专栏 panel nor /zt/ links it.
    assert link not in client.get(reverse("portal:home")).content.decode()
    assert link not in client.get(reverse("topics:index")).content.decode()
    assert "暂无专题" in client.get(reverse("topics:index")).content.decode()
    # Its own address still answers (the office looks at it before the first 稿件 is adopted).
    assert client.get(link).status_code == 200
    # A 稿件 submitted but not adopted does not list it either.
    item = published_item(unit["org"], unit["editor"], unit["reviewer"], title="县文旅局有序恢复景区开放")
    submission = services.submit(unit["editor"], topic.columns.first(), item)
    assert link not in client.get(reverse("portal:home")).content.decode()
    # Adopted, with its item live: listed on both (the cached home panel is refreshed).
    services.adopt(county.supervisor, submission)
    home = client.get(reverse("portal:home")).content.decode()
    assert link in home and reverse("topics:index") in home
    assert link in client.get(reverse("topics:index")).content.decode()
    # The item withdrawn: the 专题 has nothing to show and leaves the lists again.
    publishing.withdraw(unit["reviewer"], item, "信息有误")
    assert link not in client.get(reverse("portal:home")).content.decode()
    assert link not in client.get(reverse("topics:index")).content.decode()
    assert Topic.objects.filter(slug="yqfk", is_public=True).exists()


def test_the_office_creates_an_emergency_topic_from_the_preset(county, client):
    client.force_login(county.supervisor)
    response = client.post(reverse("topics_staff:topic_create"), {
        "title": "应急预案", "slug": "yjya", "intro": "<p>加强应急预案公开</p><script>x()</script>", "is_public": "on",
        "sort_order": "20", "preset": "emergency"})
    assert response.status_code == 302
    topic = Topic.objects.get(slug="yjya")
    assert topic.organization == county.root and "<script>" not in topic.intro
    assert topic.columns.count() == 6
    assert topic.units.filter(name="沂源县卫生健康局").exists()  # named in the annex, so it may submit
    page = client.get(reverse("topics:topic", args=["yjya"])).content.decode()
    assert "自然灾害类" in page and "加强应急预案公开" in page
