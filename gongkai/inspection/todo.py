"""我的待办 of the 检查指标: a unit's findings to rectify (its 审核员 and 单位管理员, who may answer them);
the 政务公开办's findings a unit reports rectified, waiting for 复核."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import organization_ids_with
from gongkai.workbench import todo

LIMIT = todo.ROWS_SHOWN


def _row(finding) -> todo.Row:
    return todo.Row(finding.display_title[:80], reverse("inspection:finding", args=[finding.pk]),
                    _("%(unit)s · 发现于%(on)s") % {"unit": finding.organization.display_name,
                                                  "on": timezone.localdate(finding.first_seen_at).isoformat()})


def provider(user) -> list:
    from gongkai.inspection.models import Finding

    groups = []
    own = organization_ids_with(user, "inspection.rectify")
    if own:
        open_findings = (Finding.objects.filter(organization_id__in=own, state=Finding.State.OPEN)
                         .select_related("organization").order_by("-severity", "first_seen_at", "id"))
        count = open_findings.count()
        if count:
            more = reverse("inspection:unit", args=[open_findings[0].organization_id])
            groups.append(todo.Group(_("待整改的检查问题"), [_row(f) for f in open_findings[:LIMIT]], count, more))
    supervised = organization_ids_with(user, "inspection.run")
    if supervised:
        rectified = (Finding.objects.filter(organization_id__in=supervised, state=Finding.State.RECTIFIED)
                     .select_related("organization").order_by("first_seen_at", "id"))
        count = rectified.count()
        if count:
            groups.append(todo.Group(_("整改待复核的检查问题"), [_row(f) for f in rectified[:LIMIT]], count,
                                     reverse("inspection:dashboard")))
    return groups
