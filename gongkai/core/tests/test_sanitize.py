"""The sanitizer keeps what 公文 layout needs (alignment, first-line indent) and nothing else."""

import pytest

from gongkai.core.sanitize import clean_style, sanitize_html


@pytest.mark.parametrize(("html", "kept"), [
    ('<p style="text-align: right;">落款</p>', '<p style="text-align:right">落款</p>'),
    ('<p style="TEXT-ALIGN:Center; color:red; font-family:仿宋">标题</p>', '<p style="text-align:center">标题</p>'),
    ('<p style="text-indent: 2em; text-align: justify">正文</p>', '<p style="text-align:justify;text-indent:2em">正文</p>'),
    ('<td style="text-align:right">1</td>', "1"),  # a cell outside a table is no cell
    ('<table><tbody><tr><td style="text-align:center">1</td></tr></tbody></table>',
     '<table><tbody><tr><td style="text-align:center">1</td></tr></tbody></table>'),
])
def test_alignment_and_indent_survive_in_normal_form(html, kept):
    assert sanitize_html(html) == kept


@pytest.mark.parametrize("html", [
    '<p style="text-align: expression(alert(1))">x</p>',
    '<p style="text-indent: url(javascript:alert(1))">x</p>',
    '<p style="color:red;background:url(x)">x</p>',
    '<p style="position:fixed;top:0">x</p>',
])
def test_other_styles_and_hostile_values_are_dropped(html):
    assert sanitize_html(html) == "<p>x</p>"


def test_styles_only_on_block_elements_and_scripts_still_go():
    assert sanitize_html('<span style="text-align:right">x</span><script>alert(1)</script>') == "<span>x</span>"
    assert sanitize_html('<a href="javascript:alert(1)" style="text-align:right">x</a>') == (
        '<a rel="noopener noreferrer">x</a>')


def test_sanitizing_is_idempotent_on_its_own_output():
    html = ('<h2 style="text-align:center">一、总体要求</h2><p style="text-indent:2em">正文</p>'
            '<p style="text-align:right">测试县人民政府</p>')
    assert sanitize_html(sanitize_html(html)) == sanitize_html(html) == html


def test_clean_style_orders_and_filters():
    assert clean_style("text-indent:2em;text-align:left;margin:0") == "text-align:left;text-indent:2em"
    assert clean_style("text-align:") == ""
    assert clean_style("") == ""


def test_a_lists_numbering_style_survives_and_only_the_known_ones():
    html = '<ol style="list-style-type:cjk-ideographic"><li>总体要求</li></ol>'
    assert sanitize_html(html) == html
    assert sanitize_html('<ol style="list-style-type:url(x)"><li>a</li></ol>') == "<ol><li>a</li></ol>"
    assert sanitize_html('<ul style="list-style-type:lower-alpha"><li>a</li></ul>') == "<ul><li>a</li></ul>"


def test_a_shown_table_scrolls_inside_a_region_a_keyboard_reaches():
    """A table wider than a phone scrolls inside itself; a keyboard user must be able to focus that region
    to scroll it (WCAG 2.1.1), and a screen reader hears what it is."""
    from gongkai.core.sanitize import render_rich_text

    shown = render_rich_text('<p>前言</p><table onclick="x()"><tr><td><table><tr><td>内</td></tr></table></td></tr></table>')
    assert shown.count('<div class="table-scroll" role="region" tabindex="0" aria-label="表格"><table>') == 2
    assert shown.count("</table></div>") == 2 and "onclick" not in shown
    assert shown.startswith("<p>前言</p>")


@pytest.mark.django_db
def test_an_item_page_shows_its_table_in_a_focusable_scroll_region(client, org, editor, reviewer):
    from django.utils import timezone

    from gongkai.portal.tests.helpers import approved
    from gongkai.publishing import services

    item = services.publish(reviewer, approved(org, editor, reviewer, body="<table><tr><th>项目</th><th>金额</th></tr></table>"),
                            at=timezone.now())
    html = client.get(f"/xxgk/items/{item.id}/").content.decode()
    assert 'role="region" tabindex="0" aria-label="表格"><table>' in html
