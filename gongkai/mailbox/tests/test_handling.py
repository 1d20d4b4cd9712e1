"""Handling: accept, route (交办), transfer with reason, decline with a fixed reason, reply in one or
two steps, publication only with consent; each unit sees and changes only its own messages."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.mailbox import services
from gongkai.mailbox.factories import MessageFactory
from gongkai.mailbox.models import MailboxPolicy, MessageEvent, State

pytestmark = pytest.mark.django_db
REPLY = "您好！今年城区集中供暖于11月15日开始，感谢您的关注。"


def test_the_office_routes_a_leaders_box_message_to_the_unit_that_answers(county, unit, supervisor, editor):
    message = MessageFactory(addressee=county)
    with pytest.raises(ActionRefused):
        services.route(editor, message, unit)  # a unit cannot 交办
    message = services.route(supervisor, message, unit, "请答复")
    assert message.organization == unit and message.state == State.PROCESSING
    event = message.events.get(type=MessageEvent.Type.ROUTED)
    assert event.from_organization == county and event.to_organization == unit
    services.reply(editor, message, REPLY, today=dt.date(2026, 3, 4))
    assert AuditEvent.objects.filter(action="message.route", object_id=str(message.pk)).exists()


def test_a_unit_transfers_with_a_reason_and_the_clock_keeps_running(unit, other_unit, editor, other_editor):
    message = MessageFactory(addressee=unit)
    with pytest.raises(ActionRefused, match="理由"):
        services.transfer(editor, message, other_unit, "  ")
    message = services.transfer(editor, message, other_unit, "属于住建局职责")
    assert message.organization == other_unit and message.received_on == dt.date(2026, 3, 2)
    assert message.events.get(type=MessageEvent.Type.TRANSFERRED).note == "属于住建局职责"
    with pytest.raises(ActionRefused):
        services.reply(editor, message, REPLY)  # no longer the first unit's
    services.reply(other_editor, message, REPLY)


def test_decline_only_with_a_reason_from_the_list(unit, editor):
    message = MessageFactory(addressee=unit)
    with pytest.raises(ActionRefused):
        services.decline(editor, message, "because")
    message = services.decline(editor, message, "duplicate", "与LY-2026-000001重复")
    assert message.state == State.DECLINED and message.get_decline_reason_display() == "重复留言"
    with pytest.raises(ActionRefused):
        services.set_published(editor, message, True)


def test_two_step_replies_wait_for_the_reviewer(unit, editor, reviewer):
    policy = MailboxPolicy.current()
    policy.two_step_approval = True
    policy.save()
    message = services.reply(editor, MessageFactory(addressee=unit), REPLY)
    assert message.state == State.AWAITING_APPROVAL and not message.reply
    with pytest.raises(ActionRefused):
        services.approve(editor, message)
    message = services.return_draft(reviewer, message, "请补充结束时间")
    assert message.state == State.PROCESSING
    services.reply(editor, message, REPLY + "次年3月15日结束。")
    message = services.approve(reviewer, message, today=dt.date(2026, 3, 5))
    assert message.state == State.ANSWERED and message.reply.endswith("3月15日结束。")
    assert message.replied_on == dt.date(2026, 3, 5)


def test_publication_needs_an_answer_and_the_writers_consent(unit, editor):
    private = services.reply(editor, MessageFactory(addressee=unit, may_publish=False), REPLY)
    with pytest.raises(ActionRefused, match="未同意公开"):
        services.set_published(editor, private, True)
    with pytest.raises(ActionRefused):
        services.set_published(editor, MessageFactory(addressee=unit), True)
    public = services.set_published(editor, services.reply(editor, MessageFactory(addressee=unit), REPLY), True)
    assert public.published and public.published_at


def test_staff_pages_keep_units_apart(client, unit, other_unit, editor, other_editor, supervisor):
    mine = MessageFactory(addressee=unit)
    theirs = MessageFactory(addressee=other_unit, subject="住建局的留言")
    client.force_login(editor)
    listing = client.get(reverse("mailbox_staff:list")).content.decode()
    assert mine.subject in listing and "住建局的留言" not in listing
    assert client.get(reverse("mailbox_staff:detail", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("mailbox_staff:action", args=[theirs.pk, "accept"])).status_code == 404
    detail = client.get(reverse("mailbox_staff:detail", args=[mine.pk])).content.decode()
    assert "13953312345" in detail and "张三" in detail  # the handling unit sees the writer
    response = client.post(reverse("mailbox_staff:action", args=[mine.pk, "reply"]), {"text": REPLY})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.state == State.ANSWERED and mine.replied_by == editor


def test_the_workbench_lists_messages_to_do(client, unit, editor):
    MessageFactory(addressee=unit, subject="待受理的供暖咨询")
    client.force_login(editor)
    home = client.get(reverse("workbench:home")).content.decode()
    assert "待受理的留言" in home and "待受理的供暖咨询" in home


def test_settings_are_the_offices(client, supervisor, editor, county):
    client.force_login(editor)
    assert client.get(reverse("mailbox_staff:settings")).status_code == 403
    client.force_login(supervisor)
    fields = {"consult_workdays": 3, "suggestion_workdays": 15, "complaint_workdays": 15, "help_workdays": 10,
              "other_workdays": 15, "remind_workdays_before": 2, "two_step_approval": "on"}
    assert client.post(reverse("mailbox_staff:settings"), fields).status_code == 302
    policy = MailboxPolicy.current()
    assert policy.consult_workdays == 3 and policy.two_step_approval
    assert client.post(reverse("mailbox_staff:settings"), {**fields, "consult_workdays": 90}).status_code == 400


def test_the_settings_page_names_no_developer_file(client, supervisor):
    client.force_login(supervisor)
    body = client.get(reverse("mailbox_staff:settings")).content.decode()
    assert "山东省政务服务热线的办理时限" in body
    assert "docs/" not in body and ".md" not in body


def test_a_good_answer_becomes_a_faq_entry(client, unit, editor):
    message = services.reply(editor, MessageFactory(addressee=unit, subject="供暖什么时候开始"), REPLY)
    client.force_login(editor)
    form = client.get(reverse("mailbox_staff:faq_new") + f"?from={message.pk}").content.decode()
    assert "供暖什么时候开始" in form and "11月15日" in form
    response = client.post(reverse("mailbox_staff:faq_new") + f"?from={message.pk}", {
        "organization": unit.pk, "topic": "供暖", "question": "供暖什么时候开始", "answer": REPLY, "is_public": "on"})
    assert response.status_code == 302
    assert "供暖什么时候开始" in client.get(reverse("mailbox:faq")).content.decode()
    assert message.faqs.count() == 1
