"""The text record is public as soon as a turn is entered: ID and mobile numbers in it (a citizen's question
retyped by staff) are masked on the page, in search and in the audit log; turns entered before are masked by
migration 0004."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from gongkai.interviews import services
from gongkai.interviews.models import Turn

pytestmark = pytest.mark.django_db

ID_NUMBER, MOBILE = "370323199001011234", "13912345678"


@pytest.fixture
def interview(unit, unit_editor, unit_reviewer):
    start = timezone.now() + dt.timedelta(days=2)
    interview = services.create_interview(unit_editor, unit, {
        "title": "聚焦义务教育招生入学", "starts_at": start, "ends_at": start + dt.timedelta(hours=1)})
    services.add_guest(unit_editor, interview, "李某某", "县教育和体育局局长")
    services.publish(unit_reviewer, interview)
    return interview


def test_a_retyped_question_with_an_id_and_a_mobile_number_is_masked_on_the_public_page(client, interview,
                                                                                        unit_editor):
    page_url = reverse("interviews:detail", kwargs={"interview_id": interview.pk})
    client.force_login(unit_editor)
    response = client.post(reverse("interviews_staff:turn_add", kwargs={"interview_id": interview.pk}), {
        "speaker": "host", "text": f"网友问：我身份证{ID_NUMBER}，电话{MOBILE}，孩子能报名吗？办公室电话0533-3221234。",
        "form_token": _token(client, interview)}, follow=True)
    assert response.status_code == 200
    client.logout()
    page = client.get(page_url).content.decode()
    assert "孩子能报名吗" in page
    assert ID_NUMBER not in page and MOBILE not in page
    assert "3703**********1234" in page and "139****5678" in page and "0533-3221234" in page
    assert services.search_interviews([ID_NUMBER]) == [] and services.search_interviews([MOBILE]) == []


def test_turns_entered_before_are_masked_by_the_migration(client, interview, unit_editor):
    turn = services.add_turn(unit_editor, interview, {"speaker": "host", "text": "电话待补"})
    Turn.objects.filter(pk=turn.pk).update(text=f"电话{MOBILE}，身份证 370323 19900101 1234")
    importlib.import_module("gongkai.interviews.migrations.0004_mask_record_turns").remask(apps, None)
    page = client.get(reverse("interviews:detail", kwargs={"interview_id": interview.pk})).content.decode()
    assert MOBILE not in page and "19900101" not in page and "139****5678" in page


def _token(client, interview) -> str:
    import re

    page = client.get(reverse("interviews_staff:detail", kwargs={"interview_id": interview.pk})).content.decode()
    return re.findall(r'name="form_token" value="([^"]+)"', page)[-1]


def test_a_question_with_a_direction_override_is_refused_on_the_form_and_by_the_service(client, interview):
    """An adopted question is published (as a 县长信箱 letter): a right-to-left override, invisible to the 审核员,
    would turn round what the page shows (「报名费\u202e元005」 reads 「报名费500元」)."""
    from gongkai.core.services import ActionRefused
    from gongkai.interviews.models import Question
    from gongkai.participation.tests.conftest import form_data

    url = reverse("interviews:detail", kwargs={"interview_id": interview.pk})
    ask = reverse("interviews:ask", kwargs={"interview_id": interview.pk})
    response = client.post(ask, form_data(client, url, nickname="", text="报名费\u202e元005吗？"))
    assert response.status_code == 400 and "“您的问题”不能包含控制字符，请只填写文字。" in response.content.decode()
    with pytest.raises(ActionRefused, match="控制字符"):
        services.submit_question(interview, "", "报名费\u2067元005吗？")
    assert not Question.objects.exists()


def test_published_fields_refuse_an_id_number_and_names_a_personal_mobile(client, unit, unit_editor, unit_reviewer,
                                                                         interview):
    """The title, the 内容简介 and the guests are published as typed: an ID number is refused with a clear
    message (a mobile too, but for the 内容简介, which may name a unit's contact), as proposals' published fields."""
    from gongkai.core.services import ActionRefused
    from gongkai.interviews.models import Interview

    client.force_login(unit_editor)
    page = client.post(reverse("interviews_staff:create"), {
        "organization": unit.pk, "title": "访谈", "summary": f"联系人身份证{ID_NUMBER}",
        "starts_at": "2027-01-05T09:00", "ends_at": "2027-01-05T10:00", "form_token": _create_token(client)}).content.decode()
    assert "“内容简介”不得包含居民身份证号码（该内容向社会公开）。" in page and Interview.objects.count() == 1
    start = timezone.now() + dt.timedelta(days=3)
    with pytest.raises(ActionRefused, match="访谈主题.*手机号码"):
        services.create_interview(unit_editor, unit, {"title": f"热线{MOBILE}", "starts_at": start,
                                                      "ends_at": start + dt.timedelta(hours=1)})
    with pytest.raises(ActionRefused, match="姓名.*身份证"):
        services.add_guest(unit_reviewer, Interview.objects.get(pk=interview.pk), f"李某{ID_NUMBER}", "局长")
    assert services.create_interview(unit_editor, unit, {
        "title": "访谈", "summary": f"咨询电话{MOBILE}", "starts_at": start, "ends_at": start + dt.timedelta(hours=1)})


def _create_token(client) -> str:
    import re

    page = client.get(reverse("interviews_staff:create")).content.decode()
    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)
