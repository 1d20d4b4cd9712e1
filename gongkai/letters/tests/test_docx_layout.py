"""The DOCX lays a letter out as the PDF does (GB/T 9704-2012, docs/letters.md): page numbers right on
odd pages and left on even ones, two blank lines between the 发文字号 and the title, the 署名 centred over
the 成文日期 (sealed) or two characters left of it (unsealed); and the PDF keeps a table row on one page."""

import dataclasses
import datetime as dt
import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from gongkai.letters import gbt9704 as g
from gongkai.letters.pdf import layout, measure
from gongkai.letters.render import Letter, Paragraph, Table, chinese_date, render_docx
from gongkai.letters.text import text_width

CHAR_PT = g.CHAR_PITCH_MM / g.MM_PER_PT
LINE = g.CHARS_PER_LINE
DATE = dt.date(2026, 3, 20)
LETTER = Letter(
    title="政府信息公开申请答复书", doc_number="源政信复〔2026〕12号", recipient="张三",
    body=(Paragraph("本机关于2026年3月2日收到您提出的政府信息公开申请。"),),
    signature_org="沂源县政府办", date=DATE, seal=True,
)


def _document(letter: Letter):
    return docx.Document(io.BytesIO(render_docx(letter)))


def _chars(length) -> float:
    return (length.pt if length is not None else 0) / CHAR_PT


def _span(paragraph) -> tuple[float, float]:
    """Where the paragraph's text starts and ends on the line, in characters from the left of the 版心."""
    fmt, width = paragraph.paragraph_format, text_width(paragraph.text)
    left, right = _chars(fmt.left_indent), LINE - _chars(fmt.right_indent)
    if paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        return right - width, right
    if paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER:
        middle = (left + right) / 2
        return middle - width / 2, middle + width / 2
    return left, left + width


def _find(document, text):
    return next(p for p in document.paragraphs if p.text == text)


def test_page_numbers_sit_right_on_odd_pages_and_left_on_even_ones():
    document = _document(LETTER)
    assert document.settings.odd_and_even_pages_header_footer  # Word's 奇偶页不同
    section = document.sections[0]
    for footer, align, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == align
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert "PAGE" in "".join(t.text for t in paragraph._element.iter(qn("w:instrText")))
        assert round(getattr(paragraph.paragraph_format, f"{side}_indent").pt) == g.PAGE_NUMBER_PT  # 空一字


def test_two_blank_lines_stand_between_the_doc_number_and_the_title():
    for letter in (LETTER, dataclasses.replace(LETTER, issuer_mark="沂源县人民政府办公室")):
        texts = [p.text for p in _document(letter).paragraphs]
        before_title = texts[:texts.index(letter.title)]
        assert before_title[-3:] == ["━" * 26 if letter.issuer_mark else letter.doc_number, "", ""], before_title


def test_a_sealed_letter_centres_the_signature_over_the_date_four_characters_from_the_right():
    document = _document(LETTER)
    date = _span(_find(document, chinese_date(DATE)))
    assert abs(LINE - date[1] - 4) < 0.01  # 右空四字
    date_middle = sum(date) / 2
    for text in ("沂源县政府办", "（印章）"):
        start, end = _span(_find(document, text))
        assert abs((start + end) / 2 - date_middle) < 0.25, text
    long_name = dataclasses.replace(LETTER, signature_org="沂源县人民政府办公室")  # wider than the date
    start, end = _span(_find(_document(long_name), long_name.signature_org))
    assert abs((start + end) / 2 - date_middle) < 0.25 and end <= LINE


def test_an_unsealed_letter_starts_the_date_two_characters_right_of_the_signature():
    for name in ("沂源县人民政府办公室", "县政府办"):
        document = _document(dataclasses.replace(LETTER, seal=False, signature_org=name))
        signature, date = _span(_find(document, name)), _span(_find(document, chinese_date(DATE)))
        assert abs(date[0] - signature[0] - 2) < 0.01
        assert abs(LINE - max(signature[1], date[1]) - 2) < 0.01  # the longer one 右空二字


START, END = "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未戌亥"


def test_a_table_row_never_splits_across_pages_and_the_header_repeats():
    rows = tuple((f"{START[n]}号", f"3月{n + 1}日", f"{START[n]}单位", "检查发现" * (10 + 4 * (n % 3)) + END[n],
                  f"{END[n]}分") for n in range(10))
    letter = dataclasses.replace(LETTER, body=(Paragraph("检查情况通报如下。"),
                                               Table(("序号", "日期", "单位", "存在问题", "扣分"), rows)))
    pages = measure(layout(letter))
    assert len(pages) >= 2
    for n in range(10):
        on = {number for number, lines in enumerate(pages) for line in lines
              if START[n] in line.text or END[n] in line.text}
        assert len(on) == 1, (n, on)
    table_pages = [lines for lines in pages if any(c in line.text for line in lines for c in START)]
    assert len(table_pages) >= 2
    assert all(any("存在问题" in line.text for line in lines) for lines in table_pages)


def test_the_table_columns_keep_a_short_value_on_one_line_and_give_the_room_to_the_text():
    letter = dataclasses.replace(LETTER, body=(Table(
        ("不予公开的内容", "依据条款", "理由"),
        (("涉及个人身份证号码、联系电话和银行账号的内容", "第十五条", "属于个人隐私，公开会损害第三方合法权益"),)),))
    table = _document(letter).tables[0]
    widths = [cell.width.pt for cell in table.rows[1].cells]
    # 「第十五条」 in 4号 plus Word's cell margins (0.19 cm a side), and the columns fill the 版心.
    assert widths[1] >= 4 * g.TABLE_PT + 2 * 0.19 / 2.54 * 72
    assert abs(sum(widths) - g.TYPE_AREA_WIDTH_MM / g.MM_PER_PT) < 1
    assert widths[1] < min(widths[0], widths[2])  # as in the PDF: not three equal columns
