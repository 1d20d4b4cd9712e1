"""A citizen finds a unit's information by browsing, reads its 信息索引表 and downloads an attachment."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.data import ATTACHMENT_NAME, PDF, build_county, publish

pytestmark = pytest.mark.browser

TITLE = "关于做好2020年春季学期开学工作的通知"


def index_value(page, label: str):
    """The cell after the 信息索引表 header `label` (the table shows two label/value pairs a row)."""
    table = page.get_by_role("table", name="信息索引表")
    return table.get_by_role("rowheader", name=label, exact=True).locator("xpath=following-sibling::td[1]")


def test_citizen_browses_to_an_item_and_downloads_its_attachment(page):
    county = build_county()
    item = publish(county, TITLE, attachment=True, doc_number="源教体字〔2020〕12号")

    page.goto(reverse("portal:home"))
    page.get_by_role("main").get_by_role("link", name="政府信息公开", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(reverse("portal:column")) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("政府信息公开")

    page.get_by_role("link", name=county.department.name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{county.department.name}政府信息公开")

    page.get_by_role("main").get_by_role("link", name="法定主动公开内容", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("法定主动公开内容")

    page.get_by_role("main").get_by_role("link", name="通知公告", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("通知公告")

    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(index_value(page, "索引号")).to_have_text(item.index_no)
    expect(index_value(page, "名称")).to_have_text(TITLE)
    expect(index_value(page, "发布机构")).to_have_text(county.department.name)
    expect(index_value(page, "发文字号")).to_have_text("源教体字〔2020〕12号")
    expect(page.get_by_text("做好保密审查")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name=ATTACHMENT_NAME).click()
    download = download_info.value
    assert download.suggested_filename == ATTACHMENT_NAME
    assert Path(download.path()).read_bytes() == PDF
