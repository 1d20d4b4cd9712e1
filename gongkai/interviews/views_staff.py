"""Staff pages of 在线访谈 (/staff/interviews/)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.core.services import ActionRefused
from gongkai.interviews import services
from gongkai.interviews.forms import GuestForm, InterviewForm, TurnForm
from gongkai.interviews.models import Interview
from gongkai.organizations.models import Organization
from gongkai.requests import spam


def get_interview(request, interview_id: int) -> Interview:
    interview = get_object_or_404(Interview.objects.select_related("organization"), pk=interview_id)
    if not has_perm(request.user, "interaction.manage", interview.organization_id):
        raise Http404
    return interview


@staff_required
def interview_list(request):
    org_ids = organization_ids_with(request.user, "interaction.manage")
    return render(request, "interviews/staff/list.html", {
        "interviews": Interview.objects.filter(organization_id__in=org_ids).select_related("organization"),
        "can_manage": bool(org_ids)})


def _form(request, interview=None):
    organizations = list(Organization.objects.filter(pk__in=organization_ids_with(request.user, "interaction.manage")))
    if not organizations:
        return forbidden(request, _("您没有管理在线访谈的岗位。"))
    initial = {"organization": organizations[0]}
    if interview is not None:
        initial = {name: getattr(interview, name) for name in services.FIELDS} | {"organization": interview.organization}
        initial = {k: timezone.localtime(v) if hasattr(v, "tzinfo") and v is not None and not isinstance(v, str) else v
                   for k, v in initial.items()}
    form = InterviewForm(request.POST or None, organizations=organizations, initial=initial)
    if interview is not None:
        form.fields["organization"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            if interview is None:
                interview = spam.once(form, _("这个访谈已经新建过（可能重复点击了保存按钮），未再次新建。"),
                                  lambda: services.create_interview(request.user, form.cleaned_data["organization"],
                                                                    form.cleaned_data, request=request))
            else:
                services.update_interview(request.user, interview, form.cleaned_data, request=request)
        except spam.TokenUsed as problem:
            messages.error(request, str(problem))
            return redirect("interviews_staff:list")
        except spam.TokenProblem as problem:
            form.add_error(None, str(problem))
            spam.renew_staff_token(form)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("访谈已保存。"))
            return redirect("interviews_staff:detail", interview_id=interview.pk)
    return render(request, "interviews/staff/form.html", {"form": form, "interview": interview})


@staff_required
def interview_create(request):
    return _form(request)


@staff_required
def interview_edit(request, interview_id: int):
    interview = get_interview(request, interview_id)
    if not services.may_update(request.user, interview):
        return forbidden(request, _("访谈已发布，修改会立即公开，须由本单位审核员进行。"))
    return _form(request, interview)


@staff_required
def interview_detail(request, interview_id: int, guest_form=None, turn_form=None):
    interview = get_interview(request, interview_id)
    return render(request, "interviews/staff/detail.html", {
        "interview": interview, "guests": list(interview.guests.all()),
        "questions": list(interview.questions.all()),
        "turns": list(interview.turns.select_related("guest", "question")),
        "guest_form": guest_form or GuestForm(), "turn_form": turn_form or TurnForm(interview=interview),
        "can_publish": has_perm(request.user, "interaction.publish", interview.organization_id),
        "can_edit": services.may_update(request.user, interview),
        "can_record": services.may_change_record(request.user, interview),
        # services.finish refuses before the start time: the button is offered only from then on.
        "started": timezone.now() >= interview.starts_at,
    })


def _act(request, interview, action, success):
    try:
        action()
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, success)
    return redirect("interviews_staff:detail", interview_id=interview.pk)


def _act_once(request, interview, form, form_name: str, repeated: str, action, success):
    """_act with the form's single-use token: a double-click adds one guest or one turn of the record."""
    try:
        spam.once(form, repeated, action)
    except spam.TokenUsed as problem:
        messages.error(request, str(problem))
    except spam.TokenProblem as problem:
        form.add_error(None, str(problem))
        spam.renew_staff_token(form)
        return interview_detail(request, interview.pk, **{form_name: form})
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, success)
    return redirect("interviews_staff:detail", interview_id=interview.pk)


@staff_required
@require_POST
def guest_add(request, interview_id: int):
    interview = get_interview(request, interview_id)
    form = GuestForm(request.POST)
    if not form.is_valid():
        return interview_detail(request, interview_id, guest_form=form)
    return _act_once(request, interview, form, "guest_form", _("这位嘉宾已经添加过（可能重复点击了添加按钮），未再次添加。"),
                     lambda: services.add_guest(request.user, interview, form.cleaned_data["name"],
                                                form.cleaned_data["post"], request=request), _("嘉宾已添加。"))


@staff_required
@require_POST
def guest_remove(request, interview_id: int, guest_id: int):
    interview = get_interview(request, interview_id)
    guest = get_object_or_404(interview.guests, pk=guest_id)
    return _act(request, interview, lambda: services.remove_guest(request.user, guest, request=request), _("嘉宾已删除。"))


@staff_required
@require_POST
def interview_publish(request, interview_id: int):
    interview = get_interview(request, interview_id)
    return _act(request, interview, lambda: services.publish(request.user, interview, request=request),
                _("访谈已发布，网友可以提问。"))


@staff_required
@require_POST
def interview_finish(request, interview_id: int):
    interview = get_interview(request, interview_id)
    return _act(request, interview, lambda: services.finish(request.user, interview, request=request),
                _("访谈已结束并归档。"))


@staff_required
@require_POST
def question_moderate(request, interview_id: int, interview_question_id: int):
    interview = get_interview(request, interview_id)
    question = get_object_or_404(interview.questions, pk=interview_question_id)
    decision = request.POST.get("decision")
    if decision not in ("approve", "reject"):
        messages.error(request, _("请选择“采用”或“不予采用”。"))
        return redirect("interviews_staff:detail", interview_id=interview.pk)
    approve = decision == "approve"
    return _act(request, interview, lambda: services.moderate(request.user, question, approve, request=request),
                _("已采用该问题。") if approve else _("已不予采用该问题。"))


@staff_required
@require_POST
def turn_add(request, interview_id: int):
    interview = get_interview(request, interview_id)
    form = TurnForm(request.POST, interview=interview)
    if not form.is_valid():
        return interview_detail(request, interview_id, turn_form=form)
    return _act_once(request, interview, form, "turn_form", _("这段实录已经添加过（可能重复点击了添加按钮），未再次添加。"),
                     lambda: services.add_turn(request.user, interview, form.cleaned_data, request=request),
                     _("实录已添加。"))


@staff_required
@require_POST
def turn_remove(request, interview_id: int, turn_id: int):
    interview = get_interview(request, interview_id)
    turn = get_object_or_404(interview.turns, pk=turn_id)
    return _act(request, interview, lambda: services.remove_turn(request.user, turn, request=request), _("实录已删除。"))
