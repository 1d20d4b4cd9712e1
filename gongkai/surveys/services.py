"""征集调查 services: building a survey (questions and options), publishing it, the public's answers (one
per person) and the results.

One answer per person: the visitor's browser carries a random id in a signed cookie (`VOTER_COOKIE`); a
response stores only a keyed digest of (survey, id), unique per survey, so a second answer from the same
browser is refused by the database. A visitor who clears the cookie still meets the public forms' defences
(requests.spam, as 在线访谈's questions): each answer sheet carries an arithmetic question and a signed token
used once, in the transaction that stores the answers, and the per-address rate limit (bucket 「survey」)
counts only answer sheets that are about to be stored — a citizen's mistakes (an unanswered question, a
wrong sum) do not use it up.
"""

import secrets
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record
from gongkai.core import crypto
from gongkai.core.forms import CONTROL_CHARS, date_in_range, date_range_message, is_plain_text
from gongkai.core.masking import mask_numbers
from gongkai.core.services import ActionRefused
from gongkai.surveys.models import Answer, Option, Question, Response, Survey

VOTER_COOKIE = "gk_voter"
VOTER_SALT = "gongkai.surveys.voter"
VOTER_MAX_AGE = 2 * 365 * 24 * 3600
MAX_TEXT_CHARS = 2000
MAX_DESCRIPTION_CHARS = 2000  # as 在线访谈's 内容简介: the page shows it in full above the questions
MAX_OPTIONS = 20
MAX_QUESTION_CHARS = 300  # Question.text's column
MAX_OPTION_CHARS = 200  # Option.text's column


def _require(actor, perm: str, organization_id: int) -> None:
    """Refuse unless `actor` holds `perm` in the unit; a missing actor is refused too (every change is someone's)."""
    if actor is None or not has_perm(actor, perm, organization_id):
        raise ActionRefused(_("您没有权限执行此操作（仅限本单位有相应岗位的人员）。"))


def update_permission(survey: Survey) -> str:
    """The permission a change of the survey needs: a draft is the editors' (interaction.manage); once
    published, a change is live at once without review, so it is the 审核员's (interaction.publish)."""
    return "interaction.manage" if survey.state == Survey.State.DRAFT else "interaction.publish"


def may_update(actor, survey: Survey) -> bool:
    return has_perm(actor, "interaction.manage", survey.organization_id) and has_perm(
        actor, update_permission(survey), survey.organization_id)


def _purge() -> None:
    from gongkai.core import pagecache

    prefix = reverse("surveys:index")
    transaction.on_commit(lambda: pagecache.purge(["/", prefix], [prefix]) if pagecache.enabled() else None)


def _plain(text: str, label: str) -> str:
    """`text` trimmed; refused with a control character (NUL cannot be stored in PostgreSQL, and the RSS feed
    and the page cannot hold the others), as the forms refuse it (core.forms.PlainTextValidator)."""
    text = (text or "").strip()
    if CONTROL_CHARS.search(text):
        raise ActionRefused(_("“%(field)s”不能包含控制字符，请只填写文字。") % {"field": label})
    return text


def _check(data: dict) -> dict:
    title = _plain(data.get("title"), _("标题"))
    if not title:
        raise ActionRefused(_("请填写标题。"))
    opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
    if opens_on is None or closes_on is None:
        raise ActionRefused(_("请填写开始日期和截止日期。"))
    if not (date_in_range(opens_on) and date_in_range(closes_on)):
        raise ActionRefused(date_range_message())
    if closes_on < opens_on:
        raise ActionRefused(_("截止日期不能早于开始日期。"))
    description = _plain(data.get("description"), _("说明"))
    if len(description) > MAX_DESCRIPTION_CHARS:
        raise ActionRefused(_("说明不能超过%(n)d字。") % {"n": MAX_DESCRIPTION_CHARS})
    return {"title": title[:200], "description": description, "opens_on": opens_on,
            "closes_on": closes_on, "results_public": bool(data.get("results_public"))}


def _snapshot(survey: Survey) -> dict:
    return {"title": survey.title, "opens_on": str(survey.opens_on), "closes_on": str(survey.closes_on),
            "results_public": survey.results_public, "state": survey.state}


@transaction.atomic
def create_survey(actor, organization, data: dict, request=None) -> Survey:
    _require(actor, "interaction.manage", organization.id)
    survey = Survey.objects.create(organization=organization, **_check(data))
    record(actor, "survey.create", survey, organization=organization, after=_snapshot(survey), request=request)
    return survey


@transaction.atomic
def update_survey(actor, survey: Survey, data: dict, request=None) -> Survey:
    """Title, text and dates. A published survey is changed only by the unit's 审核员 (the change is public at
    once, with no review: `update_permission`), and once the public has answered, what they answered stays as
    they saw it: the wording (title, description) no longer changes, the survey does not close before today
    (which would show the results early) and does not open later than announced. Extending the deadline stays
    possible."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _require(actor, "interaction.manage", survey.organization_id)
    if survey.state != Survey.State.DRAFT and not has_perm(actor, "interaction.publish", survey.organization_id):
        raise ActionRefused(_("调查已发布，修改会立即公开，须由本单位审核员进行。"))
    before = _snapshot(survey)
    checked = _check(data)
    if survey.responses.exists():
        _check_answered(survey, checked)
    for name, value in checked.items():
        setattr(survey, name, value)
    survey.save()
    record(actor, "survey.update", survey, organization=survey.organization, before=before, after=_snapshot(survey),
           request=request)
    if survey.state == Survey.State.PUBLISHED:
        _purge()
    return survey


def _check_answered(survey: Survey, checked: dict) -> None:
    if checked["title"] != survey.title or checked["description"] != survey.description.strip():
        raise ActionRefused(_("已有公众提交答卷，调查的标题和说明不能再修改。"))
    today = timezone.localdate()
    if checked["closes_on"] != survey.closes_on and checked["closes_on"] < today:  # would show the results now
        raise ActionRefused(_("已有公众提交答卷，截止日期不能改到今天以前。"))
    if checked["opens_on"] > survey.opens_on:
        raise ActionRefused(_("已有公众提交答卷，开始日期不能推后。"))


@transaction.atomic
def add_question(actor, survey: Survey, kind: str, text: str, options_text: str = "", required: bool = True,
                 request=None) -> Question:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _require(actor, "interaction.manage", survey.organization_id)
    if survey.state != Survey.State.DRAFT:
        raise ActionRefused(_("调查已发布，不能再修改题目。"))
    text = _plain(text, _("题目"))
    if not text:
        raise ActionRefused(_("请填写题目。"))
    if len(text) > MAX_QUESTION_CHARS:
        raise ActionRefused(_("题目不能超过%(n)d个字。") % {"n": MAX_QUESTION_CHARS})
    if kind not in Question.Kind.values:
        raise ActionRefused(_("请选择题型。"))
    # Checked whole before splitting: str.splitlines() also splits at \x0b, \x0c and \x1c–\x1e.
    options = [line.strip() for line in _plain(options_text, _("选项")).splitlines() if line.strip()]
    too_long = next((option for option in options if len(option) > MAX_OPTION_CHARS), None)
    if too_long is not None:
        raise ActionRefused(_("每个选项不能超过%(n)d个字：%(option)s……") % {"n": MAX_OPTION_CHARS,
                                                                         "option": too_long[:20]})
    if kind != Question.Kind.TEXT and len(options) < 2:
        raise ActionRefused(_("单选题、多选题至少要有两个选项（每行一个）。"))
    if len(options) > MAX_OPTIONS:
        raise ActionRefused(_("选项不能超过%(n)d个。") % {"n": MAX_OPTIONS})
    if len(set(options)) != len(options):
        raise ActionRefused(_("选项不能重复。"))
    position = (survey.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    question = Question.objects.create(survey=survey, position=position, kind=kind, text=text, required=required)
    if kind != Question.Kind.TEXT:
        Option.objects.bulk_create([Option(question=question, position=i, text=o) for i, o in enumerate(options, 1)])
    record(actor, "survey.add_question", survey, organization=survey.organization,
           after={"question": question.text, "kind": kind, "options": options}, request=request)
    return question


@transaction.atomic
def remove_question(actor, question: Question, request=None) -> None:
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    _require(actor, "interaction.manage", survey.organization_id)
    if survey.state != Survey.State.DRAFT:
        raise ActionRefused(_("调查已发布，不能再修改题目。"))
    record(actor, "survey.remove_question", survey, organization=survey.organization,
           before={"question": question.text}, after={}, request=request)
    question.delete()


@transaction.atomic
def publish(actor, survey: Survey, request=None) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _require(actor, "interaction.publish", survey.organization_id)
    if survey.state != Survey.State.DRAFT:
        raise ActionRefused(_("调查已发布。"))
    if not survey.questions.exists():
        raise ActionRefused(_("请先添加题目。"))
    if survey.closes_on < timezone.localdate():
        raise ActionRefused(_("截止日期已过，请先修改日期。"))
    survey.state, survey.published_at = Survey.State.PUBLISHED, timezone.now()
    survey.save()
    record(actor, "survey.publish", survey, organization=survey.organization,
           before={"state": Survey.State.DRAFT}, after={"state": survey.state}, request=request)
    _purge()
    return survey


# --- Answers -----------------------------------------------------------------------------------------------------


def new_voter_id() -> str:
    return secrets.token_urlsafe(18)


def voter_id(request) -> str | None:
    return request.get_signed_cookie(VOTER_COOKIE, default=None, salt=VOTER_SALT, max_age=VOTER_MAX_AGE)


def remember_voter(response, value: str) -> None:
    response.set_signed_cookie(VOTER_COOKIE, value, salt=VOTER_SALT, max_age=VOTER_MAX_AGE, httponly=True,
                               samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)


def voter_digest(survey: Survey, value: str) -> str:
    return crypto.digest("survey-voter", f"{survey.pk}:{value}")


def has_answered(survey: Survey, value: str | None) -> bool:
    return bool(value) and Response.objects.filter(survey=survey, voter=voter_digest(survey, value)).exists()


class AnswerProblems(ActionRefused):
    """Answers that do not fit their questions: `by_question` maps each question's pk to its reason, so the
    form can show each beside its question (the summary lists them all)."""

    def __init__(self, reason: str, by_question: dict[int, str]):
        super().__init__(reason)
        self.by_question = by_question


def check_answers(survey: Survey, data) -> None:
    """Refuse (ActionRefused) answers that do not fit the questions, before anything is counted or stored."""
    _answers(survey, data)


def _answer_problem(question: Question, data, answers: list[Answer]) -> str | None:
    """One question's answer, appended to `answers`, or the reason it does not fit."""
    name = f"q{question.pk}"
    options = {str(o.pk): o for o in question.options.all()}
    if question.kind == Question.Kind.TEXT:
        text = mask_numbers((data.get(name) or "").strip())
        # NUL cannot be stored in PostgreSQL text at all; a bidi control would turn round what the staff read.
        if not is_plain_text(text):
            return _("“%(q)s”的意见不能包含控制字符，请只填写文字。") % {"q": question.text}
        if len(text) > MAX_TEXT_CHARS:
            return _("“%(q)s”的意见不能超过%(n)d个字。") % {"q": question.text, "n": MAX_TEXT_CHARS}
        if text:
            answers.append(Answer(question=question, text=text))
        elif question.required:
            return _("请回答：%(q)s") % {"q": question.text}
        return None
    chosen = data.getlist(name) if hasattr(data, "getlist") else list(data.get(name) or [])
    chosen = list(dict.fromkeys(chosen))
    if any(value not in options for value in chosen):
        return _("“%(q)s”提交的选项无效，请刷新页面后重新填写。") % {"q": question.text}
    if question.kind == Question.Kind.SINGLE and len(chosen) > 1:
        return _("“%(q)s”是单选题，只能选择一项。") % {"q": question.text}
    if not chosen and question.required:
        return _("请回答：%(q)s") % {"q": question.text}
    answers.extend(Answer(question=question, option=options[value]) for value in chosen)
    return None


def _answers(survey: Survey, data) -> list[Answer]:
    """Validate the posted answers (`data`: a QueryDict, fields q<id>) into unsaved Answer rows; every question
    that does not fit is named (AnswerProblems)."""
    answers, problems = [], {}
    for question in survey.questions.prefetch_related("options"):
        problem = _answer_problem(question, data, answers)
        if problem:
            problems[question.pk] = problem
    if problems:
        raise AnswerProblems("；".join(problems.values()), problems)
    if not answers:
        raise ActionRefused(_("请至少回答一个问题。"))
    return answers


@transaction.atomic
def submit_response(survey: Survey, voter: str, data) -> Response:
    """Store one visitor's answers; refused when the survey is not open or this voter already answered."""
    survey = Survey.objects.get(pk=survey.pk)
    if not survey.is_open():
        raise ActionRefused(_("该调查不在征集期内。"))
    answers = _answers(survey, data)
    with transaction.atomic():  # the answer sheet and its answers together, or nothing
        try:
            with transaction.atomic():
                response = Response.objects.create(survey=survey, voter=voter_digest(survey, voter))
        except IntegrityError as exc:
            raise ActionRefused(_("您已经参与过本次调查，每人只能提交一次。")) from exc
        for answer in answers:
            answer.response = response
        Answer.objects.bulk_create(answers)
    return response


# --- Results -----------------------------------------------------------------------------------------------------


def percent(part: int, whole: int) -> str:
    if not whole:
        return "0%"
    return f"{(Decimal(part) * 100 / Decimal(whole)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


@dataclass
class OptionResult:
    text: str
    count: int
    share: str  # of the responses that answered the question
    bar: int  # per mille, for the chart


@dataclass
class QuestionResult:
    question: Question
    answered: int
    options: list[OptionResult] = field(default_factory=list)


def results(survey: Survey) -> tuple[int, list[QuestionResult]]:
    """(number of responses, per question: how many answered it and, for choices, each option's count)."""
    total = survey.responses.count()
    per_option = dict(Answer.objects.filter(response__survey=survey, option__isnull=False)
                      .values_list("option_id").annotate(n=Count("id")))
    answered = dict(Answer.objects.filter(response__survey=survey).values_list("question_id")
                    .annotate(n=Count("response_id", distinct=True)))
    found = []
    for question in survey.questions.prefetch_related("options"):
        n = answered.get(question.pk, 0)
        result = QuestionResult(question, n)
        for option in question.options.all():
            count = per_option.get(option.pk, 0)
            result.options.append(OptionResult(option.text, count, percent(count, n), round(1000 * count / n) if n else 0))
        found.append(result)
    return total, found


def text_answers(survey: Survey):
    return (Answer.objects.filter(response__survey=survey, option__isnull=True).exclude(text="")
            .select_related("question", "response").order_by("question__position", "response__submitted_at"))
