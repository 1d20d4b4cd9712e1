"""Staff pages of deadlines: the plan's confirmation list, adding one to a task (single-use), correcting,
confirming and deleting one (the 政务公开办 of the issuing organization only)."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import forbidden, staff_required
from gongkai.core.services import ActionRefused
from gongkai.requests import spam
from gongkai.workplan import services
from gongkai.workplan.forms import DeadlineForm
from gongkai.workplan.models import Deadline, Task
from gongkai.workplan.views_staff import can_manage, get_plan, get_task, run


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
    run(request, lambda: services.confirm_deadline(request.user, deadline, request=request), _("已确认。"))
    if request.POST.get("next") == "plan":
        return redirect("workplan_staff:deadlines", plan_id=deadline.task.plan_id)
    return redirect("workplan_staff:task", task_id=deadline.task_id)


@staff_required
@require_POST
def deadline_delete(request, deadline_id: int):
    deadline = _deadline(request, deadline_id)
    task_id = deadline.task_id
    run(request, lambda: services.delete_deadline(request.user, deadline, request=request), _("已删除。"))
    return redirect("workplan_staff:task", task_id=task_id)
