"""A message whose reply deadline falls in a year whose 放假/调休 days nobody has entered (2027 with
chinesecalendar 1.11): the pages say 期限待定 instead of nothing, and the administrator is asked to enter it."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.mailbox import queries, services
from gongkai.workdays import calendar as calendar_module

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 21)
PENDING = "期限待定（2027年节假日安排尚未录入）"


@pytest.fixture(autouse=True)
def _late_2026(monkeypatch):
    real = calendar_module._library_knows
    monkeypatch.setattr(calendar_module, "_library_knows", lambda year: year <= 2026 and real(year))
    monkeypatch.setattr("gongkai.mailbox.queries.timezone.localdate", lambda: TODAY)


def test_a_deadline_in_an_unentered_year_reads_pending_everywhere(unit, supervisor, form_data, client, admin_user):
    # A complaint received Monday 2026-12-21: 15 working days run past 2026-12-31 (12-22..31 are 8).
    submitted = services.submit_online(unit, {**form_data, "kind": "complaint"}, today=TODAY)
    message = submitted.message
    clock = queries.clock(message)
    assert clock.due is None and clock.pending_year == 2027 and clock.pending_label == PENDING

    client.post(reverse("mailbox:lookup"), {"tracking_number": message.tracking_number,
                                           "query_code": submitted.query_code})
    mine = client.get(reverse("mailbox:mine")).content.decode()
    assert "答复期限" in mine and PENDING in mine

    client.force_login(supervisor)
    assert PENDING in client.get(reverse("mailbox_staff:list")).content.decode()
    assert PENDING in client.get(reverse("mailbox_staff:detail", args=[message.pk])).content.decode()

    assert queries.pending_calendar_years() == {2027: 1}
    client.force_login(admin_user)
    home = client.get("/staff/").content.decode()
    assert "1 件留言的答复期限落在 2027 年" in home
    assert "/admin/workdays/calendaryear/from-notice/?year=2027" in home


def test_a_message_answered_before_the_unentered_year_began_was_answered_in_time(unit, supervisor, form_data):
    """Its deadline is some day in 2027, so a reply given on 2026-12-23 met it: no 期限待定 for it."""
    message = services.submit_online(unit, {**form_data, "kind": "complaint"}, today=TODAY).message
    message.state, message.replied_on = "answered", dt.date(2026, 12, 23)
    message.save()
    clock = queries.clock(message)
    assert clock.pending_year is None and clock.label == "按期答复"
