"""PDF of a report (WeasyPrint), from the same document template as the web page, laid out as a 公文 by
gongkai.letters: its stylesheet (page, 22 × 28 grid, odd/even page numbers), title breaking and the check
that keeps the 落款 with the last lines of the body (GB/T 9704-2012 §7.3.5.4)."""

from django.template.loader import render_to_string

from gongkai.letters import pdf as gongwen
from gongkai.letters.render import chinese_date
from gongkai.letters.text import title_lines
from gongkai.reports.content import Content


def html(content: Content, keep: int = 1) -> str:
    """The print HTML, its last `keep` paragraphs kept with the 落款."""
    return render_to_string("reports/print.html", {
        **gongwen.style_context(), "content": content, "title_lines": title_lines(content.title),
        "date_text": chinese_date(content.date), "keep": keep,
    })


def render(content: Content) -> bytes:
    last = content.chapters[-1].paragraphs if content.chapters else []
    return gongwen.write_keeping(lambda keep: html(content, keep), len(last))
