from django import template

register = template.Library()


@register.simple_tag
def unread_reminders(user) -> int:
    """How many 依申请公开 reminders the user has not read yet (shown in the section's navigation)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    from gongkai.requests.models import Reminder

    return Reminder.objects.filter(user=user, read_at__isnull=True).count()


@register.simple_tag
def may_register_requests(user) -> bool:
    """Whether the user may register an application somewhere: request.handle on a unit that takes
    applications (a 党委工作机关's staff get no 「登记申请」 link that would only answer 403)."""
    from gongkai.requests.services.intake import receiving_unit_ids

    return bool(receiving_unit_ids(user, "request.handle"))
