"""Rich text sanitizing with nh3: the one place that decides which HTML a body may contain.

Inline styles: only the few 公文 layout needs survive, on block elements — `text-align` (the right-aligned
落款, a centred title), `text-indent` (首行缩进 2em) and a list's `list-style-type` — with values checked here, written in one
normal form (`text-align:right;text-indent:2em`). The editor (core/static/core/editor.js) writes the same
form, so what it produces passes through unchanged (tests/test_sanitize.py).
"""

import html as html_lib
import re

import nh3

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
    """Plain text of a sanitized body (for summaries, search and feeds)."""
    text = nh3.clean(html or "", tags=set(), attributes={})
    return " ".join(html_lib.unescape(text).split())
