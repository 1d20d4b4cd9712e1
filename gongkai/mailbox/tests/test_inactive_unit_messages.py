"""A unit dissolved with messages still open: the 政务公开办 routes or transfers them to another unit;
the dissolved unit's own staff can do nothing with them."""

import pytest
from django.urls import reverse

from gongkai.core.services import ActionRefused
from gongkai.mailbox import services
from gongkai.mailbox.factories import MessageFactory

pytestmark = pytest.mark.django_db


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_the_county_office_moves_a_dissolved_units_messages(unit, other_unit, supervisor, editor):
    routed, transferred = MessageFactory(addressee=unit), MessageFactory(addressee=unit)
    unit.is_active = False
    unit.save()
    with pytest.raises(ActionRefused):
        services.transfer(fresh(editor), transferred, other_unit, "机构改革")
    services.route(fresh(supervisor), routed, other_unit, "机构改革，请新单位答复。")
    services.transfer(fresh(supervisor), transferred, other_unit, "机构改革")
    routed.refresh_from_db()
    transferred.refresh_from_db()
    assert routed.organization == other_unit and transferred.organization == other_unit


def test_the_county_office_answers_nothing_in_a_dissolved_units_name(client, unit, other_unit, supervisor):
    message = MessageFactory(addressee=unit)
    unit.is_active = False
    unit.save()
    with pytest.raises(ActionRefused):
        services.accept(fresh(supervisor), message)
    with pytest.raises(ActionRefused):
        services.reply(fresh(supervisor), message, "您好，您反映的问题我们已经了解，正在处理。")
    message.refresh_from_db()
    assert message.state == "submitted" and message.organization == unit
    client.force_login(supervisor)
    page = client.get(reverse("mailbox_staff:detail", args=[message.pk])).content.decode()
    assert "/transfer/" in page and "/route/" in page and "/accept/" not in page and "/reply/" not in page


def test_a_dissolved_units_overdue_message_is_reminded_to_the_county_office_not_its_former_staff(
        unit, supervisor, editor, django_capture_on_commit_callbacks, settings):
    import datetime as dt

    from django.core import mail

    from gongkai.mailbox import reminders
    from gongkai.mailbox.models import State

    supervisor.email = "gkb@example.cn"
    supervisor.save()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    message = MessageFactory(addressee=unit, state=State.PROCESSING)  # due 2026-03-09
    unit.is_active = False
    unit.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_reminders(dt.date(2026, 3, 10)) == 1
    assert [m.to for m in mail.outbox] == [["gkb@example.cn"]]
    assert message.tracking_number in mail.outbox[0].body and "已停用，请将留言转办" in mail.outbox[0].body
