"""{% load masking %} … {{ case.info_description|mask_numbers }}: personal numbers typed into free text, masked.
{{ case.confirmation_note|mask_numbers_unless:show_personal }}: masked unless the reader may see personal data."""

from django import template

from gongkai.core.masking import mask_numbers as _mask_numbers

register = template.Library()


@register.filter
def mask_numbers(value):
    return _mask_numbers(value)


@register.filter
def mask_numbers_unless(value, may_see_personal):
    return value if may_see_personal else _mask_numbers(value)
