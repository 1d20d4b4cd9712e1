"""Intake: online (with the request form's anti-spam and this app's rate-limit bucket) and by staff."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from gongkai.core.services import ActionRefused
from gongkai.core.tests.compound_files import doc
from gongkai.mailbox import services
from gongkai.mailbox.models import Box, Message, MessageEvent, State
from gongkai.requests import spam

pytestmark = pytest.mark.django_db


def _post_data(client, unit, form_data, **extra):
    page = client.get(reverse("mailbox:write") + "?step=form")
    form = page.context["form"]
    question = form.question
    digits = "零一二三四五六七八九十"
    a, op, b = digits.index(question[0]), question[1], digits.index(question[2])
    answer = a + b if op == "加" else a - b
    return {**form_data, "organization": unit.pk, "form_token": form.initial["form_token"],
            "challenge_answer": str(answer), "website": "", **extra}


def test_submit_online_gives_a_number_and_a_query_code_and_encrypts_the_writer(unit, form_data):
    submitted = services.submit_online(unit, form_data, today=dt.date(2026, 3, 2))
    message = submitted.message
    assert message.tracking_number == "LY-2026-000001" and message.state == State.SUBMITTED
    assert message.box == Box.UNIT and message.reply_workdays == 5  # 咨询: the default period
    assert services.find_for_writer(message.tracking_number, submitted.query_code) == message
    assert services.find_for_writer(message.tracking_number, "WRONG-CODE-0000") is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, contact FROM mailbox_message WHERE id = %s", [message.pk])
        raw_name, raw_contact = cursor.fetchone()
    assert "李四" not in raw_name and "13953398765" not in raw_contact
    assert Message.objects.get(pk=message.pk).contact == "13953398765"
    assert list(message.events.values_list("type", flat=True)) == [MessageEvent.Type.RECEIVED]


def test_a_message_to_the_county_government_is_the_leaders_box(county, form_data):
    assert services.submit_online(county, form_data).message.box == Box.LEADER


def test_the_public_form_files_a_message_once_and_shows_the_code_once(client, unit, form_data, settings):
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0
    data = _post_data(client, unit, form_data)
    response = client.post(reverse("mailbox:write"), data)
    assert response.status_code == 302 and response.url == reverse("mailbox:done")
    done = client.get(reverse("mailbox:done")).content.decode()
    message = Message.objects.get()
    assert message.tracking_number in done and "查询码" in done
    back = client.get(reverse("portal:preferences"), {"elder": "on", "next": reverse("mailbox:done")}).url
    assert back == reverse("mailbox:done") and message.tracking_number in client.get(back).content.decode()
    assert client.post(reverse("mailbox:done")).url == reverse("mailbox:mine")  # 我已记下查询码
    assert client.get(reverse("mailbox:done")).status_code == 302
    again = client.post(reverse("mailbox:write"), data)  # the same token again: a double click
    assert again.status_code == 409 and Message.objects.count() == 1
    assert "这条留言已经提交过" in again.content.decode() and "申请表" not in again.content.decode()


def test_a_public_message_with_a_macro_doc_attached_is_refused_and_files_nothing(client, unit, form_data, settings):
    """A writer's attachment is opened by staff: a .doc with macros would run in their Word."""
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0
    data = _post_data(client, unit, form_data, attachments=[SimpleUploadedFile("材料.doc", doc(macros=True))])
    response = client.post(reverse("mailbox:write"), data)
    assert response.status_code == 400 and not Message.objects.exists()  # the form again, its errors shown
    assert "附件“材料.doc”含有宏，不能上传；请另存为不含宏的 .doc 文件后再上传。" in response.content.decode()
    data = _post_data(client, unit, form_data, attachments=[SimpleUploadedFile("材料.doc", doc())])
    assert client.post(reverse("mailbox:write"), data).status_code == 302
    assert Message.objects.get().attachments.count() == 1


def test_a_contact_typed_in_full_width_digits_is_accepted_as_the_number(client, unit, form_data, settings):
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0
    data = _post_data(client, unit, form_data, contact="１３９ ５３３９ ８７６５")
    assert client.post(reverse("mailbox:write"), data).status_code == 302
    assert Message.objects.get().contact == "13953398765"


def test_the_honeypot_and_a_wrong_answer_file_nothing(client, unit, form_data, settings):
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0
    assert client.post(reverse("mailbox:write"), _post_data(client, unit, form_data, website="http://spam")).status_code == 400
    assert client.post(reverse("mailbox:write"), _post_data(client, unit, form_data, challenge_answer="99")).status_code == 400
    assert not Message.objects.exists()


def test_a_post_without_the_form_token_is_told_to_answer_the_new_question_not_that_it_was_too_fast(client, unit, form_data, settings):
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 5
    data = _post_data(client, unit, form_data)
    del data["form_token"]
    page = client.post(reverse("mailbox:write"), data)
    body = page.content.decode()
    assert page.status_code == 400 and not Message.objects.exists()
    assert "表单已失效，未作任何提交；已为您换了一道验证题，请作答后再次提交。" in body and "提交过快" not in body
    assert "刷新" not in body
    assert page.context["form"].question  # a fresh question to answer


def test_the_write_bucket_limits_one_address(client, unit, form_data, settings):
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0
    settings.GONGKAI_REQUEST_RATE_LIMITS = {**spam.DEFAULT_LIMITS, "message": (1, 3600)}
    assert client.post(reverse("mailbox:write"), _post_data(client, unit, form_data)).status_code == 302
    blocked = client.post(reverse("mailbox:write"), _post_data(client, unit, form_data))
    assert blocked.status_code == 429 and Message.objects.count() == 1


def test_staff_register_a_phone_call_accepted_from_its_day(editor, unit, other_unit, form_data):
    submitted = services.register(editor, unit, form_data, "phone", dt.date(2026, 3, 2))
    assert submitted.message.state == State.PROCESSING and submitted.message.channel == "phone"
    assert submitted.message.received_on == dt.date(2026, 3, 2)
    with pytest.raises(ActionRefused):
        services.register(editor, other_unit, form_data, "phone", dt.date(2026, 3, 2))
    with pytest.raises(ActionRefused):
        services.register(editor, unit, form_data, "online", dt.date(2026, 3, 2))


def test_first_step_without_javascript_lists_faq_and_published_answers(client, unit):
    from gongkai.mailbox.factories import FaqFactory, MessageFactory

    FaqFactory(organization=unit, question="城区小学招生划片范围在哪里查询？", answer="每年5月下旬公布。")
    MessageFactory(addressee=unit, subject="小学招生划片范围什么时候公布", state=State.ANSWERED, reply="5月下旬公布。",
                   replied_on=dt.date(2026, 3, 3), published=True)
    MessageFactory(addressee=unit, subject="小学招生划片还没答复的", state=State.PROCESSING)
    first = client.get(reverse("mailbox:write")).content.decode()
    assert "先看看常见问题" in first and 'method="get"' in first
    second = client.get(reverse("mailbox:write"), {"subject": "小学招生划片", "org": unit.pk}).content.decode()
    assert "城区小学招生划片范围在哪里查询？" in second and "小学招生划片范围什么时候公布" in second
    assert "还没答复的" not in second
    assert 'value="小学招生划片"' in second  # the subject carried into the form
    as_json = client.get(reverse("mailbox:suggest"), {"q": "招生划片"}).json()
    assert as_json["faqs"][0]["title"] == "城区小学招生划片范围在哪里查询？"
    assert [m["title"] for m in as_json["messages"]] == ["小学招生划片范围什么时候公布"]


def test_correcting_ones_own_fields_does_not_use_up_the_allowance(client, unit, form_data, settings):
    """A writer who left the subject empty and corrects it is not told to come back in an hour."""
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0
    settings.GONGKAI_REQUEST_RATE_LIMITS = {**spam.DEFAULT_LIMITS, "message": (1, 3600)}
    for _ in range(2):
        page = client.post(reverse("mailbox:write"), _post_data(client, unit, form_data, subject=""))
        assert page.status_code == 400 and "过于频繁" not in page.content.decode()
    assert client.post(reverse("mailbox:write"), _post_data(client, unit, form_data)).status_code == 302
    assert client.post(reverse("mailbox:write"), _post_data(client, unit, form_data)).status_code == 429


def test_the_content_refuses_invisible_bidi_controls(client, unit, form_data, settings):
    """The content may be published; an override (U+202E) reorders what the public reads, and the staff who
    check a message before publishing cannot see it."""
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0
    data = _post_data(client, unit, form_data, content="城区供暖何时开始？\u202e请尽快答复，谢谢。")
    page = client.post(reverse("mailbox:write"), data)
    assert page.status_code == 400 and not Message.objects.exists()
    assert "不能包含控制字符" in page.content.decode()


def test_attachments_posted_over_the_allowance_are_not_opened(client, unit, form_data, settings, monkeypatch):
    """A post with files counts before its files are checked: a robot over its allowance gets a 429 without
    the server opening its uploads (archives, macros) first."""
    from gongkai.mailbox import forms as mailbox_forms

    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0
    settings.GONGKAI_REQUEST_RATE_LIMITS = {**spam.DEFAULT_LIMITS, "message": (1, 3600)}
    opened = []
    check = mailbox_forms.check_upload
    monkeypatch.setattr(mailbox_forms, "check_upload", lambda upload: opened.append(upload.name) or check(upload))
    first = _post_data(client, unit, form_data, attachments=[SimpleUploadedFile("材料.doc", doc())])
    assert client.post(reverse("mailbox:write"), first).status_code == 302 and opened == ["材料.doc"]
    again = _post_data(client, unit, form_data, attachments=[SimpleUploadedFile("再次.doc", doc())])
    page = client.post(reverse("mailbox:write"), again)
    assert page.status_code == 429 and "过于频繁" in page.content.decode()
    assert opened == ["材料.doc"] and Message.objects.count() == 1


def test_a_refused_message_with_attachments_says_they_must_be_chosen_again(client, unit, form_data, settings):
    """The form comes back with what was typed and a new question (here: a stale token), but without the chosen
    files — a browser never refills a file input. Answering and submitting again would file the message without
    them: the page says the files must be chosen again."""
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0
    data = _post_data(client, unit, form_data, attachments=[SimpleUploadedFile("材料.pdf", b"%PDF-1.4\n%%EOF\n")])
    data["form_token"] = "forged"
    response = client.post(reverse("mailbox:write"), data)
    page = response.content.decode()
    assert response.status_code in (400, 409) and not Message.objects.exists()
    assert "所选附件未保存，请重新选择后再提交。" in page
    without = client.post(reverse("mailbox:write"), {**_post_data(client, unit, form_data), "form_token": "forged"})
    assert "所选附件未保存" not in without.content.decode()  # nothing was chosen: nothing to choose again
