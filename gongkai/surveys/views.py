"""Public 征集调查 pages (/zjdc/): the list, each survey's form while it is open (one answer per person),
and the results of a closed survey as tables with a chart of the same numbers."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.core.services import ActionRefused
from gongkai.requests import spam
from gongkai.surveys import services
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
    error, posted = None, None
    if request.method == "POST":
        posted = request.POST
        if answered:
            error = _("您已经参与过本次调查，每人只能提交一次。")
        elif request.POST.get("website"):
            error = _("提交未被接受。")
        elif not spam.allow(request, "survey"):
            error = _("提交过于频繁，请稍后再试。")
        else:
            voter = voter or services.new_voter_id()
            try:
                services.submit_response(survey, voter, request.POST)
            except ActionRefused as exc:
                error = exc.reason
            else:
                messages.success(request, _("感谢您的参与，您的意见已提交。"))
                response = redirect("surveys:detail", survey_id=survey.pk)
                services.remember_voter(response, voter)
                return response
    questions = list(survey.questions.prefetch_related("options"))
    for question in questions:
        question.chosen = set(posted.getlist(f"q{question.pk}")) if posted else set()
        question.posted_text = posted.get(f"q{question.pk}", "") if posted else ""
    response = render(request, "surveys/detail.html", {
        "survey": survey, "questions": questions, "answered": answered, "error": error,
        "is_open": survey.is_open(), "results_shown": survey.results_shown,
    }, status=400 if error else 200)
    if error or answered:
        response.headers["Cache-Control"] = "private, no-store"
    return response


@require_safe
def results(request, survey_id: int):
    survey = get_object_or_404(Survey.objects.public().select_related("organization"), pk=survey_id)
    if not survey.results_shown:
        raise Http404
    total, found = services.results(survey)
    return render(request, "surveys/results.html", {"survey": survey, "total": total, "results": found})
