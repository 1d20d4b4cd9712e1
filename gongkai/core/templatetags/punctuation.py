"""{% load punctuation %} … {% translate "主办单位" %}{% colon %}{{ sponsor }}: the colon after a translated label.

Chinese text takes the full-width 「：」; other languages take ": ". Colons inside Chinese msgids stay in
the msgid (the translator handles them); this tag is for colons a template puts between a label and a value. Likewise {% lparen %}…{% rparen %}
(「（…）」 / " (…)"), {% enum_comma %} (「、」 / ", ") and {% semicolon %} (「；」 / "; ") for the punctuation a
template puts around or between translated labels and values, so English pages get ASCII punctuation; {% full_stop %}
(「。」 / ". ") after a value, {% word_space %} (nothing / " ") where a closing bracket meets the next word."""

from django import template

from gongkai.core import i18n

register = template.Library()


@register.simple_tag
def colon():
    return i18n.colon()


@register.simple_tag
def lparen():
    return i18n.left_paren()


@register.simple_tag
def rparen():
    return i18n.right_paren()


@register.simple_tag
def enum_comma():
    return i18n.enumeration_comma()


@register.simple_tag
def comma():
    return i18n.comma()


@register.simple_tag
def semicolon():
    return i18n.semicolon()


@register.simple_tag
def full_stop():
    return i18n.full_stop()


@register.simple_tag
def word_space():
    return i18n.word_space()
