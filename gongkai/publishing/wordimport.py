"""「从Word导入」: a .docx becomes the fields of a draft — 名称, 发文字号, 成文日期 and 文种 when they can be
recognised, and the body as sanitized HTML with its headings, lists, tables and paragraph alignment.

The conversion is mammoth's (python-mammoth, BSD-2-Clause); this module only tells it how to map Word
styles, carries paragraph alignment over (mammoth maps styles, not direct formatting: right- and
centre-aligned paragraphs get a marker class that becomes `text-align`), and reads the 公文 header (红头,
发文字号, 标题) off the top of the document so it is not repeated in the body.

.doc and .wps (binary Office formats) are not converted: the only well-kept converter is LibreOffice,
too heavy to ship with a county's server. The form says so and asks for a .docx (WPS and Word both
save as .docx).
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import PurePath

import mammoth
import mammoth.documents as docs
from django.utils.translation import gettext as _

from gongkai.core import archives
from gongkai.core.forms import BIDI_CONTROLS, CONTROL_CHARS
from gongkai.core.sanitize import sanitize_html
from gongkai.publishing.choices import DocType
from gongkai.publishing.dates import formed_on_problem
from gongkai.publishing.models import InformationItem

STYLE_MAP = """
p[style-name='Title'] => h2:fresh
p[style-name='Heading 1'] => h2:fresh
p[style-name='Heading 2'] => h3:fresh
p[style-name='Heading 3'] => h4:fresh
p[style-name='Heading 4'] => h5:fresh
p[style-name='gk-align-right'] => p.gk-align-right:fresh
p[style-name='gk-align-center'] => p.gk-align-center:fresh
p[style-name='gk-align-both'] => p.gk-align-justify:fresh
"""
ALIGN_CLASS = re.compile(r'<p class="gk-align-(right|center|justify)">')
# 发文字号: 机关代字〔年份〕序号号 (GB/T 9704-2012 7.2.4); any bracket pair staff type instead of 〔〕.
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,16}[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d{1,4}\s*号")
DATE = re.compile(r"^((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9}
CN_DATE = re.compile(r"^([〇○零O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
TITLE_ENDINGS = tuple(v for v in DocType.values if v != DocType.OTHER) + (
    "办法", "规定", "方案", "细则", "规划", "要点", "计划", "总结", "说明", "解读", "令")
HEADER_SCAN = 8  # paragraphs at the top that may hold 红头, 发文字号 and 标题
FOOTER_SCAN = 8  # paragraphs at the end that may hold the 成文日期
MAX_TITLE = InformationItem._meta.get_field("title").max_length


class WordImportError(Exception):
    """The file cannot be read as a Word document; the message is for the user."""


@dataclass
class ImportedDocument:
    title: str = ""
    doc_number: str = ""
    written_on: dt.date | None = None
    doc_type: str = ""
    body: str = ""
    warnings: list[str] = field(default_factory=list)


def _text(element) -> str:
    if isinstance(element, docs.Text):
        return element.value
    if isinstance(element, docs.Tab):
        return " "
    return "".join(_text(child) for child in getattr(element, "children", []) or [])


def _cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十三 → 23 (months and days)."""
    if "十" not in text:
        return CN_DIGITS[text]
    tens, _sep, units = text.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[units] if units else 0)


def parse_date(text: str) -> dt.date | None:
    text = re.sub(r"\s+", "", text)
    try:
        if match := DATE.match(text):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := CN_DATE.match(text):
            year = int("".join(str(CN_DIGITS[c]) for c in match[1]))
            return dt.date(year, _cn_number(match[2]), _cn_number(match[3]))
    except (ValueError, KeyError):
        return None
    return None


def _doc_type(title: str) -> str:
    for value in DocType.values:
        if value != DocType.OTHER and title.endswith(value):
            return value
    return ""


def _looks_like_title(paragraph, text: str) -> bool:
    return (paragraph.alignment == "center" and not text.endswith(("：", ":"))) or (
        text.startswith("关于") and text.endswith(TITLE_ENDINGS))


def _read_header(paragraphs: list) -> tuple[str, str, int]:
    """(title, 发文字号, how many leading paragraphs they take) from the top of the document."""
    doc_number, title_parts, used = "", [], 0
    top = [(i, p, re.sub(r"\s+", "", _text(p))) for i, p in enumerate(paragraphs[:HEADER_SCAN])]
    for index, paragraph, text in top:
        if not text:
            continue
        if not doc_number and (match := DOC_NUMBER.search(text)):
            doc_number, used = re.sub(r"\s+", "", match[0]), index + 1
            continue
        if title_parts:
            if _looks_like_title(paragraph, text) and paragraph.alignment == "center" and len(title_parts) < 3:
                title_parts.append(text)  # a long title wraps over two or three centred lines
                used = index + 1
                continue
            break
        if _looks_like_title(paragraph, text) and not text.endswith("文件"):
            title_parts.append(text)
            used = index + 1
    return "".join(title_parts), doc_number, used if title_parts else 0


def _single_line(text: str) -> str:
    """A title or 发文字号 read off the document (or its file name, which the browser names) without invisible
    control characters and bidi overrides (core.forms): the item form refuses bidi characters in a title, so
    the draft would not save again as imported, and an override would reorder the title in every list."""
    return BIDI_CONTROLS.sub("", CONTROL_CHARS.sub("", text))


def _written_on(paragraphs: list) -> dt.date | None:
    for paragraph in reversed(paragraphs[-FOOTER_SCAN:]):
        if found := parse_date(_text(paragraph)):
            return found
    return None


def _mark_alignment(paragraph):
    if paragraph.alignment in ("right", "center", "both") and not (paragraph.style_name or "").startswith(
            ("Heading", "Title")):
        return paragraph.copy(style_name=f"gk-align-{paragraph.alignment}", style_id=None)
    return paragraph


def convert_docx(fileobj, name: str = "") -> ImportedDocument:
    """Convert an uploaded .docx (already checked by core.uploads.check_upload)."""
    result = ImportedDocument()
    images = []

    def transform(document):
        paragraphs = [c for c in document.children if isinstance(c, docs.Paragraph)]
        title, doc_number, used = _read_header(paragraphs)
        result.title, result.doc_number = _single_line(title), _single_line(doc_number)
        result.written_on = _written_on(paragraphs)
        skip = {id(p) for p in paragraphs[:used]}
        document = document.copy(children=[c for c in document.children if id(c) not in skip])
        return mammoth.transforms.paragraph(_mark_alignment)(document)

    def drop_image(image):
        images.append(image)
        return {}

    unreadable = _("无法读取该 Word 文档，请确认是 .docx 格式且未损坏（可用 WPS 或 Word 另存为 .docx）。")
    try:
        archives.check_zip(fileobj, sheets_streamed=False)  # mammoth reads document.xml whole: refuse a ZIP bomb before it does
    except archives.NotAnArchive as exc:
        raise WordImportError(unreadable) from exc
    except archives.ArchiveError as exc:
        raise WordImportError(str(exc)) from exc
    try:
        converted = mammoth.convert_to_html(fileobj, style_map=STYLE_MAP, transform_document=transform,
                                            convert_image=mammoth.images.img_element(drop_image))
    except Exception as exc:  # a ZIP that is not a Word document, a damaged file
        raise WordImportError(unreadable) from exc
    html = ALIGN_CLASS.sub(lambda m: f'<p style="text-align:{m[1]}">', converted.value)
    html = re.sub(r"<img[^>]*>", "", html)
    result.body = sanitize_html(html)
    if not result.title:
        result.title = _single_line(PurePath(name).stem)[:MAX_TITLE]
        result.warnings.append(_("未能识别文件标题，已用文件名作为名称，请核对。"))
    elif len(result.title) > MAX_TITLE:  # e.g. three long centred paragraphs read as one wrapped title
        result.title = result.title[:MAX_TITLE]
        result.warnings.append(_("识别出的标题超过 %(n)d 个字，名称只保留了前 %(n)d 个字，请核对。") % {"n": MAX_TITLE})
    result.doc_type = _doc_type(result.title)
    if problem := formed_on_problem(result.written_on, _("文末的成文日期")):  # a typo'd year: still a draft to fix
        result.written_on = None
        result.warnings.append(_("%(problem)s该日期未采用：成文日期留空，形成或变更日期暂填今天。") % {"problem": problem})
    if images:
        result.warnings.append(_("文档中的 %(n)d 张图片未导入正文，如需公开请作为附件上传。") % {"n": len(images)})
    return result
