"""The column everywhere else: API, feed, sitemap, search, home panel, 我的待办, hearings and events with
registration, 列席 meetings. Personal data never leaves through any of them."""

import datetime as dt
import logging
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.core.services import ActionRefused
from gongkai.participation import gatherings, services
from gongkai.participation.factories import (
    CommentFactory,
    ConsultationFactory,
    DecisionCatalogFactory,
    DecisionEntryFactory,
    EventFactory,
    HearingFactory,
    MeetingFactory,
)
from gongkai.participation.models import Attendee, PublishState, Registration
from gongkai.participation.tests.conftest import form_data
from gongkai.requests import spam

pytestmark = pytest.mark.django_db
SECRETS = ("王五", "某某公司", "13912345678", "wangwu@example.cn")


@pytest.fixture
def published(org, reviewer):
    consultation = ConsultationFactory(organization=org, title="关于《供热价格调整方案》公开征求意见")
    comment = CommentFactory(consultation=consultation, name="王五", affiliation="某某公司", contact="wangwu@example.cn",
                             body="建议照顾困难群众，电话13912345678")
    services.moderate(reviewer, comment, True)
    CommentFactory(consultation=consultation, name="王五")
    return consultation


def test_the_api_lists_consultations_with_the_documented_fields(client, published):
    data = client.get("/api/v1/consultations").json()
    assert data["count"] == 1
    row = data["results"][0]
    assert set(row) == {"id", "title", "organization", "opens_on", "closes_on", "status", "comment_count",
                        "published_comment_count", "outcome_url", "url"}
    assert (row["status"], row["comment_count"], row["published_comment_count"], row["outcome_url"]) == ("open", 2, 1, None)
    body = client.get("/api/v1/consultations?status=closed").json()
    assert body["count"] == 0
    assert client.get("/api/v1/consultations?status=bogus").status_code == 400
    assert client.get("/api/v1/consultations/999999").status_code == 404


def test_the_api_shows_a_published_consultation_that_has_not_started_yet(client, published, org):
    later = timezone.localdate() + dt.timedelta(days=3)
    upcoming = ConsultationFactory(organization=org, opens_on=later, closes_on=later + dt.timedelta(days=30))
    answer = client.get(f"/api/v1/consultations/{upcoming.pk}")
    assert answer.status_code == 200 and answer.json()["status"] == "upcoming"
    rows = client.get("/api/v1/consultations").json()["results"]
    assert [(row["id"], row["status"]) for row in rows] == [(published.pk, "open"), (upcoming.pk, "upcoming")]
    body = client.get("/api/v1/consultations?status=upcoming").json()
    assert [row["id"] for row in body["results"]] == [upcoming.pk]


def test_the_api_never_shows_personal_data(client, published):
    for url in ("/api/v1/consultations", f"/api/v1/consultations/{published.pk}", "/api/v1/decision-catalogs"):
        text = client.get(url).content.decode()
        assert not any(secret in text for secret in SECRETS)


def test_the_decision_catalog_api_lists_entries(client, org):
    catalog = DecisionCatalogFactory(organization=org, state=PublishState.PUBLISHED, published_at=timezone.now())
    DecisionEntryFactory(catalog=catalog, title="城区供热价格调整", needs_hearing=True)
    DecisionCatalogFactory(organization=org, year=2025)  # a draft: not listed
    data = client.get("/api/v1/decision-catalogs").json()
    assert len(data) == 1 and data[0]["year"] == 2026
    entry = data[0]["entries"][0]
    assert entry["title"] == "城区供热价格调整" and entry["needs_hearing"] is True and entry["status_label"] == "拟决策"


def test_the_openapi_schema_documents_both_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/consultations" in paths and "/api/v1/decision-catalogs" in paths


def test_feed_and_sitemap(client, published):
    feed = client.get(reverse("participation:feed")).content.decode()
    assert "供热价格调整方案" in feed and not any(secret in feed for secret in SECRETS)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert reverse("participation:consultation", kwargs={"consultation_id": published.pk}) in sitemap


def test_site_search_finds_consultations_by_their_draft(client, published):
    page = client.get(reverse("search:results"), {"q": "本办法适用于本县行政区域"}).content.decode()
    assert "公开征求意见" in page and "供热价格调整方案" in page


def test_the_home_panel_and_the_column_list_open_consultations_first(client, published, org):
    closed = ConsultationFactory(organization=org, title="已结束的征求意见", opens_on=dt.date(2026, 1, 1),
                                 closes_on=dt.date(2026, 1, 31))
    home = client.get("/").content.decode()
    assert "意见征集和参与活动" in home and "供热价格调整方案" in home
    column = client.get(reverse("participation:index")).content.decode()
    assert column.index("供热价格调整方案") < column.index(closed.title)
    assert not any(secret in column for secret in SECRETS)


def test_todo_shows_comments_to_moderate_and_outcomes_due(client, published, reviewer, org):
    ConsultationFactory(organization=org, title="待出采纳情况", opens_on=dt.date(2026, 1, 1), closes_on=dt.date(2026, 1, 31))
    client.force_login(reviewer)
    page = client.get(reverse("workbench:home")).content.decode()
    assert "待审核的意见" in page and "待发布的意见采纳情况" in page and "待出采纳情况" in page


def test_personal_data_never_reaches_the_log(client, org, caplog):
    consultation = ConsultationFactory(organization=org)
    url = reverse("participation:consultation", kwargs={"consultation_id": consultation.pk})
    with caplog.at_level(logging.DEBUG):
        client.post(url, form_data(client, url, body="意见", name="王五", contact="13912345678", may_publish="on"))
    assert not any(secret in caplog.text for secret in SECRETS)


# --- hearings, events, meetings -----------------------------------------------------------------------
def test_registration_is_encrypted_bounded_and_closes_when_full(client, org):
    event = EventFactory(organization=org, capacity=1)
    url = reverse("participation:event", kwargs={"event_id": event.pk})
    assert client.post(url, form_data(client, url, name="王五", phone="13912345678")).status_code == 302
    registration = Registration.objects.get()
    assert registration.phone == "13912345678"
    page = client.get(url).content.decode()
    assert "名额已满" in page and "王五" not in page
    with pytest.raises(ActionRefused, match="名额已满"):
        gatherings.register(event, {"name": "赵六", "phone": "13800000000"})


def test_a_double_submitted_registration_is_filed_once_and_says_so(client, org):
    event = EventFactory(organization=org, capacity=10)
    url = reverse("participation:event", kwargs={"event_id": event.pk})
    data = form_data(client, url, name="王五", phone="13912345678")
    assert client.post(url, data).status_code == 302
    page = client.post(url, data).content.decode()
    assert "您已经提交过这份报名" in page and "申请编号" not in page
    assert Registration.objects.count() == 1


def test_a_nul_in_a_registration_gets_a_clear_message(client, org):
    event = EventFactory(organization=org, capacity=10)
    url = reverse("participation:event", kwargs={"event_id": event.pk})
    page = client.post(url, form_data(client, url, name="王\x00五", phone="13912345678")).content.decode()
    assert "“姓名”不能包含控制字符，请只填写文字。" in page and "空字符串" not in page
    assert not Registration.objects.exists()


def test_registration_needs_a_real_phone_number_typed_either_width(client, org):
    event = EventFactory(organization=org, capacity=10)
    url = reverse("participation:event", kwargs={"event_id": event.pk})
    refused = client.post(url, form_data(client, url, name="王五", phone="abc"))
    assert refused.status_code == 400 and "电话号码格式不正确" in refused.content.decode()
    with pytest.raises(ActionRefused, match="电话号码格式不正确"):
        gatherings.register(event, {"name": "王五", "phone": "abc"})
    assert not Registration.objects.exists()
    assert client.post(url, form_data(client, url, name="王五", phone="１３９１２３４５６７８")).status_code == 302
    assert Registration.objects.get().phone == "13912345678"


def test_a_comment_contact_is_a_phone_number_or_an_email_address(client, org):
    consultation = ConsultationFactory(organization=org)
    url = reverse("participation:consultation", kwargs={"consultation_id": consultation.pk})
    refused = client.post(url, form_data(client, url, body="意见", contact="随便写写"))
    assert refused.status_code == 400 and "请填写手机号码、固定电话" in refused.content.decode()
    with pytest.raises(ActionRefused, match="请填写手机号码"):
        services.submit_comment(consultation.pk, {"body": "意见", "contact": "随便写写"})
    assert client.post(url, form_data(client, url, body="意见", contact="０５３３－３２０００００")).status_code == 302
    assert consultation.comments.get().contact == "0533-3200000"


def test_the_registration_figures_read_right_in_english(client, org):
    event = EventFactory(organization=org, capacity=10)
    url = reverse("participation:event", kwargs={"event_id": event.pk})
    closes = event.registration_closes_on.isoformat()
    assert f"10 places, 0 registered. Registration closes on {closes}." in client.get("/en" + url).content.decode()
    assert f"名额 10 人，已报名 0 人。报名截止日期：{closes}。" in client.get(url).content.decode()


def test_registration_after_the_closing_date_is_refused(org):
    hearing = HearingFactory(organization=org, registration_closes_on=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(ActionRefused, match="报名已于"):
        gatherings.register(hearing, {"name": "王五", "phone": "13912345678"})


def test_registration_flood_is_stopped(client, org, settings):
    settings.GONGKAI_REQUEST_RATE_LIMITS = {**spam.DEFAULT_LIMITS, "register": (1, 3600)}
    event = EventFactory(organization=org, capacity=10)
    url = reverse("participation:event", kwargs={"event_id": event.pk})
    assert client.post(url, form_data(client, url, name="甲", phone="13900000001")).status_code == 302
    assert client.post(url, form_data(client, url, name="乙", phone="13900000002")).status_code == 429
    assert Registration.objects.count() == 1


def test_the_hearing_record_is_published_after_the_hearing(client, org, reviewer):
    hearing = HearingFactory(organization=org)
    with pytest.raises(ActionRefused, match="举行之后"):
        gatherings.publish_record(reviewer, hearing, "<p>笔录</p>")
    hearing.starts_at = timezone.now() - dt.timedelta(days=1)
    hearing.save()
    gatherings.publish_record(reviewer, hearing, "<p>听证参加人13名。</p>")
    page = client.get(reverse("participation:hearing", kwargs={"hearing_id": hearing.pk})).content.decode()
    assert "听证笔录和听证报告" in page and "听证参加人13名。" in page


def test_meetings_show_names_only_with_consent(client, org, editor):
    meeting = MeetingFactory(organization=org)
    gatherings.add_attendee(editor, meeting, Attendee.Category.EXPERT, "刘教授", True)
    gatherings.add_attendee(editor, meeting, Attendee.Category.PUBLIC, "不愿公开的代表", False)
    page = client.get(reverse("participation:meetings"), {"year": meeting.held_on.year}).content.decode()
    assert "刘教授" in page and "不愿公开的代表" not in page and "（未公开姓名）" in page and "列席 2 人次" in page


def test_staff_pages_keep_personal_data_to_the_unit(client, org, editor, outsider, published):
    url = reverse("participation_staff:consultation", kwargs={"consultation_id": published.pk})
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(editor)
    page = client.get(url).content.decode()
    assert "王五" in page and "wangwu@example.cn" in page


def test_the_challenge_question_describes_its_answer_field(client, org):
    """A screen reader tabbing into the answer field heard 「验证题，请用阿拉伯数字作答」 but not the question."""
    consultation = ConsultationFactory(organization=org)
    page = client.get(reverse("participation:consultation", kwargs={"consultation_id": consultation.pk})).content.decode()
    field = re.search(r'<input[^>]*name="challenge_answer"[^>]*>', page).group(0)
    assert 'aria-describedby="challenge-question id_challenge_answer_helptext"' in field
    assert 'id="challenge-question"' in page and 'id="id_challenge_answer_helptext"' in page


def test_a_wrong_challenge_answer_stays_linked_to_its_field(client, org):
    """The question was fixed on the widget as its description, and Django then no longer linked the field's
    error: after a wrong answer a screen reader tabbing into the field did not hear 「验证题的答案不正确」."""
    consultation = ConsultationFactory(organization=org)
    url = reverse("participation:consultation", kwargs={"consultation_id": consultation.pk})
    data = form_data(client, url, body="建议延长公示期。", paragraph="")
    data["challenge_answer"] = str(int(data["challenge_answer"]) + 1)
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 400 and "验证题的答案不正确。" in page
    assert '<ul class="errorlist" id="id_challenge_answer_error">' in page
    field = re.search(r'<input[^>]*name="challenge_answer"[^>]*>', page).group(0)
    assert 'aria-describedby="challenge-question id_challenge_answer_helptext id_challenge_answer_error"' in field
    assert 'aria-invalid="true"' in field
