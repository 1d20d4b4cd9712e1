"""Tables a reader meets on a phone or a laptop: a many-column table in an item's text scrolls sideways in its
box at 390 px instead of squeezing its cells to a character or two a line (Chinese may break between any two
characters), and the 依申请公开 page keeps each office's telephone and fax number on one line at 1366 px (they
broke at the hyphen: 「0533-」「3230001」)."""

import pytest

from tests.browser.data import build_county, publish

pytestmark = pytest.mark.browser

HEADINGS = ("序号", "文件名称", "文号", "制定机关", "清理结论", "理由")
ROW = ("1", "测试县人民政府办公室关于印发《测试县农村公路养护管理办法》的通知", "测政办发〔2022〕12号",
       "测试县人民政府办公室", "继续有效", "符合现行法律法规和政策，继续有效。")
TABLE = ("<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in HEADINGS) + "</tr></thead><tbody><tr>"
         + "".join(f"<td>{c}</td>" for c in ROW) + "</tr></tbody></table>")
# The number of text lines an element's words take (distinct tops of its line boxes).
LINES = """el => {
  const range = document.createRange(); range.selectNodeContents(el);
  return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
}"""


def test_a_wide_table_in_an_item_scrolls_sideways_on_a_phone(new_page):
    county = build_county()
    item = publish(county, "测试县人民政府办公室2026年规范性文件集中清理结果", body=f"<p>清理结果如下。</p>{TABLE}")
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(f"/xxgk/items/{item.pk}/")
    box = page.locator(".item-body .table-scroll").first
    widths = box.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert widths[0] > widths[1], widths  # the table is wider than its box: it scrolls there
    page_widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert page_widths[0] <= page_widths[1], page_widths  # the page itself does not
    name = page.locator(".item-body td").nth(1)
    assert name.evaluate(LINES) <= 8, name.evaluate(LINES)  # 32 characters: not one or two a line


def test_office_numbers_stay_on_one_line(new_page):
    county = build_county()
    for organization in (county.government, county.department):  # long cells, as a real county's, squeeze the rest
        organization.office_name = f"{organization.name}政务公开办公室（政府信息公开工作机构）"
        organization.office_address = "山东省淄博市测试县城区胜利路与螺旋路交汇处政务服务中心三楼东侧三〇六室"
        organization.save()
    page = new_page(viewport={"width": 1366, "height": 900})
    page.goto("/yisqgk/")
    numbers = page.locator("td[data-label='电话'], td[data-label='传真']")
    assert numbers.count() >= 2
    for index in range(numbers.count()):
        assert numbers.nth(index).evaluate(LINES) == 1, numbers.nth(index).inner_text()
