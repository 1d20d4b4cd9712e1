"""{% load punctuation %} … {% translate "主办单位" %}{% colon %}{{ sponsor }}: the colon after a translated label.

Chinese text takes the full-width 「：」; other languages take ": ". Colons inside Chinese msgids stay in
the msgid (the translator handles them); this tag is for colons a template puts between a label and a value."""

from django import template

from gongkai.core import i18n

register = template.Library()


@register.simple_tag
def colon():
    return i18n.colon()
