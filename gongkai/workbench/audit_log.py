"""The audit log browser for 政务公开办 (every unit below them) and 单位管理员 (their own unit).

The log itself (gongkai.audit) only records; who may read which events is decided here, in the staff
workbench, which sits above accounts and organizations (no import cycle between the apps).
"""

from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.models import Role
from gongkai.accounts.permissions import has_role_anywhere, organization_ids_with
from gongkai.audit.display import readable_changes
from gongkai.audit.labels import action_label, object_type_label
from gongkai.audit.models import AuditEvent
from gongkai.workbench.audit_forms import EventFilterForm

PAGE_SIZE = 50


def can_browse(user) -> bool:
    """Whether the user may open the audit log at all (单位管理员, 政务公开办, superusers)."""
    return bool(getattr(user, "is_superuser", False)) or bool(organization_ids_with(user, "audit.view"))


def visible_events(user):
    """The events a user may read: superusers all; otherwise the events of every organization on which
    they hold audit.view (a 政务公开办 its whole subtree, a 单位管理员 their own unit). Events without an
    organization (logins, failed logins, lockouts) are for supervisors and superusers only."""
    events = AuditEvent.objects.select_related("organization")
    if getattr(user, "is_superuser", False) and user.is_active:
        return events
    org_ids = organization_ids_with(user, "audit.view")
    if not org_ids:
        return events.none()
    visible = models.Q(organization_id__in=org_ids)
    if has_role_anywhere(user, Role.SUPERVISOR):
        visible |= models.Q(organization__isnull=True)
    return events.filter(visible)


def _refuse(request):
    return forbidden(request, _("操作日志仅供政务公开办和单位管理员查阅。"))


@staff_required
@require_GET
def event_list(request):
    if not can_browse(request.user):
        return _refuse(request)
    events = visible_events(request.user)
    form = EventFilterForm(request.GET or None, events, organization_ids_with(request.user, "audit.view"))
    if form.is_bound:
        form.is_valid()
    page = Paginator(form.apply(events), PAGE_SIZE).get_page(request.GET.get("page"))
    for event in page.object_list:
        event.action_label = action_label(event.action)
        event.object_type_label = object_type_label(event.object_type)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/event_list.html", {
        "form": form, "page": page, "query": query.urlencode(),
    })


@staff_required
@require_GET
def event_detail(request, event_id: int):
    if not can_browse(request.user):
        return _refuse(request)
    event = get_object_or_404(visible_events(request.user), pk=event_id)
    return render(request, "audit/event_detail.html", {
        "event": event, "changes": readable_changes(event),
        "action_label": action_label(event.action), "object_type_label": object_type_label(event.object_type),
    })
