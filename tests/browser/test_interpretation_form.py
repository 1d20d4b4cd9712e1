"""The 政策解读 staff form: Enter in a text field saves (its default button is 保存), while the 查找 button
narrows the policies with and without JavaScript and keeps what was typed; with JavaScript, Enter in the
查找政策文件 field runs 查找 as a search box does."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from gongkai.interpretations.models import Interpretation
from tests.browser.data import build_county, publish
from tests.browser.test_publishing_flow import log_in

pytestmark = pytest.mark.browser

POLICY = "沂源县城乡居民医疗救助办法"
TITLE = "《沂源县城乡居民医疗救助办法》政策解读"


@pytest.fixture
def county():
    county = build_county()
    publish(county, POLICY, doc_number="源政发〔2020〕7号")
    publish(county, "关于做好2020年防汛工作的通知", doc_number="源政发〔2020〕8号")
    return county


def _search(page, words: str, press_enter: bool) -> None:
    query = page.get_by_label("查找政策文件")
    query.fill(words)
    if press_enter:
        query.press("Enter")
    else:
        page.get_by_role("button", name="查找", exact=True).click()
    expect(page.get_by_label("查找政策文件")).to_have_value(words)


@pytest.mark.parametrize("javascript", [False, True], ids=["without-javascript", "with-javascript"])
def test_enter_saves_the_interpretation_and_find_narrows_the_policies_keeping_what_was_typed(
        new_page, county, javascript):
    page = new_page(java_script_enabled=javascript)
    log_in(page, county.editor.username)
    page.goto(reverse("interpretations_staff:create"))
    page.get_by_label("标题", exact=True).fill(TITLE)
    page.get_by_label("解读人").fill("县医保局局长")

    # 查找 (the button; with JavaScript also Enter in its field): narrowed, nothing saved, nothing lost.
    _search(page, "防汛", press_enter=False)
    expect(page.get_by_role("checkbox", name=re.compile("防汛工作"))).to_be_visible()
    expect(page.get_by_role("checkbox", name=re.compile(POLICY))).to_have_count(0)
    _search(page, "〔2020〕7号", press_enter=javascript)
    assert Interpretation.objects.count() == 0
    expect(page.get_by_label("标题", exact=True)).to_have_value(TITLE)
    expect(page.get_by_label("解读人")).to_have_value("县医保局局长")
    page.get_by_role("checkbox", name=re.compile(POLICY)).check()

    body = "<p>一、出台背景。二、主要内容。</p>"
    if javascript:  # the rich-text editor when its files are installed (make install), else the textarea
        page.evaluate("""(html) => { const area = document.getElementById('id_body');
            if (area.gongkaiEditor) { area.gongkaiEditor.value = html; } else { area.value = html; } }""", body)
    else:
        page.get_by_label("正文", exact=True).fill(body)
    # Enter in an ordinary text field presses the form's default button: 保存, not 查找.
    page.get_by_label("解读人").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("解读草稿已保存")
    created = Interpretation.objects.get()
    assert created.item.title == TITLE and created.interpreter == "县医保局局长"
    assert [p.title for p in created.policies.all()] == [POLICY]
