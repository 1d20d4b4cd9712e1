"""DOCX of a report (python-docx), laid out as a 公文 (GB/T 9704-2012) like gongkai.letters.

The letters renderer (gongkai.letters.render) only draws tables with one header row; the statutory
tables need merged header and row-header cells, so the report's body is drawn here, on the letters
module's page (`word.new_document`: A4, 版心, 22-line grid, "— 1 —" page numbers), with its title
(`word.add_title`, broken between words) and its 落款 (`word.add_signoff`, kept with the last paragraph).
"""

import io

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import _Cell

from gongkai.letters import render as gongwen
from gongkai.letters import word
from gongkai.reports.content import Content
from gongkai.reports.narrative import is_subheading
from gongkai.reports.tables import Layout

TABLE_PT = 10.5  # 五号: ten columns of table 3 fit the 156 mm 版心


def _run(paragraph, text: str, font: str, size: float, bold: bool = False):
    run = word._run(paragraph, text)  # without the characters a DOCX cannot hold
    run.font.name, run.font.size, run.font.bold = font, Pt(size), bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), font)
    return run


def _paragraph(document, text: str = "", *, font: str = gongwen.BODY_FONT, size: float = gongwen.BODY_PT,
               align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = True):
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(max(gongwen.LINE_PT, size + 6))
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(2 * size)
    paragraph.alignment = align
    if text:
        _run(paragraph, text, font, size)
    return paragraph


def placements(layout: Layout) -> list[tuple[int, int, object]]:
    """(row, column, cell) of every cell of the layout on its grid, honouring row and column spans."""
    rows = [row for row in layout.head] + [row for body in layout.bodies for row in body]
    occupied: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in occupied:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    occupied.add((r + dr, c + dc))
            c += cell.colspan
    return placed


def _table(document, layout: Layout) -> None:
    placed = placements(layout)
    row_count = 1 + max(r + cell.rowspan - 1 for r, _c, cell in placed)
    table = document.add_table(rows=row_count, cols=layout.columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # The grid's cell elements, taken once before merging: table.cell() recomputes the whole grid per call.
    grid = [list(tr.tc_lst) for tr in table._tbl.tr_lst]
    for r, c, cell in placed:
        target = _Cell(grid[r][c], table)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(_Cell(grid[r + cell.rowspan - 1][c + cell.colspan - 1], table))
        paragraph = target.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if (cell.key or cell.scope in ("col", "colgroup")) \
            else WD_ALIGN_PARAGRAPH.LEFT
        if cell.text:
            _run(paragraph, cell.text, gongwen.HEADING_FONT if cell.header else gongwen.BODY_FONT, TABLE_PT)


def render(content: Content) -> bytes:
    document = word.new_document(content.title)
    center = WD_ALIGN_PARAGRAPH.CENTER
    if content.draft:
        _paragraph(document, "（草稿，未公布）", align=center, indent=False)
    word.add_title(document, content.title)
    _paragraph(document)
    last = None
    for text in content.opening:
        last = _paragraph(document, text)
    for chapter in content.chapters:
        word.keep_with_next(_paragraph(document, chapter.title, font=gongwen.HEADING_FONT))
        for text in chapter.paragraphs:
            font = "楷体_GB2312" if is_subheading(text) else gongwen.BODY_FONT  # 二级标题 in 楷体
            last = _paragraph(document, text, font=font)
        if chapter.table:
            _table(document, chapter.table)
            last = None
    if last is not None:
        word.keep_with_next(last)  # the 落款 never stands alone on a page (GB/T 9704-2012 §7.3.5.4)
    word.add_signoff(document, content.organization_name, content.date, seal=False)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
