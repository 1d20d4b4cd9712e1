"""Staff pages of work plans (/staff/workplan/): the 政务公开办 keeps plans, imports and exports 任务分解表,
confirms deadlines and reviews reports; units see their tasks, report progress and see what is overdue.

Who sees a plan: holders of workplan.view on its issuing organization (the 政务公开办 above it) and the
staff of every unit responsible for one of its tasks. Anything else is a 404, so ids cannot be probed.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.audit.services import record
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import check_table
from gongkai.organizations.models import Organization
from gongkai.publishing.models import InformationItem
from gongkai.requests import spam
from gongkai.workplan import services, xlsx
from gongkai.workplan.choices import ReportState
from gongkai.workplan.forms import DeadlineForm, ImportForm, PlanForm, ReportForm, ReviewForm, TaskForm
from gongkai.workplan.models import Deadline, Evidence, Plan, ProgressReport, Responsibility, Task
from gongkai.workplan.views_common import build_board, deadline_cell, pending_deadlines
from gongkai.workplan.views_public import evidence_response

ITEM_CHOICES = 200


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


def _run(request, call, success: str) -> bool:
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
        if _run(request, lambda: services.update_plan(request.user, plan, values, request=request), _("已保存。")):
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


@staff_required
def plan_deadlines(request, plan_id: int):
    plan = get_plan(request, plan_id)
    manage = can_manage(request.user, plan)
    if request.method == "POST":
        if not manage:
            return forbidden(request, _("只有政务公开办可以确认完成时限。"))
        try:
            count = services.confirm_all(request.user, plan, request=request)
        except ActionRefused as exc:
            messages.error(request, exc.reason)
        else:
            messages.success(request, _("已确认 %(n)d 个完成时限。") % {"n": count})
        return redirect("workplan_staff:deadlines", plan_id=plan.pk)
    deadlines = (Deadline.objects.filter(task__plan=plan).select_related("task", "confirmed_by")
                 .order_by("confirmed_at", "task__position", "id"))
    return render(request, "workplan/staff/deadlines.html",
                  {"plan": plan, "deadlines": deadlines, "can_manage": manage})


def _report_units(user, task: Task) -> list[Organization]:
    own = organization_ids_with(user, "workplan.report")
    return [r.organization for r in task.responsibilities.select_related("organization") if r.organization_id in own]


def _report_form(request, task: Task, units, data=None, files=None) -> ReportForm:
    occurrences = [o for d in task.deadlines.filter(confirmed_at__isnull=False) for o in d.occurrences.all()
                   if not o.is_superseded]
    items = (InformationItem.objects.live().filter(organization__in=units)
             .order_by("-published_at")[:ITEM_CHOICES])
    form = ReportForm(data, files, organizations=units, occurrences=occurrences,
                      items=InformationItem.objects.filter(pk__in=[i.pk for i in items]).order_by("-published_at"))
    return form


@staff_required
def task_detail(request, task_id: int):
    task = get_task(request, task_id)
    plan = task.plan
    units = _report_units(request.user, task) if not task.children.exists() else []
    manage = can_manage(request.user, plan)
    reports = task.reports.select_related("organization", "submitted_by", "reviewed_by", "occurrence")
    if not has_perm(request.user, "workplan.view", plan.organization_id):
        own = organization_ids_with(request.user, "workplan.report")
        reports = reports.filter(organization_id__in=own) | reports.filter(state=ReportState.ACCEPTED)
    return render(request, "workplan/staff/task_detail.html", {
        "plan": plan, "task": task, "can_manage": manage, "units": units,
        "form": _report_form(request, task, units) if units else None,
        "responsibilities": task.responsibilities.select_related("organization"),
        "deadlines": task.deadlines.prefetch_related("occurrences"), "deadline_form": DeadlineForm(token=True),
        "reports": reports.prefetch_related("evidence__item").order_by("-submitted_at", "-id"),
        "overdue": services.overdue_occurrences(plan=plan),
        "children": task.children.all(),
    })


@staff_required
def task_edit(request, task_id: int):
    task = get_task(request, task_id)
    if not can_manage(request.user, task.plan):
        return forbidden(request, _("只有政务公开办可以修改任务。"))
    form = TaskForm(request.POST or None, initial={"text": task.text, "weight": task.weight,
                                                   "responsibility_text": task.responsibility_text})
    if request.method == "POST" and form.is_valid():
        if _run(request, lambda: services.update_task(request.user, task, form.cleaned_data, request=request),
                _("已保存。")):
            return redirect("workplan_staff:task", task_id=task.pk)
    return render(request, "workplan/staff/task_form.html", {"task": task, "form": form})


@staff_required
@require_POST
def task_report(request, task_id: int):
    task = get_task(request, task_id)
    units = _report_units(request.user, task)
    if not units or task.children.exists():
        raise Http404
    form = _report_form(request, task, units, request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # the token is used only if the report is filed
                spam.consume_staff_token(data["form_token"], _(
                    "这份进展报告已经报送过（可能重复点击了提交按钮），未再次报送。如需再次报送，请重新填写。"))
                services.submit_report(request.user, task, data["organization"], data, items=list(data["items"]),
                                       urls=form.url_list(), files=data["files"], request=request)
        except spam.TokenUsed as problem:
            messages.error(request, str(problem))
            return redirect("workplan_staff:task", task_id=task.pk)
        except spam.TokenProblem as problem:
            form.add_error(None, str(problem))
            spam.renew_staff_token(form)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("进展报告已报送，待政务公开办审核。"))
            return redirect("workplan_staff:task", task_id=task.pk)
    if request.FILES.getlist("files"):  # the form comes back as typed, but a browser never refills a file input
        form.add_error("files", _("所选附件未保存，请重新选择后再提交。"))
    return render(request, "workplan/staff/report_form.html", {"task": task, "plan": task.plan, "form": form},
                  status=400)


def _deadline_form_page(request, task: Task, form: DeadlineForm, deadline: Deadline | None = None, status=200):
    return render(request, "workplan/staff/deadline_form.html",
                  {"task": task, "plan": task.plan, "form": form, "deadline": deadline}, status=status)


def _save_deadline(request, task: Task, form: DeadlineForm, save, success: str, deadline: Deadline | None = None):
    """Validate and save a deadline entered or corrected on its form: on invalid input or a refusal the form
    comes back with the errors and nothing is saved."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, success)
            return redirect("workplan_staff:task", task_id=task.pk)
    return _deadline_form_page(request, task, form, deadline, status=400)


@staff_required
@require_POST
def deadline_add(request, task_id: int):
    task = get_task(request, task_id)
    if not can_manage(request.user, task.plan):
        return forbidden(request, _("只有政务公开办可以设定完成时限。"))
    form = DeadlineForm(request.POST, token=True)

    def add(data):
        with transaction.atomic():  # the token is used only if the deadline is set
            spam.consume_staff_token(data["form_token"], _(
                "这个完成时限已经设定过（可能重复点击了保存按钮），未再次设定。"))
            services.add_deadline(request.user, task, data, request=request)

    try:
        return _save_deadline(request, task, form, add, _("完成时限已设定。"))
    except spam.TokenUsed as problem:
        messages.error(request, str(problem))
        return redirect("workplan_staff:task", task_id=task.pk)
    except spam.TokenProblem as problem:
        form.add_error(None, str(problem))
        spam.renew_staff_token(form)
        return _deadline_form_page(request, task, form, status=400)


def _deadline(request, deadline_id: int) -> Deadline:
    deadline = get_object_or_404(Deadline.objects.select_related("task__plan"), pk=deadline_id)
    get_plan(request, deadline.task.plan_id)
    if not can_manage(request.user, deadline.task.plan):
        raise Http404
    return deadline


def _correct(request, deadline: Deadline, form: DeadlineForm):
    return _save_deadline(
        request, deadline.task, form,
        lambda data: services.confirm_deadline(request.user, deadline, data, request=request),
        _("完成时限已修改并确认。"), deadline)


@staff_required
def deadline_edit(request, deadline_id: int):
    """Correct a deadline (read wrongly from the text, or changed since): it is confirmed as corrected."""
    deadline = _deadline(request, deadline_id)
    if request.method == "POST":
        return _correct(request, deadline, DeadlineForm(request.POST))
    initial = {name: getattr(deadline, name) for name in DeadlineForm.base_fields if name != "form_token"}
    return _deadline_form_page(request, deadline.task, DeadlineForm(initial=initial), deadline)


@staff_required
@require_POST
def deadline_confirm(request, deadline_id: int):
    deadline = _deadline(request, deadline_id)
    if request.POST.get("correct"):
        return _correct(request, deadline, DeadlineForm(request.POST))
    _run(request, lambda: services.confirm_deadline(request.user, deadline, request=request), _("已确认。"))
    if request.POST.get("next") == "plan":
        return redirect("workplan_staff:deadlines", plan_id=deadline.task.plan_id)
    return redirect("workplan_staff:task", task_id=deadline.task_id)


@staff_required
@require_POST
def deadline_delete(request, deadline_id: int):
    deadline = _deadline(request, deadline_id)
    task_id = deadline.task_id
    _run(request, lambda: services.delete_deadline(request.user, deadline, request=request), _("已删除。"))
    return redirect("workplan_staff:task", task_id=task_id)


def get_report(request, report_id: int) -> ProgressReport:
    """A report the user may read: any of a plan it supervises, its own unit's, and, on a plan it sees (as a
    responsible unit), another unit's accepted one — accepted reports are the plan's public progress, listed on
    the task page to every unit of the plan. Anything else is a 404."""
    report = get_object_or_404(ProgressReport.objects.select_related("task__plan__organization", "organization"),
                               pk=report_id)
    own = organization_ids_with(request.user, "workplan.report")
    if not (has_perm(request.user, "workplan.view", report.task.plan.organization_id)
            or report.organization_id in own):
        if report.state != ReportState.ACCEPTED:
            raise Http404
        get_plan(request, report.task.plan_id)
    return report


@staff_required
def report_detail(request, report_id: int):
    report = get_report(request, report_id)
    may_review = has_perm(request.user, "workplan.review", report.task.plan.organization_id)
    form = ReviewForm(request.POST or None)
    if request.method == "POST":
        if not may_review:
            return forbidden(request, _("只有政务公开办可以审核进展报告。"))
        if form.is_valid():
            accept = form.cleaned_data["decision"] == "accept"
            done = _run(request, lambda: services.review_report(request.user, report, accept,
                                                                form.cleaned_data["comment"], request=request),
                        _("已采纳，进展已在公开页面展示。") if accept else _("已退回。"))
            if done:
                return redirect("workplan_staff:report", report_id=report.pk)
    return render(request, "workplan/staff/report_detail.html", {
        "report": report, "form": form, "may_review": may_review and report.state == ReportState.SUBMITTED,
    })


@staff_required
def evidence_download(request, evidence_id: int):
    evidence = get_object_or_404(Evidence, pk=evidence_id, kind="file")
    get_report(request, evidence.report_id)
    return evidence_response(evidence)
