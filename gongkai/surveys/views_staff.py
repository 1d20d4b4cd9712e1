"""Staff pages of 征集调查 (/staff/surveys/): the unit's surveys, their questions, publication, and the
answers (counts and the free-text opinions, which are not published one by one)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm, organization_ids_with
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.requests import spam
from gongkai.surveys import services
from gongkai.surveys.forms import QuestionForm, SurveyForm
from gongkai.surveys.models import Survey


def get_survey(request, survey_id: int) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("organization"), pk=survey_id)
    if not has_perm(request.user, "interaction.manage", survey.organization_id):
        raise Http404
    return survey


@staff_required
def survey_list(request):
    org_ids = organization_ids_with(request.user, "interaction.manage")
    return render(request, "surveys/staff/list.html", {
        "surveys": Survey.objects.filter(organization_id__in=org_ids).select_related("organization"),
        "can_manage": bool(org_ids)})


def _form(request, survey=None):
    organizations = list(Organization.objects.filter(pk__in=organization_ids_with(request.user, "interaction.manage")))
    if not organizations:
        return forbidden(request, _("您没有管理征集调查的岗位。"))
    initial = {"organization": organizations[0], "results_public": True}
    if survey is not None:
        initial = {name: getattr(survey, name) for name in ("title", "description", "opens_on", "closes_on",
                                                            "results_public")} | {"organization": survey.organization}
    form = SurveyForm(request.POST or None, organizations=organizations, initial=initial)
    if survey is not None:
        form.fields["organization"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            if survey is None:
                survey = spam.once(form, _("这个调查已经新建过（可能重复点击了保存按钮），未再次新建。"),
                               lambda: services.create_survey(request.user, form.cleaned_data["organization"],
                                                              form.cleaned_data, request=request))
            else:
                services.update_survey(request.user, survey, form.cleaned_data, request=request)
        except spam.TokenUsed as problem:
            messages.error(request, str(problem))
            return redirect("surveys_staff:list")
        except spam.TokenProblem as problem:
            form.add_error(None, str(problem))
            spam.renew_staff_token(form)
        except ActionRefused as exc:
            form.add_error(None, exc.reason)
        else:
            messages.success(request, _("调查已保存。"))
            return redirect("surveys_staff:detail", survey_id=survey.pk)
    return render(request, "surveys/staff/form.html", {"form": form, "survey": survey})


@staff_required
def survey_create(request):
    return _form(request)


@staff_required
def survey_edit(request, survey_id: int):
    survey = get_survey(request, survey_id)
    if not services.may_update(request.user, survey):
        return forbidden(request, _("调查已发布，修改会立即公开，须由本单位审核员进行。"))
    return _form(request, survey)


@staff_required
def survey_detail(request, survey_id: int, question_form=None):
    survey = get_survey(request, survey_id)
    total, results = services.results(survey)
    return render(request, "surveys/staff/detail.html", {
        "survey": survey, "total": total, "results": results, "texts": list(services.text_answers(survey)[:500]),
        "question_form": question_form or QuestionForm(),
        "can_publish": has_perm(request.user, "interaction.publish", survey.organization_id),
        "can_edit": services.may_update(request.user, survey),
    })


def _act(request, survey, action, success):
    try:
        action()
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, success)
    return redirect("surveys_staff:detail", survey_id=survey.pk)


@staff_required
@require_POST
def question_add(request, survey_id: int):
    survey = get_survey(request, survey_id)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        return survey_detail(request, survey_id, question_form=form)
    data = form.cleaned_data
    try:
        spam.once(form, _("这道题目已经添加过（可能重复点击了添加按钮），未再次添加。"),
              lambda: services.add_question(request.user, survey, data["kind"], data["text"], data["options"],
                                            data["required"], request=request))
    except spam.TokenUsed as problem:
        messages.error(request, str(problem))
    except spam.TokenProblem as problem:
        form.add_error(None, str(problem))
        spam.renew_staff_token(form)
        return survey_detail(request, survey_id, question_form=form)
    except ActionRefused as exc:
        messages.error(request, exc.reason)
    else:
        messages.success(request, _("题目已添加。"))
    return redirect("surveys_staff:detail", survey_id=survey.pk)


@staff_required
@require_POST
def question_remove(request, survey_id: int, survey_question_id: int):
    survey = get_survey(request, survey_id)
    question = get_object_or_404(survey.questions, pk=survey_question_id)
    return _act(request, survey, lambda: services.remove_question(request.user, question, request=request),
                _("题目已删除。"))


@staff_required
@require_POST
def survey_publish(request, survey_id: int):
    survey = get_survey(request, survey_id)
    return _act(request, survey, lambda: services.publish(request.user, survey, request=request), _("调查已发布。"))
