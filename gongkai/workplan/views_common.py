"""What the public board and the staff pages both show: a plan's rows with numbers, units, deadlines and
progress, the per-unit summary, and the data of the charts (the same numbers as the tables)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gongkai.core import i18n
from gongkai.organizations.models import Organization
from gongkai.organizations.services import descendant_ids
from gongkai.workplan.choices import DayKind, DeadlineKind, Progress, ReportState, Role
from gongkai.workplan.models import Deadline, Plan, ProgressReport, Responsibility, Task
from gongkai.workplan.progress import TaskProgress, latest_accepted, overall, plan_progress
from gongkai.workplan.services import county_root

TOWNSHIPS_LABEL = gettext_noop("各镇（街道）")


def chinese_date(day) -> str:
    """「2020年7月31日」 in Chinese; ISO 2020-07-31 on English pages."""
    if i18n.is_chinese():
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


def deadline_cell(task: Task) -> str:
    """The 完成时限 of a requirement as the table shows it."""
    if task.deadline_text:
        return task.deadline_text
    parts = []
    for deadline in task.deadlines.all():
        if deadline.kind == DeadlineKind.ONCE and deadline.due_on:
            text = _("%(date)s前") % {"date": chinese_date(deadline.due_on)}
        elif deadline.kind == DeadlineKind.RECURRING:
            text = str(deadline.get_period_display())
        elif deadline.kind == DeadlineKind.EVENT:
            if deadline.event_day_kind == DayKind.WORKING:
                text = _("%(event)s后%(days)s个工作日内") % {"event": deadline.event_label, "days": deadline.event_days}
            else:
                text = _("%(event)s后%(days)s日内") % {"event": deadline.event_label, "days": deadline.event_days}
        else:
            text = str(DeadlineKind.CONTINUOUS.label)
        parts.append(text if deadline.is_confirmed else text + _("（待确认）"))
    return i18n.semicolon().join(parts)


def county_townships(plan: Plan) -> set[int]:
    ids = descendant_ids([county_root(plan.organization).id])
    return set(Organization.objects.filter(id__in=ids, kind=Organization.Kind.TOWNSHIP, is_active=True)
               .values_list("id", flat=True))


def unit_label(organizations: list, townships: set[int]) -> str:
    """Names, with the county's townships written as 各镇（街道） when all of them are named."""
    ids = {o.pk for o in organizations}
    names = []
    if townships and townships <= ids:
        names.append(_(TOWNSHIPS_LABEL))
        organizations = [o for o in organizations if o.pk not in townships]
    names += [o.display_name for o in organizations]
    return i18n.enumeration_comma().join(names)


@dataclass
class BoardRow:
    task: Task
    depth: int
    number: str
    is_leaf: bool
    progress: TaskProgress
    leads: list = field(default_factory=list)
    supports: list = field(default_factory=list)
    lead_label: str = ""
    support_label: str = ""
    deadline: str = ""
    reports: list = field(default_factory=list)  # accepted, newest first

    @property
    def is_task_level(self) -> bool:
        return not self.is_leaf


@dataclass
class Board:
    plan: Plan
    rows: list[BoardRow]
    overall: TaskProgress
    townships: set[int]

    @property
    def leaves(self) -> list[BoardRow]:
        return [r for r in self.rows if r.is_leaf]

    @property
    def top(self) -> list[BoardRow]:
        return [r for r in self.rows if r.depth == 0]

    def status_counts(self) -> list[tuple[str, str, int]]:
        counts = defaultdict(int)
        for row in self.leaves:
            counts[row.progress.status] += 1
        return [(value, str(label), counts[value]) for value, label in Progress.choices]

    def chart_data(self) -> dict:
        return {
            "tasks": {"labels": [Truncator(r.task.text).chars(30) for r in self.top], "values": [r.progress.percent for r in self.top]},
            "status": [{"name": label, "value": count} for _v, label, count in self.status_counts()],
        }


def build_board(plan: Plan, reports: bool = True) -> Board:
    tasks = list(Task.objects.filter(plan=plan).prefetch_related("deadlines"))
    progress = plan_progress(plan, tasks)
    children = defaultdict(list)
    for task in tasks:
        children[task.parent_id].append(task)
    units = defaultdict(lambda: ([], []))
    for resp in Responsibility.objects.filter(task__plan=plan).select_related("organization").order_by("position"):
        units[resp.task_id][0 if resp.role == Role.LEAD else 1].append(resp.organization)
    accepted = defaultdict(list)
    if reports:
        for report in (ProgressReport.objects.filter(task__plan=plan, state=ReportState.ACCEPTED)
                       .select_related("organization").prefetch_related("evidence__item")
                       .order_by("-submitted_at", "-id")):
            accepted[report.task_id].append(report)
    townships = county_townships(plan)
    rows: list[BoardRow] = []

    def walk(task: Task, depth: int, number: str) -> None:
        leads, supports = units[task.id]
        leaf = not children.get(task.id)
        rows.append(BoardRow(
            task=task, depth=depth, number=number, is_leaf=leaf, progress=progress[task.id], leads=leads,
            supports=supports, lead_label=unit_label(leads, townships), support_label=unit_label(supports, townships),
            deadline=deadline_cell(task) if leaf else "", reports=accepted.get(task.id, []),
        ))
        for index, child in enumerate(children.get(task.id, []), start=1):
            walk(child, depth + 1, f"{number}.{index}")

    for index, root in enumerate(children.get(None, []), start=1):
        walk(root, 0, str(index))
    return Board(plan, rows, overall(plan, progress, tasks), townships)


@dataclass
class UnitSummary:
    organization: Organization
    lead: int = 0
    support: int = 0
    finished: int = 0
    percent_total: int = 0
    reports: int = 0

    @property
    def tasks(self) -> int:
        return self.lead + self.support

    @property
    def percent(self) -> int:
        return int(self.percent_total / self.tasks + 0.5) if self.tasks else 0


def unit_summaries(plan: Plan) -> list[UnitSummary]:
    """Each responsible unit: its tasks (牵头/配合), how many it reports finished, its average percent."""
    summaries: dict[int, UnitSummary] = {}
    responsibilities = list(Responsibility.objects.filter(task__plan=plan).select_related("organization"))
    latest = latest_accepted({r.task_id for r in responsibilities})
    for resp in responsibilities:
        summary = summaries.setdefault(resp.organization_id, UnitSummary(resp.organization))
        if resp.role == Role.LEAD:
            summary.lead += 1
        else:
            summary.support += 1
        own = latest.get(resp.task_id, {}).get(resp.organization_id)
        if own is not None:
            summary.reports += 1
            summary.percent_total += own.percent
            summary.finished += own.status in (Progress.DONE, Progress.ONGOING)
    return sorted(summaries.values(), key=lambda s: (s.organization.sort_order, s.organization.pk))


def unit_rows(plan: Plan, organization: Organization) -> list[dict]:
    """The unit's requirements: where it sits in the tree, its role, its own latest accepted report."""
    tasks = {t.pk: t for t in Task.objects.filter(plan=plan)}
    own = list(Responsibility.objects.filter(task__plan=plan, organization=organization).order_by("task__position"))
    latest = latest_accepted({r.task_id for r in own})
    progress = plan_progress(plan, list(tasks.values()))
    rows = []
    for resp in own:
        task = tasks[resp.task_id]
        path, node = [], tasks.get(task.parent_id)
        while node is not None:
            path.insert(0, node.text)
            node = tasks.get(node.parent_id)
        rows.append({"task": task, "path": path, "role": resp.get_role_display(),
                     "report": latest.get(task.pk, {}).get(organization.pk), "overall": progress[task.pk]})
    return rows


def pending_deadlines(plan: Plan):
    return Deadline.objects.filter(task__plan=plan, confirmed_at__isnull=True).select_related("task")
