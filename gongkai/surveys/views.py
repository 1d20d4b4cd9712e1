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
    error, posted, status = None, None, 400
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        posted = request.POST
        if answered:
            error = _("您已经参与过本次调查，每人只能提交一次。")
        else:
            error, status = _submit(request, survey, form, voter)
            if error is None:
                messages.success(request, _("感谢您的参与，您的意见已提交。"))
                response = redirect("surveys:detail", survey_id=survey.pk)
                services.remember_voter(response, form.voter)
                return response
            form.renew_challenge()
    questions = list(survey.questions.prefetch_related("options"))
    for question in questions:
        question.chosen = set(posted.getlist(f"q{question.pk}")) if posted else set()
        question.posted_text = posted.get(f"q{question.pk}", "") if posted else ""
    response = render(request, "surveys/detail.html", {
        "survey": survey, "questions": questions, "answered": answered, "error": error, "form": form,
        "is_open": survey.is_open(), "results_shown": survey.results_shown,
    }, status=status if error else 200)
    if error or answered or survey.is_open():  # the form's question and token are this visitor's
        response.headers["Cache-Control"] = "private, no-store"
    return response


def _submit(request, survey: Survey, form: AnswerForm, voter: str | None) -> tuple[str | None, int]:
    """Store one answer sheet: (None, 302) or (the Chinese reason, status). The answers and the form's question
    are checked first; only a sheet about to be stored counts toward the per-address limit; the token is used in
    the transaction that stores it, so a double click or a replayed POST stores nothing the second time."""
    if not form.is_valid():
        return " ".join(message for messages_ in form.errors.values() for message in messages_), 400
    try:
        services.check_answers(survey, request.POST)
    except ActionRefused as exc:
        return exc.reason, 400
    if not spam.allow(request, "survey"):
        return _("提交过于频繁，请稍后再试。"), 429
    form.voter = voter or services.new_voter_id()
    try:
        with transaction.atomic():  # the token is used only if the answers are stored
            spam.consume_token(form.token_nonce, _("您的答卷已经提交过（可能重复点击了提交按钮），未再次提交。"))
            services.submit_response(survey, form.voter, request.POST)
    except spam.TokenProblem as problem:
        return str(problem), 409
    except ActionRefused as exc:
        return exc.reason, 400
    return None, 302


@require_safe
def results(request, survey_id: int):
    survey = get_object_or_404(Survey.objects.public().select_related("organization"), pk=survey_id)
    if not survey.results_shown:
        raise Http404
    total, found = services.results(survey)
    return render(request, "surveys/results.html", {"survey": survey, "total": total, "results": found})
