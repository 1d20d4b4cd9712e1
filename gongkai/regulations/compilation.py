"""汇编: a compiled collection of normative documents as DOCX (python-docx) and PDF (WeasyPrint), with a
cover, a table of contents and each document's text. Written here because the generic 公文 renderer
(gongkai/letters) did not exist yet; the HTML → DOCX conversion is deliberately small (paragraphs,
headings, lists and tables of sanitized bodies).
"""

import datetime as dt
import io
from dataclasses import dataclass
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gongkai.core.i18n import in_document_language
from gongkai.core.sanitize import docx_property, sanitize_html, xml_text

# A compilation of more documents than this is refused (the PDF is rendered in the request).
MAX_DOCUMENTS = 300
BLOCK_TAGS = {"p", "div", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd", "figcaption", "caption"}


@dataclass
class Compilation:
    title: str
    compiler: str
    as_of: dt.date
    documents: list  # NormativeDocument, item and issuers loaded


class _Blocks(HTMLParser):
    """Sanitized HTML → a list of ("p" | "h" | "table", text or rows)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.text, self.kind = [], [], "p"
        self.table, self.row, self.cell = None, None, None

    def _flush(self):
        text = "".join(self.text).strip()
        if text:
            self.blocks.append((self.kind, text))
        self.text, self.kind = [], "p"

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._flush()
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "br":
            (self.cell if self.cell is not None else self.text).append("\n")
        elif tag in BLOCK_TAGS and self.cell is None:
            self._flush()
            self.kind = "h" if tag.startswith("h") else "p"

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None and self.table is not None:
            self.table.append(self.row)
            self.row = None
        elif tag == "table" and self.table is not None:
            if self.table:
                self.blocks.append(("table", self.table))
            self.table = None
        elif tag in BLOCK_TAGS and self.cell is None:
            self._flush()

    def handle_data(self, data):
        (self.cell if self.cell is not None else self.text).append(data)

    def close(self):
        super().close()
        self._flush()
        return self.blocks


def html_blocks(html: str) -> list:
    parser = _Blocks()
    parser.feed(sanitize_html(html))
    return parser.close()


def meta_line(document) -> str:
    issuers = "、".join(o.name for o in document.issuer_list())
    return _("制定机关：%(issuers)s　公布日期：%(promulgated)s　施行日期：%(effective)s　有效期至：%(expires)s　有效性：%(validity)s") % {
        "issuers": issuers, "promulgated": document.promulgated_on.isoformat(),
        "effective": document.effective_from.isoformat(), "expires": document.expires_on.isoformat(),
        "validity": document.get_validity_display()}


@in_document_language
def to_docx(compilation: Compilation) -> bytes:
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "FangSong"
    normal.font.size = Pt(14)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    doc.core_properties.title = docx_property(compilation.title)
    doc.core_properties.author = docx_property(compilation.compiler)

    cover = doc.add_paragraph()
    cover.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for _i in range(6):
        cover.add_run().add_break()
    run = cover.add_run(xml_text(compilation.title))
    run.bold, run.font.size = True, Pt(26)
    sub = doc.add_paragraph(_("（截至%(date)s）") % {"date": compilation.as_of.isoformat()})
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    by = doc.add_paragraph(xml_text(compilation.compiler))
    by.alignment = WD_ALIGN_PARAGRAPH.CENTER
    by.add_run().add_break(WD_BREAK.PAGE)

    doc.add_heading(_("目录"), level=1)
    for number, document in enumerate(compilation.documents, start=1):
        doc.add_paragraph(xml_text(f"{number}. {document.item.title}（{document.item.doc_number}）"))

    for document in compilation.documents:
        doc.add_section(WD_SECTION.NEW_PAGE)
        doc.add_heading(xml_text(document.item.title), level=1)
        number = doc.add_paragraph(xml_text(document.item.doc_number))
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        meta = doc.add_paragraph(xml_text(meta_line(document)))
        meta.runs[0].font.size = Pt(10.5)
        for kind, content in html_blocks(document.item.body):
            if kind == "h":
                doc.add_heading(xml_text(content), level=2)
            elif kind == "table":
                width = max(len(row) for row in content)
                table = doc.add_table(rows=len(content), cols=width)
                table.style = "Table Grid"
                for r, row in enumerate(content):
                    for c, text in enumerate(row):
                        table.cell(r, c).text = xml_text(text)
            else:
                doc.add_paragraph(xml_text(content))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@in_document_language
def to_pdf(compilation: Compilation) -> bytes:
    from weasyprint import HTML

    entries = [{"document": d, "anchor": f"doc-{d.pk}", "meta": meta_line(d),
                "body": mark_safe(sanitize_html(d.item.body))} for d in compilation.documents]
    html = render_to_string("regulations/compilation.html", {"compilation": compilation, "entries": entries})
    return HTML(string=html, url_fetcher=refuse_fetch).write_pdf()


def refuse_fetch(url, *args, **kwargs):
    """Bodies may name remote images; the renderer never fetches anything (no server-side requests)."""
    raise ValueError(f"fetching {url!r} is not allowed while rendering")
