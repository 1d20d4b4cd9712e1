"""Visual regression of the 公文 layout: letters rendered to PDF, pages rasterised with pdftoppm
(poppler-utils) and measured from the pixels: lines on the 22-line grid inside the 版心, 28 characters
a full line, and no page with the 落款 alone (GB/T 9704-2012 §5.2, §7.3.5)."""

import dataclasses
import datetime as dt
import io
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from gongkai.letters import gbt9704 as g
from gongkai.letters import pdf
from gongkai.letters.render import Letter, Paragraph, Table, render_pdf

DPI = 100
MM_PER_PX = 25.4 / DPI
INK = 110  # darker than this is text; the grey place of the seal and the page number are left out


def _letter(paragraphs: int) -> Letter:
    # Pure Chinese text without digits, so that every full line holds exactly 28 characters: a paragraph
    # of 110 characters is four lines (26 after the two-character indent, then 28, 28, 28).
    text = ("根据政府信息公开条例的规定本机关对您申请公开的政府信息进行了检索和审查现将有关情况告知如下请您查收"
            * 3)[:110]
    return Letter(title="政府信息公开申请答复书", doc_number="源政信复〔2026〕12号", recipient="张三",
                  body=tuple(Paragraph(text) for _ in range(paragraphs)), signature_org="沂源县农业农村局",
                  date=dt.date(2026, 3, 20))


SHORT = _letter(2)  # one page
# Two pages, and a trap: the header takes 6 grid lines, four paragraphs of four lines fill the other 16,
# so the 落款 would stand alone on page 2 unless body lines move over.
LONG = _letter(4)


def _pages_png(pdf_bytes: bytes, dpi: int = DPI) -> list[Image.Image]:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "letter.pdf"
        source.write_bytes(pdf_bytes)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(source), str(Path(folder) / "page")],
                       check=True, capture_output=True)
        return [Image.open(io.BytesIO(path.read_bytes())).convert("L") for path in sorted(Path(folder).glob("*.png"))]


def _bands(image: Image.Image) -> list[tuple[float, float, float, float]]:
    """Text lines seen in the pixels of the 版心 and just around it: (top, bottom, left, right) in mm."""
    width, height = image.size
    pixels = image.load()
    bottom_limit = int((g.MARGIN_TOP_MM + g.TYPE_AREA_HEIGHT_MM) / MM_PER_PX)  # the page number lies below
    rows = []
    for y in range(height):
        xs = [x for x in range(0, width, 2) if pixels[x, y] < INK] if y < bottom_limit else []
        rows.append((min(xs), max(xs)) if xs else None)
    bands, start = [], None
    for y, row in enumerate([*rows, None]):
        if row and start is None:
            start = y
        elif not row and start is not None:
            span = [r for r in rows[start:y] if r]
            bands.append((start * MM_PER_PX, y * MM_PER_PX, min(r[0] for r in span) * MM_PER_PX,
                          max(r[1] for r in span) * MM_PER_PX))
            start = None
    merged = []  # a line of 「张三」 shows gaps between strokes: join bands less than 2 mm apart
    for band in bands:
        if merged and band[0] - merged[-1][1] < 2:
            last = merged.pop()
            band = (last[0], band[1], min(last[2], band[2]), max(last[3], band[3]))
        merged.append(band)
    return merged


def _grid_slot(band) -> float:
    centre = (band[0] + band[1]) / 2
    return (centre - g.MARGIN_TOP_MM) / g.LINE_PITCH_MM - 0.5


@pytest.fixture(scope="module")
def rendered():
    return {name: (letter, _pages_png(render_pdf(letter))) for name, letter in (("short", SHORT), ("long", LONG))}


@pytest.mark.parametrize("name, pages", [("short", 1), ("long", 2)])
def test_lines_sit_on_the_22_line_grid_inside_the_type_area(rendered, name, pages):
    letter, images = rendered[name]
    assert len(images) == pages
    laid_out = pdf.measure(pdf.layout(letter))
    for number, image in enumerate(images):
        bands = _bands(image)
        text_lines = [line for line in laid_out[number] if line.role != "seal"]
        assert len(bands) == len(text_lines) <= g.LINES_PER_PAGE
        for band in bands:
            top, bottom, left, right = band
            assert g.MARGIN_TOP_MM - 0.5 <= top and bottom <= g.MARGIN_TOP_MM + g.TYPE_AREA_HEIGHT_MM
            assert g.MARGIN_LEFT_MM - 0.5 <= left and right <= g.MARGIN_LEFT_MM + g.TYPE_AREA_WIDTH_MM + 0.5
            slot = _grid_slot(band)
            assert abs(slot - round(slot)) < 0.15, (number, band)  # on one of the 22 lines


def test_header_places_number_and_title_as_the_standard_says(rendered):
    _letter_, images = rendered["short"]
    number, title, recipient = _bands(images[0])[:3]
    assert round(_grid_slot(number)) == 0 and number[3] > g.MARGIN_LEFT_MM + g.TYPE_AREA_WIDTH_MM - 3  # 居右
    assert round(_grid_slot(title)) == 3  # 空二行
    centre = g.MARGIN_LEFT_MM + g.TYPE_AREA_WIDTH_MM / 2
    assert abs((title[2] + title[3]) / 2 - centre) < 2  # 居中
    assert round(_grid_slot(recipient)) == 5 and abs(recipient[2] - g.MARGIN_LEFT_MM) < 1  # 空一行, 顶格


def test_a_full_line_holds_28_characters_edge_to_edge(rendered):
    letter, images = rendered["long"]
    body = [line for line in pdf.measure(pdf.layout(letter))[0] if line.role == "body"]
    assert [len(line.text) for line in body[:4]] == [26, 28, 28, 28]
    full = [band for band in _bands(images[0]) if band[2] < g.MARGIN_LEFT_MM + 1 and round(_grid_slot(band)) > 5]
    assert full and all(band[3] > g.MARGIN_LEFT_MM + g.TYPE_AREA_WIDTH_MM - g.CHAR_PITCH_MM for band in full)


def _signoff_and_body(image):
    middle = g.MARGIN_LEFT_MM + g.TYPE_AREA_WIDTH_MM / 2
    bands = _bands(image)
    body = [b for b in bands if b[2] < middle]
    return body, [b for b in bands if b[2] >= middle and b[0] > body[-1][1]]


@pytest.mark.parametrize("name", ["short", "long"])
def test_the_signoff_never_stands_alone(rendered, name):
    _letter_, images = rendered[name]
    body, signoff = _signoff_and_body(images[-1])
    assert len(signoff) == 2  # 署名 and 成文日期, on the last page
    assert len(body) >= 2 and max(b[1] for b in body) < min(s[0] for s in signoff)
    if name == "long":  # the trap: page 1 gave up two lines so that page 2 is not the 落款 alone
        assert len(_bands(images[0])) == g.LINES_PER_PAGE - 2 - 1 - 2 and len(body) == 2


def test_without_the_rule_the_long_letter_would_leave_the_signoff_alone():
    from weasyprint import HTML

    html = pdf._html(LONG, keep=0).replace("break-before: avoid;", "")
    assert pdf.signoff_alone(pdf.measure(HTML(string=html).render()))
    assert not pdf.signoff_alone(pdf.measure(pdf.layout(LONG)))


def test_a_long_title_breaks_between_words_as_a_trapezoid_on_the_grid():
    import dataclasses

    letter = dataclasses.replace(SHORT, title="关于张三申请公开沂源县城区道路改造项目征地补偿方案的政府信息公开申请答复书")
    images = _pages_png(render_pdf(letter))
    number, upper, lower, recipient = _bands(images[0])[:4]
    assert [round(_grid_slot(band)) for band in (upper, lower, recipient)] == [3, 4, 6]  # one empty line below
    centre = g.MARGIN_LEFT_MM + g.TYPE_AREA_WIDTH_MM / 2
    assert abs((upper[2] + upper[3]) / 2 - centre) < 2 and abs((lower[2] + lower[3]) / 2 - centre) < 2
    assert upper[3] - upper[2] > lower[3] - lower[2]  # 梯形: the upper line the longer


def _page_number(image, mm_per_px: float) -> tuple[float, float, float]:
    """The page number under the 版心: (the 一字线's height in mm, its left and right edges in mm)."""
    pixels, (width, height) = image.load(), image.size
    top = int((g.MARGIN_TOP_MM + g.TYPE_AREA_HEIGHT_MM) / mm_per_px) + 1
    rows = [y for y in range(top, height) if any(pixels[x, y] < 128 for x in range(width))]
    columns = [x for x in range(width) if any(pixels[x, y] < 128 for y in rows)]
    left = columns[0]
    # The dash: the rows inked all along its first two millimetres.
    dash = [y for y in rows if all(pixels[x, y] < 160 for x in range(left + 3, left + int(2 / mm_per_px)))]
    return (sum(dash) / len(dash) + 0.5) * mm_per_px, left * mm_per_px, (columns[-1] + 1) * mm_per_px


def test_the_page_numbers_dash_sits_7_mm_under_the_type_area_one_character_in():
    # §7.5: 一字线上距版心下边缘7mm; 单页码居右空一字，双页码居左空一字 (one character of 4号).
    images = _pages_png(render_pdf(LONG), dpi=300)
    assert len(images) == 2
    bottom, char = g.MARGIN_TOP_MM + g.TYPE_AREA_HEIGHT_MM, g.PAGE_NUMBER_PT * g.MM_PER_PT
    for number, image in enumerate(images, start=1):
        dash, left, right = _page_number(image, 25.4 / 300)
        assert abs(dash - bottom - g.PAGE_NUMBER_GAP_MM) < 0.5, (number, dash - bottom)
        if number % 2:
            assert abs(g.MARGIN_LEFT_MM + g.TYPE_AREA_WIDTH_MM - char - right) < 0.8
        else:
            assert abs(left - g.MARGIN_LEFT_MM - char) < 0.8



TABLE_LETTER = Letter(
    title="政府信息公开申请答复书", doc_number="源政信复〔2026〕12号", recipient="张三",
    body=(Paragraph("对不予公开的内容说明理由如下："),
          Table(("不予公开的内容", "依据条款", "理由"),
                (("涉及个人身份证号码、联系电话和银行账号的内容", "第十五条", "属于个人隐私，公开会损害第三方合法权益"),)),
          Paragraph("如对本答复不服，可以依法申请行政复议或者提起行政诉讼。")),
    signature_org="沂源县农业农村局", date=dt.date(2026, 3, 20))


def test_a_short_table_value_stays_on_one_line_and_the_text_after_the_table_on_the_grid():
    lines = pdf.measure(pdf.layout(TABLE_LETTER))[0]
    texts = [line.text for line in lines]
    assert "依据条款" in texts and "第十五条" in texts  # not 「第十」 over 「五条」
    after = next(line for line in lines if line.text.startswith("如对本答复不服"))
    slot = (after.top_mm - g.MARGIN_TOP_MM) / g.LINE_PITCH_MM
    assert abs(slot - round(slot)) < 0.02  # the table's rules do not push it off the 22-line grid


def test_the_text_after_a_table_that_runs_over_a_page_sits_on_the_grid_below_it():
    # A table's rules used to take a pixel each, given back below the whole table: after a page break that
    # pulled the next paragraph up into the table's last row.
    rows = tuple((f"第{n}项内容", "第十五条", "属于个人隐私") for n in range(1, 19))
    letter = dataclasses.replace(TABLE_LETTER, body=(
        Paragraph("理由如下："), Table(("内容", "依据条款", "理由"), rows), Paragraph("如对本答复不服，可以依法申请行政复议。")))
    pages = pdf.measure(pdf.layout(letter))
    page = next(lines for lines in pages if any(line.text.startswith("如对本答复不服") for line in lines))
    after = next(line for line in page if line.text.startswith("如对本答复不服"))
    last_row = max(line.top_mm for line in page if line.text.startswith("第18项"))
    assert after.top_mm >= last_row + g.LINE_PITCH_MM - 0.05  # below the last row, not over it
    slot = (after.top_mm - g.MARGIN_TOP_MM) / g.LINE_PITCH_MM
    assert abs(slot - round(slot)) < 0.02


def test_a_number_longer_than_its_column_breaks_rather_than_run_into_the_next_column():
    number = "370323199001011234567890"
    letter = dataclasses.replace(TABLE_LETTER, body=(Table(
        ("Content withheld", "Article", "Reason"),
        (("https://www.yiyuan.gov.cn/art/2026/3/20/art_12345_6789012.html", "Article 15",
          "Personal privacy of third parties Confidentiality-undermining"),
         (number, "第十五条", "Internationalization"))),))
    html = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=render_pdf(letter), capture_output=True,
                          check=True).stdout.decode()
    found = {m[2]: (float(m[0]), float(m[1])) for m in re.findall(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html)}
    digits = [right for text, (_left, right) in found.items() if len(text) > 3 and text in number]
    assert digits and max(digits) < found["第十五条"][0]
