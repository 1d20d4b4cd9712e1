"""清单 pages (/qd/) on a phone and a desktop: axe-core finds no serious WCAG violation, nothing scrolls
sideways at 360 px, a wide 权责清单 becomes one card per entry on the phone, and a visitor finds what
applied on an earlier date."""

import pytest
from django.urls import reverse

from gongkai.lists.factories import make_list, power_row, published_version
from tests.browser.a11y import describe
from tests.browser.data import build_county

pytestmark = pytest.mark.browser


def county_with_list():
    county = build_county()
    name = county.department.name
    lst = make_list(county.department, county.editor)
    published_version(lst, county.editor, county.reviewer, "2019年版", "2019-06-01", [
        power_row("学校办学许可", name), power_row("教师资格认定", name, kind="行政确认")])
    published_version(lst, county.editor, county.reviewer, "2020年版", "2020-09-01", [
        power_row("学校办学许可", name), power_row("对违规办学的处罚", name, kind="行政处罚")])
    return lst


@pytest.mark.parametrize("width", [360, 1366])
def test_list_pages_are_accessible_and_fit_the_screen(new_page, axe, width):
    lst = county_with_list()
    page = new_page(viewport={"width": width, "height": 900})
    report = []
    for url in (reverse("lists:index"), reverse("lists:detail", kwargs={"list_id": lst.pk}),
                reverse("lists:detail", kwargs={"list_id": lst.pk}) + "?date=2020-01-15"):
        assert page.goto(url).status == 200
        violations = axe(page)
        if violations:
            report.append(f"{url}:\n{describe(violations)}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
    assert not report, "\n\n".join(report)


def test_a_visitor_finds_what_applied_on_a_date_on_a_phone(new_page):
    lst = county_with_list()
    page = new_page(viewport={"width": 360, "height": 740})
    page.goto(reverse("lists:detail", kwargs={"list_id": lst.pk}))
    assert page.locator("table.list-rows tbody tr").count() == 2
    assert page.locator("table.list-rows thead").evaluate("e => getComputedStyle(e).position") == "absolute"  # cards
    page.get_by_label("查询某一日期适用的版本").fill("2020-01-15")
    page.get_by_role("button", name="查询").click()
    assert "教师资格认定" in page.locator("main").inner_text()
    assert "2019年版" in page.locator("#version-heading").inner_text()


def test_english_headings_and_choices_are_not_cut_inside_a_word_on_a_desktop(new_page):
    """「Administrative licensing」 was cut 「Adminis / trative」 in the 5.5em column (overflow-wrap: anywhere)."""
    from django.utils import translation

    lst = county_with_list()
    with translation.override("en"):
        url = reverse("lists:detail", kwargs={"list_id": lst.pk})
    page = new_page(viewport={"width": 1366, "height": 900})
    assert page.goto(url).status == 200
    cut = page.evaluate("""() => [...document.querySelectorAll('table.list-rows td')].flatMap(td => {
        const text = td.firstChild;
        if (!text || text.nodeType !== Node.TEXT_NODE) return [];
        const words = [];
        for (const match of text.data.matchAll(/[A-Za-z]{6,}/g)) {
            const range = document.createRange();
            range.setStart(text, match.index);
            range.setEnd(text, match.index + match[0].length);
            if (range.getClientRects().length > 1) words.push(match[0]);
        }
        return words;
    })""")
    assert "Administrative" in page.locator("table.list-rows").inner_text()
    assert cut == []


def test_the_english_staff_version_page_does_not_scroll_sideways_on_a_desktop(new_page):
    """The staff page did not load lists.css: its wide table (English headings) widened the whole page."""
    from django.utils import translation

    from gongkai.accounts.factories import TEST_PASSWORD
    from gongkai.lists.models import Version

    lst = county_with_list()
    version = Version.objects.filter(disclosure_list=lst).order_by("-number").first()
    page = new_page(viewport={"width": 1366, "height": 900})
    page.goto(reverse("accounts:login"))
    page.get_by_label("用户名").fill("xinxiyuan")  # the department's editor (tests/browser/data.py)
    page.get_by_label("密码", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state("networkidle")
    with translation.override("en"):
        url = reverse("lists_staff:version", kwargs={"version_id": version.pk})
    assert page.goto(url).status == 200
    assert "Type of power" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
