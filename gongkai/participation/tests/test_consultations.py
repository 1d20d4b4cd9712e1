"""Consultations: the 30-day rule, extension, comments on paragraphs, moderation, bad input."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.core.services import ActionRefused
from gongkai.participation import services
from gongkai.participation.factories import DRAFT, CommentFactory, ConsultationFactory
from gongkai.participation.models import Comment, Consultation, PublishState
from gongkai.participation.tests.conftest import form_data
from gongkai.requests import spam
from gongkai.workdays.statute import CONSULTATION_MIN_DAYS

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def _data(opens="2026-12-10", closes="2027-01-08", reason=""):
    return {"title": "关于《测试办法》公开征求意见", "draft": DRAFT, "opens_on": D(opens), "closes_on": D(closes),
            "short_period_reason": reason, "email": "a@example.cn"}


def _url(consultation):
    return reverse("participation:consultation", kwargs={"consultation_id": consultation.pk})


# --- the period -----------------------------------------------------------------------------------------
def test_the_minimum_period_is_the_named_constant():
    assert CONSULTATION_MIN_DAYS == 30


def test_29_days_without_a_reason_is_refused(org, editor):
    with pytest.raises(ActionRefused, match="少于30日"):
        services.create_consultation(editor, org, _data(closes="2027-01-07"))  # 12-10 … 01-07 = 29 days
    assert not Consultation.objects.exists()


def test_30_days_is_accepted(org, editor):
    consultation = services.create_consultation(editor, org, _data())
    assert consultation.period_days == 30 and consultation.short_period_reason == ""


def test_29_days_with_a_reason_is_accepted_and_the_reason_is_shown(client, org, editor, reviewer):
    today = timezone.localdate()
    consultation = services.create_consultation(editor, org, _data(
        opens=today.isoformat(), closes=(today + dt.timedelta(days=28)).isoformat(), reason="防汛期临近，情况紧急。"))
    services.publish_consultation(reviewer, consultation)
    page = client.get(_url(consultation)).content.decode()
    assert "征求意见期限少于30日的说明" in page and "防汛期临近，情况紧急。" in page and "共29日" in page


def test_a_closing_date_before_the_opening_is_refused(org, editor):
    with pytest.raises(ActionRefused, match="截止日期不能早于开始日期"):
        services.create_consultation(editor, org, _data(opens="2027-01-08", closes="2026-12-10"))


def test_another_unit_cannot_create_or_publish(org, outsider):
    with pytest.raises(ActionRefused, match="没有权限"):
        services.create_consultation(outsider, org, _data())
    consultation = ConsultationFactory(organization=org, state=PublishState.DRAFT)
    with pytest.raises(ActionRefused):
        services.publish_consultation(outsider, consultation)


def test_extension_is_shown_publicly(client, org, reviewer):
    consultation = ConsultationFactory(organization=org)
    old = consultation.closes_on
    with pytest.raises(ActionRefused, match="须晚于原截止日期"):
        services.extend(reviewer, consultation, old, "多给一些时间")
    services.extend(reviewer, consultation, old + dt.timedelta(days=10), "应社会各界要求延长。")
    consultation.refresh_from_db()
    assert consultation.closes_on == old + dt.timedelta(days=10)
    page = client.get(_url(consultation)).content.decode()
    assert "延长征求意见期限" in page and "应社会各界要求延长。" in page and old.isoformat() in page


def test_a_published_consultation_cannot_be_edited(org, editor):
    consultation = ConsultationFactory(organization=org)
    with pytest.raises(ActionRefused, match="已发布"):
        services.update_consultation(editor, consultation, _data())


# --- comments -----------------------------------------------------------------------------------------
def test_a_citizen_comments_on_a_paragraph_and_it_waits_for_moderation(client, org):
    consultation = ConsultationFactory(organization=org)
    url = _url(consultation)
    response = client.post(url, form_data(client, url, paragraph="2", body="第二条的适用范围太窄。", name="李四",
                                          contact="13912345678", may_publish="on"))
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.paragraph, comment.state, comment.may_publish) == (2, Comment.State.PENDING, True)
    page = client.get(url).content.decode()
    assert "第二条的适用范围太窄。" not in page  # not before moderation


def test_the_moderator_publishes_and_the_comment_shows_without_personal_data(client, org, reviewer):
    consultation = ConsultationFactory(organization=org)
    comment = CommentFactory(consultation=consultation, paragraph=3, body="施行日期宜推迟。电话13912345678",
                             name="王五", affiliation="某某公司", contact="wangwu@example.cn")
    services.moderate(reviewer, comment, True)
    page = client.get(_url(consultation)).content.decode()
    assert "施行日期宜推迟。" in page and 'id="p-3"' in page
    for secret in ("王五", "某某公司", "wangwu@example.cn", "13912345678"):
        assert secret not in page
    assert "139****5678" in page


def test_a_comment_without_consent_cannot_be_published(org, reviewer):
    comment = CommentFactory(consultation=ConsultationFactory(organization=org), may_publish=False)
    with pytest.raises(ActionRefused, match="未同意公开"):
        services.moderate(reviewer, comment, True)
    services.moderate(reviewer, comment, False, "提交人未同意公开")
    comment.refresh_from_db()
    assert comment.state == Comment.State.HIDDEN


def test_an_editor_cannot_moderate_and_another_unit_cannot_either(org, editor, outsider):
    comment = CommentFactory(consultation=ConsultationFactory(organization=org))
    for user in (editor, outsider):
        with pytest.raises(ActionRefused):
            services.moderate(user, comment, True)
    comment.refresh_from_db()
    assert comment.state == Comment.State.PENDING


def test_personal_data_is_encrypted_at_rest(org):
    from django.db import connection

    comment = CommentFactory(consultation=ConsultationFactory(organization=org), name="王五", contact="13912345678")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, contact FROM participation_comment WHERE id = %s", [comment.pk])
        name, contact = cursor.fetchone()
    assert "王五" not in name and "13912345678" not in contact


# --- bad input ----------------------------------------------------------------------------------------
def _post(client, consultation, **fields):
    url = _url(consultation)
    return client.post(url, form_data(client, url, **{"body": "意见", "may_publish": "on", **fields}))


def test_an_oversized_comment_is_refused_and_nothing_saved(client, org):
    response = _post(client, ConsultationFactory(organization=org), body="长" * (services.COMMENT_MAX_CHARS + 1))
    assert response.status_code == 400 and "意见内容不能超过2000字" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_scripted_comment_is_refused(client, org):
    response = _post(client, ConsultationFactory(organization=org), body="<script>alert(1)</script>好")
    assert response.status_code == 400 and "不能包含网页代码" in response.content.decode()
    assert not Comment.objects.exists()


def test_the_comment_form_help_is_in_the_visitors_language(client, org):
    url = _url(ConsultationFactory(organization=org))
    english = client.get("/en" + url).content.decode()
    assert "At most 2000 characters" in english and "请勿填写身份证号" not in english
    assert "不超过2000字" in client.get(url).content.decode()


def test_a_less_than_sign_in_ordinary_writing_is_not_web_code(client, org):
    consultation = ConsultationFactory(organization=org)
    for body in ("PM2.5<PM10 的天数应当公布", "a<b", "收费标准<=50元", "x < y"):
        assert _post(client, consultation, body=body).status_code == 302, body
    assert sorted(consultation.comments.values_list("body", flat=True)) == sorted(
        ["PM2.5<PM10 的天数应当公布", "a<b", "收费标准<=50元", "x < y"])
    for code in ("<img src=x onerror=alert(1)>", "</p>好", "<!-- x -->", "<a href='javascript:alert(1)'>"):
        assert _post(client, consultation, body=code).status_code == 400, code
    assert consultation.comments.count() == 4


def test_a_comment_after_the_closing_date_is_refused(client, org):
    consultation = ConsultationFactory(organization=org)
    url = _url(consultation)
    data = form_data(client, url, body="晚到的意见", may_publish="on")
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=timezone.localdate() - dt.timedelta(days=40), closes_on=timezone.localdate() - dt.timedelta(days=1))
    response = client.post(url, data)
    assert response.status_code == 400 and "截止，不再接受意见" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_forged_consultation_or_paragraph_is_refused(client, org):
    assert client.post(reverse("participation:consultation", kwargs={"consultation_id": 999999}), {}).status_code == 404
    draft = ConsultationFactory(organization=org, state=PublishState.DRAFT)
    assert client.get(_url(draft)).status_code == 404
    with pytest.raises(ActionRefused, match="没有找到"):
        services.submit_comment(draft.pk, {"body": "意见"})
    response = _post(client, ConsultationFactory(organization=org), paragraph="99")
    assert response.status_code == 400 and not Comment.objects.exists()


def test_a_flood_from_one_address_is_stopped(client, org, settings):
    settings.GONGKAI_REQUEST_RATE_LIMITS = {**spam.DEFAULT_LIMITS, "comment": (2, 3600)}
    consultation = ConsultationFactory(organization=org)
    codes = [_post(client, consultation, body=f"第{n}条意见").status_code for n in range(3)]
    assert codes == [302, 302, 429]
    assert Comment.objects.count() == 2
    last = _post(client, consultation, body="再来一条")
    assert "过于频繁" in last.content.decode()


def test_a_replayed_form_files_nothing_the_second_time(client, org):
    consultation = ConsultationFactory(organization=org)
    url = _url(consultation)
    data = form_data(client, url, body="只提交一次", may_publish="on")
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 409 and Comment.objects.count() == 1
    page = again.content.decode()
    assert "您的意见已经提交过" in page and "申请编号" not in page


def test_a_nul_in_a_comment_gets_a_clear_message_and_saves_nothing(client, org):
    consultation = ConsultationFactory(organization=org)
    url = _url(consultation)
    response = client.post(url, form_data(client, url, body="意见\x00内容", name="王\x00五"))
    page = response.content.decode()
    assert response.status_code == 400 and "“意见内容”不能包含控制字符，请只填写文字。" in page
    assert "“姓名”不能包含控制字符" in page and "空字符串" not in page and not Comment.objects.exists()


def test_the_honeypot_is_refused(client, org):
    response = _post(client, ConsultationFactory(organization=org), website="http://spam.example")
    assert response.status_code == 400 and not Comment.objects.exists()


@pytest.mark.parametrize("control", ["\u202e", "\u202a", "\u2066", "\u2069"])
def test_a_comment_with_bidi_controls_is_refused_as_single_line_fields_are(client, org, editor, control):
    """A published comment kept U+202E (an override that makes the text after it read backwards on the public
    page) while the title and name fields already refused it; the comment's text refuses it too, online and
    entered by staff, with the reason next to the field."""
    consultation = ConsultationFactory(organization=org)
    response = _post(client, consultation, body=f"建议{control}延长过渡期")
    page = response.content.decode()
    assert response.status_code == 400 and "“意见内容”不能包含控制字符" in page
    assert 'id="id_body_error"' in page and not Comment.objects.exists()
    with pytest.raises(ActionRefused, match="不能包含控制字符"):
        services.submit_comment(consultation.pk, {"body": f"建议{control}延长过渡期"})
    with pytest.raises(ActionRefused, match="不能包含控制字符"):
        services.record_offline_comment(editor, consultation, {"channel": "email", "body": f"意见{control}"})
    assert _post(client, consultation, body="建议延长过渡期（אבג）").status_code == 302  # right-to-left text itself is fine
