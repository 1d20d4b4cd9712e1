"""Staff pages of a work plan's task (/staff/workplan/tasks/…): its deadlines, occurrences and reports,
its edit form, and a responsible unit's progress report form (single-use)."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.publishing.models import InformationItem
from gongkai.requests import spam
from gongkai.workplan import services
from gongkai.workplan.choices import ReportState
from gongkai.workplan.forms import DeadlineForm, ReportForm, TaskForm
from gongkai.workplan.models import Task
from gongkai.workplan.views_staff import can_manage, get_task, run

ITEM_CHOICES = 200


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
        if run(request, lambda: services.update_task(request.user, task, form.cleaned_data, request=request),
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
