"""The annual report printed as a 公文 (GB/T 9704-2012, the geometry of gongkai.letters), read as a reader
sees it: where the page numbers stand, the title's lines, 28 characters on a 22-line grid, and a 落款 that
never stands alone on the last page; the DOCX with the same page, grid, page numbers and 落款."""

import datetime as dt
import io
import itertools
import re
import subprocess

import docx
import pytest
from docx.oxml.ns import qn
from weasyprint import HTML

from gongkai.letters import gbt9704 as g
from gongkai.letters import pdf as gongwen
from gongkai.letters.text import title_lines
from gongkai.reports import content as report_content
from gongkai.reports import reading, services
from gongkai.reports.render import docx as report_docx
from gongkai.reports.render import pdf as report_pdf

pytestmark = pytest.mark.django_db
PT_TO_MM = 25.4 / 72
FILLER = "按照统一目录规范栏目设置及时更新法定主动公开内容政务新媒体与网站同步发布"


@pytest.fixture
def data(org, editor):
    return reading.live(services.create_report(editor, org, 2025)).data


def build(name: str, data: dict, other: str):
    chapters = {"overview": "（一）主动公开\n" + FILLER * 6, "problems": FILLER * 5, "other": other}
    return report_content.build(name, 2025, data, chapters, government=True, date=dt.date(2026, 3, 17))


def words(pdf_bytes: bytes) -> list[list[tuple[str, float, float]]]:
    """Each page's words as (text, left mm, middle mm: where a 一字线 is drawn), read by pdftotext -bbox."""
    html = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf_bytes, capture_output=True,
                          check=True).stdout.decode()
    pages = []
    for page in html.split("<page ")[1:]:
        pages.append([(m[4], float(m[0]) * PT_TO_MM, (float(m[1]) + float(m[3])) / 2 * PT_TO_MM) for m in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)])
    return pages


def test_the_pdf_has_the_letters_page_numbers_grid_title_and_signoff(data, real_pdf):
    content = build("沂源县人民政府", data, "第一段。\n" + FILLER * 2)
    pdf_bytes = report_pdf.render(content)
    pages = words(pdf_bytes)
    assert len(pages) >= 3
    bottom = g.MARGIN_TOP_MM + g.TYPE_AREA_HEIGHT_MM
    for number, page in enumerate(pages, start=1):
        mark = [(left, top) for text, left, top in page if text == str(number) and top > bottom]
        assert mark, number
        left, top = mark[0]
        assert abs(top - bottom - g.PAGE_NUMBER_GAP_MM) < 1.5, number  # the 一字线 7 mm under the 版心
        if number % 2:  # odd pages: right; even pages: left (§7.5)
            assert left > g.PAGE_WIDTH_MM / 2 + 40, number
        else:
            assert left < g.PAGE_WIDTH_MM / 2 - 40, number
    laid_out = gongwen.measure(HTML(string=report_pdf.html(content)).render())
    assert [line.text for line in laid_out[0] if line.role == "title"] == title_lines(content.title)
    body = [line for line in laid_out[0] if line.role == "body" and FILLER[:4] in line.text + FILLER]
    full = [line.text for line in body if set(line.text) <= set(FILLER)]
    assert full and max(len(text) for text in full) == g.CHARS_PER_LINE
    tops = [line.top_mm for line in laid_out[0] if line.role == "body"]
    pitches = {round(b - a, 1) for a, b in itertools.pairwise(tops) if 9 < b - a < 11}
    assert pitches == {round(g.LINE_PITCH_MM, 1)}
    assert not gongwen.signoff_alone(laid_out)
    last = [line.text for line in laid_out[-1] if line.role == "signoff"]
    assert last == ["沂源县人民政府", "2026年3月17日"]


def test_the_docx_has_page_numbers_the_22_line_grid_and_a_kept_signoff(data):
    content = build("沂源县人民政府", data, "第一段。\n最后一段。")
    document = docx.Document(io.BytesIO(report_docx.render(content)))
    section = document.sections[0]
    footer = section.footer._element.xml
    assert "PAGE" in footer and "— " in footer
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == str(int(g.LINE_PT * 20))
    texts = [p.text for p in document.paragraphs]
    assert texts[0].split("\n") == title_lines(content.title)
    last = texts.index("最后一段。")
    assert texts[last + 2:] == ["沂源县人民政府", "2026年3月17日"]
    assert all(document.paragraphs[i].paragraph_format.keep_with_next for i in (last, last + 1, last + 2))


def test_the_narrative_says_what_each_interpretation_figure_counts():
    from gongkai.reports import formats, narrative
    from gongkai.reports.compute import Figures
    from gongkai.reports.sources import Activity

    activity = Activity(items_published=178, items_by_node=(("重大行政决策", 14), ("政策解读", 12)),
                        interpretations=3)
    figures = Figures(activity=activity)
    docs = {"issued": 2, "repealed": 1, "in_force": 10}
    text = narrative._proactive("本级政府", 2025, {"format": formats.FORMAT_2021,
                                                 "proactive": {"normative_documents": docs}}, figures, True)[1]
    assert "按公开目录栏目统计，其中“重大行政决策”栏目14条、“政策解读”栏目12条。" in text
    assert "发布关联所解读政策文件的政策解读3篇。" in text
    assert "政策解读12条" not in text and "发布政策解读3篇" not in text


def test_the_signoff_never_stands_alone_on_the_last_page(data, real_pdf):
    # 六 ends on the 22nd line of a page: the 落款 (one empty line, 署名, 日期) would fill the next page alone.
    content = build("沂源县人民政府", data, "第一段。\n" + FILLER * 9)
    loose = report_pdf.html(content, keep=0).replace("break-before: avoid;", "")
    assert gongwen.signoff_alone(gongwen.measure(HTML(string=loose).render()))  # the trap is set
    pages = words(report_pdf.render(content))
    last = " ".join(text for text, _left, top in pages[-1] if top < g.MARGIN_TOP_MM + g.TYPE_AREA_HEIGHT_MM)
    assert "沂源县人民政府" in last and "2026年3月17日" in last
    assert "发布" in last  # the last lines of the body came over with it


def test_full_lines_with_figures_end_at_the_right_edge_of_the_type_area(data, real_pdf):
    # The narrative is full of figures (half-width digits); WeasyPrint alone left such lines short of the edge.
    content = build("沂源县人民政府", data, "本年度共收到申请2025件，办结1998件，其中公开783件、部分公开126件。" * 4)
    out = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=report_pdf.render(content), capture_output=True,
                         check=True).stdout.decode()
    right_edge, indent = g.MARGIN_LEFT_MM + g.TYPE_AREA_WIDTH_MM, g.MARGIN_LEFT_MM + 2 * g.CHAR_PITCH_MM
    full = []
    for page in out.split("<page ")[1:]:
        rows: dict[int, list] = {}
        for x0, y0, x1, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', page):
            rows.setdefault(round(float(y0)), []).append((text, float(x0) * PT_TO_MM, float(x1) * PT_TO_MM))
        lines = [("".join(w[0] for w in row), min(w[1] for w in row), max(w[2] for w in row), y * PT_TO_MM)
                 for y, row in sorted(rows.items())]
        for a, b in itertools.pairwise(lines):
            # a paragraph line followed on the next grid line by a line of the same paragraph: a full line
            if (abs(a[1] - g.MARGIN_LEFT_MM) < 0.3 or abs(a[1] - indent) < 0.3) and abs(b[1] - g.MARGIN_LEFT_MM) < 0.3 \
                    and abs(b[3] - a[3] - g.LINE_PITCH_MM) < 0.5:
                full.append((a[0], round(right_edge - a[2], 2)))
    assert len(full) > 15 and sum(bool(re.search(r"\d", text)) for text, _ in full) >= 5
    short = [(text, gap) for text, gap in full if abs(gap) > 0.5]
    assert not short, short
