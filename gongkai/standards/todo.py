"""我的待办: assigned 事项 of the user's units that are empty past their 时限 (or not updated in their period)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import organization_ids_with
from gongkai.workbench import todo

LIMIT = 5


def provider(user) -> list:
    from gongkai.standards import services

    # A unit's own staff (not the 政务公开办's view of every unit: its county view is the coverage page).
    own = organization_ids_with(user, "standards.view") - organization_ids_with(user, "standards.manage")
    if not own:
        return []
    overdue = services.overdue_matters(own)
    if not overdue:
        return []
    rows = [todo.Row(
        label=f"{entry.unit_matter.assignment.domain.name}：{entry.unit_matter.matter.label}",
        url=reverse("standards_staff:unit", args=[entry.unit_matter.assignment.organization_id]),
        note=_("%(state)s（时限至%(due)s）") % {"state": entry.state_label,
                                            "due": entry.due.isoformat() if entry.due else "—"},
        overdue=True) for entry in overdue[:LIMIT]]
    return [todo.Group(_("标准目录中超过时限未公开的事项"), rows, len(overdue),
                       reverse("standards_staff:unit", args=[overdue[0].unit_matter.assignment.organization_id]))]
