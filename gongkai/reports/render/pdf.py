"""PDF of a report (WeasyPrint), from the same document template as the web page, with the 公文 page
geometry of gongkai.letters and Debian's Noto CJK fonts when the 公文 fonts are not installed."""

from django.template.loader import render_to_string

from gongkai.reports.content import Content


def render(content: Content) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_to_string("reports/print.html", {"content": content})).write_pdf()
