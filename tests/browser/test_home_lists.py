"""The home page's lists on a phone (390 px): a long title that wraps stays beside its bullet in 「最新公开」
(it had dropped onto a line of its own under the bullet), and a 「（尚未施行）」 mark follows the title's last line
instead of squeezing the title into a narrow column beside it."""

import datetime as dt

import pytest

from gongkai.regulations.factories import normative_document
from tests.browser.data import build_county

pytestmark = pytest.mark.browser

LONG_TITLE = "测试县人民政府办公室关于印发《测试县农村公路养护管理办法》的通知"
# Boxes of an element's text lines, of its list item and of its 「（…）」 mark, in CSS pixels.
GEOMETRY = """a => {
  const range = document.createRange(); range.selectNodeContents(a);
  const lines = [...range.getClientRects()].filter(r => r.width > 0);
  const li = a.closest('li').getBoundingClientRect();
  const mark = a.closest('li').querySelector('.item-validity');
  return {liLeft: li.left, liWidth: li.width, firstLeft: lines[0].left,
          lastTop: lines[lines.length - 1].top, lineCount: new Set(lines.map(r => Math.round(r.top))).size,
          markTop: mark ? mark.getBoundingClientRect().top : null};
}"""


def test_a_long_title_stays_beside_its_bullet_and_its_mark_follows_it(new_page):
    county = build_county()
    today = dt.date.today()
    normative_document(county.department, county.editor, county.reviewer, title=LONG_TITLE,
                       doc_number="测教体发〔2026〕3号", promulgated_on=str(today - dt.timedelta(days=10)),
                       effective_from=str(today + dt.timedelta(days=30)),
                       expires_on=str(today + dt.timedelta(days=900)))
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto("/")
    link = page.locator(".latest-list li a", has_text=LONG_TITLE)
    box = link.evaluate(GEOMETRY)
    assert box["lineCount"] >= 2, box  # the title wraps at this width: the case being tested
    assert box["firstLeft"] > box["liLeft"] + 5, box  # its first line starts after the bullet, not under it
    assert box["markTop"] is not None and box["markTop"] >= box["lastTop"] - 2, box  # the mark after the last line


def test_in_english_the_mark_is_spaced_off_the_title(new_page):
    """「（尚未施行）」 brings its own space in its wide bracket; "(Not yet in force)" was glued to the title at
    1366 px (the space between them is dropped inside the title's flex box)."""
    county = build_county()
    today = dt.date.today()
    normative_document(county.department, county.editor, county.reviewer, title="测试县农村公路养护管理办法",
                       doc_number="测教体发〔2026〕4号", promulgated_on=str(today - dt.timedelta(days=10)),
                       effective_from=str(today + dt.timedelta(days=30)),
                       expires_on=str(today + dt.timedelta(days=900)))
    page = new_page(viewport={"width": 1366, "height": 900})
    page.goto("/en/")
    entry = page.locator(".latest-list .list-entry-title", has_text="测试县农村公路养护管理办法")
    assert "(Not yet in force)" in entry.inner_text()
    gap = entry.evaluate("""e => e.querySelector('.item-validity').getBoundingClientRect().left
                                 - e.querySelector('a').getBoundingClientRect().right""")
    assert gap >= 3, gap


@pytest.mark.parametrize("large", [False, True])
def test_in_english_elder_mode_the_mark_does_not_squeeze_a_modules_title(new_page, large):
    """长者模式 in English at 1366 px: "(Not yet in force)" took the 政策文件 module's row and left the title five
    characters before its 「…」. The title keeps at least 12em; the mark follows it or goes under it."""
    from tests.browser.test_elder_layout import elder

    county = build_county()
    today = dt.date.today()
    normative_document(county.department, county.editor, county.reviewer, title=LONG_TITLE,
                       doc_number="测教体发〔2026〕5号", promulgated_on=str(today - dt.timedelta(days=10)),
                       effective_from=str(today + dt.timedelta(days=30)),
                       expires_on=str(today + dt.timedelta(days=900)))
    page = new_page(viewport={"width": 1366, "height": 900})
    elder(page, large)
    page.goto("/en/")
    entry = page.locator(".module-list:not(.latest-list) .list-entry-title", has_text=LONG_TITLE[:8]).first
    assert "(Not yet in force)" in entry.inner_text()
    box = entry.evaluate("""e => {
      const a = e.querySelector('a').getBoundingClientRect(), m = e.querySelector('.item-validity').getBoundingClientRect();
      return {font: parseFloat(getComputedStyle(e.querySelector('a')).fontSize), title: a.width,
              after: m.left >= a.right, under: m.top >= a.bottom - 1, inside: m.right <= e.getBoundingClientRect().right + 1};
    }""")
    assert box["title"] >= 10 * box["font"], box  # ten characters at least, not five
    assert (box["after"] or box["under"]) and box["inside"], box
