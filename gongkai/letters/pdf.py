"""The PDF of a `Letter` (WeasyPrint), and the layout check that keeps the 落款 with the body.

GB/T 9704-2012 §7.3.5.4: when the space left on a page cannot take the 印章 and 成文日期, adjust so
they stay with the body; the 落款 never stands on a page of its own. The stylesheet forbids a page
break before the 落款 and after the last body block (`.keep`), so WeasyPrint moves body lines over.
`render_pdf` then measures the laid-out pages (`measure`) and, should the 落款 still have no body
line beside it (a last block that cannot be split, e.g. a table), keeps one more block with it and
lays the letter out again. Last, `flush_right` spreads every full line of a paragraph to the right edge
of the 版心 (`justify`: WeasyPrint itself justifies only at spaces).
"""

import base64
from dataclasses import dataclass

from django.template.loader import render_to_string

from gongkai.core.sanitize import xml_text
from gongkai.letters import gbt9704 as g
from gongkai.letters import justify
from gongkai.letters.text import column_widths, title_lines

MAX_KEEP = 4
PAGE_NUMBER_DASH_DROP_MM = 3.2
BODY_ROLES = {"body", "attachments"}


@dataclass(frozen=True)
class Line:
    """One laid-out line: what it belongs to (data-role in the template), its text and position (mm)."""

    role: str
    text: str
    top_mm: float
    left_mm: float
    width_mm: float


def style_context() -> dict:
    """The template context of letters/includes/gongwen.css (page, 版心, grid, page numbers, 落款): every 公文
    PDF (letters, the annual report) renders its stylesheet from it."""
    # A thousandth of a millimetre under the exact pitch, so that 22 lines fit in 225 mm after rounding.
    pitch = int(g.LINE_PITCH_MM * 1000) / 1000
    return {
        "g": g,
        "fonts": {"title": g.TITLE.free, "body": g.BODY.free, "heading": g.HEADING.free,
                  "subheading": g.SUBHEADING.free, "number": g.NUMBER.free},
        "pitch": f"{pitch:.4f}", "pitch2": f"{2 * pitch:.4f}", "spacing": f"{g.LETTER_SPACING_MM:.4f}",
        "indent": f"{2 * g.CHAR_PITCH_MM:.4f}", "indent2": f"{2 * g.CHAR_PITCH_MM:.4f}",
        "indent4": f"{4 * g.CHAR_PITCH_MM:.4f}",
        # The 一字线 of the page number 7 mm under the 版心 (§7.5): the dash is drawn at the middle of the
        # character, PAGE_NUMBER_DASH_DROP_MM below the top of its line (4号, line-height 1).
        "page_number_top": f"{g.PAGE_NUMBER_GAP_MM - PAGE_NUMBER_DASH_DROP_MM:.2f}",
        # The seal's centre a little above the middle of 署名 and 日期 (§7.3.5.1).
        "seal_top": f"{pitch - 3 - g.SEAL_DIAMETER_MM / 2:.2f}", "seal_half": f"{g.SEAL_DIAMETER_MM / 2:.2f}",
    }


def table_columns(block) -> list[str]:
    """The widths of a table's columns in per cent of the 版心 (text.column_widths); [] for a paragraph or
    when the layout's own widths must do."""
    from gongkai.letters.render import Table

    if not isinstance(block, Table):
        return []
    shares = column_widths(block.headers, block.rows, g.TYPE_AREA_WIDTH_MM / (g.TABLE_PT * g.MM_PER_PT))
    return [f"{100 * share:.2f}" for share in shares or ()]


def _html(letter, keep: int) -> str:
    from gongkai.letters.render import Table, chinese_date

    body = list(letter.body)
    blocks = [("table" if isinstance(b, Table) else "paragraph", b, i >= len(body) - keep, table_columns(b))
              for i, b in enumerate(body)]
    seal_src = ""
    if letter.seal and letter.seal_image:
        seal_src = "data:image/png;base64," + base64.b64encode(letter.seal_image).decode("ascii")
    return render_to_string("letters/gongwen.html", {
        **style_context(), "letter": letter, "title_lines": title_lines(letter.title),
        "date_text": chinese_date(letter.date), "blocks": blocks, "seal_src": seal_src,
    })


def layout(letter, keep: int = 1):
    """The WeasyPrint document of `letter`, with its last `keep` body blocks kept with the 落款."""
    from weasyprint import HTML

    return HTML(string=xml_text(_html(letter, keep))).render()


def measure(document) -> list[list[Line]]:
    """Every page's lines, in order, with the role of the template element they belong to."""
    from weasyprint.formatting_structure import boxes

    px_to_mm = 25.4 / 96

    def walk(box, role, out):
        element = getattr(box, "element", None)
        if element is not None and element.get("data-role"):
            role = element.get("data-role")
        if isinstance(box, boxes.LineBox) and not any(
                isinstance(inner, boxes.LineBox) for inner in box.descendants() if inner is not box):
            text = "".join(t.text for t in box.descendants() if isinstance(t, boxes.TextBox))
            if role and text.strip():
                out.append(Line(role, text, round(box.position_y * px_to_mm, 2),
                                round(box.content_box_x() * px_to_mm, 2), round(box.width * px_to_mm, 2)))
            return
        for child in getattr(box, "children", ()):
            walk(child, role, out)

    pages = []
    for page in document.pages:
        lines: list[Line] = []
        walk(page._page_box, None, lines)
        pages.append(lines)
    return pages


def signoff_alone(pages: list[list[Line]]) -> bool:
    """True when a page holds 落款 lines but no line of the body (or 附件说明)."""
    for lines in pages:
        roles = {line.role for line in lines}
        if "signoff" in roles and not roles & BODY_ROLES:
            return True
    return False


def write_keeping(html, blocks: int) -> bytes:
    """The PDF of `html(keep)` (an HTML string whose last `keep` body blocks carry class `keep`, body
    lines `data-role="body"` and the 落款 `data-role="signoff"`), keeping more blocks with the 落款 while
    a page would hold it alone (§7.3.5.4). The characters XML cannot hold are dropped (core.sanitize.xml_text),
    as the DOCX drops them: stored text from before the forms refused them printed as empty boxes."""
    from weasyprint import HTML

    keep = 1
    source = HTML(string=xml_text(html(keep)))
    document = source.render()
    while keep < min(MAX_KEEP, blocks) and signoff_alone(measure(document)):
        keep += 1
        source = HTML(string=xml_text(html(keep)))
        document = source.render()
    return flush_right(source, document).write_pdf()


def flush_right(source, document):
    """`document` laid out again with its full lines spread to the right edge of the 版心 (`justify`), or as
    it is when nothing needs spreading or the spread layout would break pages differently."""
    from weasyprint import HTML

    spread = justify.justify(source, document)
    if spread is None:
        return document
    justified = HTML(string=spread).render()
    if [len(page) for page in measure(justified)] != [len(page) for page in measure(document)]:
        return document
    return justified


def render_pdf(letter) -> bytes:
    return write_keeping(lambda keep: _html(letter, keep), len(letter.body))
