"""Work plan services: one function per verb. Each checks permission, changes data in one transaction,
writes the audit log and raises ActionRefused with a reason in Chinese when it refuses.

Plans, their 任务分解表 (import), tasks and deadlines are here; progress reports and overdue flags are
in `reporting.py`, re-exported below so other apps call `gongkai.workplan.services` only.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record, snapshot
from gongkai.core.forms import CONTROL_CHARS
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.organizations.services import descendant_ids
from gongkai.workplan.checks import plain
from gongkai.workplan.choices import DayKind, DeadlineKind, DeadlineSource, Period, Role
from gongkai.workplan.deadlines import ParsedDeadline, due_dates, occurrence_label, read_deadlines
from gongkai.workplan.models import Deadline, Occurrence, Plan, Responsibility, Task
from gongkai.workplan.reporting import (  # noqa: F401 (the service surface)
    flag_overdue,
    overdue_occurrences,
    review_report,
    submit_report,
)
from gongkai.workplan.tabletext import TableRow
from gongkai.workplan.units import UnitMatcher

PLAN_FIELDS = ["title", "doc_number", "year", "issued_on", "item", "task_levels", "is_public"]
MAX_TEXT = 5000


def require(actor, perm: str, organization_id: int, message: str | None = None) -> None:
    if not has_perm(actor, perm, organization_id):
        raise ActionRefused(message or _("您没有权限执行此操作（仅限政务公开办）。"))


# --- plans ---------------------------------------------------------------------------------------


def _clean_plan(data: dict, plan: Plan | None = None) -> dict:
    values = {f: data[f] for f in PLAN_FIELDS if f in data}
    if "title" in values:
        values["title"] = plain((values["title"] or "").strip(), _("标题"))
        if not values["title"]:
            raise ActionRefused(_("请填写工作要点的标题。"))
    if "doc_number" in values:
        values["doc_number"] = plain((values["doc_number"] or "").strip(), _("文号"))
    year = values.get("year")
    if year is not None and not 2000 <= int(year) <= 2100:
        raise ActionRefused(_("年度须为2000至2100之间的年份。"))
    issued_on = values.get("issued_on")
    year = int(year) if year is not None else (plan.year if plan is not None else None)
    if isinstance(issued_on, dt.date) and year is not None:
        # A plan is issued in its year or late in the year before, never after it nor in the future.
        if not dt.date(year - 1, 1, 1) <= issued_on <= dt.date(year, 12, 31):
            raise ActionRefused(_("成文日期须在%(first)d年1月1日至%(year)d年12月31日之间。") % {
                "first": year - 1, "year": year})
        if issued_on > timezone.localdate():
            raise ActionRefused(_("成文日期不能晚于今天。"))
    item = values.get("item")
    if item is not None and not item.is_public:
        raise ActionRefused(_("关联的文件须为已公开的政府信息。"))
    return values


@transaction.atomic
def create_plan(actor, organization, data: dict, request=None) -> Plan:
    require(actor, "workplan.manage", organization.id)
    values = _clean_plan(data)
    if "year" not in values or "title" not in values:
        raise ActionRefused(_("请填写工作要点的标题和年度。"))
    plan = Plan.objects.create(organization=organization, created_by=actor, **values)
    record(actor, "workplan.create_plan", plan, organization=organization, after=snapshot(plan, PLAN_FIELDS),
           request=request)
    return plan


@transaction.atomic
def update_plan(actor, plan: Plan, data: dict, request=None) -> Plan:
    require(actor, "workplan.manage", plan.organization_id)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    before = snapshot(plan, PLAN_FIELDS)
    for name, value in _clean_plan(data, plan).items():
        setattr(plan, name, value)
    plan.save()
    record(actor, "workplan.update_plan", plan, organization=plan.organization, before=before,
           after=snapshot(plan, PLAN_FIELDS), request=request)
    return plan


# --- matching units ------------------------------------------------------------------------------


def default_aliases() -> dict[str, str]:
    """Spellings of units that differ from their names and short names. 沂源县's (the demo's data, the
    customer's units) are known; another county adds short names to its organizations."""
    try:
        from gongkai.demo.data.organizations import ALIASES
    except ImportError:  # the demo app is optional
        return {}
    return dict(ALIASES)


def county_root(organization: Organization) -> Organization:
    ancestors = organization.ancestors()
    return ancestors[0] if ancestors else organization


def matcher_for(plan: Plan) -> UnitMatcher:
    ids = descendant_ids([county_root(plan.organization).id])
    organizations = list(Organization.objects.filter(id__in=ids, is_active=True).order_by("sort_order", "id"))
    townships = [o for o in organizations if o.kind == Organization.Kind.TOWNSHIP]
    return UnitMatcher(organizations, townships, default_aliases())


def _set_units(task: Task, matcher: UnitMatcher, text: str) -> list[str]:
    """Resolve `text` into the task's responsibilities; returns the unmatched names."""
    resolution = matcher.resolve(text)
    task.responsibilities.all().delete()
    rows = [Responsibility(task=task, organization=org, role=Role.LEAD, position=i)
            for i, org in enumerate(resolution.leads)]
    rows += [Responsibility(task=task, organization=org, role=Role.SUPPORT, position=len(rows) + i)
             for i, org in enumerate(resolution.supports)]
    Responsibility.objects.bulk_create(rows)
    task.responsibility_text = text.strip()
    task.responsibility_note = resolution.note[:500]
    task.unmatched_units = "、".join(resolution.unmatched)[:500]
    return resolution.unmatched


# --- the 任务分解表 --------------------------------------------------------------------------------


@dataclass
class ImportReport:
    tasks: int = 0
    requirements: int = 0
    responsibilities: int = 0
    deadlines: int = 0  # proposed from the requirements' words, to be confirmed
    explicit_deadlines: int = 0  # stated in a 完成时限 column
    unmatched: dict[str, list[str]] = field(default_factory=dict)  # name → texts of the rows naming it
    notes: list[str] = field(default_factory=list)
    # (row, words, reason): deadlines written but not set — unreadable, or refused as a hand entry would be.
    unset_deadlines: list[tuple[int, str, str]] = field(default_factory=list)

    def summary(self) -> str:
        from gongkai.core import i18n

        parts = [_("导入工作任务 %(tasks)d 项（其中具体要求 %(leaves)d 项），责任单位 %(units)d 个次，从任务文字识别"
                   "完成时限 %(deadlines)d 个（待政务公开办确认），按“完成时限”栏设定 %(explicit)d 个。") % {
            "tasks": self.tasks, "leaves": self.requirements, "units": self.responsibilities,
            "deadlines": self.deadlines, "explicit": self.explicit_deadlines}]
        if self.unmatched:
            parts.append(_("未能匹配到本县机构的单位名称（未新建机构，请核对）：%(names)s。") % {
                "names": "、".join(self.unmatched)})
        else:
            parts.append(_("全部责任单位均已匹配到本县机构。"))
        if self.unset_deadlines:
            parts.append(_("以下完成时限未能设定，相关任务不会提示逾期，请在任务页面手工设定：%(items)s。") % {
                "items": i18n.semicolon().join(
                    _("第%(n)d行“%(words)s”（%(reason)s）") % {"n": n, "words": words, "reason": reason.rstrip("。.")}
                    for n, words, reason in dict.fromkeys(self.unset_deadlines))})
        # Sentences: nothing between them in Chinese, a space in English.
        return i18n.word_space().join(parts)


def _deadline_from(task: Task, parsed: ParsedDeadline, source: str, plan: Plan, actor=None) -> Deadline:
    starts, ends = recurrence_window(plan)
    deadline = Deadline.objects.create(
        task=task, kind=parsed.kind, due_on=parsed.due_on, period=parsed.period,
        starts_on=starts if parsed.kind == DeadlineKind.RECURRING else None,
        ends_on=ends if parsed.kind == DeadlineKind.RECURRING else None,
        event_days=parsed.event_days, event_label=parsed.event_label, event_day_kind=parsed.event_day_kind,
        phrase=parsed.phrase[:100], source=source,
        confirmed_at=timezone.now() if source != DeadlineSource.PARSED else None,
        confirmed_by=actor if source != DeadlineSource.PARSED else None,
    )
    if deadline.is_confirmed:
        sync_occurrences(deadline)
    return deadline


def recurrence_window(plan: Plan) -> tuple[dt.date, dt.date]:
    """Recurring deadlines run from the plan's date (or its year's start) to its year's end."""
    start = plan.issued_on if plan.issued_on and plan.issued_on.year == plan.year else dt.date(plan.year, 1, 1)
    return start, dt.date(plan.year, 12, 31)


def _split_categories(rows: list[TableRow], matcher: UnitMatcher) -> list[tuple[TableRow, str, int]]:
    """Each row with the requirement text its deadlines are read from. A row whose 责任单位 assigns units
    per category (the 应急预案 row: 县总体预案：县应急局 县自然灾害类专项预案：…) becomes one requirement per
    category below the row's requirement, each with the units written after its label."""
    result = []
    for number, row in enumerate(rows, start=1):  # the row's number in the table, for messages
        categories = matcher.categories(row.responsible) if row.responsible else []
        if not categories:
            result.append((row, row.path[-1], number))
        for label, units in categories:
            result.append((TableRow(row.path + (label,), units, row.shares_responsible, row.deadline), row.path[-1],
                           number))
    return result


@transaction.atomic
def import_rows(actor, plan: Plan, rows: list[TableRow], request=None) -> ImportReport:
    """Create the plan's task tree from table rows (every row is a path ending in its requirement; a row
    that assigns units per category ends in one requirement per category).

    Only into a plan without tasks: a table is imported once; a corrected table goes into a new plan."""
    require(actor, "workplan.manage", plan.organization_id)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.tasks.exists():
        raise ActionRefused(_("该工作要点已有任务分解表，不能重复导入；如需更正，请新建工作要点后导入。"))
    rows = [row for row in rows if row.path]
    if not rows:
        raise ActionRefused(_("没有读到任何任务行，请检查表格（须有“工作任务”“具体要求”“责任单位”列）。"))
    matcher = matcher_for(plan)
    report = ImportReport()
    nodes: dict[tuple[str, ...], Task] = {}
    position = 0
    for number, row in enumerate(rows, start=1):
        if any(CONTROL_CHARS.search(text or "") for text in (*row.path, row.responsible, row.deadline)):
            raise ActionRefused(_("第%(n)d行含有控制字符，请在表格中删除后重新导入。") % {"n": number})
    for row, words, number in _split_categories(rows, matcher):
        for depth in range(len(row.path)):
            key = row.path[:depth + 1]
            if key in nodes:
                continue
            text = key[-1].strip()[:MAX_TEXT]
            if not text:
                raise ActionRefused(_("第%(n)d行有空白的任务内容。") % {"n": number})
            position += 10
            nodes[key] = Task.objects.create(plan=plan, parent=nodes.get(key[:-1]), position=position, text=text)
            report.tasks += 1
        leaf = nodes[row.path]
        if row.responsible:
            for name in _set_units(leaf, matcher, row.responsible):
                report.unmatched.setdefault(name, []).append(leaf.text[:40])
            report.notes.extend(n for n in leaf.responsibility_note.split("、") if n and n not in report.notes)
        leaf.deadline_text = row.deadline.strip()[:200]
        leaf.save()
        # A 完成时限 column states the deadline; otherwise the requirement's words are read.
        if row.deadline.strip():
            (found, unreadable), source, by = read_deadlines(row.deadline, plan.year), DeadlineSource.EXPLICIT, actor
        else:
            (found, unreadable), source, by = read_deadlines(words, plan.year), DeadlineSource.PARSED, None
        report.unset_deadlines += [(number, words, _("无法识别的日期或天数")) for words in unreadable]
        for parsed in found:
            try:  # the rule of a deadline entered by hand (the plan's year, 1 to 365 days)
                _clean_deadline(_as_data(parsed, plan), plan)
            except ActionRefused as refused:
                report.unset_deadlines.append((number, parsed.phrase, refused.reason))
                continue
            _deadline_from(leaf, parsed, source, plan, by)
            if source == DeadlineSource.EXPLICIT:
                report.explicit_deadlines += 1
            else:
                report.deadlines += 1
    leaves = {t.pk for t in nodes.values()} - {t.parent_id for t in nodes.values()}
    report.requirements = len(leaves)
    report.responsibilities = Responsibility.objects.filter(task__plan=plan).count()
    record(actor, "workplan.import", plan, organization=plan.organization, note=report.summary(), request=request)
    return report


def _as_data(parsed: ParsedDeadline, plan: Plan) -> dict:
    """A parsed deadline as the fields of a hand entry, for _clean_deadline (a recurring one over its window)."""
    starts_on, ends_on = recurrence_window(plan)
    return {"kind": parsed.kind, "due_on": parsed.due_on, "period": parsed.period, "starts_on": starts_on,
            "ends_on": ends_on, "event_days": parsed.event_days, "event_label": parsed.event_label,
            "event_day_kind": parsed.event_day_kind}


# --- tasks ---------------------------------------------------------------------------------------


@transaction.atomic
def update_task(actor, task: Task, data: dict, request=None) -> Task:
    """Change a task's text, weight and (re-read) 责任单位."""
    require(actor, "workplan.manage", task.plan.organization_id)
    task = Task.objects.select_for_update().select_related("plan__organization").get(pk=task.pk)
    fields = ["text", "weight", "responsibility_text", "responsibility_note", "unmatched_units", "deadline_text"]
    before = snapshot(task, fields) | {"units": _unit_snapshot(task)}
    if "text" in data:
        text = plain((data["text"] or "").strip(), _("内容"))
        if not text:
            raise ActionRefused(_("请填写任务内容。"))
        task.text = text[:MAX_TEXT]
    if "weight" in data:
        weight = int(data["weight"] or 0)
        if not 1 <= weight <= 100:
            raise ActionRefused(_("权重须为1至100之间的整数。"))
        task.weight = weight
    plain(data.get("responsibility_text") or "", _("责任单位"))
    if "responsibility_text" in data and (data["responsibility_text"] or "").strip() != task.responsibility_text:
        _set_units(task, matcher_for(task.plan), data["responsibility_text"] or "")
    task.save()
    record(actor, "workplan.update_task", task, organization=task.plan.organization, before=before,
           after=snapshot(task, fields) | {"units": _unit_snapshot(task)}, request=request)
    return task


def _unit_snapshot(task: Task) -> list[str]:
    return [f"{r.get_role_display()}:{r.organization_id}" for r in task.responsibilities.all()]


# --- deadlines -----------------------------------------------------------------------------------


def _clean_deadline(data: dict, plan: Plan) -> dict:
    """The deadline's fields from `data`, checked against its plan: a 工作要点 is for one year, so a date
    or a recurring window lies within that year (a window also not before the plan was issued)."""
    kind = data.get("kind")
    if kind not in DeadlineKind.values:
        raise ActionRefused(_("请选择时限类型。"))
    values = {"kind": kind, "due_on": None, "period": "", "starts_on": None, "ends_on": None, "event_days": None,
              "event_label": "", "event_day_kind": DayKind.CALENDAR}
    year_start, year_end = dt.date(plan.year, 1, 1), dt.date(plan.year, 12, 31)
    if kind == DeadlineKind.ONCE:
        due_on = data.get("due_on")
        if not isinstance(due_on, dt.date):
            raise ActionRefused(_("限期完成的任务须填写完成时限（日期）。"))
        if not year_start <= due_on <= year_end:
            raise ActionRefused(_("完成时限须在工作要点的年度（%(year)d年）之内。") % {"year": plan.year})
        values["due_on"] = due_on
    elif kind == DeadlineKind.RECURRING:
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if (data.get("period") not in Period.values or not isinstance(starts_on, dt.date)
                or not isinstance(ends_on, dt.date)):
            raise ActionRefused(_("定期完成的任务须选择周期并填写起止日期。"))
        if ends_on < starts_on:
            raise ActionRefused(_("截止日期不能早于起始日期。"))
        if not (year_start <= starts_on and ends_on <= year_end):
            raise ActionRefused(_("定期任务的起止日期须在工作要点的年度（%(year)d年）之内。") % {"year": plan.year})
        if plan.issued_on and plan.issued_on.year == plan.year and starts_on < plan.issued_on:
            raise ActionRefused(_("定期任务的起始日期不能早于工作要点的成文日期（%(date)s）。") % {
                "date": plan.issued_on.isoformat()})
        values.update(period=data["period"], starts_on=starts_on, ends_on=ends_on)
    elif kind == DeadlineKind.EVENT:
        days = data.get("event_days")
        if not isinstance(days, int) or not 1 <= days <= 365 or not (data.get("event_label") or "").strip():
            raise ActionRefused(_("事后限期须填写起算事件和天数（1至365天）。"))
        day_kind = data.get("event_day_kind") or DayKind.CALENDAR
        if day_kind not in DayKind.values:
            raise ActionRefused(_("请选择天数的计算方式（日或工作日）。"))
        values.update(event_days=days, event_label=plain(data["event_label"].strip()[:60], _("起算事件")),
                      event_day_kind=day_kind)
    return values


@transaction.atomic
def add_deadline(actor, task: Task, data: dict, request=None) -> Deadline:
    """A deadline the 政务公开办 enters by hand: confirmed at once."""
    require(actor, "workplan.manage", task.plan.organization_id)
    values = _clean_deadline(data, task.plan)
    Task.objects.select_for_update().filter(pk=task.pk).first()  # one entry at a time per task
    if Deadline.objects.filter(task=task, **values).exists():
        raise ActionRefused(_("该任务已有相同的完成时限，未重复设定。"))
    deadline = Deadline.objects.create(task=task, source=DeadlineSource.MANUAL, confirmed_at=timezone.now(),
                                       confirmed_by=actor, phrase=(data.get("phrase") or "")[:100], **values)
    sync_occurrences(deadline)
    record(actor, "workplan.add_deadline", deadline, organization=task.plan.organization,
           after=snapshot(deadline), request=request)
    return deadline


@transaction.atomic
def confirm_deadline(actor, deadline: Deadline, data: dict | None = None, request=None) -> Deadline:
    """Confirm a proposed deadline, as read or corrected (`data` with the fields of `_clean_deadline`). A
    corrected deadline's former dates that units reported against stay on record but are no longer due."""
    deadline = Deadline.objects.select_for_update().select_related("task__plan__organization").get(pk=deadline.pk)
    require(actor, "workplan.manage", deadline.task.plan.organization_id)
    before = snapshot(deadline)
    if data:
        for name, value in _clean_deadline(data, deadline.task.plan).items():
            setattr(deadline, name, value)
    deadline.confirmed_at, deadline.confirmed_by = timezone.now(), actor
    deadline.save()
    sync_occurrences(deadline)
    record(actor, "workplan.confirm_deadline", deadline, organization=deadline.task.plan.organization,
           before=before, after=snapshot(deadline), request=request)
    return deadline


@transaction.atomic
def confirm_all(actor, plan: Plan, request=None) -> int:
    require(actor, "workplan.manage", plan.organization_id)
    pending = list(Deadline.objects.filter(task__plan=plan, confirmed_at__isnull=True))
    for deadline in pending:
        confirm_deadline(actor, deadline, request=request)
    return len(pending)


@transaction.atomic
def delete_deadline(actor, deadline: Deadline, request=None) -> None:
    require(actor, "workplan.manage", deadline.task.plan.organization_id)
    if deadline.occurrences.filter(reports__isnull=False).exists():
        raise ActionRefused(_("已有单位针对该时限报送了进展，不能删除；可修改后重新确认。"))
    record(actor, "workplan.delete_deadline", deadline, organization=deadline.task.plan.organization,
           before=snapshot(deadline), after={}, request=request)
    deadline.delete()


def sync_occurrences(deadline: Deadline) -> None:
    """The occurrences a confirmed deadline should have: its date, or one per period of its window.
    Occurrences no longer wanted are removed unless a report refers to them; those are kept for the
    record, superseded (`Occurrence.is_superseded`): never due or overdue again."""
    wanted: dict[dt.date, tuple[str, dt.date]] = {}
    if deadline.is_confirmed:
        for due, span in due_dates(deadline.kind, deadline.due_on, deadline.period, deadline.starts_on,
                                   deadline.ends_on).items():
            start = span.start if span else due
            # Stored in the platform's language for the record; pages show Occurrence.display_label.
            with translation.override(settings.LANGUAGE_CODE):
                wanted[due] = (occurrence_label(start, due), start)
    existing = {o.due_on: o for o in deadline.occurrences.all()}
    for due, occurrence in existing.items():
        if due not in wanted and not occurrence.reports.exists():
            occurrence.delete()
        elif due in wanted and (occurrence.label, occurrence.period_start) != wanted[due]:
            # A date kept under another period (每季度 → 每月: 3月31日) takes the new label.
            occurrence.label, occurrence.period_start = wanted[due]
            occurrence.save(update_fields=["label", "period_start"])
    Occurrence.objects.bulk_create([
        Occurrence(deadline=deadline, label=label, period_start=start, due_on=due)
        for due, (label, start) in wanted.items() if due not in existing
    ])
