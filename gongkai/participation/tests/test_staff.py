"""Staff pages of 公众参与 work for the unit's own staff: every page opens, forms create through the services."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from gongkai.audit.models import AuditEvent
from gongkai.participation.factories import (
    CommentFactory,
    ConsultationFactory,
    DecisionCatalogFactory,
    DecisionEntryFactory,
    EventFactory,
    HearingFactory,
    MeetingFactory,
)
from gongkai.participation.models import Consultation, Event, Hearing, Meeting, PublishState
from gongkai.participation.tests.conftest import staff_token

pytestmark = pytest.mark.django_db


def test_every_staff_page_opens_for_the_unit(client, org, reviewer):
    consultation = ConsultationFactory(organization=org, enterprise_related=True)
    CommentFactory(consultation=consultation)
    catalog = DecisionCatalogFactory(organization=org)
    entry = DecisionEntryFactory(catalog=catalog)
    urls = [
        reverse("participation_staff:index"),
        reverse("participation_staff:consultation_create"),
        reverse("participation_staff:consultation", kwargs={"consultation_id": consultation.pk}),
        reverse("participation_staff:outcome", kwargs={"consultation_id": consultation.pk}),
        reverse("participation_staff:catalog_create"),
        reverse("participation_staff:catalog", kwargs={"decision_catalog_id": catalog.pk}),
        reverse("participation_staff:entry", kwargs={"decision_entry_id": entry.pk}),
        reverse("participation_staff:hearing_create"), reverse("participation_staff:activity_create"),
        reverse("participation_staff:meeting_create"),
        reverse("participation_staff:hearing", kwargs={"hearing_id": HearingFactory(organization=org).pk}),
        reverse("participation_staff:activity", kwargs={"activity_id": EventFactory(organization=org).pk}),
        reverse("participation_staff:meeting", kwargs={"meeting_id": MeetingFactory(organization=org).pk}),
    ]
    client.force_login(reviewer)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url


def test_staff_create_a_consultation_and_publish_it(client, org, editor, reviewer):
    today = timezone.localdate()
    client.force_login(editor)
    data = {"organization": org.pk, "title": "关于《测试办法》征求意见", "draft": "<p>第一条 测试。</p>",
            "opens_on": today.isoformat(), "closes_on": (today + dt.timedelta(days=28)).isoformat()}
    url = reverse("participation_staff:consultation_create")
    data = staff_token(client, url, **data)
    page = client.post(url, data).content.decode()
    assert "少于30日" in page and not Consultation.objects.exists()
    data["closes_on"] = (today + dt.timedelta(days=29)).isoformat()
    response = client.post(url, data)
    consultation = Consultation.objects.get()
    assert response.status_code == 302 and consultation.state == PublishState.DRAFT
    client.force_login(reviewer)
    client.post(reverse("participation_staff:consultation_publish", kwargs={"consultation_id": consultation.pk}))
    consultation.refresh_from_db()
    assert consultation.state == PublishState.PUBLISHED
    assert AuditEvent.objects.filter(action="participation.publish_consultation").exists()


def test_staff_create_hearings_events_and_meetings(client, org, editor):
    client.force_login(editor)
    later = (timezone.localtime() + dt.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    for kind, data in (
            ("hearing", {"title": "供热价格听证会", "matter": "供热价格", "starts_at": later, "place": "会议室"}),
            ("activity", {"kind": "open_day", "title": "政府开放日", "topic": "参观", "starts_at": later,
                          "place": "政务服务中心", "capacity": "20",
                          "registration_closes_on": (timezone.localdate() + dt.timedelta(days=10)).isoformat()}),
            ("meeting", {"kind": "executive", "title": "常务会议", "held_on": timezone.localdate().isoformat(),
                         "topics": "议题一"})):
        url = reverse(f"participation_staff:{kind}_create")
        client.post(url, staff_token(client, url, organization=org.pk, **data))
    assert Hearing.objects.count() == Event.objects.count() == Meeting.objects.count() == 1
    assert AuditEvent.objects.filter(action__in=["participation.save_hearing", "participation.save_event",
                                                 "participation.save_meeting"]).count() == 3


def test_english_pages_render(client, org):
    consultation = ConsultationFactory(organization=org)
    page = client.get(f"/en/gzcy/zqyj/{consultation.pk}/")
    assert page.status_code == 200 and "Comment online" in page.content.decode()
    assert client.get("/en/gzcy/").status_code == 200


def test_english_new_hearing_meeting_and_event_pages_are_titled_in_english(client, org, editor):
    client.force_login(editor)
    chinese = client.get(reverse("participation_staff:hearing_create")).content.decode()  # imported in Chinese
    assert "<h1>听证会</h1>" in chinese
    for kind, title in (("hearing", "Hearing"), ("meeting", "Attended meetings"), ("activity", "Participation event")):
        with translation.override("en"):
            page = client.get(reverse(f"participation_staff:{kind}_create")).content.decode()
        assert f"<h1>{title}</h1>" in page, re.findall(r"<h1>.*?</h1>", page)
        assert "听证会" not in page and "列席会议" not in page


def test_staff_texts_shown_publicly_refuse_control_characters(client, org, editor, reviewer):
    """The extension's reason, an adoption reason and an offline comment were stored with an escape or
    backspace character (shown on the public page as ▯ and breaking the XLSX export); they are refused."""
    from gongkai.participation.models import Comment, Extension

    consultation = ConsultationFactory(organization=org)
    comment = CommentFactory(consultation=consultation)
    url = reverse("participation_staff:consultation", kwargs={"consultation_id": consultation.pk})
    client.force_login(reviewer)
    response = client.post(reverse("participation_staff:consultation_extend", kwargs={"consultation_id": consultation.pk}),
                           {"new_closes_on": consultation.closes_on + dt.timedelta(days=5), "reason": "工作需要\x1b"},
                           follow=True)
    assert "“延长理由”不能包含控制字符" in response.content.decode()
    assert not Extension.objects.filter(consultation=consultation).exists()
    client.post(reverse("participation_staff:comment_classify", kwargs={"opinion_id": comment.pk}),
                {f"c{comment.pk}-topic": "范围\x08", f"c{comment.pk}-adoption": "adopted", f"c{comment.pk}-reason": ""})
    comment.refresh_from_db()
    assert comment.adoption == "" and "\x08" not in comment.topic
    client.force_login(editor)
    client.post(reverse("participation_staff:comment_add", kwargs={"consultation_id": consultation.pk}),
                {"channel": "email", "body": "意见\x07内容"})
    assert not Comment.objects.filter(consultation=consultation, channel="email").exists()
    assert client.get(url).status_code == 200


def test_a_double_submit_records_one_offline_comment(client, org, editor):
    """A double-click on 「登记」 recorded the e-mailed comment twice, and the published 意见收集采纳情况 counted
    it twice; the form is single-use now."""
    from gongkai.participation.models import Comment

    consultation = ConsultationFactory(organization=org)
    client.force_login(editor)
    page = client.get(reverse("participation_staff:consultation", kwargs={"consultation_id": consultation.pk}))
    html = page.content.decode()
    form = html[html.index(reverse("participation_staff:comment_add", kwargs={"consultation_id": consultation.pk})):]
    token = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
    data = {"channel": "email", "body": "建议延长过渡期。", "form_token": token}
    url = reverse("participation_staff:comment_add", kwargs={"consultation_id": consultation.pk})
    client.post(url, data)
    second = client.post(url, data, follow=True).content.decode()
    assert Comment.objects.filter(consultation=consultation, channel="email").count() == 1
    assert "这条意见已经登记过" in second


def test_a_stale_offline_comment_form_comes_back_as_typed_with_a_new_token(client, org, editor):
    """The 登记意见 form with a stale or forged token: nothing is saved, and the consultation page shows the form
    again with what was typed and a new token, to check and submit again."""
    from gongkai.participation.models import Comment

    consultation = ConsultationFactory(organization=org)
    client.force_login(editor)
    url = reverse("participation_staff:comment_add", kwargs={"consultation_id": consultation.pk})
    response = client.post(url, {"channel": "email", "body": "建议延长过渡期。", "form_token": "forged"})
    page = response.content.decode()
    assert response.status_code == 400 and not Comment.objects.filter(consultation=consultation).exists()
    assert "请核对后再次提交" in page and "建议延长过渡期。</textarea>" in page
    token = re.search(r'name="form_token" value="([^"]+)" id="offline_form_token"', page).group(1)
    assert client.post(url, {"channel": "email", "body": "建议延长过渡期。", "form_token": token}).status_code == 302
    assert Comment.objects.filter(consultation=consultation, channel="email").count() == 1


def test_the_consultation_page_gives_each_form_field_an_id_of_its_own(client, org, editor, reviewer):
    """The offline comment's 姓名 and the invitation's 企业或商会名称 were both id="id_name" (the label of the one
    named the other's field), both single-use tokens id="id_form_token", and the 不公开的原因 and 回复 fields
    were repeated with one id for every pending comment and every invitation."""
    from gongkai.participation.models import Invitation

    consultation = ConsultationFactory(organization=org, enterprise_related=True)
    for body in ("建议一。", "建议二。"):
        CommentFactory(consultation=consultation, body=body)
    for name in ("某某商会", "某某公司"):
        Invitation.objects.create(consultation=consultation, name=name, invited_on=timezone.localdate())
    ids = []
    for user in (editor, reviewer):
        client.force_login(user)
        html = client.get(reverse("participation_staff:consultation",
                                  kwargs={"consultation_id": consultation.pk})).content.decode()
        every_id = re.findall(r'<[a-z]+[^>]* id="([^"]+)"', html)
        assert len(every_id) == len(set(every_id)), sorted(i for i in every_id if every_id.count(i) > 1)
        page_ids = re.findall(r'<(?:input|textarea|select)[^>]* id="([^"]+)"', html)
        for label_for in re.findall(r'<label[^>]* for="([^"]+)"', html):
            assert label_for in page_ids
        ids += page_ids
    invitation_name = re.search(r'<label[^>]*for="([^"]+)"[^>]*>企业或商会名称</label>', html)
    assert invitation_name and 'name="name"' in re.search(
        rf'<input[^>]*id="{invitation_name.group(1)}"[^>]*>', html).group(0)
    assert sum("note" in i for i in ids) == 2 and sum("reply" in i and "replied_on" not in i for i in ids) >= 2


def test_a_refused_staff_form_comes_back_with_what_was_typed_and_the_error_next_to_the_field(client, org, reviewer):
    """The forms on the consultation, catalog and meeting pages answered invalid input with a redirect and a
    message at the top: what the staff member had typed (a reason for the extension, a whole catalog entry) was
    lost. The page now comes back with the form open, as typed, the error next to the field and in a summary."""
    from gongkai.participation.models import Extension

    consultation = ConsultationFactory(organization=org, state=PublishState.PUBLISHED)
    client.force_login(reviewer)
    response = client.post(reverse("participation_staff:consultation_extend", kwargs={"consultation_id": consultation.pk}),
                           {"new_closes_on": "9999-12-31", "reason": "起草单位需要补充调研，延长十日。"})
    page = response.content.decode()
    assert response.status_code == 400 and not Extension.objects.exists()
    assert "起草单位需要补充调研，延长十日。</textarea>" in page and 'value="9999-12-31"' in page
    assert re.search(r'id="id_new_closes_on_error"[^>]*>.*?2000-01-01', page, re.S)
    assert 'class="error-summary"' in page and "<details open><summary>延长征求意见期限" in page

    catalog = DecisionCatalogFactory(organization=org)
    response = client.post(reverse("participation_staff:entry_add", kwargs={"decision_catalog_id": catalog.pk}),
                           {"number": "", "title": "城区集中供热价格调整", "lead_unit": "县住房城乡建设局",
                            "basis": "《价格法》第二十三条", "status": "planned"})
    page = response.content.decode()
    assert response.status_code == 400 and not catalog.entries.exists()
    assert 'value="城区集中供热价格调整"' in page and "《价格法》第二十三条</textarea>" in page
    assert 'id="id_number_error"' in page and "<details open><summary>添加事项" in page

    meeting = MeetingFactory(organization=org)
    response = client.post(reverse("participation_staff:attendee_add", kwargs={"meeting_id": meeting.pk}),
                           {"category": "nobody", "name": "县人大代表王某"})
    page = response.content.decode()
    assert response.status_code == 400 and 'value="县人大代表王某"' in page and 'id="id_category_error"' in page
    assert not meeting.attendees.exists()


@pytest.mark.parametrize(("kind", "model", "data"), [
    ("consultation", Consultation, {"title": "关于《测试办法》征求意见", "draft": "<p>第一条 测试。</p>",
                                    "opens_on": "today", "closes_on": "+29"}),
    ("hearing", Hearing, {"title": "供热价格听证会", "matter": "供热价格", "starts_at": "later", "place": "会议室"}),
    ("activity", Event, {"kind": "open_day", "title": "政府开放日", "topic": "参观", "starts_at": "later",
                         "place": "政务服务中心"}),
])
def test_a_double_click_on_save_creates_one_consultation_hearing_or_event(client, org, editor, kind, model, data):
    """Saving a new consultation, hearing or event twice (a double click, a resent POST) created two: the second
    one had to be found and deleted by hand. The form is single-use: one is created, the second submit says so."""
    today = timezone.localdate()
    values = {"today": today.isoformat(), "+29": (today + dt.timedelta(days=29)).isoformat(),
              "later": (timezone.localtime() + dt.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")}
    client.force_login(editor)
    url = reverse(f"participation_staff:{kind}_create")
    sent = staff_token(client, url, organization=org.pk, **{k: values.get(v, v) for k, v in data.items()})
    assert client.post(url, sent).status_code == 302
    second = client.post(url, sent, follow=True).content.decode()
    assert model.objects.count() == 1 and "已经保存过（可能重复点击了保存按钮），未再次保存" in second
