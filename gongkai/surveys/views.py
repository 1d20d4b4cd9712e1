"""Public 征集调查 pages (/zjdc/): the list, each survey's form while it is open (one answer per person),
and the results of a closed survey as tables with a chart of the same numbers. The answer form carries the
public forms' question, single-use token and honeypot (requests.spam); it works without JavaScript."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.core.services import ActionRefused
from gongkai.requests import spam
from gongkai.surveys import services
from gongkai.surveys.forms import AnswerForm
from gongkai.surveys.models import Survey


@require_safe
def index(request):
    surveys = list(Survey.objects.public().select_related("organization"))
    return render(request, "surveys/index.html", {"surveys": surveys})


@require_http_methods(["GET", "HEAD", "POST"])
def detail(request, survey_id: int):
    survey = get_object_or_404(Survey.objects.public().select_related("organization"), pk=survey_id)
    voter = services.voter_id(request)
    answered = services.has_answered(survey, voter)
    errors, posted, status, by_question = [], None, 400, {}
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        posted = request.POST
        if answered:
            errors = [(None, _("您已经参与过本次调查，每人只能提交一次。"))]
        elif not survey.is_open():  # refused before the rate limit: a visit too early or too late costs nothing
            errors = [(None, _("该调查不在征集期内。"))]
        else:
            errors, status, by_question = _submit(request, survey, form, voter)
            if not errors:
                messages.success(request, _("感谢您的参与，您的意见已提交。"))
                response = redirect("surveys:detail", survey_id=survey.pk)
                services.remember_voter(response, form.voter)
                return response
            form.renew_challenge()
    questions = list(survey.questions.prefetch_related("options"))
    for question in questions:
        question.chosen = set(posted.getlist(f"q{question.pk}")) if posted else set()
        question.posted_text = posted.get(f"q{question.pk}", "") if posted else ""
        question.problem = by_question.get(question.pk)
    response = render(request, "surveys/detail.html", {
        "survey": survey, "questions": questions, "answered": answered, "errors": errors, "form": form,
        "is_open": survey.is_open(), "results_shown": survey.results_shown,
    }, status=status if errors else 200)
    if errors or answered or survey.is_open():  # the form's question and token are this visitor's
        response.headers["Cache-Control"] = "private, no-store"
    return response


def _submit(request, survey: Survey, form: AnswerForm, voter: str | None):
    """Store one answer sheet: ([], 302, {}) or (the errors as (anchor, Chinese reason), status, the reasons by
    question pk). The answers and the form's question are checked first, every problem reported at once; only a
    sheet about to be stored counts toward the per-address limit; the token is used in the transaction that
    stores it, so a double click or a replayed POST stores nothing the second time."""
    errors, by_question = [], {}
    try:
        services.check_answers(survey, request.POST)
    except services.AnswerProblems as exc:
        by_question = exc.by_question
        errors = [(f"#q{pk}", reason) for pk, reason in by_question.items()]
    except ActionRefused as exc:
        errors = [(None, exc.reason)]
    if not form.is_valid():
        errors += [(f"#{form[name].auto_id}", _("%(label)s：%(message)s") % {"label": form[name].label, "message": message})
                   if name in form.fields else (None, message)
                   for name, messages_ in form.errors.items() for message in messages_]
    if errors:
        return errors, 400, by_question
    if not spam.allow(request, "survey"):
        return [(None, _("提交过于频繁，请稍后再试。"))], 429, {}
    form.voter = voter or services.new_voter_id()
    try:
        with transaction.atomic():  # the token is used only if the answers are stored
            spam.consume_token(form.token_nonce, _("您的答卷已经提交过（可能重复点击了提交按钮），未再次提交。"))
            services.submit_response(survey, form.voter, request.POST)
    except spam.TokenProblem as problem:
        return [(None, str(problem))], 409, {}
    except ActionRefused as exc:
        return [(None, exc.reason)], 400, {}
    return [], 302, {}


@require_safe
def results(request, survey_id: int):
    survey = get_object_or_404(Survey.objects.public().select_related("organization"), pk=survey_id)
    if not survey.results_shown:
        raise Http404
    total, found = services.results(survey)
    return render(request, "surveys/results.html", {"survey": survey, "total": total, "results": found})
