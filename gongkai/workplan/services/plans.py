"""Plans, their tasks and the units a task names: create and change a 工作要点, change a task's text, weight
and 责任单位, and resolve written unit names into the county's organizations (`matcher_for`, `set_units`)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record, snapshot
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.organizations.services import descendant_ids
from gongkai.workplan.checks import plain
from gongkai.workplan.choices import Role
from gongkai.workplan.models import Plan, Responsibility, Task
from gongkai.workplan.services.common import MAX_TEXT, require
from gongkai.workplan.units import UnitMatcher

PLAN_FIELDS = ["title", "doc_number", "year", "issued_on", "item", "task_levels", "is_public"]


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


def set_units(task: Task, matcher: UnitMatcher, text: str) -> list[str]:
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
        set_units(task, matcher_for(task.plan), data["responsibility_text"] or "")
    task.save()
    record(actor, "workplan.update_task", task, organization=task.plan.organization, before=before,
           after=snapshot(task, fields) | {"units": _unit_snapshot(task)}, request=request)
    return task


def _unit_snapshot(task: Task) -> list[str]:
    return [f"{r.get_role_display()}:{r.organization_id}" for r in task.responsibilities.all()]
