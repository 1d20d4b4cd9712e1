"""A flush right edge: every full line of a letter's body, digits and Latin letters or not, ends at the 版心's
right edge as in Word (WeasyPrint alone justifies only at spaces), read from the PDF with pdftotext -bbox;
and the text a reader copies is the letter's text, with no spaces put in."""

import datetime as dt
import re
import subprocess

from gongkai.letters import gbt9704 as g
from gongkai.letters.render import Letter, Paragraph, render_pdf

PT_TO_MM = 25.4 / 72
RIGHT_EDGE_MM = g.MARGIN_LEFT_MM + g.TYPE_AREA_WIDTH_MM
INDENT_MM = g.MARGIN_LEFT_MM + 2 * g.CHAR_PITCH_MM
MIXED = ("本机关于2026年3月12日收到您通过信函方式提交的政府信息公开申请（编号YY-2026-0042），申请公开沂源县2025年度"
         "农村公路建设项目的招标文件、中标通知书及合同文本（含附件1至附件3）。经检索，上述信息由本机关于2025年6月18日"
         "制作，共计12页，现予公开。如对本答复不服，可以在收到本答复之日起60日内向淄博市人民政府申请行政复议，"
         "或者在6个月内向沂源县人民法院提起行政诉讼。联系电话0533-3241234，传真0533-3241235。")
DIGITS = "经查，2019年至2025年共收到申请1234件，其中2021年256件、2022年318件、2023年402件、2024年129件、2025年129件，"


def _letter() -> Letter:
    return Letter(title="政府信息公开申请答复书", doc_number="源政信复〔2026〕12号", recipient="张三",
                  body=(Paragraph(MIXED), Paragraph(DIGITS)), signature_org="沂源县农业农村局",
                  date=dt.date(2026, 3, 20))


def lines(pdf_bytes: bytes) -> list[list[tuple[str, float, float]]]:
    """Each page's text lines as (text, left mm, right mm), read by pdftotext -bbox."""
    out = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf_bytes, capture_output=True, check=True).stdout.decode()
    pages = []
    for page in out.split("<page ")[1:]:
        rows: dict[float, list] = {}
        for x0, y0, x1, text in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', page):
            rows.setdefault(round(float(y0)), []).append((text, float(x0) * PT_TO_MM, float(x1) * PT_TO_MM))
        pages.append([("".join(w[0] for w in row), min(w[1] for w in row), max(w[2] for w in row))
                      for _, row in sorted(rows.items())])
    return pages


def body_lines(page) -> list[tuple[str, float, float, bool]]:
    """The body's lines between 主送 and 署名, each with whether it is the last line of its paragraph."""
    texts = [text for text, _, _ in page]
    start, end = texts.index("张三：") + 1, texts.index("沂源县农业农村局")
    body = page[start:end]
    return [(text, left, right, index + 1 == len(body) or abs(body[index + 1][1] - INDENT_MM) < 1)
            for index, (text, left, right) in enumerate(body)]


def test_every_full_line_ends_at_the_right_edge_of_the_type_area():
    page = lines(render_pdf(_letter()))[0]
    body = body_lines(page)
    full = [(text, right) for text, _, right, last in body if not last]
    assert len(full) >= 8
    assert any(re.search(r"\d", text) for text, _ in full)
    short = [(text, round(RIGHT_EDGE_MM - right, 2)) for text, right in full if abs(right - RIGHT_EDGE_MM) > 0.5]
    assert not short, short
    # A paragraph's last line stays ragged.
    ends = [right for _, _, right, last in body if last]
    assert all(right < RIGHT_EDGE_MM - 10 for right in ends), ends


def test_the_copied_text_is_the_letters_text_in_order_without_spaces():
    out = subprocess.run(["pdftotext", "-raw", "-", "-"], input=render_pdf(_letter()), capture_output=True,
                         check=True).stdout.decode()
    copied = re.sub(r"— \d+ —\f|\n", "", out)
    assert MIXED in copied
    assert DIGITS in copied


def test_a_full_width_space_at_the_end_of_a_line_is_kept():
    """A 全角 space (U+3000) is a character of the letter, not white space the layout drops at a break: one that
    falls at the end of a line stays in the justified text."""
    from weasyprint import HTML

    from gongkai.letters import justify, pdf

    for before in range(24, 28):  # wherever the first line (indented two characters) happens to end
        text = ("经查" * 20)[:before] + "\u3000" + "申请公开沂源县2025年度农村公路建设项目的招标文件、中标通知书及合同文本，现予公开。" * 2
        letter = Letter(title="政府信息公开申请答复书", doc_number="源政信复〔2026〕12号", recipient="张三",
                        body=(Paragraph(text),), signature_org="沂源县农业农村局", date=dt.date(2026, 3, 20))
        source = HTML(string=pdf._html(letter, 1))
        spread = justify.justify(source, source.render())
        assert spread is not None
        assert text in re.sub(r"<[^>]+>", "", spread), before


def test_lines_justified_at_their_spaces_stay_flush():
    """A paragraph with Latin words: WeasyPrint itself spreads its full lines at the spaces; they still end at
    the right edge (a line set before a <br> is not justified, so such a paragraph is not rewritten)."""
    text = "依据 Regulations on Open Government Information 及 the Implementing Measures of Shandong Province 本机关答复如下 " * 3
    letter = Letter(title="政府信息公开申请答复书", doc_number="源政信复〔2026〕12号", recipient="张三",
                    body=(Paragraph(text),), signature_org="沂源县农业农村局", date=dt.date(2026, 3, 20))
    body = body_lines(lines(render_pdf(letter))[0])
    full = [(text, right) for text, _, right, last in body if not last]
    assert len(full) >= 4
    short = [(text, round(RIGHT_EDGE_MM - right, 2)) for text, right in full if abs(right - RIGHT_EDGE_MM) > 0.5]
    assert not short, short
