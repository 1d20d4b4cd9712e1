"""An event's (and a hearing's) registration: closing on or before the day it takes place, a capacity of
1 to MAX_CAPACITY, a bounded topic; each refusal next to its field, and the services refuse them too."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.core.services import ActionRefused
from gongkai.participation import gatherings
from gongkai.participation.models import Event, Hearing
from gongkai.participation.tests.conftest import staff_token

pytestmark = pytest.mark.django_db
STARTS = dt.date(2027, 3, 10)


def _field_error(page: str, name: str) -> str:
    return " ".join(re.findall(rf'id="id_{name}_error"[^>]*>(.*?)</', page, re.S))


def _event(org, **extra):
    return {"organization": org.pk, "kind": "open_day", "title": "政府开放日", "topic": "参观政务服务中心",
            "starts_at": f"{STARTS.isoformat()}T09:00", "place": "政务服务中心",
            "registration_closes_on": "2027-03-05", "capacity": "30"} | extra


@pytest.mark.parametrize(("extra", "field", "error"), [
    ({"registration_closes_on": "2027-03-11"}, "registration_closes_on", "报名截止日期不能晚于活动日期（2027-03-10）"),
    ({"capacity": "0"}, "capacity", "名额须至少1人"),
    ({"capacity": "10001"}, "capacity", "名额不能超过10000人"),
    ({"capacity": "2147483648"}, "capacity", ""),  # beyond PostgreSQL's integer: refused, never a 500
    ({"topic": "题" * 2001}, "topic", "2000"),
])
def test_an_event_form_refuses_next_to_the_field(client, org, editor, extra, field, error):
    client.force_login(editor)
    response = client.post(reverse("participation_staff:activity_create"), _event(org, **extra))
    assert response.status_code == 200 and not Event.objects.exists()
    assert error in _field_error(response.content.decode(), field) and _field_error(response.content.decode(), field)


def test_an_event_closing_on_its_own_day_with_seats_is_saved(client, org, editor):
    client.force_login(editor)
    url = reverse("participation_staff:activity_create")
    response = client.post(url, staff_token(client, url, **_event(org, registration_closes_on=STARTS.isoformat(),
                                                                  capacity="10000")))
    assert response.status_code == 302 and Event.objects.get().capacity == 10000


def test_a_hearing_closing_after_it_took_place_is_refused(client, org, editor):
    client.force_login(editor)
    page = client.post(reverse("participation_staff:hearing_create"), {
        "organization": org.pk, "title": "供热价格听证会", "matter": "供热价格", "starts_at": "2027-03-10T09:00",
        "place": "会议室", "registration_closes_on": "2027-04-01", "capacity": "0"}).content.decode()
    assert "报名截止日期不能晚于活动日期" in _field_error(page, "registration_closes_on")
    assert "名额须至少1人" in _field_error(page, "capacity") and not Hearing.objects.exists()


def test_the_service_refuses_what_the_form_would(org, editor):
    starts = timezone.make_aware(dt.datetime(2027, 3, 10, 9))
    data = {"kind": "open_day", "title": "政府开放日", "topic": "参观", "starts_at": starts, "place": "中心",
            "registration_closes_on": dt.date(2027, 3, 5)}
    for bad, match in (({"capacity": 0}, "名额须至少1人"), ({"capacity": 2**31}, "名额不能超过"),
                       ({"capacity": 5, "registration_closes_on": dt.date(2027, 3, 11)}, "不能晚于活动日期"),
                       ({"topic": "题" * 2001}, "不能超过2000字")):
        with pytest.raises(ActionRefused, match=match):
            gatherings.save_event(editor, Event(organization=org), data | bad)
    assert not Event.objects.exists()
