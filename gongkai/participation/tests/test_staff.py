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
    page = client.post(reverse("participation_staff:consultation_create"), data).content.decode()
    assert "少于30日" in page and not Consultation.objects.exists()
    data["closes_on"] = (today + dt.timedelta(days=29)).isoformat()
    response = client.post(reverse("participation_staff:consultation_create"), data)
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
    client.post(reverse("participation_staff:hearing_create"), {
        "organization": org.pk, "title": "供热价格听证会", "matter": "供热价格", "starts_at": later, "place": "会议室"})
    client.post(reverse("participation_staff:activity_create"), {
        "organization": org.pk, "kind": "open_day", "title": "政府开放日", "topic": "参观", "starts_at": later,
        "place": "政务服务中心", "capacity": "20", "registration_closes_on": (timezone.localdate() + dt.timedelta(days=10)).isoformat()})
    client.post(reverse("participation_staff:meeting_create"), {
        "organization": org.pk, "kind": "executive", "title": "常务会议", "held_on": timezone.localdate().isoformat(),
        "topics": "议题一"})
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


def test_a_stale_offline_comment_form_does_not_promise_the_typing_is_kept(client, org, editor):
    """The 登记意见 form goes back to the consultation page, whose form is empty again: a stale token must not say
    「已为您更新表单，请核对后再次提交」 (there is nothing to check), but that nothing was saved and to fill it in again."""
    from gongkai.participation.models import Comment

    consultation = ConsultationFactory(organization=org)
    client.force_login(editor)
    url = reverse("participation_staff:comment_add", kwargs={"consultation_id": consultation.pk})
    page = client.post(url, {"channel": "email", "body": "建议延长过渡期。", "form_token": "forged"},
                       follow=True).content.decode()
    assert not Comment.objects.filter(consultation=consultation).exists()
    assert "表单已失效，未作任何保存，请重新填写后提交。" in page
    assert "请核对后再次提交" not in page and "建议延长过渡期。" not in page


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
