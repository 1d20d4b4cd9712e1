"""Permission-matrix registration: the unit's published interview with a guest, a question and a turn."""

import datetime as dt

from django.utils import timezone

from gongkai.interviews import services
from gongkai.interviews.models import Guest, Interview, Question, Turn


def fillers(unit) -> dict:
    start = timezone.now() + dt.timedelta(days=3)
    interview = services.create_interview(unit.editor, unit.org, {
        "title": f"{unit.org.name}访谈", "starts_at": start, "ends_at": start + dt.timedelta(hours=1)})
    guest = services.add_guest(unit.editor, interview, "王某", "局长")
    services.publish(unit.reviewer, interview)
    question = services.submit_question(interview, "", "问题")
    turn = services.add_turn(unit.editor, interview, {"speaker": "guest", "guest": guest, "text": "回答"})
    return {"interview_id": [interview.pk], "guest_id": [guest.pk], "interview_question_id": [question.pk],
            "turn_id": [turn.pk]}


def snapshot(unit) -> dict:
    interviews = Interview.objects.filter(organization=unit.org)
    return {"interviews": list(interviews.order_by("pk").values()),
            "guests": list(Guest.objects.filter(interview__in=interviews).order_by("pk").values()),
            "questions": list(Question.objects.filter(interview__in=interviews).order_by("pk").values()),
            "turns": list(Turn.objects.filter(interview__in=interviews).order_by("pk").values())}
