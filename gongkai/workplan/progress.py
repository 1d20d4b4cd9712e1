"""Progress of every task of a plan, computed from the accepted reports (never stored).

A requirement (leaf): each responsible unit counts with its latest accepted report (none: 未开始, 0 %).
The units that count are the leads (牵头); when a requirement has no lead, every responsible unit.
Its percent is their average; its status is 已完成 when all of them report 已完成, 持续推进 when all report
已完成 or 持续推进 and one reports 持续推进, 未开始 when none has reported progress, 推进中 otherwise.
A 工作任务 (parent): the average of its children weighted by their `weight`, and the same status rule
over its children.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from gongkai.workplan.choices import Progress, ReportState, Role
from gongkai.workplan.models import Plan, ProgressReport, Responsibility, Task

FINISHED = (Progress.DONE, Progress.ONGOING)


def round_half_up(value: float) -> int:
    return int(value + 0.5)


def combine_status(statuses: list[str]) -> str:
    if not statuses or all(s == Progress.NOT_STARTED for s in statuses):
        return Progress.NOT_STARTED
    if all(s == Progress.DONE for s in statuses):
        return Progress.DONE
    if all(s in FINISHED for s in statuses):
        return Progress.ONGOING
    return Progress.IN_PROGRESS


@dataclass
class TaskProgress:
    percent: int
    status: str
    latest: dict = field(default_factory=dict)  # organization id → its latest accepted report (leaves)

    @property
    def status_label(self) -> str:
        return str(Progress(self.status).label)


def leaf_progress(counted_units: list[int], latest: dict) -> TaskProgress:
    units = counted_units or list(latest)
    if not units:
        return TaskProgress(0, Progress.NOT_STARTED, latest)
    percents = [latest[u].percent if u in latest else 0 for u in units]
    statuses = [latest[u].status if u in latest else Progress.NOT_STARTED for u in units]
    return TaskProgress(round_half_up(sum(percents) / len(percents)), combine_status(statuses), latest)


def parent_progress(children: list[tuple[int, TaskProgress]]) -> TaskProgress:
    """`children`: (weight, progress) pairs."""
    total = sum(weight for weight, _p in children)
    if not total:
        return TaskProgress(0, Progress.NOT_STARTED)
    percent = sum(weight * p.percent for weight, p in children) / total
    return TaskProgress(round_half_up(percent), combine_status([p.status for _w, p in children]))


def latest_accepted(task_ids) -> dict[int, dict[int, ProgressReport]]:
    """task id → organization id → the latest accepted report."""
    found: dict[int, dict[int, ProgressReport]] = defaultdict(dict)
    reports = (ProgressReport.objects.filter(task_id__in=list(task_ids), state=ReportState.ACCEPTED)
               .select_related("organization").prefetch_related("evidence__item")
               .order_by("submitted_at", "id"))
    for report in reports:
        found[report.task_id][report.organization_id] = report
    return found


def plan_progress(plan, tasks: list[Task] | None = None) -> dict[int, TaskProgress]:
    tasks = tasks if tasks is not None else list(Task.objects.filter(plan=plan))
    children: dict[int | None, list[Task]] = defaultdict(list)
    for task in tasks:
        children[task.parent_id].append(task)
    counted: dict[int, list[int]] = defaultdict(list)
    everyone: dict[int, list[int]] = defaultdict(list)
    for resp in Responsibility.objects.filter(task__plan=plan).order_by("position", "id"):
        everyone[resp.task_id].append(resp.organization_id)
        if resp.role == Role.LEAD:
            counted[resp.task_id].append(resp.organization_id)
    latest = latest_accepted(t.id for t in tasks)
    result: dict[int, TaskProgress] = {}

    def visit(task: Task) -> TaskProgress:
        kids = children.get(task.id, [])
        if kids:
            result[task.id] = parent_progress([(kid.weight, visit(kid)) for kid in kids])
        else:
            result[task.id] = leaf_progress(counted.get(task.id) or everyone.get(task.id, []), latest.get(task.id, {}))
        return result[task.id]

    for root in children.get(None, []):
        visit(root)
    return result


def overall(plan, progress: dict[int, TaskProgress], tasks: list[Task]) -> TaskProgress:
    roots = [t for t in tasks if t.parent_id is None]
    return parent_progress([(t.weight, progress[t.id]) for t in roots])


def unit_year_progress(year: int, organization_ids) -> dict[int, tuple[int, int]]:
    """For the 绩效考核 (gongkai.assurance): organization id → (requirements it is responsible for in the plans
    of `year`, the average percent of its latest accepted reports on them; 0 for a requirement not reported)."""
    ids = set(organization_ids)
    parents = set(Task.objects.filter(plan__year=year, parent__isnull=False).values_list("parent_id", flat=True))
    rows = list(Responsibility.objects.filter(task__plan__year=year, organization_id__in=ids)
                .exclude(task_id__in=parents).values_list("task_id", "organization_id"))
    latest = latest_accepted({task_id for task_id, _org in rows})
    percents: dict[int, list[int]] = defaultdict(list)
    for task_id, org_id in rows:
        report = latest.get(task_id, {}).get(org_id)
        percents[org_id].append(report.percent if report else 0)
    return {org_id: (len(values), round_half_up(sum(values) / len(values))) for org_id, values in percents.items()}


def plan_title(year: int, organization_id: int) -> str | None:
    """For the 回头看 summary (gongkai.assurance): the title of the organization's work plan of `year` (the
    first one issued), or None when the workplan app has none."""
    plan = Plan.objects.filter(year=year, organization_id=organization_id).order_by("issued_on", "id").first()
    return plan.title if plan else None
