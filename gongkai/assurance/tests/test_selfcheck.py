"""回头看: the checklist campaign from 下发 to the county summary and its DOCX."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from gongkai.assurance.factories import ChecklistItemFactory
from gongkai.assurance.models import Campaign, Response
from gongkai.assurance.services import selfcheck
from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.workbench import todo

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(county):
    for n, (text, source) in enumerate([("按时更新政府信息公开指南", "条例第十二条"),
                                        ("编制并公布年度报告", "条例第四十九条"),
                                        ("政策文件与解读同步", "国办发〔2016〕80号实施细则")], start=1):
        ChecklistItemFactory(organization=county.government, text=text, source=source, position=n)
    created = selfcheck.create_campaign(county.supervisor, {
        "title": "2026年政务公开“回头看”自查", "due_on": dt.date(2026, 12, 20),
        "units": [county.department, county.township]})
    return selfcheck.open_campaign(county.supervisor, created)


def answers(response, statuses, explanation="正在整改"):
    items = list(response.campaign.items.all())
    return {i.pk: {"status": s, "explanation": "" if s == "done" else explanation,
                   "evidence": "https://www.yiyuan.gov.cn/gk/1.html"} for i, s in zip(items, statuses, strict=True)}


def test_the_campaign_cycle(county, campaign, client):
    assert campaign.state == Campaign.State.OPEN and campaign.items.count() == 3
    dept = Response.objects.get(campaign=campaign, organization=county.department)
    town = Response.objects.get(campaign=campaign, organization=county.township)
    # the unit sees it in 我的待办
    groups = todo.groups(county.dept_editor)
    assert any(g.title == "待填报的回头看自查" and g.count == 1 for g in groups)
    # an editor fills in, but only a reviewer or administrator submits
    selfcheck.save_answers(county.dept_editor, dept, answers(dept, ["done", "partial", ""]))
    with pytest.raises(ActionRefused):
        selfcheck.submit_response(county.dept_editor, dept)
    with pytest.raises(ActionRefused, match="还有1项未填写"):
        selfcheck.submit_response(county.dept_reviewer, dept)
    selfcheck.save_answers(county.dept_editor, dept, answers(dept, ["done", "partial", "not_done"]))
    selfcheck.submit_response(county.dept_reviewer, dept)
    with pytest.raises(ActionRefused):
        selfcheck.save_answers(county.dept_editor, dept, answers(dept, ["done", "done", "done"]))
    # the supervisor returns it with reasons, the unit answers again, the supervisor accepts
    with pytest.raises(ActionRefused):
        selfcheck.review_response(county.supervisor, dept, accept=False, comment="")
    selfcheck.review_response(county.supervisor, dept, accept=False, comment="第3项请说明整改时限")
    dept.refresh_from_db()
    assert dept.state == Response.State.RETURNED
    selfcheck.save_answers(county.dept_admin, dept, answers(dept, ["done", "partial", "not_done"], "年底前完成"))
    selfcheck.submit_response(county.dept_admin, dept)
    selfcheck.review_response(county.supervisor, dept, accept=True)
    selfcheck.save_answers(county.town_admin, town, answers(town, ["done", "done", "not_done"]))
    selfcheck.submit_response(county.town_admin, town)
    # the summary names the weak items
    summary = selfcheck.summary(campaign)
    assert summary["reported"] == 2
    weak = [(r.item.source, r.weak_units) for r in summary["weak"]]
    assert weak[0] == ("国办发〔2016〕80号实施细则", ["县教体局", "东里镇"])
    assert ("条例第四十九条", ["县教体局"]) in weak
    assert "条例第十二条" not in [w[0] for w in weak]
    assert AuditEvent.objects.filter(action="assurance.response_return", object_id=str(dept.pk)).exists()
    # and the DOCX
    client.force_login(county.supervisor)
    response = client.get(reverse("assurance:campaign_export", args=[campaign.pk]))
    assert response.status_code == 200
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "2026年政务公开“回头看”自查情况汇总" in text and "薄弱环节" in text and "东里镇" in text


def test_the_unit_answers_through_its_page(county, campaign, client):
    dept = Response.objects.get(campaign=campaign, organization=county.department)
    items = list(campaign.items.all())
    client.force_login(county.dept_reviewer)
    data = {f"status-{i.pk}": "done" for i in items} | {f"evidence-{items[0].pk}": "不是网址", "submit": "1"}
    page = client.post(reverse("assurance:response", args=[dept.pk]), data, follow=True).content.decode()
    assert "不是有效的网址" in page
    data[f"evidence-{items[0].pk}"] = "https://www.yiyuan.gov.cn/gk/2.html"
    client.post(reverse("assurance:response", args=[dept.pk]), data)
    dept.refresh_from_db()
    assert dept.state == Response.State.SUBMITTED
    assert dept.answers.get(item=items[0]).evidence == ["https://www.yiyuan.gov.cn/gk/2.html"]


def test_a_unit_cannot_open_another_units_sheet(county, campaign, client):
    town = Response.objects.get(campaign=campaign, organization=county.township)
    client.force_login(county.dept_admin)
    assert client.get(reverse("assurance:response", args=[town.pk])).status_code == 404
    assert client.post(reverse("assurance:response", args=[town.pk]), {"submit": "1"}).status_code == 404
    assert client.get(reverse("assurance:campaign_export", args=[campaign.pk])).status_code == 404
    page = client.get(reverse("assurance:campaign", args=[campaign.pk])).content.decode()
    assert "东里镇" not in page


def test_a_draft_campaign_is_invisible_to_units(county, client):
    ChecklistItemFactory(organization=county.government)
    draft = selfcheck.create_campaign(county.supervisor, {"title": "草稿自查", "due_on": dt.date(2026, 12, 20),
                                                          "units": [county.department]})
    client.force_login(county.dept_admin)
    assert client.get(reverse("assurance:campaign", args=[draft.pk])).status_code == 404
    with pytest.raises(ActionRefused):
        selfcheck.open_campaign(county.dept_admin, draft)


def test_my_todo_dates_a_submitted_sheet_in_the_county_time_zone(county, campaign):
    dept = Response.objects.get(campaign=campaign, organization=county.department)
    selfcheck.save_answers(county.dept_editor, dept, answers(dept, ["done", "done", "done"]))
    selfcheck.submit_response(county.dept_reviewer, dept)
    # Submitted at 03:25 on 4 December in Shanghai: 19:25 on 3 December in UTC.
    Response.objects.filter(pk=dept.pk).update(submitted_at=dt.datetime(2026, 12, 3, 19, 25, tzinfo=dt.UTC))
    (group,) = [g for g in todo.groups(county.supervisor) if g.title == "待审核的回头看自查情况"]
    assert group.rows[0].note == "报送于2026-12-04"


def test_a_nul_character_on_the_answer_sheet_is_refused_and_nothing_is_saved(county, campaign, client):
    dept = Response.objects.get(campaign=campaign, organization=county.department)
    first, second, third = campaign.items.all()
    client.force_login(county.dept_editor)
    url = reverse("assurance:response", args=[dept.pk])
    base = {f"status-{i.pk}": "partial" for i in (first, second, third)} | {
        f"explanation-{i.pk}": "年底前完成" for i in (first, second, third)}
    page = client.post(url, base | {f"explanation-{first.pk}": "a\x00b"}, follow=True).content.decode()
    assert "“情况说明”不能包含控制字符" in page
    page = client.post(url, base | {f"evidence-{second.pk}": "https://a.cn/\x00x"}, follow=True).content.decode()
    assert "“佐证链接”不能包含控制字符" in page
    assert not dept.answers.exists()


def test_returning_a_sheet_says_what_is_wrong_with_the_comment(county, campaign, client):
    dept = Response.objects.get(campaign=campaign, organization=county.department)
    selfcheck.save_answers(county.dept_editor, dept, answers(dept, ["done", "done", "done"]))
    selfcheck.submit_response(county.dept_reviewer, dept)
    client.force_login(county.supervisor)
    url = reverse("assurance:response_review", args=[dept.pk])
    page = client.post(url, {"accept": "0", "comment": "长" * 100_000}, follow=True).content.decode()
    assert "审核意见（退回时必填）：" in page and "2000" in page and "请选择审核结论" not in page
    page = client.post(url, {"accept": "0", "comment": "退回\x00"}, follow=True).content.decode()
    assert "不能包含空字符（NUL）" in page and "请选择审核结论" not in page
    assert "请选择审核结论" in client.post(url, {"comment": "x"}, follow=True).content.decode()
    dept.refresh_from_db()
    assert dept.state == Response.State.SUBMITTED


@pytest.mark.parametrize(("year", "due_on"), [(2019, dt.date(2030, 1, 1)), (2026, dt.date(2025, 12, 31)),
                                              (None, dt.date(1, 1, 1)), (2026, dt.date(9999, 12, 31))])
def test_the_due_date_lies_in_the_campaigns_year_or_the_next(county, year, due_on):
    with pytest.raises(ActionRefused, match="日期须在"):
        selfcheck.create_campaign(county.supervisor, {"title": "自查", "year": year, "due_on": due_on,
                                                      "units": [county.department]})
    assert selfcheck.create_campaign(county.supervisor, {"title": "自查", "year": 2026, "due_on": dt.date(2027, 1, 15),
                                                         "units": [county.department]}).year == 2026


def test_a_campaign_past_its_due_date_is_not_sent(county):
    from django.utils import timezone

    ChecklistItemFactory(organization=county.government, text="按时更新指南", source="条例第十二条", position=1)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    draft = selfcheck.create_campaign(county.supervisor, {"title": "自查", "due_on": yesterday,
                                                          "units": [county.department]})
    with pytest.raises(ActionRefused, match="已过，请修改后再下发"):
        selfcheck.open_campaign(county.supervisor, draft)
    draft.refresh_from_db()
    assert draft.state == Campaign.State.DRAFT and not Response.objects.filter(campaign=draft).exists()


def test_an_editor_asking_to_submit_is_told_who_submits(county, campaign, client):
    """Audit L2: a 信息员's 「保存并报送」 (a forged submit=1) saved and said only 「已保存。」."""
    dept = Response.objects.get(campaign=campaign, organization=county.department)
    items = list(campaign.items.all())
    client.force_login(county.dept_editor)
    page = client.get(reverse("assurance:response", args=[dept.pk])).content.decode()
    assert 'name="submit"' not in page
    data = {f"status-{i.pk}": "done" for i in items} | {"submit": "1"}
    page = client.post(reverse("assurance:response", args=[dept.pk]), data, follow=True).content.decode()
    assert "只有本单位审核员或单位管理员可以报送" in page
    dept.refresh_from_db()
    assert dept.state == Response.State.PENDING


def _summary_text(county, campaign) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(selfcheck.export_docx(county.supervisor, campaign))).paragraphs)


def test_the_summary_cites_the_campaigns_year_and_county_not_yiyuan_2020(county, campaign):
    """Audit M2: the DOCX named 《沂源县2020年政务公开工作要点》 whatever the county and year."""
    from gongkai.workplan.models import Plan

    text = _summary_text(county, campaign)
    assert "沂源县" not in text and "2020" not in text
    assert "按照《测试县2026年政务公开工作要点》" in text
    Plan.objects.create(organization=county.government, title="测试县2026年政务公开工作要点（修订）", year=2026)
    assert "按照《测试县2026年政务公开工作要点（修订）》" in _summary_text(county, campaign)
