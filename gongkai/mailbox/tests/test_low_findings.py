"""Fixes of the LOW audit findings: the subject masked in every staff list and 我的待办, landlines in the
writer's published text masked (the unit's own landline kept), mobile numbers in published 常见问题 masked,
the API's type= and year= errors, the lookup's plain "no such message", and the 政务公开办 supervising
other units' messages without answering in their name."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.core.masking import mask_personal_numbers
from gongkai.core.services import ActionRefused
from gongkai.mailbox import services
from gongkai.mailbox.models import Faq, MailboxPolicy

pytestmark = pytest.mark.django_db
MOBILE, MOBILE_MASKED = "13812345678", "138****5678"
LANDLINE, LANDLINE_MASKED = "0533-3221234", "0533-322****"
OFFICE = "0533-3241234"  # the unit's own landline, in its reply


@pytest.fixture
def numbered(unit, form_data):
    return services.submit_online(unit, {**form_data, "subject": f"请回电{MOBILE}或{LANDLINE}",
                                         "content": f"我家座机3225678，手机{MOBILE}。"},
                                  today=dt.date(2026, 3, 2)).message


def test_the_staff_list_masks_the_subject(client, numbered, supervisor, editor):
    for user in (supervisor, editor):
        client.force_login(user)
        body = client.get(reverse("mailbox_staff:list")).content.decode()
        assert MOBILE_MASKED in body and LANDLINE_MASKED in body
        assert MOBILE not in body and LANDLINE not in body


def test_the_veto_list_masks_the_subject(client, unit, form_data, editor):
    old = services.submit_online(unit, {**form_data, "subject": f"请回电{MOBILE}"}, today=dt.date(2025, 1, 6)).message
    client.force_login(editor)
    body = client.get(reverse("mailbox_staff:list"), {"state": "declined"}).content.decode()  # the table is empty
    assert old.tracking_number in body and MOBILE_MASKED in body and MOBILE not in body


def test_the_workbench_masks_the_subject(client, numbered, editor):
    client.force_login(editor)
    body = client.get(reverse("workbench:home")).content.decode()
    assert numbered.tracking_number in body and MOBILE_MASKED in body and MOBILE not in body
    assert LANDLINE not in body


def test_a_landline_in_the_letter_is_masked_in_public_the_units_own_is_kept(client, numbered, editor):
    answered = services.reply(editor, numbered, f"您好，供暖问题请拨打热力公司电话{OFFICE}，或{MOBILE}。",
                              today=dt.date(2026, 3, 4))
    services.set_published(editor, answered, True)
    page = client.get(reverse("mailbox:detail", args=[numbered.pk])).content.decode()
    assert LANDLINE_MASKED in page and LANDLINE not in page and "322****" in page and "3225678" not in page
    assert OFFICE in page and MOBILE not in page
    api = client.get(f"/api/v1/messages/{numbered.pk}").json()
    assert LANDLINE not in api["subject"] and "3225678" not in api["question"] and OFFICE in api["answer"]
    search = client.get(reverse("mailbox:list"), {"q": "3225678"}).content.decode()
    assert reverse("mailbox:detail", args=[numbered.pk]) not in search


@pytest.mark.parametrize("text, shown", [
    ("电话0533-3221234", "电话0533-322****"), ("（0533）32212345-801", "（0533）322*****-801"),
    ("座机3221234，谢谢", "座机322****，谢谢"), ("20260301", "20260301"), ("3000000元", "3000000元"),
    ("LY-2026-000123", "LY-2026-000123"), ("12345热线", "12345热线"), ("4006001234", "4006001234"),
])
def test_landlines_are_masked_and_other_numbers_are_not(text, shown):
    assert mask_personal_numbers(text) == shown


def test_a_mobile_in_a_published_faq_is_masked_the_landline_kept(client, unit):
    Faq.objects.create(organization=unit, topic="供暖", question=f"供暖报修电话{MOBILE}是谁的？",
                       answer=f"请拨打{OFFICE}，值班手机{MOBILE}。")
    page = client.get(reverse("mailbox:faq")).content.decode()
    assert MOBILE not in page and MOBILE_MASKED in page and OFFICE in page
    suggest = client.get(reverse("mailbox:suggest"), {"q": "供暖报修电话"}).content.decode()
    assert MOBILE not in suggest and MOBILE_MASKED in suggest


def test_the_api_refuses_an_unknown_type(client):
    answer = client.get("/api/v1/messages", {"type": "bogus"})
    assert answer.status_code == 400
    assert answer.json()["params"] == ["type"] and "未知的留言类型" in answer.json()["detail"]
    assert "consult（咨询）" in answer.json()["detail"]


@pytest.mark.parametrize("year", ["abc", "1990", "2026-03"])
def test_a_bad_year_says_what_a_year_looks_like(client, year):
    answer = client.get("/api/v1/messages", {"year": year})
    assert answer.status_code == 400 and answer.json()["params"] == ["year"]
    assert "年份为四位数字" in answer.json()["detail"] and "日期形如" not in answer.json()["detail"]


def test_a_wrong_query_code_says_plainly_that_no_message_matches(client, numbered):
    for number in (numbered.tracking_number, "LY-2026-999999"):  # the same answer whether the number exists
        page = client.post(reverse("mailbox:lookup"), {"tracking_number": number, "query_code": "AAAA-BBBB-CCCC"})
        body = page.content.decode()
        assert page.status_code == 404
        assert "没有找到与这个留言编号和查询码相符的留言" in body
        assert "提交的内容有误" not in body  # not shown as an input mistake


def test_the_office_does_not_answer_for_another_unit(numbered, supervisor, other_unit):
    for verb in (lambda m: services.accept(supervisor, m), lambda m: services.decline(supervisor, m, "repeated"),
                 lambda m: services.reply(supervisor, m, "您好，您反映的问题我们已经了解，正在处理。")):
        with pytest.raises(ActionRefused):
            verb(numbered)
    assert not services.may_handle(supervisor, numbered)
    services.transfer(supervisor, numbered, other_unit, "属于住建局职责")  # it still hands messages on


def test_the_office_returns_but_does_not_approve_a_units_draft(numbered, supervisor, editor, reviewer):
    policy = MailboxPolicy.current()
    policy.two_step_approval = True
    policy.save()
    draft = services.reply(editor, numbered, "您好，您反映的问题我们已经了解，正在处理。")
    with pytest.raises(ActionRefused):
        services.approve(supervisor, draft)
    services.return_draft(supervisor, draft, "请写明办理时限")
    draft = services.reply(editor, draft, "您好，您反映的问题将于三个工作日内处理完毕。")
    assert services.approve(reviewer, draft).state == "answered"


def test_the_office_unpublishes_but_does_not_publish_a_units_answer(numbered, supervisor, editor):
    answered = services.reply(editor, numbered, "您好，您反映的问题我们已经了解，正在处理。", today=dt.date(2026, 3, 4))
    with pytest.raises(ActionRefused):
        services.set_published(supervisor, answered, True)
    published = services.set_published(editor, answered, True)
    assert services.set_published(supervisor, published, False).published is False


def test_the_office_still_handles_a_leaders_box_message_it_holds(county, supervisor, form_data):
    message = services.submit_online(county, form_data, today=dt.date(2026, 3, 2)).message
    assert services.accept(supervisor, message).state == "processing"


def test_the_offices_workbench_lists_what_it_holds_not_other_units_work(client, county, numbered, supervisor,
                                                                        form_data):
    held = services.submit_online(county, {**form_data, "subject": "县长信箱来信"}, today=dt.date(2026, 3, 2)).message
    client.force_login(supervisor)
    body = client.get(reverse("workbench:home")).content.decode()
    assert held.tracking_number in body and numbered.tracking_number not in body


def test_the_office_sees_no_answer_buttons_on_a_units_message(client, numbered, supervisor):
    client.force_login(supervisor)
    body = client.get(reverse("mailbox_staff:detail", args=[numbered.pk])).content.decode()
    assert reverse("mailbox_staff:action", args=[numbered.pk, "reply"]) not in body
    assert reverse("mailbox_staff:action", args=[numbered.pk, "transfer"]) in body
