"""「结束访谈并归档」 is offered only once the interview has started (services.finish refuses it before);
before that the page says when it becomes available."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.interviews import services
from gongkai.interviews.models import Interview

pytestmark = pytest.mark.django_db


def test_the_finish_button_appears_only_from_the_start_time(client, unit, unit_editor, unit_reviewer):
    start = timezone.now() + dt.timedelta(days=2)
    interview = services.create_interview(unit_editor, unit, {
        "title": "聚焦义务教育招生入学", "summary": "介绍今年招生政策。", "starts_at": start,
        "ends_at": start + dt.timedelta(hours=1)})
    services.add_guest(unit_editor, interview, "李某某", "县教育和体育局局长")
    services.publish(unit_reviewer, interview)
    client.force_login(unit_reviewer)
    url = reverse("interviews_staff:detail", kwargs={"interview_id": interview.pk})
    page = client.get(url).content.decode()
    assert "结束访谈并归档</button>" not in page
    assert f"访谈开始（{timezone.localtime(start):%Y-%m-%d %H:%M}）后，可在这里结束访谈并归档。" in page
    Interview.objects.filter(pk=interview.pk).update(starts_at=timezone.now() - dt.timedelta(minutes=5))
    page = client.get(url).content.decode()
    assert "结束访谈并归档</button>" in page and "后，可在这里结束访谈并归档" not in page


def test_an_archived_record_is_changed_only_by_the_reviewer(client, unit, unit_editor, unit_reviewer):
    """Once the 审核员 has ended and archived the interview, the record is public and checked: an editor can no
    longer remove or add a turn (page, URL or service); the 审核员 still can, audited."""
    from gongkai.audit.models import AuditEvent
    from gongkai.core.services import ActionRefused

    start = timezone.now() - dt.timedelta(hours=2)
    interview = services.create_interview(unit_editor, unit, {
        "title": "聚焦义务教育招生入学", "starts_at": start, "ends_at": start + dt.timedelta(hours=1)})
    services.add_guest(unit_editor, interview, "李某某", "县教育和体育局局长")
    services.publish(unit_reviewer, interview)
    turn = services.add_turn(unit_editor, interview, {"speaker": "host", "text": "请介绍今年的招生政策。"})
    services.finish(unit_reviewer, interview)
    client.force_login(unit_editor)
    url = reverse("interviews_staff:detail", kwargs={"interview_id": interview.pk})
    page = client.get(url).content.decode()
    assert "访谈已归档，修改实录会立即公开，须由本单位审核员进行。" in page
    assert "添加一段实录" not in page and "turns/%d/remove" % turn.pk not in page
    client.post(reverse("interviews_staff:turn_remove", kwargs={"interview_id": interview.pk, "turn_id": turn.pk}))
    assert interview.turns.filter(pk=turn.pk).exists()
    with pytest.raises(ActionRefused, match="审核员"):
        services.add_turn(unit_editor, interview, {"speaker": "host", "text": "补充说明。"})
    client.force_login(unit_reviewer)
    assert "添加一段实录" in client.get(url).content.decode()
    services.remove_turn(unit_reviewer, turn)
    assert not interview.turns.exists() and AuditEvent.objects.filter(action="interview.remove_turn").exists()
