"""The 绩效考核 ranking fits a 1366 px window; on a phone it scrolls sideways inside its own region, with its
headings and the 名次 and 单位 of each row still in view, and the page itself does not."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.assurance.services import assessment as services
from gongkai.organizations.factories import OrganizationFactory
from tests.browser.data import build_county
from tests.browser.test_publishing_flow import log_in

pytestmark = pytest.mark.browser

WIDTHS = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
LONG_NAMES = ["市公共资源交易中心沂源分中心", "县金融证券工作服务中心", "县人力资源社会保障局"]


@pytest.fixture
def assessment():
    county = build_county()
    for n, name in enumerate(LONG_NAMES, start=10):
        OrganizationFactory(parent=county.government, name=name, short_name=name, sort_order=n)
    supervisor = user_with_role(county.government, Role.SUPERVISOR, username="gongkaiban")
    return services.create_assessment(supervisor, 2026)


def test_the_ranking_fits_a_laptop_and_scrolls_in_its_region_on_a_phone(page, assessment):
    log_in(page, "gongkaiban")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(reverse("assurance:assessment", args=[assessment.pk]))
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader", name="总分")).to_be_visible()
    scroll_width, client_width = page.evaluate(WIDTHS)
    assert scroll_width <= client_width == 1366
    assert table.bounding_box()["x"] + table.bounding_box()["width"] <= client_width
    # No data yet: every unit's total is 0, so all share the first rank.
    expect(table.get_by_role("cell", name="1 并列")).to_have_count(len(LONG_NAMES) + 1)

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    scroll_width, client_width = page.evaluate(WIDTHS)
    assert scroll_width <= client_width == 390
    region = page.get_by_role("region", name="各单位得分和名次")
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")
    region.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    expect(table.get_by_role("columnheader", name="总分")).to_be_in_viewport()
    unit = table.get_by_role("rowheader", name=LONG_NAMES[0])
    box, frame = unit.bounding_box(), region.bounding_box()
    assert frame["x"] <= box["x"] < frame["x"] + frame["width"] / 2  # 单位 stays at the left while scrolled
