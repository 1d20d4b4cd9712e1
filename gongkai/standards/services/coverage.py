"""Coverage: which assigned 事项 have current published items within their 时限, per unit and 领域, and
the figures other apps read (the §8 assessment, 我的待办, inspection)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import timezone

from gongkai.organizations.models import Organization
from gongkai.standards import rules
from gongkai.standards.choices import Coverage
from gongkai.standards.models import Assignment, UnitMatter


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
