"""Staff forms of 在线访谈 used twice by a double-click or a resent POST (auditD): during a live interview a
turn of the record is public at once, and a guest or a whole draft interview (which has no delete) would stay
twice. Each form carries a single-use token (requests.spam): the second POST does nothing and says so."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.interviews import services
from gongkai.interviews.models import Interview

pytestmark = pytest.mark.django_db


def token_of(page: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)


@pytest.fixture
def interview(unit, unit_editor, unit_reviewer):
    start = timezone.now() - dt.timedelta(minutes=10)  # live
    interview = services.create_interview(unit_editor, unit, {"title": "聚焦义务教育招生入学", "starts_at": start,
                                                              "ends_at": start + dt.timedelta(hours=1)})
    services.add_guest(unit_editor, interview, "李某某", "县教育和体育局局长")
    services.publish(unit_reviewer, interview)
    return interview


def test_a_double_clicked_turn_of_the_live_record_is_added_once(client, interview, unit_editor):
    client.force_login(unit_editor)
    detail = reverse("interviews_staff:detail", kwargs={"interview_id": interview.pk})
    page = client.get(detail).content.decode()
    tokens = re.findall(r'name="form_token" value="([^"]+)"', page)
    assert tokens and "Form token" not in page  # hidden (the turn form's; the guest form is the 审核员's)
    url = reverse("interviews_staff:turn_add", kwargs={"interview_id": interview.pk})
    data = {"speaker": "host", "text": "请介绍今年的招生政策。", "form_token": tokens[-1]}
    assert client.post(url, data).status_code == 302
    second = client.post(url, data, follow=True).content.decode()
    assert interview.turns.count() == 1 and "已经添加过" in second
    public = client.get(reverse("interviews:detail", kwargs={"interview_id": interview.pk})).content.decode()
    assert public.count("请介绍今年的招生政策。") == 1


def test_a_forged_token_adds_no_turn_and_keeps_what_was_typed(client, interview, unit_editor):
    client.force_login(unit_editor)
    url = reverse("interviews_staff:turn_add", kwargs={"interview_id": interview.pk})
    page = client.post(url, {"speaker": "host", "text": "请介绍今年的招生政策。", "form_token": "forged"}).content.decode()
    assert not interview.turns.exists() and "表单已失效" in page and "请介绍今年的招生政策。" in page


def test_a_double_clicked_guest_and_new_interview_are_added_once(client, interview, unit, unit_editor,
                                                                 unit_reviewer):
    client.force_login(unit_reviewer)  # a published interview's guests are the 审核员's
    page = client.get(reverse("interviews_staff:detail", kwargs={"interview_id": interview.pk})).content.decode()
    url = reverse("interviews_staff:guest_add", kwargs={"interview_id": interview.pk})
    data = {"name": "王某", "post": "科长", "form_token": token_of(page)}
    client.post(url, data)
    assert "已经添加过" in client.post(url, data, follow=True).content.decode()
    assert interview.guests.count() == 2
    page = client.get(reverse("interviews_staff:create")).content.decode()
    data = {"organization": unit.pk, "title": "新访谈", "starts_at": "2027-01-05T09:00", "ends_at": "2027-01-05T10:00",
            "form_token": token_of(page)}
    assert client.post(reverse("interviews_staff:create"), data).status_code == 302
    assert "已经新建过" in client.post(reverse("interviews_staff:create"), data, follow=True).content.decode()
    assert Interview.objects.filter(title="新访谈").count() == 1


def test_a_published_interviews_guests_are_changed_only_by_the_reviewer(client, interview, unit_editor,
                                                                        unit_reviewer):
    """The guests are public with the announcement: as for its title and time (auditD), an editor may not add or
    remove one once it is published, and the staff page offers the editor no such form."""
    from gongkai.core.services import ActionRefused

    guest = interview.guests.get()
    with pytest.raises(ActionRefused, match="审核员"):
        services.add_guest(unit_editor, interview, "王某", "科长")
    with pytest.raises(ActionRefused, match="审核员"):
        services.remove_guest(unit_editor, guest)
    assert list(interview.guests.values_list("name", flat=True)) == ["李某某"]
    client.force_login(unit_editor)
    page = client.get(reverse("interviews_staff:detail", kwargs={"interview_id": interview.pk})).content.decode()
    assert reverse("interviews_staff:guest_add", kwargs={"interview_id": interview.pk}) not in page
    services.add_guest(unit_reviewer, interview, "王某", "科长")
    assert interview.guests.count() == 2


def test_a_stale_guest_form_says_why_nothing_was_added_and_keeps_what_was_typed(client, interview, unit_reviewer):
    # The page left open overnight (its token expires after 12 hours) or a forged token: the 审核员 is told,
    # not shown the same page again in silence.
    client.force_login(unit_reviewer)
    url = reverse("interviews_staff:guest_add", kwargs={"interview_id": interview.pk})
    page = client.post(url, {"name": "王某", "post": "县教育和体育局科长", "form_token": "forged"}).content.decode()
    assert interview.guests.count() == 1
    assert "表单已失效" in page and "县教育和体育局科长" in page
    # The page shown carries a new token: submitting it again adds the guest.
    client.post(url, {"name": "王某", "post": "县教育和体育局科长", "form_token": token_of(page)})
    assert interview.guests.count() == 2


@pytest.mark.parametrize("who", ["unit_editor", "unit_reviewer"])
def test_the_staff_page_gives_each_element_its_own_id(client, interview, request, who):
    """The guest and turn forms each carry a hidden token: a screen reader or a label must find one element per id."""
    client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("interviews_staff:detail", kwargs={"interview_id": interview.pk})).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(re.findall(r'name="form_token"', page)) >= 1
    assert sorted(set(i for i in ids if ids.count(i) > 1)) == []
