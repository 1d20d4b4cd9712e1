"""A unit's own adjustments in its assigned 领域: its own 事项, and the 不适用 marks (with their reason)."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record, snapshot
from gongkai.core.forms import is_plain_text
from gongkai.standards.models import Assignment, Matter, UnitMatter
from gongkai.standards.services.assignment import sync
from gongkai.standards.services.common import (
    MATTER_FIELDS,
    StandardsRefused,
    matter_defaults,
    purge_public,
    require,
)


@transaction.atomic
def add_own_matter(actor, assignment: Assignment, values: dict, request=None) -> UnitMatter:
    """A 事项 of the unit's own in an assigned domain, with its node in the unit's catalog."""
    require(actor, "standards.adjust", assignment.organization_id,
             _("只有本单位管理员可以增加本单位的公开事项。"))
    level1 = (values.get("level1") or "").strip()
    level2 = (values.get("level2") or "").strip() or level1
    if not level1:
        raise StandardsRefused(_("请填写一级事项。"))
    if len(level1) > 100 or len(level2) > 100:
        raise StandardsRefused(_("事项名称不能超过100个字。"))
    if not all(is_plain_text(values.get(key)) for key in MATTER_FIELDS if isinstance(values.get(key), str)):
        raise StandardsRefused(_("事项的名称和内容不能包含控制字符，请只填写文字。"))
    duplicate = Matter.objects.filter(domain=assignment.domain, level1=level1, level2=level2).filter(
        organization__isnull=True).exists() or Matter.objects.filter(
        domain=assignment.domain, organization=assignment.organization, level1=level1, level2=level2).exists()
    if duplicate:
        raise StandardsRefused(_("本领域已有“%(name)s”事项。") % {"name": level2})
    last = Matter.objects.filter(domain=assignment.domain).aggregate(m=Max("sort_order"))["m"] or 0
    defaults = matter_defaults({k: (values.get(k) or "").strip() if isinstance(values.get(k), str)
                                else values.get(k) for k in values if k in MATTER_FIELDS})
    try:
        with transaction.atomic():  # a concurrent request adding the same 事项 meets the unique constraint
            matter = Matter.objects.create(domain=assignment.domain, organization=assignment.organization,
                                           level1=level1, level2=level2, sort_order=last + 10, **defaults)
    except IntegrityError:
        raise StandardsRefused(_("本领域已有“%(name)s”事项。") % {"name": level2}) from None
    sync(assignment, timezone.localdate())
    unit_matter = assignment.unit_matters.get(matter=matter)
    record(actor, "standards.add_matter", matter, organization=assignment.organization,
           after=snapshot(matter, MATTER_FIELDS), request=request)
    purge_public([assignment.organization_id])
    return unit_matter


@transaction.atomic
def mark_not_applicable(actor, unit_matter: UnitMatter, reason: str, request=None) -> UnitMatter:
    """The unit does not keep this 事项 (e.g. a 乡镇 without 民办学校审批), with its reason. The node stays."""
    organization = unit_matter.assignment.organization
    require(actor, "standards.adjust", organization.pk, _("只有本单位管理员可以标记事项不适用。"))
    reason = (reason or "").strip()
    if not reason:
        raise StandardsRefused(_("请填写不适用的理由。"))
    if len(reason) > 300:
        raise StandardsRefused(_("理由不能超过300个字。"))
    if not is_plain_text(reason):
        raise StandardsRefused(_("不适用的理由不能包含控制字符，请只填写文字。"))
    unit_matter = UnitMatter.objects.select_for_update().get(pk=unit_matter.pk)
    before = snapshot(unit_matter, ["not_applicable", "reason"])
    unit_matter.not_applicable, unit_matter.reason = True, reason
    unit_matter.save(update_fields=["not_applicable", "reason"])
    record(actor, "standards.not_applicable", unit_matter, organization=organization, before=before,
           after=snapshot(unit_matter, ["not_applicable", "reason"]), request=request,
           object_repr=unit_matter.matter.label)
    purge_public([organization.pk])
    return unit_matter


@transaction.atomic
def mark_applicable(actor, unit_matter: UnitMatter, request=None) -> UnitMatter:
    organization = unit_matter.assignment.organization
    require(actor, "standards.adjust", organization.pk, _("只有本单位管理员可以恢复事项。"))
    unit_matter = UnitMatter.objects.select_for_update().get(pk=unit_matter.pk)
    if not unit_matter.not_applicable:  # restoring it would restart its 时限 and hide that it is overdue
        raise StandardsRefused(_("该事项没有标为不适用，无需恢复。"))
    before = snapshot(unit_matter, ["not_applicable", "reason"])
    unit_matter.not_applicable, unit_matter.reason = False, ""
    unit_matter.since = timezone.localdate()  # its 时限 runs again from today
    unit_matter.save(update_fields=["not_applicable", "reason", "since"])
    sync(unit_matter.assignment, timezone.localdate())
    record(actor, "standards.applicable", unit_matter, organization=organization, before=before,
           after=snapshot(unit_matter, ["not_applicable", "reason"]), request=request,
           object_repr=unit_matter.matter.label)
    purge_public([organization.pk])
    return unit_matter
