import datetime as dt
import math

from django import template

register = template.Library()


@register.filter
def minutes(value) -> int | str:
    """Whole minutes (rounded up) of a timedelta, e.g. the lockout's cool-off time."""
    if isinstance(value, dt.timedelta):
        return max(1, math.ceil(value.total_seconds() / 60))
    return ""
