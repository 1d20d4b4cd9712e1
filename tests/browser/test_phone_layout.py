"""Phones first: no public page of the demo scrolls sideways at 360 px; the catalog tree and the menu work
on a phone, with and without JavaScript; controls and navigation links are tap targets of at least 44 px;
Chinese text has no half-width punctuation.

The overflow test loads the 沂源县 demo and gathers the public URLs from /sitemap.xml, the 网站地图 and one
level of links below each main-navigation landing page (the sitemap lists the column and items only):
about 3,300 URLs, nearly all node lists and items. It opens **every one of them** at 360 px: Django renders
each page in the test process (the test client, as the live server would) and Chromium lays the HTML out
in a page of the live server's origin (`page.set_content`), so the stylesheets, scripts and images are the
live server's and stay in the page's memory cache between documents; only the network round trips of
the page itself are saved, which is what keeps ~3,300 pages inside CI's budget (about 30 ms a page).
On PostgreSQL, where the suite runs a second time and layout does not depend on the database, a sample
of SAMPLE_PER_VIEW URLs of each Django view is opened (GONGKAI_OVERFLOW_ALL=1 opens every URL there too).
axe-core then checks the first page of every view and a page of every template the opened pages rendered
(included ones too), loaded normally (page.goto), at 360 and 1366 px — where every URL is opened (SQLite,
or GONGKAI_OVERFLOW_ALL=1): what axe checks is the HTML and the stylesheet, which do not depend on the
database either, and it is a third of the test's time (tests/browser/test_accessibility.py runs on both).
"""

import os
import re
from collections import defaultdict
from urllib.parse import unquote, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from gongkai.demo.loader import Loader
from tests.browser.a11y import describe, run_axe
from tests.browser.data import build_county, publish

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
SAMPLE_PER_VIEW = 3
PAGE_TIMEOUT_MS = 10_000
WIDTHS = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
# Tap targets (issue #11 §3): controls, navigation links and pagination at least 44 px high on a phone.
# Links inside running text and table cells are not targets of their own here (WCAG 2.5.8's inline
# exception); check boxes and radio buttons are tapped through their labels.
TAP_TARGET_PX = 44
SMALL_TARGETS = """() => Array.from(document.querySelectorAll(
    'button, select, summary, nav a, .pagination a, a.button, ' +
    'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=range])'))
  .map(el => [el, el.getBoundingClientRect()])
  .filter(([el, box]) => box.width > 1 && box.height > 1 && box.height < MIN - 0.5
          && getComputedStyle(el).visibility !== 'hidden')
  .map(([el, box]) => `${el.tagName.toLowerCase()} 「${(el.textContent || el.value || el.name || '').trim().slice(0, 16)}」 ${Math.round(box.height)} px`)
""".replace("MIN", str(TAP_TARGET_PX))
# Chinese text takes full-width punctuation (GB/T 15834): an ASCII comma, semicolon, colon, question or
# exclamation mark touching a Chinese character is a slip (a Django label suffix, a chart label…).
# Text quoted from documents (an item's body, the county's work plan) is marked `data-verbatim` in the
# templates and is shown as written; the rest of the page is the platform's own words.
INTERFACE_TEXT = """() => { const copy = document.body.cloneNode(true);
  copy.querySelectorAll('[data-verbatim], script, style, template').forEach(el => el.remove());
  return copy.textContent; }"""
HALF_WIDTH_IN_CHINESE = re.compile(r"[\u4e00-\u9fff][,;:?!]|[,;:?!][\u4e00-\u9fff]")
# The three checks of a laid-out page in one evaluation: [widths, interface text, small targets].
ALL_CHECKS = f"() => [({WIDTHS}), ({INTERFACE_TEXT})(), ({SMALL_TARGETS})()]"
LINK = re.compile(r'href="(/[^"#]*)"')
# Not pages: files, feeds, the API, the staff side and form endpoints.
SKIPPED_PREFIXES = ("/static/", "/media/", "/feeds/", "/sitemap", "/api/", "/staff/", "/accounts/", "/admin/",
                    "/i18n/", "/preferences/", "/en/")
SKIPPED_SUFFIXES = (".pdf", ".docx", ".json", ".xml", ".rss", ".atom", "/download/", "/pdf/")


def _public_path(href: str) -> str | None:
    path = unquote(urlsplit(href.replace("&amp;", "&")).path)
    if path.startswith(SKIPPED_PREFIXES) or path.endswith(SKIPPED_SUFFIXES):
        return None
    return path


def _is_html(response) -> bool:
    return response.status_code == 200 and "text/html" in response.get("Content-Type", "")


def _links(client, path: str) -> list[str]:
    response = client.get(path)
    if not _is_html(response):
        return []
    return [p for p in (_public_path(h) for h in LINK.findall(response.content.decode())) if p]


def gather_urls(client) -> list[str]:
    sitemap = client.get(reverse("feeds:sitemap")).content.decode()
    urls = [p for p in (_public_path(loc) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)) if p]
    landing = _links(client, reverse("portal:site_map"))
    urls += landing
    for path in dict.fromkeys(landing):
        if not path.startswith("/xxgk/"):  # the column is in the sitemap already
            urls += _links(client, path)
    # One more level under the work-plan boards (their per-unit views).
    urls += [link for path in set(urls) if re.fullmatch(r"/gzyd/\d+/", path) for link in _links(client, path)]
    return list(dict.fromkeys(urls))


def every_url() -> bool:
    return connection.vendor == "sqlite" or bool(os.environ.get("GONGKAI_OVERFLOW_ALL"))


def sample_by_view(urls: list[str], limit: int | None = SAMPLE_PER_VIEW) -> dict[str, list[str]]:
    by_view: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        try:
            by_view[resolve(url).view_name].append(url)
        except Resolver404:
            by_view["(unresolved)"].append(url)
    if limit is None:
        return dict(by_view)
    sampled = {}
    for view, group in by_view.items():
        step = max(1, len(group) / limit)
        sampled[view] = [group[int(i * step)] for i in range(min(len(group), limit))]
    return sampled


def overflow_problems(page, client, sampled: dict[str, list[str]],
                      covering: dict[str, str] | None = None) -> tuple[list[str], int]:
    """Lay out each URL's HTML at the page's width; a page wider than the screen is a problem.

    `covering`, when given, collects a URL for each template (included ones too) the pages rendered:
    the first URL that rendered it."""
    problems, opened = [], 0
    for view, group in sampled.items():
        for url in group:
            response = client.get(url)
            if response.status_code != 200:
                problems.append(f"{url} ({view}): HTTP {response.status_code}")
                continue
            if not _is_html(response):
                continue  # a download (an attachment, an export) linked from a page
            if covering is not None:
                for template in response.templates:
                    covering.setdefault(template.name, url)
            page.set_content(response.content.decode(), wait_until="load")
            opened += 1
            widths, text, small = page.evaluate(ALL_CHECKS)  # one round trip to the browser, not three
            if widths[0] > widths[1]:
                problems.append(f"{url} ({view}): {widths[0]} px wide on a {widths[1]} px screen")
            slips = [text[max(0, m.start() - 8):m.end() + 8] for m in HALF_WIDTH_IN_CHINESE.finditer(text)]
            if slips:
                problems.append(f"{url} ({view}): half-width punctuation in Chinese text: {slips[:3]}")
            if small:
                problems.append(f"{url} ({view}): tap targets under {TAP_TARGET_PX} px: {'; '.join(small[:5])}")
    return problems, opened


def test_no_public_page_of_the_demo_scrolls_sideways_at_360px_and_axe_passes_a_page_of_each_view(
        browser, live_server, transactional_db):
    Loader().run()
    client = Client(HTTP_HOST=urlsplit(live_server.url).netloc)
    # (bypass_csp: axe is injected as an inline script; the CSP itself is tested in test_csp.py)
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="zh-CN",
                                  timezone_id="Asia/Shanghai", bypass_csp=True)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        page = context.new_page()
        urls = gather_urls(client)
        sampled = sample_by_view(urls, None if every_url() else SAMPLE_PER_VIEW)
        assert len(urls) > 2500 and "portal:node" in sampled and "workplan:board" in sampled
        # The documents are laid out in a page of the site's own origin, so /static/ resolves there.
        page.goto(reverse("portal:home"), wait_until="load")
        covering: dict[str, str] = {}
        problems, opened = overflow_problems(page, client, sampled, covering)
        assert opened > (len(urls) * 0.95 if every_url() else 40)
        assert not problems, "\n".join(problems)
        if not every_url():
            return

        # axe-core: no serious or critical WCAG 2.1 AA violation on the first page of every public view
        # and on a page of every template those pages rendered (included templates too), on a phone and
        # on a desktop screen.
        checked = [group[0] for group in sample_by_view(urls, 1).values()]
        checked += [url for url in dict.fromkeys(covering.values()) if url not in checked]
        assert len(covering) > 100
        failures = []
        for url in checked:
            for viewport in (PHONE, {"width": 1366, "height": 900}):
                page.set_viewport_size(viewport)
                try:
                    page.goto(url, wait_until="load")
                except PlaywrightError as error:
                    if "Download is starting" in str(error):
                        continue
                    raise
                violations = run_axe(page)
                if violations:
                    failures.append(f"{url} ({viewport['width']} px):\n{describe(violations)}")
        assert not failures, "\n".join(failures)
    finally:
        context.close()


def test_the_overflow_check_lays_pages_out_as_a_phone_does(browser, live_server, transactional_db):
    """The fast path (the test client's HTML set into a page of the site's origin) applies the site's
    stylesheet, so a node list becomes cards; and it reports a page wider than the screen and a small
    tap target; labels end in the full-width colon."""
    county = build_county()
    publish(county, "关于做好2020年秋季学期开学工作的通知")
    client = Client(HTTP_HOST=urlsplit(live_server.url).netloc)
    path = reverse("portal:node", args=[county.department.id, county.node.id])
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(reverse("portal:home"), wait_until="load")
        assert overflow_problems(page, client, {"portal:node": [path]}) == ([], 1)
        cell = page.locator(".item-table tbody td").first
        assert cell.evaluate("td => getComputedStyle(td, '::before').content") == '"索引号："'

        wide = client.get(path).content.decode().replace("</main>", '<div style="width:900px">宽</div></main>')
        page.set_content(wide, wait_until="load")
        assert page.evaluate(WIDTHS)[0] > PHONE["width"] and page.evaluate(ALL_CHECKS)[0][0] > PHONE["width"]
        small = client.get(path).content.decode().replace(
            "</main>", '<nav aria-label="t"><a href="/" style="display:inline;min-height:0">小</a></nav></main>')
        page.set_content(small, wait_until="load")
        assert page.evaluate(SMALL_TARGETS) and "小" in page.evaluate(SMALL_TARGETS)[0]
        # the sweep asks all three in one evaluation: the same answers
        assert page.evaluate(ALL_CHECKS) == [page.evaluate(WIDTHS), page.evaluate(INTERFACE_TEXT), page.evaluate(SMALL_TARGETS)]
        # and the form labels of a Chinese page end in the full-width colon (Django's own zh_Hans: ":")
        page.set_content(client.get(reverse("mailbox:list")).content.decode(), wait_until="load")
        text = page.evaluate(INTERFACE_TEXT)
        assert "关键词：" in text and not HALF_WIDTH_IN_CHINESE.search(text)
        # a quoted document's own punctuation is not the interface's
        quoted = client.get(path).content.decode().replace("</main>", '<p data-verbatim>原文如此,照录。</p></main>')
        page.set_content(quoted, wait_until="load")
        assert not HALF_WIDTH_IN_CHINESE.search(page.evaluate(INTERFACE_TEXT))
        page.set_content(quoted.replace(" data-verbatim", ""), wait_until="load")
        assert HALF_WIDTH_IN_CHINESE.search(page.evaluate(INTERFACE_TEXT))
    finally:
        context.close()


def test_a_reader_browses_the_catalog_tree_on_a_phone(new_page):
    county = build_county()
    item = publish(county, "关于做好2020年秋季学期开学工作的通知")
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(reverse("portal:org_column", args=[county.department.id]))

    # A compact header: the name, a 菜单 button and the search box; the tree is folded behind a button.
    assert page.locator(".site-header").bounding_box()["height"] <= 120
    tree = page.get_by_role("navigation", name="测试县教育和体育局信息公开目录")
    expect(tree).to_be_hidden()
    page.get_by_text("信息公开目录", exact=True).click()
    expect(tree).to_be_visible()
    expect(tree.get_by_text("规划信息 暂无信息")).to_be_visible()  # empty: named, not linked
    expect(tree.get_by_role("link", name=re.compile("^规划信息"))).to_have_count(0)

    tree.get_by_role("link", name=re.compile("^法定主动公开内容")).click()
    page.get_by_text("信息公开目录", exact=True).click()
    page.get_by_role("navigation", name="测试县教育和体育局信息公开目录").get_by_role(
        "link", name=re.compile("^通知公告")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("通知公告")
    # The current node is marked in the tree; the list is a card per item on a phone.
    page.get_by_text("信息公开目录", exact=True).click()
    expect(page.locator(".catalog-nav [aria-current='page']")).to_contain_text("通知公告")
    row = page.locator(".item-table tbody tr").first
    label = row.locator("td").first.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label == '"索引号："'  # each field of the card is labelled
    expect(page.locator(".item-table thead")).not_to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    row.get_by_role("link", name=item.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(item.title)


@pytest.mark.parametrize("javascript", [True, False])
def test_the_phone_menu_opens_with_and_without_javascript(new_page, javascript):
    build_county()
    page = new_page(viewport={"width": 390, "height": 844}, java_script_enabled=javascript)
    page.goto(reverse("portal:home"))
    nav = page.get_by_role("navigation", name="主导航")
    expect(nav).to_be_hidden()
    page.get_by_text("菜单", exact=True).click()
    expect(nav).to_be_visible()
    expect(page.get_by_role("link", name="长者模式")).to_be_visible()
    nav.get_by_role("link", name="政府信息公开").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("政府信息公开")
