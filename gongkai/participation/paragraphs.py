"""The paragraphs of a draft (decidim's participatory text): the sanitized HTML split into its top-level
blocks, numbered from 1, so that a reader can comment on one of them and the page can anchor it."""

from html.parser import HTMLParser

from gongkai.core.sanitize import html_to_text, sanitize_html

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "pre", "div"}
VOID = {"br", "img", "hr"}


class _Splitter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.depth = 0

    def _flush(self):
        text = "".join(self.current).strip()
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if self.depth == 0 and tag in BLOCKS:
            self._flush()
        self.current.append(self.get_starttag_text() or "")
        if tag not in VOID:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        self.current.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        self.current.append(f"</{tag}>")
        self.depth = max(0, self.depth - 1)
        if self.depth == 0 and tag in BLOCKS:
            self._flush()

    def handle_data(self, data):
        self.current.append(data)

    def handle_entityref(self, name):
        self.current.append(f"&{name};")

    def handle_charref(self, name):
        self.current.append(f"&#{name};")


def split(html: str) -> list[str]:
    """The draft's blocks (sanitized HTML each); text outside any block becomes its own paragraph."""
    splitter = _Splitter()
    splitter.feed(sanitize_html(html or ""))
    splitter.close()
    splitter._flush()
    return [block for block in splitter.blocks if html_to_text(block).strip()]


def count(html: str) -> int:
    return len(split(html))


def excerpt(html: str, number: int, limit: int = 40) -> str:
    blocks = split(html)
    if not 1 <= number <= len(blocks):
        return ""
    text = html_to_text(blocks[number - 1]).strip()
    return text if len(text) <= limit else text[:limit] + "…"
