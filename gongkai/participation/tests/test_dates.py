"""Absurd dates on the staff forms (0001-01-01, 9999-12-31) get a clear error next to the field instead of a
500 (Beijing midnight of year 1 cannot be converted to UTC) or a public 「共739983日」 period."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.core.services import ActionRefused
from gongkai.participation import services
from gongkai.participation.factories import ConsultationFactory
from gongkai.participation.models import Consultation, Event, Hearing, PublishState
from gongkai.participation.tests.conftest import staff_token

pytestmark = pytest.mark.django_db
OUT_OF_RANGE = "日期须在2000-01-01至2100-12-31之间"


def _field_error(page: str, name: str) -> str:
    """The error rendered next to the field `name` (includes/field.html links it to the widget)."""
    return " ".join(re.findall(rf'id="id_{name}_error"[^>]*>(.*?)</', page, re.S))


@pytest.mark.parametrize("starts_at", ["0001-01-01T00:00", "9999-12-31T23:59"])
def test_a_hearing_starting_in_year_1_or_9999_is_refused_next_to_the_field(client, org, editor, starts_at):
    client.force_login(editor)
    response = client.post(reverse("participation_staff:hearing_create"), {
        "organization": org.pk, "title": "供热价格听证会", "matter": "供热价格", "starts_at": starts_at,
        "place": "会议室", "registration_closes_on": "9999-12-31"})
    page = response.content.decode()
    assert response.status_code == 200 and not Hearing.objects.exists()
    assert OUT_OF_RANGE in _field_error(page, "starts_at")
    assert OUT_OF_RANGE in _field_error(page, "registration_closes_on")
    assert 'min="2000-01-01T00:00"' in page and 'max="2100-12-31"' in page  # the picker offers only these


def test_an_event_starting_in_year_1_is_refused(client, org, editor):
    client.force_login(editor)
    response = client.post(reverse("participation_staff:activity_create"), {
        "organization": org.pk, "kind": "open_day", "title": "政府开放日", "topic": "参观",
        "starts_at": "0001-01-01T00:00", "place": "政务服务中心"})
    assert response.status_code == 200 and not Event.objects.exists()
    assert OUT_OF_RANGE in _field_error(response.content.decode(), "starts_at")


@pytest.mark.parametrize(("opens_on", "closes_on", "field"), [
    ("0001-01-01", "2027-01-02", "opens_on"), ("2026-01-01", "9999-12-31", "closes_on")])
def test_a_consultation_from_year_1_or_to_9999_is_refused(client, org, editor, opens_on, closes_on, field):
    client.force_login(editor)
    response = client.post(reverse("participation_staff:consultation_create"), {
        "organization": org.pk, "title": "关于《测试办法》征求意见", "draft": "<p>第一条 测试。</p>",
        "opens_on": opens_on, "closes_on": closes_on})
    assert response.status_code == 200 and not Consultation.objects.exists()
    assert OUT_OF_RANGE in _field_error(response.content.decode(), field)


def test_a_consultation_longer_than_a_year_is_refused(client, org, editor):
    today = timezone.localdate()
    client.force_login(editor)
    data = {"organization": org.pk, "title": "关于《测试办法》征求意见", "draft": "<p>第一条 测试。</p>",
            "opens_on": today.isoformat(), "closes_on": (today + dt.timedelta(days=365)).isoformat()}
    url = reverse("participation_staff:consultation_create")
    data = staff_token(client, url, **data)
    page = client.post(url, data).content.decode()
    assert "征求意见期限为366日，超过365日" in page and not Consultation.objects.exists()
    data["closes_on"] = (today + dt.timedelta(days=364)).isoformat()  # the refusal left the token unused
    assert client.post(url, data).status_code == 302


def test_an_extension_past_a_year_in_all_is_refused(org, reviewer):
    today = timezone.localdate()
    consultation = ConsultationFactory(organization=org, state=PublishState.PUBLISHED, opens_on=today,
                                       closes_on=today + dt.timedelta(days=30))
    with pytest.raises(ActionRefused, match="超过365日"):
        services.extend(reviewer, consultation, dt.date(9999, 12, 31), "延长")
    services.extend(reviewer, consultation, today + dt.timedelta(days=364), "延长")


def test_the_extend_form_refuses_an_absurd_date():
    from gongkai.participation.forms import ExtendForm

    form = ExtendForm({"new_closes_on": "9999-12-31", "reason": "延长"})
    assert not form.is_valid() and OUT_OF_RANGE in form.errors["new_closes_on"][0]
