"""政民互动 in the browser: a citizen answers a survey once (a second visit is told so), the interview
page takes a question, and the 好差评, 建议提案 and survey result pages pass axe-core."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.interviews import services as interviews
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization
from gongkai.proposals import services as proposals
from gongkai.ratings import services as ratings
from gongkai.surveys import services as surveys
from gongkai.surveys.models import Survey
from tests.browser.a11y import describe
from tests.browser.test_requests import answer

pytestmark = pytest.mark.browser


@pytest.fixture
def site(settings):
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0
    county = OrganizationFactory(name="测试县人民政府", kind=Organization.Kind.PEOPLE_GOVERNMENT)
    unit = OrganizationFactory(name="测试县教育和体育局", parent=county)
    editor, reviewer = user_with_role(unit, Role.EDITOR), user_with_role(unit, Role.REVIEWER)
    supervisor = user_with_role(county, Role.SUPERVISOR)
    today = timezone.localdate()
    survey = surveys.create_survey(editor, unit, {"title": "课后服务满意度调查", "opens_on": today,
                                                  "closes_on": today + dt.timedelta(days=5), "results_public": True})
    surveys.add_question(editor, survey, "single", "您对课后服务是否满意？", "满意\n不满意")
    surveys.add_question(editor, survey, "text", "其他意见", required=False)
    surveys.publish(reviewer, survey)
    start = timezone.now() + dt.timedelta(days=2)
    interview = interviews.create_interview(editor, unit, {"title": "聚焦招生入学", "starts_at": start,
                                                           "ends_at": start + dt.timedelta(hours=1)})
    interviews.add_guest(editor, interview, "李某", "局长")
    interviews.publish(reviewer, interview)
    proposal = proposals.register(supervisor, {"year": 2026, "kind": "suggestion", "number": 1, "title": "关于增设护学岗的建议",
                                               "proposers": "张某某", "lead_unit": unit, "assigned_on": dt.date(2026, 3, 20)})
    proposals.reply(editor, proposal, {"reply": "<p>已增设护学岗。</p>", "replied_on": dt.date(2026, 5, 1),
                                       "classification": "A", "adopted": True})
    proposals.publish_reply(reviewer, proposal)
    ratings.import_records(supervisor, "a.csv", (
        "事项,部门,渠道,评价时间,等级,差评内容,整改情况\n"
        "教师资格认定,测试县教育和体育局,短信,2026-03-05 15:30,不满意,等候时间长,已增设窗口\n"
        "教师资格认定,测试县教育和体育局,大厅评价器,2026-03-06 10:00,满意,,\n").encode())
    return {"survey": survey, "interview": interview}


def test_a_citizen_answers_a_survey_once(new_page, site, axe):
    page = new_page()
    page.goto(reverse("surveys:detail", kwargs={"survey_id": site["survey"].pk}))
    assert not axe(page), describe(axe(page))
    page.get_by_label("满意", exact=True).check()
    page.get_by_label("2. 其他意见").fill("希望延长到六点")
    page.get_by_label("验证题").fill(answer(page.locator("#challenge-question").inner_text()))
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_text("感谢您的参与，您的意见已提交。")).to_be_visible()
    expect(page.get_by_text("您已经参与过本次调查")).to_be_visible()
    expect(page.get_by_role("button", name="提交")).to_have_count(0)
    Survey.objects.filter(pk=site["survey"].pk).update(opens_on=timezone.localdate() - dt.timedelta(days=9),
                                                       closes_on=timezone.localdate() - dt.timedelta(days=1))
    page.goto(reverse("surveys:results", kwargs={"survey_id": site["survey"].pk}))
    expect(page.get_by_role("cell", name="100.0%")).to_be_visible()
    assert not axe(page), describe(axe(page))


def test_a_visitor_asks_the_interview_a_question(page, site, axe):
    page.goto(reverse("interviews:detail", kwargs={"interview_id": site["interview"].pk}))
    assert not axe(page), describe(axe(page))
    page.get_by_label("您的问题").fill("随迁子女如何入学？")
    page.get_by_label("验证题").fill(answer(page.locator("#challenge-question").inner_text()))
    page.get_by_role("button", name="提交问题").click()
    expect(page.get_by_text("您的问题已提交，经审核后显示。")).to_be_visible()


def test_public_figures_pages_are_accessible(page, site, axe):
    for url in (reverse("ratings:index"), reverse("proposals:index"), reverse("interviews:index")):
        page.goto(url)
        assert not axe(page), f"{url}: " + describe(axe(page))
    page.goto(reverse("ratings:index"))
    expect(page.get_by_role("table").first).to_contain_text("50.0%")
    expect(page.get_by_text("已增设窗口")).to_be_visible()
