"""axe-core finds no serious or critical WCAG 2.1 A/AA violation on the public pages, in normal and 长者模式."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.a11y import BLOCKING_IMPACTS, describe
from tests.browser.data import build_county, publish

pytestmark = pytest.mark.browser

ELDER_CLASS = re.compile(r"\belder\b")  # the 长者模式 persists from page to page
ALL_IMPACTS = ("minor", "moderate", "serious", "critical")
ALSO_BLOCKING = {"landmark-unique"}


def public_pages(county, item) -> dict[str, str]:
    department, node = county.department, county.node
    return {
        "home": reverse("portal:home"),
        "column": reverse("portal:column"),
        "unit column": reverse("portal:org_column", args=[department.id]),
        "statutory": reverse("portal:statutory", args=[department.id]),
        "node list": reverse("portal:node", args=[department.id, node.id]),
        "item": reverse("portal:item", args=[item.id]),
    }


def every_public_template(county, item) -> dict[str, str]:
    """A page of each public template of the portal and the pages its navigation leads to."""
    department = county.department
    return {
        **public_pages(county, item),
        "guide": reverse("portal:guide", args=[department.id]),
        "system": reverse("portal:system", args=[department.id]),
        "annual reports": reverse("portal:annual_reports", args=[department.id]),
        "by topic": reverse("portal:by_topic", args=[item.topic]),
        "by node": reverse("portal:by_node_key", args=["plan.notices"]),
        "site map": reverse("portal:site_map"),
        "contact": reverse("portal:contact"),
        "print": reverse("portal:item_print", args=[item.id]),
        "requests": reverse("requests_public:index"),
        "annual reports (all)": reverse("reports:index"),
        "work plans": reverse("workplan:plans"),
        "regulations": reverse("regulations:library"),
        "interpretations": reverse("interpretations:list"),
        "gazette": reverse("gazette:archive"),
        **home_links(),
    }


def home_links() -> dict[str, str]:
    """The other public pages the home page links to (its menu, panels and footer), and the forms they lead to."""
    names = {
        "participation": "participation:index", "catalogs": "participation:catalogs",
        "meetings": "participation:meetings", "mailbox column": "mailbox:column", "mailbox": "mailbox:index",
        "mailbox write": "mailbox:write", "mailbox lookup": "mailbox:lookup", "mailbox answers": "mailbox:list",
        "mailbox faq": "mailbox:faq", "mailbox stats": "mailbox:stats", "policies": "policies:finder",
        "new media": "newmedia:matrix", "feeds": "subscriptions:index", "search": "search:results",
        "topics": "topics:index", "standards": "standards:index", "api guide": "api_guide:index",
        "apply": "requests_public:apply", "lookup": "requests_public:lookup", "interviews": "interviews:index",
        "surveys": "surveys:index", "proposals": "proposals:index", "ratings": "ratings:index",
        "lists": "lists:index", "negative list": "assurance_public:negative_list",
    }
    pages = {name: reverse(url_name) for name, url_name in names.items()}
    pages["subscribe"] = reverse("subscriptions:subscribe", args=["enterprise_policies"])
    return pages


def check_pages(page, axe, pages: dict[str, str], elder: bool, prefix: str = "") -> None:
    """`prefix`: "/en" for the English pages."""
    report = []
    for name, url in pages.items():
        url = prefix + url
        response = page.goto(url)
        assert response.status == 200, f"{name} {url}: HTTP {response.status}"
        if elder:
            expect(page.locator("body")).to_have_class(ELDER_CLASS)
        # Blocking: serious and critical, and two landmarks of the same kind and name (a screen reader's
        # landmark list shows them as one: two 「search」 forms, a 专题专栏 panel next to a 专题专栏 section).
        violations = [v for v in axe(page, impacts=ALL_IMPACTS)
                      if v["impact"] in BLOCKING_IMPACTS or v["id"] in ALSO_BLOCKING]
        if violations:
            report.append(f"{name} {url}:\n{describe(violations)}")
    assert not report, "\n\n".join(report)


def build():
    """A county whose department has a few items (one with an attachment): lists are not empty."""
    county = build_county()
    items = [publish(county, f"关于做好第{n}批政务公开工作的通知", attachment=(n == 1)) for n in (1, 2, 3)]
    return county, items[0]


def test_axe_reports_what_it_should(browser, axe):
    """The check itself can fail: an image without alt text and an unlabelled field are critical."""
    page = browser.new_page()
    try:
        page.set_content('<html lang="zh-Hans"><head><title>t</title></head><body><main><h1>标题</h1>'
                         '<img src="data:,"><input type="text"></main></body></html>')
        found = {violation["id"] for violation in axe(page)}
    finally:
        page.close()
    assert {"image-alt", "label"} <= found


def test_public_pages_have_no_serious_violations(page, axe):
    county, item = build()
    check_pages(page, axe, public_pages(county, item), elder=False)


def test_public_pages_have_no_serious_violations_in_elder_mode(page, axe):
    county, item = build()
    page.goto(reverse("portal:home"))
    page.get_by_role("link", name="长者模式").click()
    expect(page.get_by_role("link", name="退出长者模式")).to_be_visible()
    check_pages(page, axe, public_pages(county, item), elder=True)


@pytest.mark.parametrize("width", [360, 1366])
def test_every_public_template_has_no_serious_violations_at_phone_and_desktop_widths(new_page, axe, width):
    county, item = build()
    page = new_page(viewport={"width": width, "height": 900})
    check_pages(page, axe, every_public_template(county, item), elder=False)
    if width == 360:  # the phone menu, opened
        page.goto(reverse("portal:home"))
        page.get_by_text("菜单", exact=True).click()
        violations = axe(page)
        assert not violations, describe(violations)


def test_every_public_template_in_english_and_elder_mode_at_phone_width(new_page, axe):
    county, item = build()
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto("/en" + reverse("portal:home"))
    page.goto(page.locator("a[href*='elder=on']").first.get_attribute("href"))  # the switch, inside the phone menu
    expect(page.locator("body")).to_have_class(ELDER_CLASS)
    check_pages(page, axe, every_public_template(county, item), elder=True, prefix="/en")
