"""Public 在线访谈 pages (/zxft/): upcoming and past interviews, each with its guests, the approved
questions of the public, the text record, images and video, and the question form before it starts."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gongkai.core.services import ActionRefused
from gongkai.interviews import services
from gongkai.interviews.forms import QuestionForm
from gongkai.interviews.models import Interview, Question
from gongkai.requests import spam


@require_safe
def index(request):
    interviews = list(Interview.objects.public().select_related("organization"))
    upcoming = [i for i in interviews if i.public_state != _("已结束")]
    return render(request, "interviews/index.html", {
        "upcoming": sorted(upcoming, key=lambda i: i.starts_at),
        "archive": [i for i in interviews if i not in upcoming],
    })


def _page(request, interview: Interview, form=None, status=200):
    return render(request, "interviews/detail.html", {
        "interview": interview, "guests": list(interview.guests.all()),
        "turns": list(interview.turns.select_related("guest", "question")),
        "questions": list(interview.questions.filter(state=Question.State.APPROVED)),
        "form": form or (QuestionForm() if interview.accepts_questions else None),
    }, status=status)


@require_safe
def detail(request, interview_id: int):
    return _page(request, get_object_or_404(Interview.objects.public().select_related("organization"), pk=interview_id))


@require_POST
def ask(request, interview_id: int):
    interview = get_object_or_404(Interview.objects.public().select_related("organization"), pk=interview_id)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        form.renew_challenge()
        return _page(request, interview, form, status=400)
    if not spam.allow(request, "interview_question"):
        form.add_error(None, _("提交过于频繁，请稍后再试。"))
        form.renew_challenge()
        return _page(request, interview, form, status=429)
    try:
        with transaction.atomic():  # the token is used only if the question is saved
            spam.consume_token(form.token_nonce, _("您的问题已经提交过（可能重复点击了提交按钮），未再次提交。"
                                                    "如需再提一个问题，请重新填写。"))
            services.submit_question(interview, form.cleaned_data["nickname"], form.cleaned_data["text"])
    except spam.TokenProblem as problem:
        form.add_error(None, str(problem))
        form.renew_challenge()
        return _page(request, interview, form, status=409)
    except ActionRefused as exc:
        form.add_error(None, exc.reason)
        form.renew_challenge()
        return _page(request, interview, form, status=400)
    messages.success(request, _("您的问题已提交，经审核后显示。"))
    return redirect("interviews:detail", interview_id=interview.pk)
