"""A citizen finds an item by a phrase that stands only in its attachment, finds the annual reports by
「年报」, and on a search that finds nothing is offered other ways."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import expect

from gongkai.publishing import services
from gongkai.publishing.tests.samples import pdf_with_text
from gongkai.search import dictionary, synonyms
from tests.browser.a11y import describe
from tests.browser.data import build_county, publish
from tests.browser.test_staff_writing import shoot

pytestmark = pytest.mark.browser

PHRASE = "乡村振兴衔接资金分配明细"
REPORT = "测试县教育和体育局2020年政府信息公开工作年度报告"


def search(page, q: str) -> None:
    page.goto(reverse("search:results"))
    page.get_by_label("关键词、文号或索引号").fill(q)
    page.get_by_role("search").get_by_role("button", name="搜索", exact=True).click()


def test_citizen_finds_attachment_text_annual_reports_by_their_short_name_and_other_ways(page, axe):
    dictionary.load_starting_list()
    synonyms.forget()
    county = build_county()
    funds = publish(county, "关于下达2020年专项资金的通知", body="<p>详见附件。</p>")
    services.add_attachment(county.reviewer, funds, SimpleUploadedFile(
        "资金分配表.pdf", pdf_with_text(f"附件：2020年{PHRASE}"), content_type="application/pdf"))
    report = publish(county, REPORT, body="<p>本报告依据条例第五十条编制。</p>")
    publish(county, "关于做好防汛工作的通知")

    search(page, PHRASE)
    expect(page.get_by_role("status")).to_contain_text("共找到 1 条结果")
    results = page.get_by_role("region", name="搜索结果")
    expect(results.get_by_text("在附件《资金分配表.pdf》中找到")).to_be_visible()
    expect(results.get_by_role("mark").first).to_have_text(PHRASE)
    shoot(page, "search-attachment")
    violations = axe(page)
    assert not violations, describe(violations)
    results.get_by_role("link", name="关于下达2020年专项资金的通知").click()
    expect(page.get_by_role("link", name="资金分配表.pdf")).to_be_visible()

    search(page, "年报")
    expect(page.get_by_role("status")).to_contain_text("共找到 1 条结果")
    expect(page.get_by_text(re.compile("已同时查找同义词：.*年度报告"))).to_be_visible()
    expect(page.get_by_role("link", name=REPORT)).to_have_attribute("href", reverse("portal:item", args=[report.id]))
    shoot(page, "search-synonyms")

    search(page, "防汛工做")
    expect(page.get_by_role("status")).to_contain_text("共找到 0 条结果")
    suggestions = page.get_by_role("region", name="您是不是要找")
    expect(suggestions.get_by_role("link", name="关于做好防汛工作的通知")).to_be_visible()
    other_ways = page.get_by_role("region", name="还可以这样找")
    expect(other_ways.get_by_role("link", name="按政府信息公开目录逐级浏览")).to_have_attribute(
        "href", reverse("portal:column"))
    expect(other_ways.get_by_role("link", name=re.compile("依申请公开"))).to_have_attribute(
        "href", reverse("requests_public:apply"))
    shoot(page, "search-zero")
    violations = axe(page)
    assert not violations, describe(violations)
