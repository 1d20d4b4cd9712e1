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
