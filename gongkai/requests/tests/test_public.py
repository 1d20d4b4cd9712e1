"""The public side: the 第二十九条 form with its anti-spam, the one-time query code, and the applicant's
lookup that shows their own case and nothing else."""

import datetime as dt
import html
import re
import time

import pytest
from django.urls import reverse

from gongkai.core import query_codes
from gongkai.requests import spam
from gongkai.requests.choices import State
from gongkai.requests.factories import TEST_QUERY_CODE, received_case
from gongkai.requests.models import RequestCase
from gongkai.requests.services import handling, replies
from gongkai.requests.services.intake import find_for_applicant

pytestmark = pytest.mark.django_db

APPLY = reverse("requests_public:apply")
LOOKUP = reverse("requests_public:lookup")
CASE = reverse("requests_public:case")


@pytest.fixture(autouse=True)
def _no_wait(settings):
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0


def _answer(html: str) -> str:
    question = re.search(r"验证题：</strong>(\S)(加|减)(\S)等于几", html)
    digits = "零一二三四五六七八九"
    a, b = digits.index(question.group(1)), digits.index(question.group(3))
    return str(a + b if question.group(2) == "加" else a - b)


def _form(client, org, **overrides):
    page = client.get(APPLY, {"org": org.pk})
    html = page.content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    data = {
        "organization": org.pk, "applicant_type": "natural_person", "applicant_name": "李四",
        "id_number": "11010519491231002X", "phone": "13912345678", "email": "lisi@example.cn",
        "address": "沂源县振兴路8号", "postcode": "256100", "info_title": "2020年县级部门预算",
        "info_doc_number": "", "info_description": "请提供县文化和旅游局2020年部门预算公开文本",
        "form_wanted": "electronic", "delivery_wanted": "online", "truthful": "on",
        "challenge_answer": _answer(html), "form_token": token, "website": "",
    }
    data.update(overrides)
    return data


def test_an_online_application_gets_a_number_and_a_code_shown_once(client, org):
    response = client.post(APPLY, _form(client, org))
    assert response.status_code == 302 and response.url == reverse("requests_public:done")
    assert not any(re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", str(v)) for v in client.session.values())
    page = client.get(response.url).content.decode()
    number = re.search(r'id="tracking-number">([^<]+)<', page).group(1)
    code = re.search(r'id="query-code">([^<]+)<', page).group(1)
    case = RequestCase.objects.get(tracking_number=number)
    assert case.state == State.PENDING and case.channel == "online" and case.organization == org
    assert case.received_on is None  # 第三十一条（三）: only once both sides confirm
    assert code not in str(RequestCase.objects.filter(pk=case.pk).values().get())  # only a digest is stored
    assert find_for_applicant(number, code) == case
    assert find_for_applicant(number, code.lower().replace("-", "")) == case
    assert find_for_applicant(number, "AAAA-AAAA-AAAA") is None
    # Confirmed as written down: the page has nothing more to show.
    assert client.post(reverse("requests_public:done")).url == CASE
    assert client.get(reverse("requests_public:done")).status_code == 302


def _switch(client, page, label):
    """Follow the display or language switch labelled `label` on `page`, as a browser does."""
    link = re.search(r'<a class="switch" href="([^"]+)"[^>]*>\s*' + label + r"\s*</a>", page).group(1)
    response = client.get(html.unescape(link))
    assert response.status_code == 302
    return response.url


def test_the_done_page_survives_the_display_and_language_switches(client, org, monkeypatch):
    done_url = client.post(APPLY, _form(client, org)).url
    first = client.get(done_url)
    assert "no-store" in first["Cache-Control"]
    page = first.content.decode()
    code = re.search(r'id="query-code">([^<]+)<', page).group(1)
    back = _switch(client, page, "长者模式")  # an elderly applicant wants bigger text to copy the code
    assert back == done_url and code not in back
    elder = client.get(back).content.decode()
    assert re.search(r'id="query-code">([^<]+)<', elder).group(1) == code and "退出长者模式" in elder
    english = _switch(client, elder, "English")
    assert english == "/en" + done_url and code not in english
    assert code in client.get(english).content.decode()
    # Kept for a stated time only.
    later = time.time() + query_codes.SHOW_AGAIN_SECONDS + 1
    monkeypatch.setattr(query_codes.time, "time", lambda: later)
    assert client.get(done_url).status_code == 302


def test_missing_content_is_refused_in_chinese_and_nothing_is_saved(client, org):
    response = client.post(APPLY, _form(client, org, info_description="", phone="", email="", address="",
                                        delivery_wanted="online"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "这个字段是必填项" in html or "必填" in html
    assert "请至少填写一种联系方式" in html
    assert not RequestCase.objects.exists()


def test_a_wrong_id_number_is_refused(client, org):
    response = client.post(APPLY, _form(client, org, id_number="110105194912310021"))
    assert response.status_code == 400 and "身份证号码不正确" in response.content.decode()


@pytest.mark.parametrize("tamper, message", [
    ({"website": "http://spam.example"}, "提交未被接受"),
    ({"challenge_answer": "99"}, "验证题的答案不正确"),
    ({"form_token": "forged"}, "表单已失效"),
])
def test_bots_are_turned_away(client, org, tamper, message):
    response = client.post(APPLY, _form(client, org, **tamper))
    assert response.status_code == 400 and message in response.content.decode()
    assert not RequestCase.objects.exists()


def test_a_form_filled_faster_than_a_person_can_is_refused(client, org, settings):
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 60
    response = client.post(APPLY, _form(client, org))
    assert response.status_code == 400 and "提交过快" in response.content.decode()


def test_the_rate_limit_counts_per_client(client, org, settings):
    settings.GONGKAI_REQUEST_RATE_LIMITS = {**spam.DEFAULT_LIMITS, "apply": (2, 3600)}
    for _ in range(2):
        assert client.post(APPLY, _form(client, org)).status_code == 302
    response = client.post(APPLY, _form(client, org))
    assert response.status_code == 429 and "过于频繁" in response.content.decode()
    assert RequestCase.objects.count() == 2


def _answered_case(org, editor, reviewer):
    case = received_case(org, dt.date(2020, 3, 2), state=State.PROCESSING)
    replies.draft_reply(editor, case, {"outcome": "予以公开", "reply_content": "见附件。"})
    replies.approve_reply(reviewer, case, dt.date(2020, 3, 10))
    return case


def test_the_applicant_sees_their_case_and_downloads_its_reply(client, org, editor, reviewer):
    case = _answered_case(org, editor, reviewer)
    handling_letter = case.documents.get().document
    response = client.post(LOOKUP, {"tracking_number": case.tracking_number.lower(), "query_code": TEST_QUERY_CODE})
    assert response.status_code == 302 and response.url == CASE
    page = client.get(CASE).content.decode()
    assert case.tracking_number in page and "已答复" in page and "予以公开" in page
    assert "370323" not in page and "13800001234" not in page  # no personal numbers on public pages
    english = client.get("/en" + CASE).content.decode()
    assert re.search(r'id="case-outcome">Disclosed<', english) and "予以公开" not in english
    download = client.get(reverse("requests_public:document_pdf", kwargs={"letter_id": handling_letter.pk}))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("requests_public:document_docx", kwargs={"letter_id": handling_letter.pk})
                      ).status_code == 200


def test_a_wrong_code_shows_nothing_and_says_nothing_specific(client, org, editor, reviewer):
    case = _answered_case(org, editor, reviewer)
    response = client.post(LOOKUP, {"tracking_number": case.tracking_number, "query_code": "WRNG-WRNG-WRNG"})
    assert response.status_code == 400 and "申请编号或查询码不正确" in response.content.decode()
    assert client.get(CASE).status_code == 302


def test_an_applicant_never_gets_another_cases_documents(client, org, editor, reviewer):
    mine = received_case(org, dt.date(2020, 3, 2), state=State.PROCESSING)
    other = _answered_case(org, editor, reviewer)
    consultation = handling.consult(editor, mine, "third_party", "某公司", "营业收入", dt.date(2020, 3, 3))
    client.post(LOOKUP, {"tracking_number": mine.tracking_number, "query_code": TEST_QUERY_CODE})
    others_letter = other.documents.get().document
    assert client.get(reverse("requests_public:document_pdf", kwargs={"letter_id": others_letter.pk})
                      ).status_code == 404
    # The letter to the consulted third party is not the applicant's either.
    third_party_letter = consultation.event.document
    assert client.get(reverse("requests_public:document_pdf", kwargs={"letter_id": third_party_letter.pk})
                      ).status_code == 404
    assert "某公司" not in client.get(CASE).content.decode()


def test_lookups_are_rate_limited(client, settings, org):
    settings.GONGKAI_REQUEST_RATE_LIMITS = {**spam.DEFAULT_LIMITS, "lookup": (3, 600)}
    for _ in range(3):
        client.post(LOOKUP, {"tracking_number": "SQ-2020-000001", "query_code": "AAAA-BBBB-CCCC"})
    response = client.post(LOOKUP, {"tracking_number": "SQ-2020-000001", "query_code": "AAAA-BBBB-CCCC"})
    assert response.status_code == 429


def test_the_public_pages_render(client, org):
    assert client.get(reverse("requests_public:index")).status_code == 200
    assert org.name in client.get(reverse("requests_public:index")).content.decode()
    assert client.get(LOOKUP).status_code == 200


def test_applications_cannot_be_addressed_to_a_party_office(client, org):
    """条例第二十七条: applications go to 行政机关; a 党委工作机关 is none (organizations.OUTSIDE_REGULATION_KINDS)."""
    from gongkai.organizations.factories import OrganizationFactory
    from gongkai.organizations.models import Organization

    party = OrganizationFactory(kind=Organization.Kind.PARTY, name="中共测试县委宣传部")
    assert party.name not in client.get(reverse("requests_public:index")).content.decode()
    assert party.name not in client.get(APPLY).content.decode() and org.name in client.get(APPLY).content.decode()
    response = client.post(APPLY, _form(client, org, organization=party.pk))
    assert response.status_code == 400 and not RequestCase.objects.exists()  # the form refuses it
