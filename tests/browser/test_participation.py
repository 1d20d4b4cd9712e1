"""公众参与 end to end in Chromium: a citizen comments on a paragraph of an open consultation; a moderator
publishes it; after the closing date the unit classifies it and publishes the 意见收集采纳情况, and the
citizen sees it on the same page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.organizations.factories import OrganizationFactory
from gongkai.participation.factories import ConsultationFactory
from gongkai.participation.models import Comment, Consultation
from tests.browser.a11y import describe
from tests.browser.test_requests import answer, log_in

pytestmark = pytest.mark.browser

COMMENT = "第二条的适用范围应当包括各乡镇。"


@pytest.fixture
def unit(settings):
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0
    org = OrganizationFactory(name="测试县住房和城乡建设局")
    return org, user_with_role(org, Role.EDITOR), user_with_role(org, Role.REVIEWER)


def test_a_comment_on_a_paragraph_is_moderated_and_answered_in_the_outcome(new_page, unit, axe):
    org, editor, reviewer = unit
    consultation = ConsultationFactory(organization=org, title="关于《测试县物业管理办法》公开征求意见")
    url = reverse("participation:consultation", kwargs={"consultation_id": consultation.pk})

    # The citizen comments on the second paragraph.
    citizen = new_page()
    citizen.goto(url)
    expect(citizen.locator("#consultation-status")).to_have_text("征求意见中")
    violations = axe(citizen)
    assert not violations, describe(violations)
    citizen.locator("#p-2").get_by_role("link", name="对本段提意见").click()
    expect(citizen.get_by_label("针对草案的哪一段")).to_have_value("2")
    citizen.get_by_label("意见内容", exact=True).fill(COMMENT)
    citizen.get_by_label("姓名", exact=True).fill("李四")
    citizen.get_by_label("联系方式", exact=True).fill("13912345678")
    citizen.get_by_label("同意在网站上公开我的意见内容（不公开姓名和联系方式）").check()
    citizen.get_by_label("验证题").fill(answer(citizen.locator("#challenge-question").inner_text()))
    citizen.get_by_role("button", name="提交意见").click()
    expect(citizen.get_by_role("status")).to_contain_text("您的意见已提交")
    expect(citizen.locator("#p-2")).not_to_contain_text(COMMENT)  # waits for moderation

    # The moderator publishes it.
    moderator = new_page()
    log_in(moderator, reviewer.username)
    expect(moderator.get_by_role("link", name=f"《{consultation.title}》的意见")).to_be_visible()  # 我的待办
    moderator.goto(reverse("participation_staff:consultation", kwargs={"consultation_id": consultation.pk}))
    comment_box = moderator.locator(f"#comment-{Comment.objects.get().pk}")
    expect(comment_box).to_contain_text("李四")  # staff of the unit see who wrote it
    comment_box.get_by_role("button", name="公开", exact=True).click()
    expect(moderator.get_by_role("status")).to_contain_text("意见已公开")

    citizen.goto(url)
    expect(citizen.locator("#p-2")).to_contain_text(COMMENT)
    expect(citizen.locator("body")).not_to_contain_text("李四")

    # The consultation closes; the unit answers the comment and publishes the 采纳情况.
    today = timezone.localdate()
    Consultation.objects.filter(pk=consultation.pk).update(opens_on=today - dt.timedelta(days=40),
                                                           closes_on=today - dt.timedelta(days=1))
    writer = new_page()
    log_in(writer, editor.username)
    writer.goto(reverse("participation_staff:consultation", kwargs={"consultation_id": consultation.pk}))
    box = writer.locator(f"#comment-{Comment.objects.get().pk}")
    box.get_by_label("意见归类", exact=True).fill("适用范围")
    box.get_by_label("采纳情况", exact=True).select_option(label="部分采纳")
    box.get_by_label("理由", exact=True).fill("乡镇驻地的住宅小区纳入适用范围。")
    box.get_by_role("button", name="保存").click()
    expect(writer.get_by_role("status")).to_contain_text("已保存该意见的采纳情况")

    moderator.goto(reverse("participation_staff:outcome", kwargs={"consultation_id": consultation.pk}))
    moderator.get_by_role("textbox", name="采纳情况说明", exact=True).fill("共收到意见1条，部分采纳。")
    moderator.get_by_role("button", name="发布采纳情况").click()
    expect(moderator.get_by_role("status")).to_contain_text("意见收集采纳情况已发布")

    citizen.goto(url)
    expect(citizen.locator("#consultation-status")).to_have_text("已结束 · 采纳情况已发布")
    outcome = citizen.locator("#outcome")
    expect(outcome).to_contain_text("共收到意见1条，部分采纳。")
    expect(outcome).to_contain_text("乡镇驻地的住宅小区纳入适用范围。")
    expect(outcome).to_contain_text(COMMENT)
    expect(citizen.locator("#closed-note")).to_contain_text("不再接受意见")
    violations = axe(citizen)
    assert not violations, describe(violations)


def test_a_long_link_and_a_wide_table_in_rich_text_keep_a_phones_page_from_scrolling_sideways(new_page, unit):
    from gongkai.participation import services

    org, _editor, reviewer = unit
    today = timezone.localdate()
    long_url = "https://www.example.cn/" + "a" * 300
    consultation = ConsultationFactory(
        organization=org, opens_on=today - dt.timedelta(days=40), closes_on=today - dt.timedelta(days=10),
        explanation="<table><tr>" + "".join(f"<td>第{n}列的内容比较长</td>" for n in range(12)) + "</tr></table>")
    services.publish_outcome(reviewer, consultation, f'<p>详见<a href="{long_url}">{long_url}</a></p>')
    page = new_page(viewport={"width": 390, "height": 800})
    page.goto(reverse("participation:consultation", kwargs={"consultation_id": consultation.pk}))
    expect(page.locator("#outcome .rich-text a")).to_have_text(long_url)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
