"""Permission-matrix registration: the unit's draft survey with one question."""

import datetime as dt

from django.utils import timezone

from gongkai.surveys import services
from gongkai.surveys.models import Option, Question, Survey


def fillers(unit) -> dict:
    today = timezone.localdate()
    survey = services.create_survey(unit.editor, unit.org, {
        "title": f"{unit.org.name}调查", "opens_on": today, "closes_on": today + dt.timedelta(days=10)})
    question = services.add_question(unit.editor, survey, "single", "满意吗", "满意\n不满意")
    return {"survey_id": [survey.pk], "survey_question_id": [question.pk]}


def snapshot(unit) -> dict:
    surveys = Survey.objects.filter(organization=unit.org)
    return {"surveys": list(surveys.order_by("pk").values()),
            "questions": list(Question.objects.filter(survey__in=surveys).order_by("pk").values()),
            "options": list(Option.objects.filter(question__survey__in=surveys).order_by("pk").values())}
