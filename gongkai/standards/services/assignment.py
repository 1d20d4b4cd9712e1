"""The 政务公开办's assignment of 领域 to units, and the catalog nodes (through gongkai.catalog) that an
assignment keeps in step with its 事项."""

import datetime as dt
import hashlib

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record, snapshot
from gongkai.catalog import services as catalog_services
from gongkai.organizations.models import Organization, is_under_regulation
from gongkai.standards import rules
from gongkai.standards.models import Assignment, Domain, Matter, UnitMatter
from gongkai.standards.services.common import ASSIGNMENT_FIELDS, StandardsRefused, purge_public, require


def _group_key(domain: Domain, level1: str) -> str:
    return f"std.g.{domain.pk}.{hashlib.sha1(level1.encode()).hexdigest()[:10]}"


def _place(assignment: Assignment, matter: Matter, domain_node) -> tuple:
    """The node of `matter` in the assignment's unit's catalog, created when missing: (node, created)."""
    organization = assignment.organization
    parent = domain_node
    if matter.level1 != matter.level2:
        parent, _created = catalog_services.ensure_keyed_node(
            organization, domain_node, _group_key(assignment.domain, matter.level1), matter.level1,
            sort_order=matter.sort_order)
    days, rule = rules.node_rule(matter, organization)
    return catalog_services.ensure_keyed_node(
        organization, parent, f"std.m.{matter.pk}", matter.level2, expected_update_days=days, publication_rule=rule,
        legal_basis=matter.basis[:200], description=matter.content, sort_order=matter.sort_order)


def sync(assignment: Assignment, on: dt.date) -> int:
    """Make sure every 事项 of the domain (and the unit's own) has its node; returns the nodes created."""
    organization = assignment.organization
    catalog_services.ensure_catalog(organization)
    statutory = catalog_services.node_by_key(organization, "statutory")
    domain_node, created_total = catalog_services.ensure_keyed_node(
        organization, statutory, f"std.d.{assignment.domain.pk}", assignment.domain.catalog_name,
        legal_basis=assignment.domain.guide[:200], sort_order=5000 + assignment.domain.sort_order)
    created_total = int(created_total)
    if assignment.node_id != domain_node.pk:
        assignment.node = domain_node
        assignment.save(update_fields=["node"])
    matters = Matter.objects.filter(domain=assignment.domain).filter(
        Q(organization__isnull=True) | Q(organization=organization))
    township = organization.kind == "township"
    existing = {um.matter_id: um for um in assignment.unit_matters.all()}
    for matter in matters.order_by("sort_order", "id"):
        unit_matter = existing.get(matter.pk)
        if unit_matter is not None and unit_matter.not_applicable:
            continue
        if matter.organization_id is None and not (matter.township_level if township else matter.county_level):
            continue  # a 乡级-only 事项 is not a department's, a 县级-only one not a 乡镇's
        node, created = _place(assignment, matter, domain_node)
        created_total += int(created)
        if unit_matter is None:
            UnitMatter.objects.create(assignment=assignment, matter=matter, node=node, since=on)
        elif unit_matter.node_id != node.pk:
            unit_matter.node = node
            unit_matter.save(update_fields=["node"])
    return created_total


def townships(county: Organization) -> list[Organization]:
    from gongkai.organizations.tree import descendant_ids

    return list(Organization.objects.filter(pk__in=descendant_ids([county.pk]), kind="township")
                .order_by("sort_order", "id"))


@transaction.atomic
def assign(actor, domain: Domain, organizations, on: dt.date | None = None, request=None) -> dict:
    """Give `domain` to each unit of `organizations`: create the assignment and the catalog nodes (one per
    事项, its 时限 as the node's update rule). Idempotent: assigning again creates only what is missing
    (事项 imported since); returns {"assignments": new assignments, "nodes": nodes created}."""
    on = on or timezone.localdate()
    organizations = list(organizations)
    if not organizations:
        raise StandardsRefused(_("请选择要分配的单位。"))
    for organization in organizations:
        require(actor, "standards.manage", organization.pk,
                 _("您没有权限为“%(name)s”分配领域（仅限政务公开办）。") % {"name": organization.name})
        if not is_under_regulation(organization.kind):
            raise StandardsRefused(_("%(name)s是党委工作机关，不适用《政府信息公开条例》，不分配基层政务公开标准目录领域。")
                                   % {"name": organization.name})
    result = {"assignments": 0, "nodes": 0}
    for organization in organizations:
        assignment, created = Assignment.objects.get_or_create(
            domain=domain, organization=organization, defaults={"assigned_on": on, "assigned_by": actor})
        result["assignments"] += int(created)
        result["nodes"] += sync(assignment, on)
        if created:
            record(actor, "standards.assign", assignment, organization=organization,
                   after=snapshot(assignment, ASSIGNMENT_FIELDS), request=request)
    purge_public([o.pk for o in organizations])
    return result


@transaction.atomic
def unassign(actor, assignment: Assignment, request=None) -> None:
    """Take a domain back from a unit. Its catalog nodes stay (they may hold items); the 事项 no longer
    count for the unit's coverage. The unit's own 事项 stay too (assigning the domain again brings them
    back); its 不适用 marks go with the assignment, so the audit entry keeps each with its reason."""
    require(actor, "standards.manage", assignment.organization_id, _("只有政务公开办可以取消分配。"))
    before = snapshot(assignment, ASSIGNMENT_FIELDS)
    marks = [f"{um.matter.label}：{um.reason}" for um in
             assignment.unit_matters.filter(not_applicable=True).select_related("matter")]
    if marks:
        before["not_applicable"] = marks
    record(actor, "standards.unassign", assignment, organization=assignment.organization,
           before=before, after={}, request=request)
    organization_id = assignment.organization_id
    assignment.delete()
    purge_public([organization_id])
