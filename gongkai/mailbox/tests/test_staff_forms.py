"""The staff forms of 留言 (audit of 2026-12): control characters refused everywhere and harmless in the
feed, every action's form validated with its own errors and what was typed kept, 登记留言 single-use and
with a plausible 收到日期, and the 政务公开办 supervising other units' messages without the writer's
personal data."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.mailbox import services
from gongkai.mailbox.factories import MessageFactory
from gongkai.mailbox.forms import RegisterForm
from gongkai.mailbox.models import MailboxPolicy, Message, MessageEvent, State

pytestmark = pytest.mark.django_db
REPLY = "您好！城区小学招生划片范围将于5月下旬公布。"


def _act(client, message, action, data):
    return client.post(reverse("mailbox_staff:action", kwargs={"message_id": message.pk, "action": action}), data)


def _register_data(unit, **changes):
    data = {"organization": unit.pk, "kind": "consult", "subject": "城区供暖时间", "content": "请问城区什么时候开始供暖？",
            "name": "李四", "contact": "13953398765", "channel": "phone",
            "received_on": timezone.localdate().isoformat(), "form_token": RegisterForm().initial["form_token"]}
    return {**data, **changes}


# --- 1. control characters ---------------------------------------------------------------------------


def test_the_answers_feed_survives_a_stored_control_character(client, unit, editor, form_data):
    submitted = services.submit_online(unit, form_data, today=dt.date(2026, 3, 2))
    message = services.reply(editor, submitted.message, "您好！\x01招生划片范围5月公布。", today=dt.date(2026, 3, 4))
    services.set_published(editor, message, True)
    response = client.get(reverse("mailbox:feed"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "招生划片范围5月公布" in body and "\x01" not in body


def test_a_reply_with_a_control_character_is_refused_and_kept(client, unit, editor):
    message = MessageFactory(addressee=unit, state=State.PROCESSING)
    client.force_login(editor)
    response = _act(client, message, "reply", {"text": "您好！\x01已转交学校"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "“答复内容”不能包含控制字符" in page and "已转交学校" in page
    message.refresh_from_db()
    assert message.state == State.PROCESSING and not message.reply


def test_registering_a_call_with_a_control_character_is_refused(client, unit, editor):
    client.force_login(editor)
    response = client.post(reverse("mailbox_staff:register"), _register_data(unit, content="请问城区\x01什么时候开始供暖？"))
    assert response.status_code == 400 and "不能包含控制字符" in response.content.decode()
    assert not Message.objects.exists()


# --- 2. 退回修改 validated ----------------------------------------------------------------------------


@pytest.fixture
def awaiting(unit, editor):
    policy = MailboxPolicy.current()
    policy.two_step_approval = True
    policy.save()
    return services.reply(editor, MessageFactory(addressee=unit), REPLY)


@pytest.mark.parametrize("note, error", [("请补充\x00依据", "不能包含控制字符"), ("改" * 20000, "500")])
def test_a_return_note_is_validated_before_anything_is_saved(client, awaiting, reviewer, note, error):
    client.force_login(reviewer)
    response = _act(client, awaiting, "return", {"note": note})
    assert response.status_code == 400 and error in response.content.decode()
    awaiting.refresh_from_db()
    assert awaiting.state == State.AWAITING_APPROVAL
    assert not awaiting.events.filter(type=MessageEvent.Type.RETURNED).exists()


# --- 5. the forms' own errors, what was typed kept ---------------------------------------------------------


def test_a_too_long_reply_says_so_and_keeps_the_text(client, unit, editor):
    message = MessageFactory(addressee=unit, state=State.PROCESSING)
    client.force_login(editor)
    text = "答" * 4990 + "结尾的十一个字也要保留"
    response = _act(client, message, "reply", {"text": text})
    page = response.content.decode()
    assert response.status_code == 400
    assert "请填写答复内容" not in page and "5000" in page
    assert "结尾的十一个字也要保留" in page


def test_a_too_long_transfer_reason_says_so_not_choose_a_unit(client, unit, other_unit, editor):
    message = MessageFactory(addressee=unit, state=State.PROCESSING)
    client.force_login(editor)
    response = _act(client, message, "transfer", {"organization": other_unit.pk, "reason": "理" * 501})
    page = response.content.decode()
    assert response.status_code == 400
    assert "请选择承办单位" not in page and "500" in page
    message.refresh_from_db()
    assert message.organization == unit


# --- 6 and 7. 登记留言 --------------------------------------------------------------------------------


def test_registering_twice_with_the_same_form_files_one_message(client, unit, editor):
    client.force_login(editor)
    data = _register_data(unit)
    assert client.post(reverse("mailbox_staff:register"), data).status_code == 200
    again = client.post(reverse("mailbox_staff:register"), data, follow=True)
    assert "已经登记过" in again.content.decode()
    assert Message.objects.count() == 1


@pytest.mark.parametrize("day, error", [
    ("0001-01-01", "日期须在2000-01-01至2100-12-31之间"),
    ((dt.date.today() + dt.timedelta(days=2)).isoformat(), "收到日期不能晚于今天"),
])
def test_a_received_date_outside_the_plausible_range_is_refused(client, unit, editor, day, error):
    client.force_login(editor)
    response = client.post(reverse("mailbox_staff:register"), _register_data(unit, received_on=day))
    assert response.status_code == 400 and error in response.content.decode()
    assert not Message.objects.exists()


# --- 9. the 政务公开办 supervises without the writer's personal data ---------------------------------------


@pytest.fixture
def with_attachment(unit):
    pdf = SimpleUploadedFile("证明.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")
    data = {"kind": "consult", "subject": "城区小学招生划片", "content": "招生划片范围什么时候公布？", "name": "王小明",
            "contact": "13953300001", "may_publish": False, "attachments": [pdf]}
    return services.submit_online(unit, data, today=dt.date(2026, 3, 2)).message


def test_the_office_sees_a_units_message_with_the_contact_masked_and_no_attachments(
        client, with_attachment, supervisor, editor):
    detail = reverse("mailbox_staff:detail", args=[with_attachment.pk])
    download = reverse("mailbox_staff:attachment", args=[with_attachment.pk, with_attachment.attachments.get().pk])
    client.force_login(supervisor)
    page = client.get(detail).content.decode()
    assert "招生划片范围什么时候公布" in page and "办理过程" in page
    assert "王小明" not in page and "13953300001" not in page and "139****0001" in page
    assert "证明.pdf" not in page
    assert client.get(download).status_code == 403
    client.force_login(editor)  # the handling unit
    page = client.get(detail).content.decode()
    assert "王小明" in page and "13953300001" in page and "证明.pdf" in page
    assert client.get(download).status_code == 200


def test_the_office_sees_the_writer_of_a_leaders_box_message_it_holds(client, county, supervisor):
    message = MessageFactory(addressee=county, name="赵六", contact="13953300002")
    client.force_login(supervisor)
    page = client.get(reverse("mailbox_staff:detail", args=[message.pk])).content.decode()
    assert "赵六" in page and "13953300002" in page


# --- settings ------------------------------------------------------------------------------------------


def test_the_reminder_cannot_come_before_the_shortest_period(client, supervisor):
    client.force_login(supervisor)
    response = client.post(reverse("mailbox_staff:settings"), {
        "consult_workdays": 5, "suggestion_workdays": 15, "complaint_workdays": 15, "help_workdays": 10,
        "other_workdays": 15, "remind_workdays_before": 30})
    assert response.status_code == 400 and "最短的答复期限（5个工作日）" in response.content.decode()
    assert MailboxPolicy.current().remind_workdays_before != 30
