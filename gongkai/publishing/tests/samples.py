"""Word documents built with python-docx, shaped like a county's 公文 (for the import tests)."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

TITLE = "关于做好2020年政务公开工作的通知"
DOC_NUMBER = "源教体字〔2020〕12号"
SIGNATURE = "测试县教育和体育局"
TABLE_CELL = "政务公开培训"


def notice_docx(*, header: bool = True, image: bytes | None = None) -> bytes:
    document = Document()
    if header:
        red = document.add_paragraph("测试县教育和体育局文件")
        red.alignment = WD_ALIGN_PARAGRAPH.CENTER
        number = document.add_paragraph(DOC_NUMBER)
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title = document.add_paragraph()
        title.add_run(TITLE).bold = True
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("各学校：")
    body = document.add_paragraph("现将有关事项通知如下，")
    body.add_run("请认真贯彻落实").bold = True
    body.add_run("。")
    document.add_heading("一、工作任务", level=1)
    document.add_paragraph("按时公开信息。", style="List Number")
    document.add_paragraph("做好保密审查。", style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "任务", "完成时间"
    table.cell(1, 0).text, table.cell(1, 1).text = TABLE_CELL, "2020年6月底前"
    if image:
        document.add_picture(io.BytesIO(image))
    signature = document.add_paragraph(SIGNATURE)
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date = document.add_paragraph("2020年3月5日")
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_with_text(*paragraphs: str) -> bytes:
    """A PDF with a text layer (rendered by WeasyPrint with the system's CJK fonts)."""
    from weasyprint import HTML

    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return HTML(string=f"<html lang='zh'><body style='font-family: Noto Sans CJK SC, sans-serif'>{body}</body></html>"
                ).write_pdf()


def scanned_pdf(pages: int = 2) -> bytes:
    """A PDF whose pages carry no text at all, like a scan."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def workbook(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "明细"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
