"""A small 公文 renderer: one `Letter` in, DOCX (python-docx) and PDF (WeasyPrint) bytes out.

Generic on purpose: 依申请公开 letters, the annual report, 汇编 and 通报 all describe a document as a
title, a 发文字号, a recipient, body blocks (paragraphs and tables), the issuing organization, a date
and a place for the seal, and leave the layout to this module. The layout follows GB/T 9704-2012
《党政机关公文格式》: A4, 版心 156 × 225 mm (天头 37 mm, 订口 28 mm), title in 2号小标宋 centred,
body in 3号仿宋 with 22 lines of 28 characters, 主送 flush left, 署名 centred over a date written with
Arabic numerals and 右空四字, page numbers "— 1 —" in 4号宋体.

Fonts: DOCX names the 公文 fonts (方正小标宋简体, 仿宋_GB2312, 黑体) so Word and WPS on a government PC use
them; the PDF embeds Debian's Noto CJK (fonts-noto-cjk) when those are not installed on the server.
"""

import datetime as dt
import io
from dataclasses import asdict, dataclass, field

from django.template.loader import render_to_string

# GB/T 9704-2012 §5.2 (mm) and §7 (type sizes: 2号 = 22pt, 3号 = 16pt, 4号 = 14pt).
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM, MARGIN_BOTTOM_MM = 37, 28, 26, 35
TITLE_PT, BODY_PT, PAGE_NUMBER_PT = 22, 16, 14
LINE_PT = 28  # 22 lines in the 225 mm 版心 (固定值28磅, the usual setting)
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
NUMBER_FONT = "宋体"
RED = "C00000"


@dataclass(frozen=True)
class Paragraph:
    text: str
    heading: bool = False  # 一级标题 in 黑体 (e.g. "一、…"); otherwise ordinary 正文


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class Letter:
    title: str
    body: tuple[Paragraph | Table, ...]
    doc_number: str = ""  # 发文字号, e.g. 源政信复〔2026〕12号
    recipient: str = ""  # 主送: an applicant or an organization (a colon is added)
    signature_org: str = ""  # 发文机关署名
    date: dt.date | None = None  # 成文日期
    issuer_mark: str = ""  # 发文机关标志 (red 版头); empty: 信函 style with the number above the title
    seal: bool = True  # leave the place for the 印章
    attachments: tuple[str, ...] = ()  # 附件说明
    note: str = ""  # 附注, e.g. （联系人：…，联系电话：…）
    extra: dict = field(default_factory=dict, compare=False)  # caller's metadata, kept in snapshots

    def to_dict(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        data["body"] = [
            {"table": asdict(block)} if isinstance(block, Table) else {"paragraph": asdict(block)} for block in self.body
        ]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Letter":
        body = []
        for block in data.get("body", []):
            if "table" in block:
                table = block["table"]
                body.append(Table(tuple(table["headers"]), tuple(tuple(r) for r in table["rows"]), table.get("caption", "")))
            else:
                body.append(Paragraph(**block["paragraph"]))
        values = {k: v for k, v in data.items() if k not in {"body", "date", "attachments"}}
        return cls(body=tuple(body), date=dt.date.fromisoformat(data["date"]) if data.get("date") else None,
                   attachments=tuple(data.get("attachments", ())), **values)


def chinese_date(day: dt.date | None) -> str:
    """GB/T 9704-2012 §7.3.5.1: 成文日期 in Arabic numerals, year in full, no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


# --- PDF -------------------------------------------------------------------------------------------


def render_pdf(letter: Letter) -> bytes:
    from weasyprint import HTML

    html = render_to_string("letters/gongwen.html", {
        "letter": letter, "date_text": chinese_date(letter.date),
        "blocks": [("table" if isinstance(b, Table) else "paragraph", b) for b in letter.body],
    })
    return HTML(string=html).write_pdf()


# --- DOCX ------------------------------------------------------------------------------------------


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
    fmt.line_spacing = Pt(max(LINE_PT, size + 6))
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(2 * size)
    if right_chars:
        fmt.right_indent = Pt(right_chars * size)
    if align is not None:
        paragraph.alignment = align
    if text:
        _font(paragraph.add_run(text), font, size, bold=bold, color=color)
    return paragraph


def _page_number_footer(section) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
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


def _table(document, block: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if block.caption:
        _paragraph(document, block.caption, font=HEADING_FONT, align=WD_ALIGN_PARAGRAPH.CENTER)
    table = document.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), HEADING_FONT, 14)
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(str(text)), BODY_FONT, 14)


def render_docx(letter: Letter) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.footer_distance = Mm(MARGIN_BOTTOM_MM - 7 - 5)
    document.core_properties.title = letter.title
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
    _paragraph(document)
    _paragraph(document, letter.title, font=TITLE_FONT, size=TITLE_PT, align=center)
    _paragraph(document)
    if letter.recipient:
        _paragraph(document, f"{letter.recipient}：", align=left)
    for block in letter.body:
        if isinstance(block, Table):
            _table(document, block)
        elif block.heading:
            _paragraph(document, block.text, font=HEADING_FONT, indent=True)
        else:
            _paragraph(document, block.text, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    if letter.attachments:
        _paragraph(document)
        for number, name in enumerate(letter.attachments, start=1):
            prefix = "附件：" if number == 1 else "　　　"
            label = f"{number}. {name}" if len(letter.attachments) > 1 else name
            _paragraph(document, f"{prefix}{label}", indent=True)
    _paragraph(document)
    if letter.seal:
        _paragraph(document, "（印章）", size=12, align=right, right_chars=6, color="808080")
    if letter.signature_org:
        _paragraph(document, letter.signature_org, align=right, right_chars=2)
    if letter.date:
        _paragraph(document, chinese_date(letter.date), align=right, right_chars=4)
    if letter.note:
        _paragraph(document)
        _paragraph(document, letter.note, indent=True)
    _page_number_footer(section)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
