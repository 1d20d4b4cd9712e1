import datetime as dt
import math

from django import template

from gongkai.accounts.permissions import has_perm, organization_ids_with

register = template.Library()


@register.filter
def minutes(value) -> int | str:
    """Whole minutes (rounded up) of a timedelta, e.g. the lockout's cool-off time."""
    if isinstance(value, dt.timedelta):
        return max(1, math.ceil(value.total_seconds() / 60))
    return ""


@register.simple_tag(takes_context=True)
def may(context, *perms: str, on=None) -> bool:
    """Whether the page's user holds any of `perms`: on the organization `on` (an id), or without it on
    some organization, which is what the staff views ask before they open (organization_ids_with). Pages
    show a link only where its view would open: `{% may "catalog.manage" as may_catalog %}`,
    `{% may "interpretations.manage" on=item.organization_id as may_edit %}`."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None:
        return False
    if on is not None:
        return any(has_perm(user, perm, on) for perm in perms)
    return any(organization_ids_with(user, perm) for perm in perms)
