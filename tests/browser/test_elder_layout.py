"""长者模式 keeps the pages' layout, the public buttons look like the site's, staff tables read on a phone.

长者模式 sets 20 px type (24 px with 字号 大): the 图片新闻 captions stay a few characters wide instead of a
column of single characters, a 360 px phone does not scroll sideways, the home lists still end a long title
in 「…」, a node list keeps room for the 名称, and the apply form's controls grow with the text, check boxes
beside their labels. Staff tables whose cells carry their column's name become cards on a phone (also in
长者模式); the others, and every table in a browser without :has(), keep their headings and scroll inside
themselves; dates keep their line on a desktop screen. Staff buttons look like the public ones.
"""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from gongkai.catalog.services import node_by_key
from gongkai.publishing import services
from tests.browser.data import build_county, publish
from tests.browser.test_requests import log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 900}
WIDTHS = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
FONT_PX = "el => parseFloat(getComputedStyle(el).fontSize)"
BEFORE = "el => getComputedStyle(el, '::before').content"
COLOURS = "el => [getComputedStyle(el).fontSize, getComputedStyle(el).backgroundColor, getComputedStyle(el).color]"
LONG_TITLE = "县人民政府召开2026年全县政务公开暨政府网站与政务新媒体工作推进会议并部署全年重点任务"


def photo_news(county, n: int):
    """A 要闻动态 item with a picture: it shows in 图片新闻 on the home page."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 40), "#6f9a5b").save(buffer, "JPEG")
    item = publish(county, f"{LONG_TITLE}（{n}）", nodes=[node_by_key(county.department, "plan.news")])
    services.add_attachment(county.reviewer, item, SimpleUploadedFile(f"现场{n}.jpg", buffer.getvalue()))
    return item


def elder(page, large: bool = False) -> None:
    page.goto(reverse("portal:preferences") + "?elder=on&next=/")
    if large:
        page.goto(reverse("portal:preferences") + "?font=l&next=/")
    expect(page.locator("body")).to_have_class(re.compile(r"^(?=.*\bfont-l\b).*\belder\b" if large else r"\belder\b"))


@pytest.mark.parametrize("large", [False, True])
def test_elder_mode_on_a_phone_keeps_captions_readable_and_nothing_scrolls_sideways(new_page, large):
    county = build_county()
    for n in (1, 2):
        photo_news(county, n)
    item = publish(county, LONG_TITLE)
    page = new_page(viewport=PHONE)
    elder(page, large)

    page.goto(reverse("portal:home"))
    captions = page.locator(".photo-caption")
    expect(captions).to_have_count(2)
    font = captions.first.evaluate(FONT_PX)
    for box in (captions.nth(i).bounding_box() for i in range(2)):
        assert box["width"] >= 5 * font, f"a caption {box['width']} px wide: fewer than five characters a line"
    first, second = captions.first.bounding_box(), captions.nth(1).bounding_box()
    assert first["x"] + first["width"] <= second["x"] or first["y"] + first["height"] <= second["y"]  # no overlap
    pages = {"home": reverse("portal:home"),
             "node list": reverse("portal:node", args=[county.department.id, county.node.id]),
             "item": reverse("portal:item", args=[item.id]),
             "apply": reverse("requests_public:apply") + f"?org={county.department.id}"}
    for name, url in pages.items():
        page.goto(url)
        width, screen = page.evaluate(WIDTHS)
        assert width <= screen, f"{name}: {width} px wide on a {screen} px screen"


@pytest.mark.parametrize("large", [False, True])
def test_elder_mode_on_a_phone_gives_home_list_titles_the_line(new_page, large):
    """The date (and unit) beside a title left it about seven characters a line at 20 px: they go under it."""
    county = build_county()
    publish(county, LONG_TITLE)
    page = new_page(viewport=PHONE)
    elder(page, large)
    page.goto(reverse("portal:home"))
    titles = page.locator(".module-list li", has_text="县人民政府召开").locator("a")
    assert titles.count() >= 1
    for index in range(titles.count()):
        link = titles.nth(index)
        assert link.bounding_box()["width"] >= 10 * link.evaluate(FONT_PX), link.bounding_box()


@pytest.mark.parametrize("large", [False, True])
def test_elder_mode_on_a_desktop_keeps_list_titles_on_one_line_and_the_name_column_wide(new_page, large):
    county = build_county()
    publish(county, LONG_TITLE)
    page = new_page(viewport=DESKTOP)
    elder(page, large)
    page.goto(reverse("portal:home"))
    link = page.locator(".module-list a", has_text="县人民政府召开").first
    # a long title is cut at the end of its line with 「…」 (text-overflow needs a block, not a flex box)
    assert link.evaluate("a => a.scrollWidth > a.clientWidth")
    assert link.evaluate("a => [getComputedStyle(a).display, getComputedStyle(a).textOverflow]") == ["block", "ellipsis"]

    page.goto(reverse("portal:node", args=[county.department.id, county.node.id]))
    name = page.locator(".item-table tbody th").first
    assert name.bounding_box()["width"] >= 8 * name.evaluate(FONT_PX)  # not two characters a line


def test_the_apply_forms_controls_grow_in_elder_mode_and_stay_beside_their_labels(new_page):
    county = build_county()
    page = new_page(viewport=PHONE)
    elder(page)
    page.goto(reverse("requests_public:apply") + f"?org={county.department.id}")
    body_font = page.locator("body").evaluate(FONT_PX)
    assert body_font >= 20
    button = page.get_by_role("button", name="提交申请")
    assert button.evaluate(FONT_PX) >= body_font and button.bounding_box()["height"] >= 44
    for control in ("input[type=radio]", "input[type=checkbox]:not(.visually-hidden)"):
        box = page.locator(f"main {control}").first.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, f"{control}: {box}"
    checkbox = page.locator("#id_truthful")
    label = page.locator("label[for=id_truthful]")
    box, text = checkbox.bounding_box(), label.evaluate("l => l.getClientRects()[0].toJSON()")
    assert text["left"] >= box["x"] + box["width"] and text["top"] < box["y"] + box["height"]  # on its line


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP])
def test_public_buttons_take_the_sites_primary_style_and_the_pages_type(new_page, viewport):
    county = build_county()
    page = new_page(viewport=viewport)
    for url, name in ((reverse("requests_public:apply") + f"?org={county.department.id}", "提交申请"),
                      (reverse("requests_public:lookup"), "查询"),
                      (reverse("search:results") + "?q=政务", "搜索")):
        page.goto(url)
        button = page.locator("main").get_by_role("button", name=name, exact=True)
        style = button.evaluate("b => [getComputedStyle(b).fontSize, getComputedStyle(b).backgroundColor, "
                                "getComputedStyle(b).color]")
        assert style == ["16px", "rgb(10, 61, 115)", "rgb(255, 255, 255)"], f"{url}: {style}"  # #fff on --blue
        assert button.bounding_box()["height"] >= (44 if viewport is PHONE else 38)


def test_staff_tables_label_their_cards_on_a_phone_and_keep_dates_on_one_line(new_page):
    county = build_county()
    item = publish(county, LONG_TITLE)
    page = new_page(viewport=DESKTOP)
    log_in(page, county.reviewer.username)
    page.set_viewport_size(PHONE)

    page.goto(reverse("publishing:list"))  # cells named by data-label: a card per item
    cell = page.locator("table.items tbody td").nth(2)
    assert cell.evaluate("td => getComputedStyle(td, '::before').content") == '"状态："'
    expect(page.locator("table.items thead")).not_to_be_in_viewport()
    assert page.evaluate(WIDTHS)[0] <= PHONE["width"]
    page.goto(reverse("publishing:history", args=[item.id]))  # 修订记录: a card per version too
    assert page.locator("main table tbody td").nth(1).evaluate(BEFORE) == '"时间："'

    page.goto(reverse("inspection:unit", args=[county.department.id]))  # 历次得分, figures (.grid): a table
    heading = page.locator("main table.grid thead th").first
    expect(heading).to_be_in_viewport()
    assert heading.bounding_box()["height"] > 0
    assert page.evaluate(WIDTHS)[0] <= PHONE["width"]

    page.set_viewport_size(DESKTOP)
    page.goto(reverse("publishing:list"))
    updated = page.locator("table.items tbody td").last
    lines = "td => { const range = document.createRange(); range.selectNodeContents(td); return range.getClientRects().length; }"
    assert updated.evaluate(lines) == 1  # 「2026-05-06 10:00」 on one line
    assert updated.evaluate("td => getComputedStyle(td).whiteSpace") == "nowrap"


def without_has(route) -> None:
    """The workbench stylesheet as a browser without :has() reads it: each rule whose selector uses it dropped."""
    response = route.fetch()
    css = re.sub(r"/\*.*?\*/", "", response.text(), flags=re.DOTALL)
    route.fulfill(response=response, body=re.sub(r"[^{};]*:has\([^{}]*\{[^{}]*\}", "", css))


@pytest.mark.parametrize("large", [False, True])
def test_staff_cards_in_elder_mode_and_tables_in_a_browser_without_has(new_page, large):
    """长者模式's 20–24 px type: the cards still fit a phone, each field labelled. A browser that does not know
    :has() drops the card rules whole: every table then keeps its headings and scrolls inside itself
    rather than widen the page."""
    county = build_county()
    item = publish(county, LONG_TITLE)
    page = new_page(viewport=DESKTOP)
    log_in(page, county.reviewer.username)  # (on a desktop screen: the menu is open)
    page.set_viewport_size(PHONE)
    elder(page, large)
    for url in (reverse("publishing:list"), reverse("publishing:history", args=[item.id])):
        page.goto(url)
        assert page.locator("main table tbody td").first.evaluate(BEFORE) in ('"名称："', '"版本："')
        assert page.evaluate(WIDTHS)[0] <= PHONE["width"], url

    old = new_page(viewport=DESKTOP)
    log_in(old, county.reviewer.username)
    old.set_viewport_size(PHONE)
    old.route(re.compile(r"/workbench/workbench\.(\w+\.)?css"), without_has)
    old.goto(reverse("publishing:list"))
    table = old.locator("table.items")
    expect(table.locator("thead th").first).to_be_in_viewport()
    assert table.evaluate("t => [getComputedStyle(t).overflowX, t.scrollWidth > t.clientWidth]") == ["auto", True]
    assert table.locator("tbody td").nth(2).evaluate(BEFORE) == "none"
    assert old.evaluate(WIDTHS)[0] <= PHONE["width"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP])
def test_staff_buttons_take_the_sites_primary_style_with_a_focus_ring_and_pass_axe(new_page, viewport, axe):
    county = build_county()
    item = publish(county, LONG_TITLE)
    page = new_page(viewport=DESKTOP)
    log_in(page, county.reviewer.username)
    page.set_viewport_size(viewport)
    page.goto(reverse("publishing:list"))
    primary, secondary = page.get_by_role("link", name="新建信息"), page.get_by_role("link", name="从Word导入")
    assert primary.evaluate(COLOURS) == ["16px", "rgb(10, 61, 115)", "rgb(255, 255, 255)"]  # #fff on #0a3d73
    assert secondary.evaluate(COLOURS) == ["16px", "rgb(255, 255, 255)", "rgb(10, 61, 115)"]
    button = page.locator("main").get_by_role("button", name="筛选")
    assert button.evaluate(COLOURS) == ["16px", "rgb(10, 61, 115)", "rgb(255, 255, 255)"]
    for control in (primary, secondary, button):
        assert control.bounding_box()["height"] >= (44 if viewport is PHONE else 38)
    page.keyboard.press("Tab")  # (a keyboard user: the focus ring shows)
    button.focus()
    assert button.evaluate("b => getComputedStyle(b).outlineStyle + ' ' + getComputedStyle(b).outlineWidth") == "solid 3px"
    assert axe(page) == []
    if viewport is PHONE:
        page.get_by_text("菜单", exact=True).click()
    logout = page.get_by_role("button", name="退出登录")  # in the menu, as its links
    assert logout.evaluate(COLOURS)[1:] == ["rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"]

    page.goto(reverse("publishing:detail", args=[item.id]))  # a delete form's button is red
    delete = page.locator("form.danger").get_by_role("button", name="删除")
    assert delete.evaluate(COLOURS)[1:] == ["rgb(176, 0, 32)", "rgb(255, 255, 255)"]


@pytest.mark.parametrize("font", ["m", "l"])
def test_text_fields_take_the_pages_type_and_its_chosen_size_on_a_desktop(new_page, font):
    """A browser draws a control's text at 13.33 px unless told otherwise: smaller than the labels beside it,
    and deaf to 字号 大. The 新建信息 form and the apply form keep their fields at the page's size."""
    county = build_county()
    page = new_page(viewport=DESKTOP)
    log_in(page, county.editor.username)
    page.goto(reverse("portal:preferences") + f"?font={font}&next=/")
    body_font = page.locator("body").evaluate(FONT_PX)
    assert body_font == (20 if font == "l" else 16)
    for url, fields in ((reverse("publishing:create"), ("#id_title", "#id_doc_type")),
                        (reverse("requests_public:apply") + f"?org={county.department.id}", ("#id_applicant_name", "#id_info_description", "#id_organization"))):
        page.goto(url)
        for field in fields:
            assert page.locator(field).evaluate(FONT_PX) == body_font, f"{url} {field}"
