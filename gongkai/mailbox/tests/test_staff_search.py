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


def _read_every_message(q, personal_ids):
    """What the search found when it read every matching message and masked it in Python (before
    Message.shown_text): the reference the database's answer must equal."""
    from gongkai.core.masking import mask_personal_numbers

    term = q.casefold()
    return {m.pk for m in Message.objects.all()
            if m.tracking_number.casefold() == term
            or (m.organization_id in personal_ids and (term in m.subject.casefold() or term in m.content.casefold()))
            or (m.organization_id not in personal_ids and (term in mask_personal_numbers(m.subject).casefold()
                                                             or term in mask_personal_numbers(m.content).casefold()))}


@pytest.mark.parametrize("q", ["供暖", ID, MOBILE, "3221234", "0533-322", "5678", "请回电", "电话", "**", "县城",
                               "城区供暖何时开始？"])
def test_the_database_finds_what_reading_every_message_found(supervisor, editor, messages, form_data, unit,
                                                             other_unit, q):
    """Results unchanged, but for one gain: text only the masked form holds (「**」, 「138****5678」 as the list shows
    it) is found now; the database used to narrow by the text as typed first, which has no 「*」."""
    from gongkai.mailbox import queries

    services.submit_online(other_unit, {**form_data, "subject": "供暖费", "content": f"电话{LANDLINE}，{ID}"},
                           today=dt.date(2026, 3, 3))
    for user in (supervisor, editor):
        personal = services.personal_organization_ids(user)
        found = set(queries.staff_matching(Message.objects.all(), q, personal).values_list("pk", flat=True))
        assert found == _read_every_message(q, personal)
    tracking = Message.objects.first().tracking_number
    assert set(queries.staff_matching(Message.objects.all(), tracking, set()).values_list("pk", flat=True)) == (
        _read_every_message(tracking, set()))


def test_the_search_reads_no_message_to_decide(supervisor, messages):
    """Over masked text the search read every message holding the word into Python (a common word, thousands
    across a county); the database now answers it in the one query that counts the page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.mailbox import queries

    personal = services.personal_organization_ids(supervisor)
    with CaptureQueriesContext(connection) as captured:
        assert queries.staff_matching(Message.objects.all(), "供暖", personal).count() == 2
    assert len(captured) == 1


def test_the_shown_text_is_filled_on_save_and_for_existing_messages(messages):
    import importlib

    from django.apps import apps

    at_unit, _at_county = messages
    assert ID not in at_unit.shown_text and "138****5678" in at_unit.shown_text and "0533-322****" in at_unit.shown_text
    saved = {m.pk: m.shown_text for m in Message.objects.all()}
    Message.objects.update(shown_text="")  # as before migration 0004
    importlib.import_module("gongkai.mailbox.migrations.0004_message_shown_text").fill(apps, None)
    assert {m.pk: m.shown_text for m in Message.objects.all()} == saved


def test_filling_existing_messages_writes_only_those_with_a_number_to_mask(unit, form_data, messages):
    """Migration 0004 wrote every existing message back one UPDATE at a time: minutes at a million messages.
    Messages without a number to mask are filled together; the others a chunk per statement."""
    import importlib

    from django.apps import apps
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(30):
        services.submit_online(unit, {**form_data, "subject": f"路灯不亮{n}", "content": "北关路路灯不亮。"},
                               today=dt.date(2026, 3, 3))
    saved = {m.pk: m.shown_text for m in Message.objects.all()}
    Message.objects.update(shown_text="")  # as before migration 0004
    with CaptureQueriesContext(connection) as captured:
        importlib.import_module("gongkai.mailbox.migrations.0004_message_shown_text").fill(apps, None)
    assert {m.pk: m.shown_text for m in Message.objects.all()} == saved
    assert len([q for q in captured if q["sql"].lstrip().upper().startswith("UPDATE")]) <= 2


def test_numbers_typed_in_full_width_saved_before_they_were_masked_are_masked_by_the_migration(
        client, supervisor, unit, form_data):
    """Messages saved while full-width digits were not masked kept them in shown_text: the 政务公开办 found
    another unit's message by such a number. Migration 0005 masks them again; others are not written."""
    import importlib

    from django.apps import apps

    from gongkai.core.masking import SHOWN_TEXT_SEPARATOR

    wide = "１３８１２３４５６７８"
    message = services.submit_online(unit, {**form_data, "subject": "供暖何时开始",
                                            "content": f"我的电话{wide}，城区供暖何时开始？"},
                                     today=dt.date(2026, 3, 2)).message
    assert wide not in Message.objects.get(pk=message.pk).shown_text
    stale = SHOWN_TEXT_SEPARATOR.join((message.subject, message.content))
    Message.objects.filter(pk=message.pk).update(shown_text=stale)  # as saved before the fix
    assert found(client, supervisor, wide) == {message.pk}
    importlib.import_module("gongkai.mailbox.migrations.0005_remask_fullwidth_numbers").remask(apps, None)
    assert found(client, supervisor, wide) == set()
    assert "１３８****５６７８" in Message.objects.get(pk=message.pk).shown_text
