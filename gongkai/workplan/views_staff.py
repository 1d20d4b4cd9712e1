"""Staff pages of work plans (/staff/workplan/): the 政务公开办 keeps plans, imports and exports 任务分解表,
confirms deadlines and reviews reports; units see their tasks, report progress and see what is overdue.

The views are split by noun: plans here (with who sees what: visible_plans, get_plan, get_task), tasks and
the report form in views_staff_tasks.py, deadlines in views_staff_deadlines.py, reports and their evidence in
views_staff_reports.py.

Who sees a plan: holders of workplan.view on its issuing organization (the 政务公开办 above it) and the
staff of every unit responsible for one of its tasks. Anything else is a 404, so ids cannot be probed.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.audit.services import record
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import check_table
from gongkai.organizations.models import Organization
from gongkai.workplan import services, xlsx
from gongkai.workplan.choices import ReportState
from gongkai.workplan.forms import ImportForm, PlanForm
from gongkai.workplan.models import Plan, ProgressReport, Responsibility, Task
from gongkai.workplan.views_common import build_board, deadline_cell, pending_deadlines


def visible_plans(user):
    viewable = organization_ids_with(user, "workplan.view")
    own = organization_ids_with(user, "workplan.report")
    involved = Responsibility.objects.filter(organization_id__in=own).values("task__plan_id")
    return Plan.objects.filter(organization_id__in=viewable) | Plan.objects.filter(pk__in=involved)


def get_plan(request, plan_id: int) -> Plan:
    return get_object_or_404(visible_plans(request.user).select_related("organization"), pk=plan_id)


def get_task(request, task_id: int) -> Task:
    task = get_object_or_404(Task.objects.select_related("plan__organization", "parent"), pk=task_id)
    get_plan(request, task.plan_id)
    return task


def can_manage(user, plan: Plan) -> bool:
    return has_perm(user, "workplan.manage", plan.organization_id)


def run(request, call, success: str) -> bool:
    try:
        call()
    except ActionRefused as exc:
        messages.error(request, exc.reason)
        return False
    messages.success(request, success)
    return True


@staff_required
def index(request):
    user = request.user
    plans = visible_plans(user).select_related("organization").distinct()
    own_units = organization_ids_with(user, "workplan.report")
    my_tasks = (Responsibility.objects.filter(organization_id__in=own_units)
                .select_related("task__plan", "organization").order_by("task__plan_id", "task__position"))
    reviewable = organization_ids_with(user, "workplan.review")
    to_review = (ProgressReport.objects.filter(state=ReportState.SUBMITTED, task__plan__organization_id__in=reviewable)
                 .select_related("task", "organization").order_by("submitted_at"))
    supervised = organization_ids_with(user, "workplan.view")
    overdue = [entry for entry in services.overdue_occurrences()
               if entry.task.plan.organization_id in supervised or {o.pk for o in entry.pending} & own_units]
    return render(request, "workplan/staff/index.html", {
        "plans": plans, "my_tasks": my_tasks[:200], "to_review": to_review[:100], "overdue": overdue[:100],
        "overdue_count": len(overdue), "can_create": bool(organization_ids_with(user, "workplan.manage")),
    })


@staff_required
def plan_create(request):
    organizations = list(Organization.objects.filter(pk__in=organization_ids_with(request.user, "workplan.manage")))
    if not organizations:
        return forbidden(request, _("只有政务公开办可以新建工作要点。"))
    form = PlanForm(request.POST or None)
    form.fields["organization"] = _organization_field(organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organization = Organization.objects.get(pk=data["organization"])
        values = {f: data[f] for f in ["title", "doc_number", "year", "issued_on", "task_levels", "is_public"]}
        values["item"] = data["item_ref"]
        try:
            plan = services.create_plan(request.user, organization, values, request=request)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("工作要点已创建，请导入任务分解表。"))
            return redirect("workplan_staff:plan", plan_id=plan.pk)
    return render(request, "workplan/staff/plan_form.html", {"form": form})


def _organization_field(organizations):
    from django import forms

    return forms.ChoiceField(label=_("发文机关"), choices=[(o.pk, o.name) for o in organizations])


@staff_required
def plan_edit(request, plan_id: int):
    plan = get_plan(request, plan_id)
    if not can_manage(request.user, plan):
        return forbidden(request, _("只有政务公开办可以修改工作要点。"))
    form = PlanForm(request.POST or None, instance=Plan.objects.get(pk=plan.pk))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {f: data[f] for f in ["title", "doc_number", "year", "issued_on", "task_levels", "is_public"]}
        values["item"] = data["item_ref"]
        if run(request, lambda: services.update_plan(request.user, plan, values, request=request), _("已保存。")):
            return redirect("workplan_staff:plan", plan_id=plan.pk)
    return render(request, "workplan/staff/plan_form.html", {"form": form, "plan": plan})


@staff_required
def plan_detail(request, plan_id: int):
    plan = get_plan(request, plan_id)
    return render(request, "workplan/staff/plan_detail.html", {
        "plan": plan, "board": build_board(plan, reports=False), "can_manage": can_manage(request.user, plan),
        "pending_count": pending_deadlines(plan).count(), "import_form": ImportForm(),
        "overdue": services.overdue_occurrences(plan=plan)[:50],
    })


@staff_required
def plan_import(request, plan_id: int):
    plan = get_plan(request, plan_id)
    if not can_manage(request.user, plan):
        return forbidden(request, _("只有政务公开办可以导入任务分解表。"))
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["table"]
        try:
            check_table(upload, extensions=(".xlsx",))
            rows, levels = xlsx.read_table(upload)
            with transaction.atomic():
                services.update_plan(request.user, plan, {"task_levels": levels}, request=request)
                report = services.import_rows(request.user, plan, rows, request=request)
        except ActionRefused as exc:
            form.add_error("table", exc.reason)
        except xlsx.TableError as exc:
            form.add_error("table", str(exc))
        except ValidationError as exc:  # check_table
            form.add_error("table", " ".join(exc.messages))
        else:
            messages.success(request, report.summary())
            return redirect("workplan_staff:plan", plan_id=plan.pk)
    return render(request, "workplan/staff/import.html", {"plan": plan, "form": form})


@staff_required
def plan_export(request, plan_id: int):
    plan = get_plan(request, plan_id)
    tasks = list(Task.objects.filter(plan=plan).prefetch_related("deadlines"))
    data = xlsx.export_plan(plan, tasks, deadline_cell)
    record(request.user, "workplan.export", plan, organization=plan.organization, request=request)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(plan.title + '任务分解表.xlsx')}"
    return response
