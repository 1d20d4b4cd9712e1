"""The staff page of a published gazette issue on a laptop (1366 px): a long title takes the spare width and
the 栏目 and 操作 columns keep their words on one line (「▶ 撤回」 was broken into 「▶ 撤」「回」)."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.gazette.models import GazetteEntry, GazetteIssue
from tests.browser.data import build_county
from tests.browser.test_publishing_flow import log_in

pytestmark = pytest.mark.browser

# The number of text lines a cell's words are laid out on (distinct tops of the text's line boxes).
LINES = """cell => {
  const range = document.createRange(); range.selectNodeContents(cell);
  return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
}"""


def test_the_section_and_action_columns_stay_on_one_line(new_page):
    county = build_county()
    issue = GazetteIssue.objects.create(organization=county.department, year=2025, number=4, total_number=124,
                                        published_on=dt.date(2025, 12, 31), pdf="gazette/2025-4.pdf",
                                        state=GazetteIssue.State.PUBLISHED)
    title = "测试县教育和体育局关于做好2025—2026年度冬春季校园安全和森林防火工作暨进一步加强中小学校周边交通秩序综合整治的通知"
    for position, section in enumerate(("县政府办公室文件", "人事任免"), start=1):
        GazetteEntry.objects.create(issue=issue, position=position, section=section, title=title,
                                    doc_number=f"测教体字〔2025〕{70 + position}号", body="<p>正文。</p>")
    page = new_page(viewport={"width": 1366, "height": 900})
    log_in(page, county.reviewer.username)
    page.goto(reverse("gazette_staff:detail", kwargs={"issue_id": issue.pk}))
    rows = page.locator("table tbody tr")
    assert rows.count() == 2
    for index in range(2):
        row = rows.nth(index)
        section, action = row.locator("td").nth(1), row.locator("td").nth(4).locator("summary")
        assert action.inner_text().strip() == "撤回"
        assert section.evaluate(LINES) == 1, section.inner_text()
        assert action.evaluate(LINES) == 1
    scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= client
