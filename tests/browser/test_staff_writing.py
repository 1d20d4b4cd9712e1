"""A 信息员 writes in the rich-text editor and imports a Word document; what reaches the public page keeps
the table and the right-aligned 落款."""

import os
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from gongkai.core.sanitize import sanitize_html
from gongkai.publishing.choices import State
from gongkai.publishing.models import InformationItem
from gongkai.publishing.tests.samples import DOC_NUMBER, SIGNATURE, TABLE_CELL, TITLE, notice_docx
from tests.browser.a11y import describe
from tests.browser.data import build_county
from tests.browser.test_publishing_flow import approve_and_publish, log_in

pytestmark = pytest.mark.browser

# Word's clipboard HTML, abridged: classes, mso styles, o:p, conditional comments, align attributes.
WORD_CLIPBOARD = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name=Generator
content="Microsoft Word 15"><style>p.MsoNormal{font-family:仿宋}</style></head><body lang=ZH-CN>
<!--StartFragment--><h1 style='mso-outline-level:1'><span style='font-family:黑体'>一、总体要求</span></h1>
<p class=MsoNormal style='text-indent:2em;font-size:16pt;mso-bidi-font-family:仿宋'><b>坚持公开为常态</b>，
不公开为例外。<o:p></o:p></p><table class=MsoTableGrid border=1 style='border-collapse:collapse'><tr>
<td width=200 style='width:150pt;border:solid windowtext 1pt'><p class=MsoNormal>任务<o:p></o:p></p></td>
<td style='mso-border-alt:solid'><p class=MsoNormal align=center style='text-align:center'>时限</p></td></tr>
</table><p class=MsoNormal align=right style='text-align:right'><span style='color:red'>测试县人民政府</span>
<o:p></o:p></p><script>alert(1)</script><!--EndFragment--></body></html>"""

# Word's clipboard HTML for lists: numbered and bulleted paragraphs (mso-list), markers in mso-list:Ignore
# spans inside downlevel-revealed conditionals, a nested bullet list, a 一、 list and a （一） paragraph.
WORD_LISTS = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta name=Generator content="Microsoft Word 15"><style>@list l0 {mso-list-id:1}
@list l0:level1 {mso-level-text:"%1\\.";} p.MsoListParagraph {margin-left:21pt}</style></head><body lang=ZH-CN>
<!--StartFragment--><p class=MsoNormal>工作安排如下：<o:p></o:p></p>
<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
lang=EN-US><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>制定工作方案<o:p></o:p></p>
<p class=MsoListParagraph style='margin-left:42.0pt;text-indent:-21.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span
style='font-family:Wingdings'><span style='mso-list:Ignore'>Ø<span>&nbsp; </span></span></span><![endif]>明确责任单位<o:p></o:p></p>
<p class=MsoListParagraph style='margin-left:42.0pt;text-indent:-21.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span
style='font-family:Wingdings'><span style='mso-list:Ignore'>Ø<span>&nbsp; </span></span></span><![endif]>明确完成时限<o:p></o:p></p>
<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='mso-list:Ignore'>2.<span>&nbsp;&nbsp; </span></span><![endif]>组织实施<o:p></o:p></p>
<p class=MsoNormal>其他事项<o:p></o:p></p>
<p class=MsoListParagraph style='text-indent:-24.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span
style='mso-list:Ignore'>一、</span><![endif]>总体要求<o:p></o:p></p>
<p class=MsoListParagraph style='text-indent:-24.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span
style='mso-list:Ignore'>二、</span><![endif]>主要任务<o:p></o:p></p>
<p class=MsoListParagraph style='mso-list:l2 level1 lfo3'><![if !supportLists]><span
style='mso-list:Ignore'>（一）</span><![endif]>公开内容<o:p></o:p></p><!--EndFragment--></body></html>"""

SCREENSHOTS = Path(os.environ.get("GONGKAI_SCREENSHOTS", "")) if os.environ.get("GONGKAI_SCREENSHOTS") else None


def shoot(page, name: str) -> None:
    if SCREENSHOTS is None:
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_word_paste_keeps_layout_and_what_the_editor_posts_passes_the_sanitizer_unchanged(new_page, axe):
    county = build_county()
    editor = new_page()
    log_in(editor, county.editor.username)
    editor.goto(reverse("publishing:create"))
    body = editor.get_by_role("textbox", name="正文", exact=True)
    expect(body).to_be_visible()
    body.click()
    editor.evaluate("""(html) => {
        const data = new DataTransfer();
        data.setData('text/html', html);
        data.setData('text/plain', '一、总体要求');
        const area = document.querySelector('.jodit-wysiwyg');
        area.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
    }""", WORD_CLIPBOARD)
    expect(editor.locator(".jodit-wysiwyg table")).to_have_count(1)
    expect(editor.locator(".jodit-wysiwyg h2")).to_have_text("一、总体要求")
    expect(editor.locator(".jodit-wysiwyg p", has_text="测试县人民政府")).to_have_css("text-align", "right")
    shoot(editor, "editor")
    violations = axe(editor)
    assert not violations, describe(violations)

    editor.get_by_label("名称", exact=True).fill("粘贴测试")
    editor.get_by_label("形成或变更日期").fill("2020-03-05")
    editor.get_by_role("button", name="保存草稿").click()
    expect(editor.get_by_role("status")).to_contain_text("草稿已保存")
    item = InformationItem.objects.get(title="粘贴测试")
    posted = item.history.earliest().body  # stored as posted, after the service's sanitizing
    assert sanitize_html(posted) == posted
    assert "<h2>一、总体要求</h2>" in posted and "<strong>坚持公开为常态</strong>" in posted
    assert re.search(r'<p style="text-align:right">测试县人民政府\s*</p>', posted)
    assert '<p style="text-align:center">时限</p>' in posted and "<table>" in posted
    assert not re.search(r"class=|mso-|font-family|color:|<o:p|<script|<!--", posted)
    # What the browser sends is what the server keeps: the editor's cleaning matches the sanitizer.
    editor.goto(reverse("publishing:edit", args=[item.pk]))
    sent = editor.evaluate("GongkaiEditor.clean(document.getElementById('id_body').gongkaiEditor.value)")
    assert sanitize_html(sent) == sent == posted


def paste(page, html: str, text: str) -> None:
    page.evaluate("""([html, text]) => {
        const data = new DataTransfer();
        data.setData('text/html', html);
        data.setData('text/plain', text);
        const area = document.querySelector('.jodit-wysiwyg');
        area.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
    }""", [html, text])


def test_word_lists_paste_as_lists_nested_and_numbered_as_in_word(new_page):
    county = build_county()
    editor = new_page()
    log_in(editor, county.editor.username)
    editor.goto(reverse("publishing:create"))
    editor.get_by_role("textbox", name="正文", exact=True).click()
    paste(editor, WORD_LISTS, "工作安排如下：")
    expect(editor.locator(".jodit-wysiwyg ol > li")).to_have_count(4)
    expect(editor.locator(".jodit-wysiwyg ol > li > ul > li")).to_have_count(2)

    editor.get_by_label("名称", exact=True).fill("列表粘贴")
    editor.get_by_label("形成或变更日期").fill("2020-03-05")
    editor.get_by_role("button", name="保存草稿").click()
    expect(editor.get_by_role("status")).to_contain_text("草稿已保存")
    posted = re.sub(r"\s+", "", InformationItem.objects.get(title="列表粘贴").history.earliest().body)
    assert "<p>工作安排如下：</p><ol><li>制定工作方案<ul><li>明确责任单位</li><li>明确完成时限</li></ul></li>" \
           "<li>组织实施</li></ol><p>其他事项</p>" in posted
    assert '<olstyle="list-style-type:cjk-ideographic"><li>总体要求</li><li>主要任务</li></ol>' in posted
    assert "<p>（一）公开内容</p>" in posted  # no list style draws （一）: the marker stays as text
    assert not re.search(r"Ø|mso-|1\.|2\.|一、|<!--", posted)


def test_a_word_document_reaches_the_public_page_with_its_table_and_right_aligned_signature(new_page, tmp_path):
    county = build_county()
    docx = tmp_path / "通知.docx"
    docx.write_bytes(notice_docx())

    # 信息员: 从Word导入, check the draft, choose the column, 送审.
    editor = new_page()
    log_in(editor, county.editor.username)
    editor.goto(reverse("publishing:list"))
    editor.get_by_role("link", name="从Word导入").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("从Word导入")
    shoot(editor, "import-word")
    editor.get_by_label("Word 文档（.docx）").set_input_files(str(docx))
    editor.get_by_role("button", name="导入并生成草稿").click()
    expect(editor.get_by_role("status").first).to_contain_text("已从 Word 文档生成草稿")
    expect(editor.get_by_label("名称", exact=True)).to_have_value(TITLE)
    expect(editor.get_by_label("发文字号")).to_have_value(DOC_NUMBER)
    expect(editor.get_by_label("成文日期")).to_have_value("2020-03-05")
    expect(editor.locator(".jodit-wysiwyg td", has_text=TABLE_CELL)).to_be_visible()
    editor.get_by_role("checkbox", name=re.compile(r"通知公告$")).check()
    editor.get_by_role("button", name="保存修改").click()
    expect(editor.get_by_role("status").first).to_contain_text("修改已保存")
    editor.get_by_role("button", name="送审").click()
    expect(editor.locator(".state")).to_have_text("送审")

    # 审核员 publishes.
    reviewer = new_page()
    log_in(reviewer, county.reviewer.username)
    item = InformationItem.objects.get(title=TITLE)
    reviewer.goto(reverse("publishing:detail", args=[item.pk]))
    approve_and_publish(reviewer)
    item.refresh_from_db()
    assert item.state == State.PUBLISHED

    # The public page: the table, and the 落款 and date on the right.
    citizen = new_page()
    citizen.goto(reverse("portal:item", args=[item.pk]))
    expect(citizen.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(citizen.get_by_role("cell", name=TABLE_CELL)).to_be_visible()
    body = citizen.locator(".item-body")
    expect(body.get_by_text(SIGNATURE, exact=True)).to_have_css("text-align", "right")
    expect(body.get_by_text("2020年3月5日", exact=True)).to_have_css("text-align", "right")
    shoot(citizen, "public-item-from-word")


def test_batch_import_preview_and_the_synonym_dictionary_pages(new_page, tmp_path, axe):
    import io

    from openpyxl import Workbook

    from gongkai.accounts.factories import user_with_role
    from gongkai.accounts.models import Role
    from gongkai.interchange import sheet
    from gongkai.search import dictionary

    county = build_county()
    dictionary.load_starting_list()
    book = Workbook()
    book.active.append([h for _k, h, _w in sheet.COLUMNS])
    for title, formed_on, catalog in (("关于开展政务公开培训的通知", "2020-03-05", "法定主动公开内容/通知公告"),
                                      ("", "2020-03-05", ""), ("关于防汛的通知", "2020-02-30", "不存在的栏目")):
        book.active.append([title, "", "通知", "", formed_on, "", "", catalog, "", "", "各学校：做好工作。"])
    path = tmp_path / "信息.xlsx"
    out = io.BytesIO()
    book.save(out)
    path.write_bytes(out.getvalue())

    editor = new_page()
    log_in(editor, county.editor.username)
    editor.goto(reverse("publishing:list"))
    editor.get_by_role("link", name="批量导入").click()
    editor.get_by_label("填好的表格（.xlsx）").set_input_files(str(path))
    editor.get_by_role("button", name="上传并预览").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("批量导入预览")
    expect(editor.get_by_text("1 行可以导入，2 行有错误")).to_be_visible()
    expect(editor.get_by_role("table")).to_contain_text("缺少名称")
    expect(editor.get_by_role("table")).to_contain_text("目录中没有栏目“不存在的栏目”")
    shoot(editor, "batch-preview")
    violations = axe(editor)
    assert not violations, describe(violations)
    editor.get_by_role("radio", name="直接送审").check()
    editor.get_by_role("button", name="导入 1 条").click()
    expect(editor.get_by_role("status").first).to_contain_text("已导入 1 条信息并送审")
    assert InformationItem.objects.get().state == State.SUBMITTED

    supervisor = user_with_role(county.government, Role.SUPERVISOR, username="gongkaiban")
    office = new_page()
    log_in(office, supervisor.username)
    office.get_by_role("link", name="同义词词典").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("同义词词典")
    office.get_by_role("textbox", name="同义词").fill("学区 入学片区、就近入学")
    office.get_by_role("button", name="保存").click()
    expect(office.get_by_role("status").first).to_contain_text("同义词组已保存")
    expect(office.get_by_role("cell", name="学区、入学片区、就近入学")).to_be_visible()
    shoot(office, "synonyms")
    violations = axe(office)
    assert not violations, describe(violations)
