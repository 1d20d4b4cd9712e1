"""{% load masking %} … {{ case.info_description|mask_numbers }}: personal numbers typed into free text, masked."""

from django import template

from gongkai.core.masking import mask_numbers as _mask_numbers

register = template.Library()


@register.filter
def mask_numbers(value):
    return _mask_numbers(value)
