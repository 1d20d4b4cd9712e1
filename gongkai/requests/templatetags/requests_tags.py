from django import template

register = template.Library()


@register.simple_tag
def unread_reminders(user) -> int:
    """How many 依申请公开 reminders the user has not read yet (shown in the section's navigation)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    from gongkai.requests.models import Reminder

    return Reminder.objects.filter(user=user, read_at__isnull=True).count()
