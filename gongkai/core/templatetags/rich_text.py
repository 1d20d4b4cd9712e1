"""{{ value|rich_text }}: stored rich text shown on a page (core.sanitize.render_rich_text)."""

from django import template

from gongkai.core.sanitize import render_rich_text

register = template.Library()


@register.filter(name="rich_text")
def rich_text(value):
    return render_rich_text(str(value or ""))
