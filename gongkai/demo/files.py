"""Attachment files of the demo: a handful of documents, each generated at most once per load and then
reused for every item that carries one of that kind (the stored copies get their own random names).

PDFs are rendered with WeasyPrint (fonts-noto-cjk for the Chinese text), DOCX with python-docx,
XLSX with openpyxl. Every file says plainly that it is demo content.
"""

import io

from gongkai.demo.seed import SEED_DOC_NUMBER, SEED_TITLE, TABLE_HEADINGS, seed_blocks

DEMO_NOTE = "本文件为 Gongkai 演示数据生成的示例附件，内容不代表沂源县人民政府及其部门的正式文件。"
PDF_STYLE = """
@page { size: A4; margin: 25mm 22mm; @bottom-center { content: counter(page); font-size: 9pt; } }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 11pt; line-height: 1.6; }
.issuer { color: #c00; text-align: center; font-size: 22pt; letter-spacing: 2pt; margin: 0; }
.docno { text-align: center; border-bottom: 2px solid #c00; padding-bottom: 6pt; }
h1 { text-align: center; font-size: 16pt; } h2 { font-size: 14pt; text-align: center; }
h3, h4 { font-size: 12pt; } p { text-indent: 2em; margin: 0 0 4pt; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; table-layout: fixed; }
th:nth-child(1) { width: 22%; } th:nth-child(2) { width: 50%; } th:nth-child(3) { width: 28%; }
th, td { border: 1px solid #333; padding: 3pt; vertical-align: top; }
"""


def _render_pdf(body_html: str) -> bytes:
    from weasyprint import HTML

    page = f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><style>{PDF_STYLE}</style></head>" \
           f"<body>{body_html}</body></html>"
    return HTML(string=page).write_pdf()


def seed_pdf() -> bytes:
    from gongkai.demo.seed import seed_body_html

    header = (f"<p class='issuer'>沂源县人民政府办公室文件</p><p class='docno'>{SEED_DOC_NUMBER}</p>"
              f"<h1>{SEED_TITLE}</h1>")
    return _render_pdf(header + seed_body_html())


def seed_docx() -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.title = SEED_TITLE
    document.add_paragraph("沂源县人民政府办公室文件")
    document.add_paragraph(SEED_DOC_NUMBER)
    document.add_heading(SEED_TITLE, level=1)
    for kind, content in seed_blocks():
        if kind == "table":
            table = document.add_table(rows=1, cols=3)
            table.style = "Table Grid"
            for cell, heading in zip(table.rows[0].cells, TABLE_HEADINGS, strict=True):
                cell.text = heading
            for row in content:
                cells = table.add_row().cells
                cells[0].text, cells[1].text, cells[2].text = "\n".join(row.task), row.requirement, row.responsible
        elif kind == "p":
            document.add_paragraph(content)
        else:
            document.add_heading(content, level=int(kind[1]))
    return _save(document)


def generic_pdf() -> bytes:
    rows = "".join(f"<tr><td>{i}</td><td>示例事项{i}</td><td>已办结</td></tr>" for i in range(1, 9))
    return _render_pdf(
        f"<h1>政府信息公开附件（示例）</h1><p>{DEMO_NOTE}</p>"
        f"<table><thead><tr><th>序号</th><th>事项</th><th>结果</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def generic_docx() -> bytes:
    from docx import Document

    document = Document()
    document.add_heading("征求意见稿（示例）", level=1)
    document.add_paragraph(DEMO_NOTE)
    for number, text in enumerate(("总则", "职责分工", "工作要求", "附则"), start=1):
        document.add_heading(f"第{'一二三四'[number - 1]}章　{text}", level=2)
        document.add_paragraph(f"第{number}条　（示例条款）")
    return _save(document)


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _workbook(title: str, header: list[str], rows: list[list]) -> bytes:
    from openpyxl import Workbook

    from gongkai.core import exports

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for number, row in enumerate([[DEMO_NOTE], header, *rows], start=1):
        exports.write_row(sheet, number, row)
    return exports.save(workbook)


def list_xlsx() -> bytes:
    rows = [[i, f"示例事项{i}", "准予许可" if i % 3 else "不予许可", f"2021-0{i % 9 + 1}-1{i % 9}", "示例"] for i in range(1, 13)]
    return _workbook("公示", ["序号", "事项名称", "办理结果", "办理日期", "备注"], rows)


def stats_xlsx() -> bytes:
    names = ["地区生产总值", "一般公共预算收入", "规模以上工业增加值", "固定资产投资", "社会消费品零售总额"]
    rows = [[name, "亿元", round(10 + i * 7.3, 1), round(80 + i * 41.7, 1), round(3.1 + i, 1)] for i, name in enumerate(names)]
    return _workbook("统计", ["指标（示例数据）", "单位", "本月", "累计", "同比增长（%）"], rows)


# 图片新闻: drawn scenes (hills, a hall, a field), plainly marked 「示例图片」: the demo has no real photos.
PHOTO_KINDS = 4
PHOTO_PALETTES = [
    ("#9cc3e6", "#6f9a5b", "#4d7a3f", "#c8102e"),
    ("#f2c48d", "#8a9a5b", "#5f7040", "#1f4e79"),
    ("#b8d8d8", "#7fa07a", "#55784f", "#7a2e1f"),
    ("#d9e4f5", "#a3b86c", "#6b8a3a", "#b5651d"),
]


def photo(number: int) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    sky, far, near, accent = PHOTO_PALETTES[number % len(PHOTO_PALETTES)]
    width, height = 960, 600
    image = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(image)
    for y in range(height):  # the sky lighter towards the horizon
        shade = 1 + 0.3 * y / height
        r, g, b = (int(sky[i:i + 2], 16) for i in (1, 3, 5))
        draw.line([(0, y), (width, y)], fill=(min(255, int(r * shade)), min(255, int(g * shade)), min(255, int(b * shade))))
    offset = number * 90
    draw.polygon([(0, 330), (180 + offset, 170), (420 + offset, 300), (640, 190 + number * 10), (width, 320),
                  (width, height), (0, height)], fill=far)
    draw.polygon([(0, 430), (300, 360), (620, 420), (width, 370), (width, height), (0, height)], fill=near)
    left = 120 + number * 150
    draw.rectangle([left, 300, left + 260, 430], fill="#f4f1ea", outline="#555555", width=3)  # a hall
    draw.polygon([(left - 20, 300), (left + 130, 240), (left + 280, 300)], fill=accent)
    for column in range(5):
        draw.rectangle([left + 25 + column * 48, 330, left + 45 + column * 48, 430], fill="#d8d2c4")
    try:
        font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 28)
    except OSError:
        font = ImageFont.load_default()
    draw.rectangle([width - 190, height - 56, width - 12, height - 12], fill="#ffffff")
    draw.text((width - 176, height - 52), "示例图片", fill="#333333", font=font)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=78, optimize=True)
    return buffer.getvalue()


GENERATORS = {
    "seed_pdf": seed_pdf, "seed_docx": seed_docx, "pdf": generic_pdf, "docx": generic_docx,
    "xlsx_list": list_xlsx, "xlsx_stats": stats_xlsx,
    **{f"photo{number}": (lambda number=number: photo(number)) for number in range(PHOTO_KINDS)},
}


class DemoFiles:
    """Bytes of each kind of file, generated on first use."""

    def __init__(self):
        self._made: dict[str, bytes] = {}

    def get(self, kind: str) -> bytes:
        if kind not in self._made:
            self._made[kind] = GENERATORS[kind]()
        return self._made[kind]
