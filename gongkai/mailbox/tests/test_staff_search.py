"""The staff list's keyword search finds only what the reader may see: the 政务公开办, which sees another
unit's messages with the numbers masked (services.may_see_personal), cannot learn which message holds a
given ID, mobile or landline number by searching for it; the handling unit, which sees the writer's
personal data, still finds a message by the number a caller gives."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.mailbox import services
from gongkai.mailbox.models import Message

pytestmark = pytest.mark.django_db
ID, MOBILE, LANDLINE = "370323199001011234", "13812345678", "0533-3221234"
CONTENT = f"我叫张三，身份证{ID}，电话{MOBILE}，座机{LANDLINE}，城区供暖何时开始？"


@pytest.fixture
def messages(county, unit, form_data):
    at_unit = services.submit_online(unit, {**form_data, "subject": f"供暖何时开始请回电{MOBILE}",
                                            "content": CONTENT}, today=dt.date(2026, 3, 2)).message
    # A 县长信箱 message not yet routed: the 政务公开办 holds it and sees its personal data.
    at_county = services.submit_online(county, {**form_data, "subject": "县城供暖问题", "content": CONTENT},
                                       today=dt.date(2026, 3, 2)).message
    return at_unit, at_county


def found(client, user, q):
    client.force_login(user)
    response = client.get(reverse("mailbox_staff:list"), {"q": q})
    assert response.status_code == 200
    return {row.pk for row in response.context["page"].object_list}


@pytest.mark.parametrize("q", [ID, MOBILE, "3221234", "0533-3221234", "38123", "199001011"])
def test_the_supervisor_cannot_find_another_units_message_by_a_masked_number(client, supervisor, messages, q):
    at_unit, at_county = messages
    assert found(client, supervisor, q) == {at_county.pk}  # its own 县长信箱 message, personal data shown


@pytest.mark.parametrize("q", ["供暖", "请回电", "5678", "0533-322"])
def test_the_supervisor_finds_what_it_sees(client, supervisor, messages, q):
    at_unit, at_county = messages
    assert found(client, supervisor, q) >= {at_unit.pk}


def test_the_supervisor_finds_a_message_by_its_number(client, supervisor, messages):
    at_unit, _at_county = messages
    assert found(client, supervisor, at_unit.tracking_number.lower()) == {at_unit.pk}


@pytest.mark.parametrize("q", [ID, MOBILE, "3221234"])
def test_the_handling_unit_finds_its_message_by_the_writers_number(client, editor, messages, q):
    at_unit, _at_county = messages
    assert found(client, editor, q) == {at_unit.pk}


def test_personal_organization_ids_agrees_with_may_see_personal(supervisor, editor, messages):
    for user in (supervisor, editor):
        ids = services.personal_organization_ids(user)
        for message in Message.objects.all():
            assert (message.organization_id in ids) == services.may_see_personal(user, message)


def test_a_control_character_in_the_search_is_a_bad_request_not_a_server_error(client, supervisor, messages):
    """PostgreSQL cannot compare a text with NUL: the staff list's search answered 500 there."""
    client.force_login(supervisor)
    client.raise_request_exception = False
    assert client.get(reverse("mailbox_staff:list"), {"q": "供暖\x00"}).status_code == 400
    assert client.get(reverse("mailbox_staff:list"), {"q": "供暖"}).status_code == 200
