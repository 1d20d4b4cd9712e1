"""The workbench (the staff home) and a unit's page on a phone (390 px) and a laptop (1366 px): nothing
scrolls sideways, a long 互联网联系方式 included, and axe finds no serious or critical violation."""

import pytest
from django.urls import reverse

from tests.browser.a11y import describe
from tests.browser.data import build_county
from tests.browser.test_publishing_flow import log_in

pytestmark = pytest.mark.browser

WIDTHS = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
LONG_WEB = "https://www.yiyuan.example.cn/jiaotiju/zhengwugongkai/gongzuojigou/lianxifangshi/index.html"


@pytest.mark.parametrize("width", [390, 1366])
def test_the_workbench_and_the_units_page_fit_the_screen(new_page, axe, width):
    county = build_county()
    county.department.office_web = LONG_WEB
    county.department.save(update_fields=["office_web"])
    page = new_page(viewport={"width": 1366, "height": 800})
    log_in(page, county.editor.username)  # (it looks for the menu's links, folded away on a phone)
    page.set_viewport_size({"width": width, "height": 800})
    for url in (reverse("workbench:home"), reverse("organizations:detail", kwargs={"org_id": county.department.id})):
        page.goto(url)
        scroll, client = page.evaluate(WIDTHS)
        assert scroll <= client, (url, width, scroll)
        violations = axe(page)
        assert violations == [], describe(violations)
