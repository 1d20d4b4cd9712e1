"""The audit log of 留言办理: every staff action from the pages records the visitor's address, and a
交办 / 转办 is filed under the unit the message left (its 单位管理员 sees it) with a second event
「收到转办留言」 under the unit it reached."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.mailbox import services
from gongkai.mailbox.factories import MessageFactory
from gongkai.mailbox.forms import RegisterForm
from gongkai.mailbox.models import Faq, MailboxPolicy

pytestmark = pytest.mark.django_db
IP = "10.1.2.3"
REPLY = "您好！今年城区集中供暖于11月15日开始，感谢您的关注。"


def _act(client, message, action, data=None):
    return client.post(reverse("mailbox_staff:action", kwargs={"message_id": message.pk, "action": action}),
                       data or {}, REMOTE_ADDR=IP)


def _last(action) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).latest("id")


def test_every_handling_action_records_the_address(client, unit, other_unit, editor, reviewer):
    client.force_login(editor)
    message = MessageFactory(addressee=unit)
    _act(client, message, "accept")
    _act(client, message, "reply", {"text": REPLY})
    for action in ("message.accept", "message.reply"):
        assert _last(action).ip_address == IP, action
    declined = MessageFactory(addressee=unit)
    _act(client, declined, "decline", {"reason": "duplicate", "note": "与LY-2026-000001重复"})
    assert _last("message.decline").ip_address == IP
    moved = MessageFactory(addressee=unit)
    _act(client, moved, "transfer", {"organization": other_unit.pk, "reason": "属于住建局职责"})
    assert _last("message.transfer").ip_address == IP and _last("message.transfer_in").ip_address == IP


def test_publishing_and_two_step_replies_record_the_address(client, unit, editor, reviewer):
    policy = MailboxPolicy.current()
    policy.two_step_approval = True
    policy.save()
    message = MessageFactory(addressee=unit, may_publish=True)
    client.force_login(editor)
    _act(client, message, "reply", {"text": REPLY})
    client.force_login(reviewer)
    _act(client, message, "return", {"note": "请补充供暖时间"})
    client.force_login(editor)
    _act(client, message, "reply", {"text": REPLY})
    client.force_login(reviewer)
    _act(client, message, "approve")
    _act(client, message, "publish")
    _act(client, message, "unpublish")
    for action in ("draft_reply", "return_draft", "reply", "publish", "unpublish"):
        assert _last(f"message.{action}").ip_address == IP, action


def test_register_faq_and_settings_record_the_address(client, unit, editor, supervisor):
    client.force_login(editor)
    client.post(reverse("mailbox_staff:register"), {
        "organization": unit.pk, "kind": "consult", "subject": "城区供暖时间", "content": "请问城区什么时候开始供暖？",
        "name": "李四", "contact": "", "channel": "phone", "received_on": dt.date.today().isoformat(),
        "form_token": RegisterForm().initial["form_token"]}, REMOTE_ADDR=IP)
    assert _last("message.register").ip_address == IP
    client.post(reverse("mailbox_staff:faq_new"), {"organization": unit.pk, "topic": "供暖", "question": "何时供暖",
                                                   "answer": REPLY, "is_public": "on"}, REMOTE_ADDR=IP)
    assert _last("message.faq_create").ip_address == IP
    faq = Faq.objects.get()
    client.post(reverse("mailbox_staff:faq_edit", args=[faq.pk]), {"delete": "1"}, REMOTE_ADDR=IP)
    assert _last("message.faq_delete").ip_address == IP
    client.force_login(supervisor)
    client.post(reverse("mailbox_staff:settings"), {
        "consult_workdays": 3, "suggestion_workdays": 15, "complaint_workdays": 15, "help_workdays": 10,
        "other_workdays": 15, "remind_workdays_before": 2}, REMOTE_ADDR=IP)
    assert _last("message.settings").ip_address == IP


def test_a_transfer_is_filed_under_the_unit_it_left_and_the_unit_it_reached(client, unit, other_unit, editor):
    message = MessageFactory(addressee=unit)
    services.transfer(editor, message, other_unit, "属于住建局职责")
    out, arrived = _last("message.transfer"), _last("message.transfer_in")
    assert out.organization == unit and out.note == "属于住建局职责"
    assert arrived.organization == other_unit and arrived.note == f"{unit.name}：属于住建局职责"
    assert out.changes["organization_id"] == [unit.pk, other_unit.pk]
    source_admin, target_admin = user_with_role(unit, Role.ORG_ADMIN), user_with_role(other_unit, Role.ORG_ADMIN)
    for admin, visible, hidden in ((source_admin, out, arrived), (target_admin, arrived, out)):
        client.force_login(admin)
        assert client.get(reverse("audit:detail", kwargs={"event_id": visible.pk})).status_code == 200
        assert client.get(reverse("audit:detail", kwargs={"event_id": hidden.pk})).status_code in (403, 404)
    client.force_login(target_admin)
    assert "收到转办留言" in client.get(reverse("audit:list")).content.decode()


def test_a_routed_message_is_filed_under_the_county_and_the_unit(county, unit, supervisor):
    message = MessageFactory(addressee=county)
    services.route(supervisor, message, unit, "请教体局答复")
    assert _last("message.route").organization == county
    assert _last("message.route_in").organization == unit
