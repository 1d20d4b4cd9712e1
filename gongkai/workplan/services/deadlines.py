"""Deadlines of tasks: entered by hand, proposed by the import and confirmed (as read or corrected), deleted
while no unit reported against them, and the occurrences (due dates) a confirmed deadline has. The words are
read by `gongkai.workplan.deadlines`; this module checks and stores what was read or entered."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai.audit.services import record, snapshot
from gongkai.core.services import ActionRefused
from gongkai.workplan.checks import plain
from gongkai.workplan.choices import DayKind, DeadlineKind, DeadlineSource, Period
from gongkai.workplan.deadlines import MAX_EVENT_DAYS, due_dates, occurrence_label
from gongkai.workplan.models import Deadline, Occurrence, Plan, Task
from gongkai.workplan.services.common import require


def recurrence_window(plan: Plan) -> tuple[dt.date, dt.date]:
    """Recurring deadlines run from the plan's date (or its year's start) to its year's end."""
    start = plan.issued_on if plan.issued_on and plan.issued_on.year == plan.year else dt.date(plan.year, 1, 1)
    return start, dt.date(plan.year, 12, 31)


def clean_deadline(data: dict, plan: Plan) -> dict:
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
        if not isinstance(days, int) or not 1 <= days <= MAX_EVENT_DAYS or not (data.get("event_label") or "").strip():
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
    values = clean_deadline(data, task.plan)
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
    """Confirm a proposed deadline, as read or corrected (`data` with the fields of `clean_deadline`). A
    corrected deadline's former dates that units reported against stay on record but are no longer due."""
    deadline = Deadline.objects.select_for_update().select_related("task__plan__organization").get(pk=deadline.pk)
    require(actor, "workplan.manage", deadline.task.plan.organization_id)
    before = snapshot(deadline)
    if data:
        for name, value in clean_deadline(data, deadline.task.plan).items():
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
