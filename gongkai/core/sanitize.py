"""Rich text sanitizing with nh3: the one place that decides which HTML a body may contain.

Inline styles: only the few 公文 layout needs survive, on block elements — `text-align` (the right-aligned
落款, a centred title), `text-indent` (首行缩进 2em) and a list's `list-style-type` — with values checked here, written in one
normal form (`text-align:right;text-indent:2em`). The editor (core/static/core/editor.js) writes the same
form, so what it produces passes through unchanged (tests/test_sanitize.py).
"""

import html as html_lib
import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from gongkai.core.forms import BIDI_CONTROLS

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "blockquote", "pre", "code", "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "table", "caption",
    "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col", "span", "div", "figure",
    "figcaption", "abbr",
}
# Block elements that may carry an alignment or indent.
STYLED_TAGS = {"p", "h2", "h3", "h4", "h5", "h6", "div", "li", "td", "th", "caption", "blockquote", "ol"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "col": {"span"},
    "abbr": {"title"},
    "*": {"lang"},
}
for _tag in STYLED_TAGS:
    ALLOWED_ATTRIBUTES[_tag] = ALLOWED_ATTRIBUTES.get(_tag, set()) | {"style"}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Property -> pattern of the values kept. Order of the output follows this dict.
STYLE_VALUES = {
    "text-align": re.compile(r"left|right|center|justify"),
    "text-indent": re.compile(r"(?:\d{1,2}(?:\.\d{1,2})?)(?:em|pt|px)|0"),
    # Numbering of a list pasted from Word: a) i. 一、 (cjk-ideographic draws 一、二、).
    "list-style-type": re.compile(r"decimal|lower-alpha|upper-alpha|lower-roman|upper-roman|cjk-ideographic"),
}


def clean_style(value: str) -> str:
    """The allowed declarations of a style attribute in normal form; '' when none is left."""
    found: dict[str, str] = {}
    for declaration in (value or "").split(";"):
        name, sep, raw = declaration.partition(":")
        name, raw = name.strip().lower(), raw.strip().lower()
        pattern = STYLE_VALUES.get(name)
        if sep and pattern is not None and pattern.fullmatch(raw):
            found[name] = raw
    return ";".join(f"{name}:{found[name]}" for name in STYLE_VALUES if name in found)


def _attribute_filter(tag: str, attribute: str, value: str):
    if attribute == "style":
        return clean_style(value) or None
    return value


def sanitize_html(html: str) -> str:
    """Return `html` with scripts, event handlers, styles (but alignment and indent) and javascript:
    links removed."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def html_to_text(html: str) -> str:
    """Plain text of a sanitized body (for summaries, search and feeds), without bidi embedding/override/isolate
    characters (core.forms.BIDI_CONTROLS). A body keeps them (nh3 lets them through: a paragraph pasted
    from a right-to-left document may carry embeddings, and an override ends with its paragraph), but its
    paragraphs joined into one line would let an override reorder the rest of a feed's or a result's text."""
    text = nh3.clean(html or "", tags=set(), attributes={})
    return " ".join(BIDI_CONTROLS.sub("", html_lib.unescape(text)).split())


_TABLE_OPEN = re.compile(r"<table\b")
_TABLE_CLOSE = re.compile(r"</table>")


def scrollable_tables(html: str) -> str:
    """Each table of sanitized HTML inside a scroll region a keyboard can reach (tabindex 0, a named region):
    a table wider than a phone even with its cells wrapped scrolls inside itself, and a keyboard user scrolls
    it with the arrow keys (WCAG 2.1.1; axe's scrollable-region-focusable). nh3 writes tags in one normal
    form, so the openings and closings pair up; a nested table gets a region of its own."""
    label = html_lib.escape(_("表格"))  # (outside the f-string: xgettext does not look inside one)
    opening = f'<div class="table-scroll" role="region" tabindex="0" aria-label="{label}"><table'
    return _TABLE_CLOSE.sub("</table></div>", _TABLE_OPEN.sub(opening, html))


def render_rich_text(html: str) -> SafeString:
    """Stored rich text as a page shows it: sanitized again right before being marked safe, tables scrollable."""
    return mark_safe(scrollable_tables(sanitize_html(html)))


# Characters XML 1.0 cannot hold (python-docx and feed writers refuse them): stored data from before the forms
# refused control characters, or written by an import, must not turn a DOCX or a feed into a 500.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text) -> str:
    """`text` with the characters XML 1.0 cannot hold dropped (tab and line breaks are kept)."""
    return NOT_XML.sub("", str(text or ""))


# python-docx refuses a core property (the file's 标题 in Word's 属性) longer than this: a 300-character 公报 title
# was a 500 on the public download.
DOCX_PROPERTY_MAX = 255


def docx_property(text) -> str:
    """`text` as a DOCX core property can hold it: xml_text, cut to DOCX_PROPERTY_MAX characters."""
    return xml_text(text)[:DOCX_PROPERTY_MAX]
