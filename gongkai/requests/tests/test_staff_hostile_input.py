"""Hostile input on the staff handling forms (audit of session 16): a control character typed or pasted into
a form whose text goes into a letter, or a date the clocks cannot count, is refused on the field with a
Chinese message — never a server error, and nothing is saved."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.requests.choices import State
from gongkai.requests.factories import received_case
from gongkai.requests.forms.staff import RegisterForm
from gongkai.requests.models import ClockEvent, RequestCase

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


def register(client, org, **values):
    data = {"organization": org.pk, "channel": "in_person", "received_on": "2026-11-02",
            "applicant_type": "natural_person", "applicant_name": "张三", "phone": "13800001234",
            "info_description": "2025年度果品补贴发放名单", "form_wanted": "paper", "delivery_wanted": "post",
            "address": "沂源县南麻街道", "form_token": RegisterForm().initial["form_token"]}
    data.update(values)
    return client.post(reverse("requests:register"), data)


@pytest.mark.parametrize("field, value", [("applicant_name", "张\x01三"), ("info_description", "果品\x0b补贴")])
def test_registering_a_control_character_is_refused_on_the_field(client, org, editor, field, value):
    client.force_login(editor)
    response = register(client, org, **{field: value})
    assert response.status_code == 400
    assert "不能包含控制字符" in response.content.decode()
    assert not RequestCase.objects.exists()


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31"])
def test_registering_an_impossible_receipt_date_is_refused(client, org, editor, day):
    client.force_login(editor)
    client.raise_request_exception = False
    response = register(client, org, received_on=day)
    assert response.status_code == 400
    assert "日期须在2000-01-01至2100-12-31之间" in response.content.decode()
    assert not RequestCase.objects.exists()


@pytest.mark.parametrize("action, data", [
    ("correction", {"matters": "请补充\x01信息名称", "period": 15, "on": "2026-11-03"}),
    ("consult", {"kind": "third_party", "party_name": "某\x07公司", "matters": "是否同意公开", "on": "2026-11-03"}),
    ("withdraw", {"on": "2026-11-03", "note": "电话\x1b撤回"}),
])
def test_a_control_character_in_a_letter_form_is_refused_not_a_server_error(client, org, editor, action, data):
    case = received_case(org, D("2026-11-02"), state=State.PROCESSING)
    client.force_login(editor)
    client.raise_request_exception = False
    response = client.post(reverse(f"requests:{action}", kwargs={"case_id": case.pk}), data)
    assert response.status_code == 400
    assert "不能包含控制字符" in response.content.decode()
    assert RequestCase.objects.get(pk=case.pk).state == State.PROCESSING
    assert not ClockEvent.objects.filter(case=case).exclude(kind=ClockEvent.Kind.RECEIVED).exists()


def test_a_control_character_in_a_letter_template_is_refused(client, org):
    admin = user_with_role(org, Role.ORG_ADMIN)
    client.force_login(admin)
    url = reverse("requests:template_edit") + f"?org={org.pk}&key=requests.correction"
    response = client.post(url, {"title": "补正告知书", "doc_prefix": "补", "body": "请于\x01期限内补正"})
    assert response.status_code != 302
    assert "不能包含控制字符" in response.content.decode()


def test_the_services_refuse_a_date_before_2000_too(org, editor):
    """The same rule where the forms are not in front of the service (a year-1 date crashed the volume count)."""
    from gongkai.core.services import ActionRefused
    from gongkai.requests.services import intake

    data = {"applicant_type": "natural_person", "applicant_name": "张三", "phone": "13800001234",
            "info_description": "2025年度果品补贴发放名单", "form_wanted": "paper", "delivery_wanted": "post",
            "address": "沂源县南麻街道"}
    with pytest.raises(ActionRefused, match="日期须在2000-01-01至2100-12-31之间"):
        intake.register(editor, org, data, channel="in_person", received_on=dt.date(1, 1, 1))
    assert not RequestCase.objects.exists()


def test_an_unbounded_paste_into_a_letter_form_is_refused(client, org, editor):
    """征求意见的内容 goes into the letter rendered on submit: a paste longer than MAX_TEXT_CHARS is refused on the field."""
    case = received_case(org, D("2026-11-02"), state=State.PROCESSING)
    client.force_login(editor)
    response = client.post(reverse("requests:consult", kwargs={"case_id": case.pk}), {
        "kind": "third_party", "party_name": "某公司", "matters": "是" * 25000, "on": "2026-11-03"})
    assert response.status_code == 400
    assert "20000" in response.content.decode()
    assert RequestCase.objects.get(pk=case.pk).state == State.PROCESSING


def test_a_double_click_on_register_files_one_application(client, org, editor):
    """Two cases from one paper application would each count in table 3's 本年新收."""
    client.force_login(editor)
    token = RegisterForm().initial["form_token"]
    first = register(client, org, form_token=token)
    assert first.status_code == 200 and RequestCase.objects.count() == 1
    again = register(client, org, form_token=token)
    assert again.status_code == 302 and again["Location"] == reverse("requests:list")
    assert RequestCase.objects.count() == 1
    assert "已经登记过" in client.get(again["Location"]).content.decode()


def test_a_register_post_without_its_token_is_told_to_submit_again_and_the_renewed_form_works(client, org, editor):
    """The page comes back with what was typed and a new token: a reload would lose the typing, so it says so."""
    client.force_login(editor)
    response = register(client, org, form_token="")
    page = response.content.decode()
    assert response.status_code == 400 and "表单已失效，未作任何保存；已为您更新表单，请核对后再次提交。" in page
    assert "刷新" not in page and not RequestCase.objects.exists()
    renewed = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    assert register(client, org, form_token=renewed).status_code == 200 and RequestCase.objects.count() == 1


def test_a_control_character_in_the_case_search_is_a_bad_request_not_a_server_error(client, org, editor):
    """PostgreSQL cannot compare a text with NUL: the search answered 500 there."""
    client.force_login(editor)
    client.raise_request_exception = False
    assert client.get(reverse("requests:list"), {"q": "SQ\x00-2026"}).status_code == 400
    assert client.get(reverse("requests:list"), {"q": "SQ-2026"}).status_code == 200
