"""The DOCX of a `Letter` (python-docx): GB/T 9704-2012 page, fixed 22-line grid, official font names."""

import io

from gongkai.core.sanitize import docx_property, xml_text
from gongkai.letters import gbt9704 as g
from gongkai.letters.render import Letter, Table, chinese_date
from gongkai.letters.text import column_widths, text_width, title_lines

TITLE_FONT, BODY_FONT, HEADING_FONT = g.TITLE.official, g.BODY.official, g.HEADING.official
SUBHEADING_FONT, NUMBER_FONT = g.SUBHEADING.official, g.NUMBER.official
TITLE_PT, BODY_PT, PAGE_NUMBER_PT, LINE_PT, RED = g.TITLE_PT, g.BODY_PT, g.PAGE_NUMBER_PT, g.LINE_PT, g.RED


def _run(paragraph, text):
    """A run without the characters XML 1.0 cannot hold (python-docx raises ValueError on them): the forms
    refuse them, but a text stored before they did (an old 台账 import) must still give its letter."""
    return paragraph.add_run(xml_text(text))


def _font(run, name: str, size_pt: float, bold: bool = False, color: str | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    run.font.name = name
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), name)


def _paragraph(document, text: str = "", *, font: str = BODY_FONT, size: float = BODY_PT, align=None,
               indent: bool = False, bold: bool = False, color: str | None = None, right_chars: int = 0):
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(2 * size)
    if right_chars:
        fmt.right_indent = Pt(right_chars * size)
    if align is not None:
        paragraph.alignment = align
    if text:
        _font(_run(paragraph, text), font, size, bold=bold, color=color)
    return paragraph


def _page_number(paragraph, align, indent_side: str) -> None:
    """「— 1 —」 in 4号宋体, one character (空一字) in from the 版心 edge it sits on."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph.alignment = align
    setattr(paragraph.paragraph_format, f"{indent_side}_indent", Pt(PAGE_NUMBER_PT))
    _font(paragraph.add_run("— "), NUMBER_FONT, PAGE_NUMBER_PT)
    run = paragraph.add_run()
    _font(run, NUMBER_FONT, PAGE_NUMBER_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)
    _font(paragraph.add_run(" —"), NUMBER_FONT, PAGE_NUMBER_PT)


def _page_number_footer(document, section) -> None:
    """GB/T 9704-2012 §7.5: the page number right on odd pages, left on even ones, 空一字 each (Word's
    「奇偶页不同」: settings evenAndOddHeaders, the default footer for odd pages, the even one for even)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT, "right")
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT, "left")


def _table(document, block: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if block.caption:
        _paragraph(document, block.caption, font=HEADING_FONT, align=WD_ALIGN_PARAGRAPH.CENTER)
    table = document.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
        cell.text = ""
        _font(_run(cell.paragraphs[0], text), HEADING_FONT, g.TABLE_PT)
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = ""
            _font(_run(cell.paragraphs[0], text), BODY_FONT, g.TABLE_PT)
    # The PDF's column widths (text.column_widths): a short value such as 「第十五条」 stays on one line.
    shares = column_widths(block.headers, block.rows, g.TYPE_AREA_WIDTH_MM / (g.TABLE_PT * g.MM_PER_PT))
    if shares:
        from docx.shared import Mm

        table.autofit = False
        for column, share in zip(table.columns, shares, strict=True):
            column.width = Mm(g.TYPE_AREA_WIDTH_MM * share)  # w:gridCol
            for cell in column.cells:  # w:tcW, what Word reads
                cell.width = Mm(g.TYPE_AREA_WIDTH_MM * share)


def _grid(section) -> None:
    """Word's 文档网格: 22 lines of 28 characters (w:linePitch in twips, w:charSpace as Word writes it
    for 3号 type: (pitch − 16 pt) × 4096)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    pitch_pt = g.CHAR_PITCH_MM / g.MM_PER_PT
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(int(g.LINE_PT * 20)))
    grid.set(qn("w:charSpace"), str(round((pitch_pt - g.BODY_PT) * 4096)))


def keep_with_next(paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.keep_together = True


def new_document(title: str):
    """A python-docx Document with the GB/T 9704-2012 page: A4, the 版心 margins, the 22-line 文档网格,
    the 3号仿宋 Normal style and the "— 1 —" page numbers (other 公文 renderers, e.g. reports, build on it)."""
    from docx import Document
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(g.PAGE_WIDTH_MM), Mm(g.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(g.MARGIN_TOP_MM), Mm(g.MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(g.MARGIN_LEFT_MM), Mm(g.MARGIN_RIGHT_MM)
    section.footer_distance = Mm(g.MARGIN_BOTTOM_MM - g.PAGE_NUMBER_GAP_MM - 5)
    document.core_properties.title = docx_property(title)  # (the body's title goes through _run)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(BODY_PT)
    _grid(section)
    _page_number_footer(document, section)
    return document


def add_title(document, text: str):
    """The title in 2号小标宋, centred, broken between words (§7.3.2: 梯形 or 菱形)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    title, lines = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER), title_lines(text)
    for number, line in enumerate(lines):
        run = _run(title, line)
        _font(run, TITLE_FONT, TITLE_PT)
        if number < len(lines) - 1:
            run.add_break()
    return title


def add_signoff(document, signature_org: str, date, seal: bool = True) -> None:
    """署名, 成文日期 and the place of the seal placed as the PDF places them (GB/T 9704-2012 §7.3.5):
    sealed, the date 右空四字 with the 署名 (and the seal) centred over it; unsealed, the 署名 右空二字 and the
    date's first character two to the right of the 署名's (the date 右空二字 when it is the longer). Each line is
    kept with the next, so that with the last body paragraph marked `keep_with_next` it never stands alone."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    char = g.CHAR_PITCH_MM / g.MM_PER_PT  # one character of the grid, in points
    line = g.CHARS_PER_LINE
    keep_with_next(_paragraph(document))  # one empty line below the body, kept with the 落款
    date = chinese_date(date) if date else ""
    date_width, name_width = text_width(date), text_width(signature_org)

    def place(text, *, left: float = 0, right: float = 0, align=WD_ALIGN_PARAGRAPH.LEFT, **style):
        paragraph = _paragraph(document, text, align=align, **style)
        paragraph.paragraph_format.left_indent = Pt(left * char)
        paragraph.paragraph_format.right_indent = Pt(right * char)
        return paragraph

    if seal:
        centre = line - 4 - date_width / 2  # the middle of the date, 右空四字
        half = line - centre  # the widest span centred there that stays inside the 版心

        def centred(text, **style):
            if text_width(text) > 2 * half:  # wider than the span: flush right instead
                return place(text, align=WD_ALIGN_PARAGRAPH.RIGHT, **style)
            return place(text, left=centre - half, align=WD_ALIGN_PARAGRAPH.CENTER, **style)

        # The seal image goes only into the PDF: an editable DOCX with a seal would invite copies.
        keep_with_next(centred("（印章）", size=12, color="808080"))
        if signature_org:
            keep_with_next(centred(signature_org))
        if date:
            place(date, right=4, align=WD_ALIGN_PARAGRAPH.RIGHT)
        return
    start = line - 2 - max(name_width, date_width + 2)
    if signature_org:
        keep_with_next(place(signature_org, left=start))
    if date:
        place(date, left=start + 2)


def render_docx(letter: Letter) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = new_document(letter.title)
    center, left, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT

    if letter.issuer_mark:
        _paragraph(document, letter.issuer_mark, font=TITLE_FONT, size=TITLE_PT + 8, align=center, color=RED)
        _paragraph(document)
        if letter.doc_number:
            _paragraph(document, letter.doc_number, align=center)
        rule = _paragraph(document, "━" * 26, size=10, align=center, color=RED)
        rule.paragraph_format.space_after = 0
    elif letter.doc_number:
        _paragraph(document, letter.doc_number, align=right)
    _paragraph(document)  # 空二行 before the title (§7.2.4, §7.3.2), as the PDF
    _paragraph(document)
    add_title(document, letter.title)
    _paragraph(document)
    if letter.recipient:
        _paragraph(document, f"{letter.recipient}：", align=left)
    last = None
    for block in letter.body:
        if isinstance(block, Table):
            _table(document, block)
            last = None
        elif block.heading:
            font = SUBHEADING_FONT if block.level == 2 else HEADING_FONT
            last = _paragraph(document, block.text, font=font, indent=True)
        else:
            last = _paragraph(document, block.text, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    if last is not None:
        keep_with_next(last)  # the 落款 never stands alone on a page (GB/T 9704-2012 §7.3.5.4)
    if letter.attachments:
        _paragraph(document)
        for number, name in enumerate(letter.attachments, start=1):
            prefix = "附件：" if number == 1 else "　　　"
            label = f"{number}. {name}" if len(letter.attachments) > 1 else name
            keep_with_next(_paragraph(document, f"{prefix}{label}", indent=True))
    add_signoff(document, letter.signature_org, letter.date, seal=letter.seal)
    if letter.note:
        _paragraph(document)
        _paragraph(document, letter.note, indent=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
