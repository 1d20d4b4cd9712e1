"""A flush right edge for 公文 paragraphs that mix Chinese with half-width digits and Latin letters.

GB/T 9704-2012 sets 28 characters a line; Word and WPS justify a Chinese line by spreading its characters.
WeasyPrint justifies only at spaces (it has no `text-justify: inter-character`), so a line holding
「0533-3241234」 or 「2026年」 — half-width glyphs that do not add up to whole characters — ends short of the
版心's right edge (up to a character or two). `justify` takes a laid-out document, finds every line of a
justified plain-text paragraph but its last, and writes the paragraph again as those same lines, each set
with the letter-spacing that makes it fill the measure exactly:

    <p>…<span class="gw-line"><span style="letter-spacing: …">first line but its last character</span>last</span><br>…</p>

The last character keeps the paragraph's own spacing so that its ink, not a gap, meets the right edge; the
paragraph's last line stays ragged. Only markup is added: the text a reader selects and copies is the
paragraph's text, in order, with nothing inserted. A paragraph whose lines cannot be matched to its text
(inline markup, a line broken inside a word of Latin, a full line WeasyPrint justified at its spaces) is left as WeasyPrint laid it out.
"""

import re
from xml.etree import ElementTree

PX_PER_MM = 96 / 25.4
# The most a line is spread between two characters. A line that would need more (a long web address carried
# over to the next line) stays ragged: wider gaps would read as spaces, and PDF readers copy them as spaces
# (pdftotext starts a new word at 0.1 em, 0.56 mm in 3号).
MAX_GAP_MM = 0.4
# Aim a hair inside the measure, so that rounding never pushes a line past the edge.
SLACK_MM = 0.02
LINE_CLASS = "gw-line"
# The white space a browser collapses and drops at a line break (CSS Text: space, tab, line feed, carriage return,
# form feed). Not Python's str.split(): that also takes the 全角 space U+3000, which the layout keeps as a character.
COLLAPSIBLE = " \t\n\r\f"
_COLLAPSIBLE_RUN = re.compile(f"[{COLLAPSIBLE}]+")


def _lines_by_paragraph(document) -> dict:
    """{paragraph element: [(line text, shortfall in px, the paragraph's letter-spacing in px), …]} for every justified paragraph of plain text."""
    from weasyprint.formatting_structure import boxes

    found: dict = {}

    def walk(box, block):
        if isinstance(box, boxes.LineBox):
            element = block.element if block is not None else None
            if element is None or block.style["text_align_all"] != "justify" or len(element) or not element.text:
                return
            text = "".join(t.text for t in box.descendants() if isinstance(t, boxes.TextBox))
            right = block.content_box_x() + block.width
            spacing = block.style["letter_spacing"]
            found.setdefault(element, []).append(
                (text, right - (box.position_x + box.width), 0 if spacing == "normal" else spacing))
            return
        if isinstance(box, boxes.BlockBox) and getattr(box, "element", None) is not None:
            block = box
        for child in getattr(box, "children", ()):
            walk(child, block)

    for page in document.pages:
        walk(page._page_box, None)
    return found


def _segments(text: str, lines: list[str]) -> list[str] | None:
    """The paragraph's text cut where the layout broke it (spaces at a break dropped), or None when the
    lines are not the text in order."""
    text = _COLLAPSIBLE_RUN.sub(" ", text).strip(" ")
    pieces, at = [], 0
    for line in lines:
        line = line.strip(COLLAPSIBLE)
        while text[at:at + 1] == " ":
            at += 1
        if not line or text[at:at + len(line)] != line:
            return None
        pieces.append(line)
        at += len(line)
    return pieces if at == len(text) else None


def _rewrite(element, pieces: list[str], lines: list[tuple[str, float, float]]) -> None:
    element.text = None
    for index, (piece, (_, short, spacing)) in enumerate(zip(pieces, lines, strict=True)):
        last = index == len(pieces) - 1
        stretch = short - SLACK_MM * PX_PER_MM
        holder = element.makeelement("span", {"class": LINE_CLASS})
        if last or len(piece) < 2 or stretch <= 0 or stretch / (len(piece) - 1) > MAX_GAP_MM * PX_PER_MM:
            holder.text = piece
        else:
            holder.set("style", "white-space: nowrap")
            spread = element.makeelement("span", {"style": f"letter-spacing: {spacing + stretch / (len(piece) - 1):.4f}px"})
            spread.text, spread.tail = piece[:-1], piece[-1]
            holder.append(spread)
        element.append(holder)
        if not last:
            element.append(element.makeelement("br", {}))


def justify(html, document):
    """The HTML (a WeasyPrint `HTML` already laid out as `document`) with the full lines of its justified
    paragraphs spread to the measure, as a string to lay out again; None when no line needs it."""
    changed = False
    for element, lines in _lines_by_paragraph(document).items():
        pieces = _segments(element.text, [text for text, _, _ in lines])
        # A full line with a space in it is one WeasyPrint has already justified (at its spaces); set before a
        # <br> it would no longer be, and end short of the edge: such a paragraph is left as it is.
        if pieces is None or len(pieces) < 2 or any(" " in piece for piece in pieces[:-1]):
            continue
        _rewrite(element, pieces, lines)
        changed = True
    if not changed:
        return None
    return "<!DOCTYPE html>\n" + ElementTree.tostring(html.etree_element, encoding="unicode", method="html")
