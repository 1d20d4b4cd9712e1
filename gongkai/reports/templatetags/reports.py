from django import template

from gongkai.letters.render import chinese_date as _chinese_date
from gongkai.reports.narrative import is_subheading as _is_subheading

register = template.Library()


@register.filter
def is_subheading(text: str) -> bool:
    return _is_subheading(text)


@register.filter
def chinese_date(day) -> str:
    return _chinese_date(day)
