"""A citizen searches for 公开 from the home page, narrows the results to one organization, opens a result."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.publishing.services import record_migrated_item
from tests.browser.a11y import describe
from tests.browser.data import build_county, publish

pytestmark = pytest.mark.browser

TITLE = "关于做好2020年政务公开工作的通知"


def test_citizen_searches_narrows_by_organization_and_opens_a_result(page, axe):
    county = build_county()
    item = publish(county, TITLE, doc_number="源教体字〔2020〕12号")
    for number in range(3):  # the county government's own documents, also about 公开
        record_migrated_item(None, county.government,
                             {"title": f"县政府第{number + 1}号公开通知", "formed_on": dt.date(2020, 8, 1),
                              "body": "<p>依法做好信息公开。</p>"},
                             [county.government.catalog_nodes.first()], timezone.now() - dt.timedelta(days=number + 1))

    page.goto(reverse("portal:home"))
    page.get_by_role("search").get_by_label("站内搜索").fill("公开")
    page.get_by_role("search").get_by_role("button", name="搜索").click()

    expect(page).to_have_url(re.compile(r"/search/\?q=%E5%85%AC%E5%BC%80"))
    expect(page.get_by_role("status")).to_contain_text("共找到 4 条结果")
    assert not axe(page), describe(axe(page))

    facets = page.get_by_role("navigation", name="发布机构")
    facets.get_by_role("link", name=re.compile(county.department.short_name)).click()
    expect(page.get_by_role("status")).to_contain_text("共找到 1 条结果")
    expect(page.get_by_role("region", name="当前筛选条件")).to_contain_text(county.department.name)
    results = page.get_by_role("region", name="搜索结果")
    expect(results.get_by_role("mark").first).to_have_text("公开")

    results.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(re.compile(re.escape(reverse("portal:item", args=[item.id])) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
