"""A 信息员 drafts and submits; a 审核员 records the 保密审查 and publishes; the public then sees the item."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from gongkai.accounts.factories import TEST_PASSWORD
from gongkai.publishing.choices import State
from gongkai.publishing.models import InformationItem, Review
from tests.browser.data import build_county

pytestmark = pytest.mark.browser

TITLE = "关于开展2020年政务公开培训的通知"
OPINION = "经保密审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私，同意公开。"


def log_in(page, username: str) -> None:
    page.goto(reverse("accounts:login"))
    expect(page.get_by_role("heading", level=1)).to_have_text("工作人员登录")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("navigation", name="主导航").get_by_role("link", name="我的待办")).to_be_visible()


def approve_and_publish(reviewer) -> None:
    """On an item's review page: 审核通过 with the 保密审查 confirmed, published at once."""
    reviewer.get_by_role("radio", name="审核通过").check()
    reviewer.get_by_role("checkbox", name=re.compile("保密审查")).check()
    reviewer.get_by_label("审查意见").fill(OPINION)
    reviewer.get_by_role("radio", name="立即发布").check()
    reviewer.get_by_role("button", name="提交审查结论").click()
    expect(reviewer.locator(".state")).to_have_text("已发布")


def test_draft_submit_review_publish_and_the_public_sees_it(new_page):
    county = build_county()

    # 信息员: a new draft in the unit's 通知公告, then 送审.
    editor = new_page()
    log_in(editor, county.editor.username)
    editor.get_by_role("main").get_by_role("link", name="新建信息").click()
    editor.get_by_label("名称", exact=True).fill(TITLE)
    editor.get_by_label("形成或变更日期").fill((dt.date.today() - dt.timedelta(days=1)).isoformat())
    editor.get_by_role("checkbox", name=re.compile(r"通知公告$")).check()
    editor.get_by_role("textbox", name="正文", exact=True).fill("各学校：定于下周举办政务公开培训。")  # the rich-text editor
    editor.get_by_role("button", name="保存草稿").click()
    expect(editor.get_by_role("status")).to_contain_text("草稿已保存")
    expect(editor.get_by_role("heading", level=1)).to_have_text(TITLE)
    editor.get_by_role("button", name="送审").click()
    expect(editor.locator(".state")).to_have_text("送审")

    item = InformationItem.objects.get(title=TITLE)
    assert item.organization == county.department and item.state == State.SUBMITTED
    assert "<script" not in item.body and "定于下周举办政务公开培训" in item.body

    # The public does not see a submitted item.
    citizen = new_page()
    citizen.goto(reverse("portal:node", args=[county.department.id, county.node.id]))
    expect(citizen.get_by_role("heading", level=1)).to_have_text("通知公告")
    expect(citizen.get_by_role("link", name=TITLE)).to_have_count(0)
    assert citizen.goto(reverse("portal:item", args=[item.id])).status == 404

    # 审核员: from the review queue, record the 保密审查 and publish at once.
    reviewer = new_page()
    log_in(reviewer, county.reviewer.username)
    reviewer.get_by_role("navigation", name="主导航").get_by_role("link", name="审核队列").click()
    reviewer.get_by_role("link", name=TITLE).click()
    approve_and_publish(reviewer)

    item.refresh_from_db()
    assert item.state == State.PUBLISHED
    assert item.index_no and item.index_no.startswith(f"{county.department.credit_code}/")
    review = item.reviews.get()
    assert review.reviewer == county.reviewer and review.secrecy_checked
    assert review.decision == Review.Decision.APPROVED and review.opinion == OPINION
    expect(reviewer.get_by_text(item.index_no, exact=True)).to_be_visible()

    # The citizen reloads the node page and finds the new item with its 索引号.
    citizen.goto(reverse("portal:node", args=[county.department.id, county.node.id]))
    citizen.get_by_role("link", name=TITLE).click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(citizen.get_by_role("table", name="信息索引表")).to_contain_text(item.index_no)
    expect(citizen.get_by_text("定于下周举办政务公开培训")).to_be_visible()
