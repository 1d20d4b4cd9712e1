from django import template
from django.utils import timezone

from gongkai.policies import services
from gongkai.policies.models import EnterprisePolicy

register = template.Library()


@register.simple_tag(takes_context=True)
def enterprise_policy_of(context, item) -> dict:
    """The 涉企政策 section of an item's staff page (publishing/extensions.py)."""
    request = context.get("request")
    policy = EnterprisePolicy.objects.filter(item=item).select_related("department").first()
    user = getattr(request, "user", None)
    today = timezone.localdate()
    return {
        "policy": policy,
        "missing": services.missing_fields(policy) if policy else [],
        "status": policy.status(today) if policy else "",
        "status_label": policy.status_label(today) if policy else "",
        "can_edit": user is not None and services.can_edit(user, item),
    }
