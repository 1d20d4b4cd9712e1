"""Standard catalog services: loading the 26 领域, importing a province's or city's catalog (XLSX), the
政务公开办's assignment of domains to units (creating the catalog nodes through gongkai.catalog), a unit's
own 事项 and its 不适用 marks, and coverage (which 事项 have current published items within their 时限).

Permissions: standards.manage (政务公开办, on the county government and every unit below it) loads,
imports and assigns; standards.adjust (单位管理员) adds a unit's own 事项 and marks 事项 不适用; every
staff role reads its own unit's (standards.view). Every change is audited.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record, snapshot
from gongkai.catalog import services as catalog_services
from gongkai.core import pagecache
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.standards import rules
from gongkai.standards.choices import Audience, Coverage, Mode
from gongkai.standards.data import domains as data
from gongkai.standards.models import Assignment, Domain, Matter, UnitMatter
from gongkai.standards.xlsx import ParsedCatalog, RowProblem

MATTER_FIELDS = ["level1", "level2", "content", "basis", "deadline_text", "subject", "channels", "audience", "mode",
                 "county_level", "township_level"]
ASSIGNMENT_FIELDS = ["domain", "organization", "assigned_on"]


class StandardsRefused(ActionRefused):
    pass


class ImportRefused(StandardsRefused):
    """The import found problems; `problems` lists them by sheet, row and column. Nothing was imported."""

    def __init__(self, reason: str, problems: list[RowProblem]):
        super().__init__(reason)
        self.problems = problems


def _require(actor, perm: str, organization_id: int | None, reason: str) -> None:
    if not has_perm(actor, perm, organization_id):
        raise StandardsRefused(reason)


def county_of(actor) -> Organization | None:
    """The top organization on which `actor` holds standards.manage (the county the 政务公开办 runs)."""
    from gongkai.accounts.permissions import organization_ids_with

    ids = organization_ids_with(actor, "standards.manage")
    if not ids:
        return None
    # The top of the subtree: the one whose parent is not itself managed (NULL parents sort differently by database).
    tops = Organization.objects.filter(pk__in=ids).exclude(parent_id__in=ids)
    return tops.order_by("sort_order", "id").first()


def can_manage(actor) -> bool:
    from gongkai.accounts.permissions import organization_ids_with

    return bool(organization_ids_with(actor, "standards.manage"))


def _purge_public(organization_ids=()) -> None:
    from django.urls import reverse

    paths = ["/", reverse("standards:index")] + [reverse("standards:unit", args=[pk]) for pk in organization_ids]
    transaction.on_commit(lambda: pagecache.purge(paths, [reverse("standards:index")]))


# --- the standard ---------------------------------------------------------------------------------


def _matter_defaults(values: dict) -> dict:
    result = {key: values.get(key, "") for key in ("content", "basis", "deadline_text", "subject", "channels")}
    result["audience"] = values.get("audience") or Audience.ALL
    result["mode"] = values.get("mode") or Mode.PROACTIVE
    result["county_level"] = values.get("county_level", True)
    result["township_level"] = values.get("township_level", True)
    result["deadline"] = rules.parse_deadline(result["deadline_text"])
    return result


@transaction.atomic
def load_builtin() -> tuple[int, int]:
    """The 26 领域 and their shipped 事项 (data/domains.py). Idempotent: existing 事项 keep any imported
    content; returns (domains created, 事项 created)."""
    domains_created = matters_created = 0
    for order, code, name, guide, matters in data.rows():
        domain, created = Domain.objects.get_or_create(code=code, defaults={"name": name, "guide": guide,
                                                                             "sort_order": order * 10})
        domains_created += created
        for index, values in enumerate(matters, start=1):
            _matter, created = Matter.objects.get_or_create(
                domain=domain, organization=None, level1=values["level1"], level2=values["level2"],
                defaults={**_matter_defaults(values), "sort_order": index * 10})
            matters_created += created
    return domains_created, matters_created


@transaction.atomic
def import_catalog(actor, parsed: ParsedCatalog, default_domain: Domain | None = None, request=None) -> dict:
    """Create or update the standard 事项 of every table in `parsed`: all or nothing. A 事项 is matched by
    its 领域, 一级事项 and 二级事项; a matched one takes the file's content. Returns counts per 领域 name."""
    county = county_of(actor)
    _require(actor, "standards.manage", county.pk if county else None, _("只有政务公开办可以导入标准目录。"))
    problems = list(parsed.problems)
    by_name = {d.name: d for d in Domain.objects.all()}
    plan: list[tuple[Domain, dict]] = []
    for table in parsed.tables:
        domain = by_name.get(table.domain_name) or (default_domain if not table.domain_name else None)
        if domain is None:
            first_row = table.rows[0]["_row"] if table.rows else 1
            problems.append(RowProblem(table.sheet, first_row, "", _(
                "无法确定该表所属领域（标题或工作表名为“%(name)s”）；请在标题中写明领域名称，或在导入时选择领域。")
                % {"name": table.domain_name or table.sheet}))
            continue
        plan.extend((domain, row) for row in table.rows)
    if problems:
        raise ImportRefused(_("表格中有%(n)d处问题，未导入任何事项；请修改后重新导入。") % {"n": len(problems)}, problems)
    if not plan:
        raise StandardsRefused(_("表格中没有公开事项。"))
    counts: dict[str, dict[str, int]] = {}
    for position, (domain, row) in enumerate(plan, start=1):
        values = _matter_defaults(row)
        matter = Matter.objects.filter(domain=domain, organization=None, level1=row["level1"],
                                       level2=row["level2"]).first()
        count = counts.setdefault(domain.name, {"created": 0, "updated": 0})
        if matter is None:
            Matter.objects.create(domain=domain, level1=row["level1"], level2=row["level2"], sort_order=position * 10,
                                  **values)
            count["created"] += 1
        else:
            for key, value in values.items():
                setattr(matter, key, value)
            matter.sort_order = position * 10
            matter.save()
            count["updated"] += 1
    record(actor, "standards.import", None, organization=county, note="; ".join(
        f"{name}: +{c['created']} ~{c['updated']}" for name, c in counts.items()), request=request,
        object_type="standards.Matter", object_repr=_("标准目录导入"))
    _purge_public(Assignment.objects.values_list("organization_id", flat=True).distinct())
    return counts


# --- assignment -----------------------------------------------------------------------------------


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


def _sync(assignment: Assignment, on: dt.date) -> int:
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
        _require(actor, "standards.manage", organization.pk,
                 _("您没有权限为“%(name)s”分配领域（仅限政务公开办）。") % {"name": organization.name})
    result = {"assignments": 0, "nodes": 0}
    for organization in organizations:
        assignment, created = Assignment.objects.get_or_create(
            domain=domain, organization=organization, defaults={"assigned_on": on, "assigned_by": actor})
        result["assignments"] += int(created)
        result["nodes"] += _sync(assignment, on)
        if created:
            record(actor, "standards.assign", assignment, organization=organization,
                   after=snapshot(assignment, ASSIGNMENT_FIELDS), request=request)
    _purge_public([o.pk for o in organizations])
    return result


@transaction.atomic
def unassign(actor, assignment: Assignment, request=None) -> None:
    """Take a domain back from a unit. Its catalog nodes stay (they may hold items); the 事项 no longer
    count for the unit's coverage."""
    _require(actor, "standards.manage", assignment.organization_id, _("只有政务公开办可以取消分配。"))
    record(actor, "standards.unassign", assignment, organization=assignment.organization,
           before=snapshot(assignment, ASSIGNMENT_FIELDS), after={}, request=request)
    organization_id = assignment.organization_id
    Matter.objects.filter(domain=assignment.domain, organization_id=organization_id).delete()
    assignment.delete()
    _purge_public([organization_id])


# --- a unit's own adjustments -----------------------------------------------------------------------


@transaction.atomic
def add_own_matter(actor, assignment: Assignment, values: dict, request=None) -> UnitMatter:
    """A 事项 of the unit's own in an assigned domain, with its node in the unit's catalog."""
    _require(actor, "standards.adjust", assignment.organization_id,
             _("只有本单位管理员可以增加本单位的公开事项。"))
    level1 = (values.get("level1") or "").strip()
    level2 = (values.get("level2") or "").strip() or level1
    if not level1:
        raise StandardsRefused(_("请填写一级事项。"))
    if len(level1) > 100 or len(level2) > 100:
        raise StandardsRefused(_("事项名称不能超过100个字。"))
    duplicate = Matter.objects.filter(domain=assignment.domain, level1=level1, level2=level2).filter(
        organization__isnull=True).exists() or Matter.objects.filter(
        domain=assignment.domain, organization=assignment.organization, level1=level1, level2=level2).exists()
    if duplicate:
        raise StandardsRefused(_("本领域已有“%(name)s”事项。") % {"name": level2})
    last = Matter.objects.filter(domain=assignment.domain).aggregate(m=Max("sort_order"))["m"] or 0
    matter = Matter.objects.create(domain=assignment.domain, organization=assignment.organization, level1=level1,
                                   level2=level2, sort_order=last + 10,
                                   **_matter_defaults({k: (values.get(k) or "").strip() if isinstance(values.get(k), str)
                                                       else values.get(k) for k in values if k in MATTER_FIELDS}))
    _sync(assignment, timezone.localdate())
    unit_matter = assignment.unit_matters.get(matter=matter)
    record(actor, "standards.add_matter", matter, organization=assignment.organization,
           after=snapshot(matter, MATTER_FIELDS), request=request)
    _purge_public([assignment.organization_id])
    return unit_matter


@transaction.atomic
def mark_not_applicable(actor, unit_matter: UnitMatter, reason: str, request=None) -> UnitMatter:
    """The unit does not keep this 事项 (e.g. a 乡镇 without 民办学校审批), with its reason. The node stays."""
    organization = unit_matter.assignment.organization
    _require(actor, "standards.adjust", organization.pk, _("只有本单位管理员可以标记事项不适用。"))
    reason = (reason or "").strip()
    if not reason:
        raise StandardsRefused(_("请填写不适用的理由。"))
    if len(reason) > 300:
        raise StandardsRefused(_("理由不能超过300个字。"))
    unit_matter = UnitMatter.objects.select_for_update().get(pk=unit_matter.pk)
    before = snapshot(unit_matter, ["not_applicable", "reason"])
    unit_matter.not_applicable, unit_matter.reason = True, reason
    unit_matter.save(update_fields=["not_applicable", "reason"])
    record(actor, "standards.not_applicable", unit_matter, organization=organization, before=before,
           after=snapshot(unit_matter, ["not_applicable", "reason"]), request=request,
           object_repr=unit_matter.matter.label)
    _purge_public([organization.pk])
    return unit_matter


@transaction.atomic
def mark_applicable(actor, unit_matter: UnitMatter, request=None) -> UnitMatter:
    organization = unit_matter.assignment.organization
    _require(actor, "standards.adjust", organization.pk, _("只有本单位管理员可以恢复事项。"))
    unit_matter = UnitMatter.objects.select_for_update().get(pk=unit_matter.pk)
    before = snapshot(unit_matter, ["not_applicable", "reason"])
    unit_matter.not_applicable, unit_matter.reason = False, ""
    unit_matter.since = timezone.localdate()  # its 时限 runs again from today
    unit_matter.save(update_fields=["not_applicable", "reason", "since"])
    _sync(unit_matter.assignment, timezone.localdate())
    record(actor, "standards.applicable", unit_matter, organization=organization, before=before,
           after=snapshot(unit_matter, ["not_applicable", "reason"]), request=request,
           object_repr=unit_matter.matter.label)
    _purge_public([organization.pk])
    return unit_matter


# --- coverage -------------------------------------------------------------------------------------


@dataclass
class MatterCoverage:
    unit_matter: UnitMatter
    state: str
    latest: dt.date | None = None  # the last publication in the node
    due: dt.date | None = None  # when an empty 事项 falls (or fell) past its 时限; a stale one's next update

    @property
    def state_label(self) -> str:
        return Coverage(self.state).label


@dataclass
class Counts:
    matters: int = 0
    covered: int = 0
    pending: int = 0
    overdue: int = 0
    stale: int = 0
    not_applicable: int = 0

    def add(self, state: str) -> None:
        self.matters += 1
        attribute = {Coverage.COVERED: "covered", Coverage.PENDING: "pending", Coverage.EMPTY_OVERDUE: "overdue",
                     Coverage.STALE: "stale", Coverage.NOT_APPLICABLE: "not_applicable"}[state]
        setattr(self, attribute, getattr(self, attribute) + 1)

    def merge(self, other: "Counts") -> None:
        for name in ("matters", "covered", "pending", "overdue", "stale", "not_applicable"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def applicable(self) -> int:
        return self.matters - self.not_applicable

    @property
    def rate(self) -> int:
        """Per cent of applicable 事项 covered (100 when none applies)."""
        return round(100 * self.covered / self.applicable) if self.applicable else 100


@dataclass
class UnitCoverage:
    organization: Organization
    domains: dict = field(default_factory=dict)  # Domain → Counts
    total: Counts = field(default_factory=Counts)


def _latest_publications(node_ids, until: dt.datetime) -> dict[int, dt.date]:
    from gongkai.publishing.models import InformationItem

    rows = (InformationItem.objects.live(until).filter(catalog_nodes__in=node_ids)
            .values("catalog_nodes").annotate(last=Max("published_at")))
    return {row["catalog_nodes"]: timezone.localdate(row["last"]) for row in rows}


def judge(unit_matters, on: dt.date) -> list[MatterCoverage]:
    """The coverage of each unit 事项 on day `on` (items published up to the end of that day)."""
    from gongkai.workdays.calendar import WorkdayCalendar

    unit_matters = list(unit_matters)
    until = timezone.make_aware(dt.datetime.combine(on, dt.time.max))
    latest = _latest_publications([um.node_id for um in unit_matters if um.node_id], until)
    cal = WorkdayCalendar()
    result = []
    for um in unit_matters:
        if um.not_applicable:
            result.append(MatterCoverage(um, Coverage.NOT_APPLICABLE))
            continue
        last = latest.get(um.node_id)
        period = rules.PERIOD_DAYS.get(um.matter.deadline)
        if last is not None:
            if period and (on - last).days > period:
                result.append(MatterCoverage(um, Coverage.STALE, last, last + dt.timedelta(days=period)))
            else:
                result.append(MatterCoverage(um, Coverage.COVERED, last,
                                             last + dt.timedelta(days=period) if period else None))
            continue
        due = rules.due_when_empty(um.matter.deadline, um.since, cal)
        result.append(MatterCoverage(um, Coverage.EMPTY_OVERDUE if on > due else Coverage.PENDING, None, due))
    return result


def unit_matters_of(organization_ids, on: dt.date | None = None):
    qs = UnitMatter.objects.filter(assignment__organization_id__in=organization_ids).select_related(
        "matter", "assignment__domain", "assignment__organization", "node")
    if on is not None:
        qs = qs.filter(since__lte=on, assignment__assigned_on__lte=on)
    return qs.order_by("assignment__domain__sort_order", "matter__sort_order", "matter_id")


def unit_catalog(organization, on: dt.date | None = None) -> list[tuple[Assignment, list[MatterCoverage], Counts]]:
    """A unit's standard catalog: each assigned domain with its 事项 and their coverage on `on`."""
    on = on or timezone.localdate()
    judged = judge(unit_matters_of([organization.pk]), on)
    by_assignment: dict[int, list[MatterCoverage]] = {}
    for entry in judged:
        by_assignment.setdefault(entry.unit_matter.assignment_id, []).append(entry)
    result = []
    for assignment in Assignment.objects.filter(organization=organization).select_related("domain", "node"):
        entries = by_assignment.get(assignment.pk, [])
        counts = Counts()
        for entry in entries:
            counts.add(entry.state)
        result.append((assignment, entries, counts))
    return result


def coverage_on(on: dt.date, organization_ids=None) -> list[UnitCoverage]:
    """Per unit and domain, the coverage counts on day `on` (units in organization order)."""
    ids = organization_ids if organization_ids is not None else \
        Assignment.objects.values_list("organization_id", flat=True).distinct()
    units: dict[int, UnitCoverage] = {}
    for entry in judge(unit_matters_of(ids, on), on):
        assignment = entry.unit_matter.assignment
        unit = units.setdefault(assignment.organization_id, UnitCoverage(assignment.organization))
        unit.domains.setdefault(assignment.domain, Counts()).add(entry.state)
        unit.total.add(entry.state)
    return sorted(units.values(), key=lambda u: (u.organization.sort_order, u.organization.pk))


def as_of(year: int, today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    return min(today, dt.date(year, 12, 31))


def coverage_by_unit(year: int, today: dt.date | None = None) -> dict[int, dict]:
    """The §8 assessment's figure for other apps (e.g. an assurance / 绩效考核 app): for each unit with
    assigned domains, on the last day of `year` (or today, for the current year):

        {organization_id: {"organization": Organization, "as_of": date, "matters": n, "applicable": n,
                           "covered": n, "pending": n, "overdue": n, "stale": n, "not_applicable": n,
                           "rate": per cent covered of applicable,
                           "domains": {domain name: {same counts}}}}
    """
    day = as_of(year, today)

    def counts_dict(counts: Counts) -> dict:
        return {"matters": counts.matters, "applicable": counts.applicable, "covered": counts.covered,
                "pending": counts.pending, "overdue": counts.overdue, "stale": counts.stale,
                "not_applicable": counts.not_applicable, "rate": counts.rate}

    return {unit.organization.pk: {"organization": unit.organization, "as_of": day, **counts_dict(unit.total),
                                   "domains": {d.name: counts_dict(c) for d, c in unit.domains.items()}}
            for unit in coverage_on(day)}


def overdue_matters(organization_ids, on: dt.date | None = None) -> list[MatterCoverage]:
    """Assigned 事项 empty past their 时限 (or not updated within their period), for 我的待办 and inspection."""
    on = on or timezone.localdate()
    return [entry for entry in judge(unit_matters_of(organization_ids, on), on)
            if entry.state in (Coverage.EMPTY_OVERDUE, Coverage.STALE)]
