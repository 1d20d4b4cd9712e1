"""The staff pages drive the same services: registering, relating, renewing, a whole cleanup campaign."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.publishing.choices import State, Validity
from gongkai.regulations.factories import normative_document
from gongkai.regulations.models import CleanupCampaign, NormativeDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def doc(org, editor, reviewer):
    return normative_document(org, editor, reviewer)


def test_create_form_makes_a_draft_in_the_normative_column(client, org, editor):
    client.force_login(editor)
    response = client.post(reverse("regulations_staff:create"), {
        "organization": org.pk, "title": "沂源县城区停车管理暂行办法", "doc_number": "源政办发〔2020〕20号", "doc_type": "通知",
        "written_on": "2020-09-01", "topic": "06", "body": "<p>第一条</p>", "lead_issuer": org.pk,
        "promulgated_on": "2020-09-01", "effective_from": "2020-10-01", "expires_on": "2023-09-30",
        "legality_reviewer": "沂源县司法局", "legality_reviewed_on": "2020-08-20", "legality_opinion": "合法"})
    assert response.status_code == 200  # 暂行: at most 2 years
    assert "不超过2年" in response.content.decode() and not NormativeDocument.objects.exists()
    response = client.post(reverse("regulations_staff:create"), {
        "organization": org.pk, "title": "沂源县城区停车管理暂行办法", "doc_number": "源政办发〔2020〕20号", "doc_type": "通知",
        "written_on": "2020-09-01", "topic": "06", "body": "<p>第一条</p>", "lead_issuer": org.pk,
        "promulgated_on": "2020-09-01", "effective_from": "2020-10-01", "expires_on": "2022-09-30",
        "legality_reviewer": "沂源县司法局", "legality_reviewed_on": "2020-08-20", "legality_opinion": "合法"})
    document = NormativeDocument.objects.get()
    assert response.status_code == 302 and document.item.state == State.DRAFT
    assert document.item.catalog_nodes.get().template_key == "art20.1" and document.item.validity == Validity.VALID


def test_relation_and_renewal_through_the_detail_page(client, org, editor, reviewer, doc):
    newer = normative_document(org, editor, reviewer, title="沂源县城乡居民医疗救助实施细则", doc_number="源政办发〔2020〕30号",
                               promulgated_on="2020-09-01", effective_from="2020-10-01", expires_on="2025-09-30")
    client.force_login(editor)
    page = client.get(reverse("regulations_staff:detail", kwargs={"document_id": newer.pk})).content.decode()
    assert "登记文件关系" not in page  # editors register; reviewers change validity
    assert client.post(reverse("regulations_staff:relate", kwargs={"document_id": newer.pk}),
                       {"kind": "replaces", "target": doc.pk}).status_code == 403
    client.force_login(reviewer)
    response = client.post(reverse("regulations_staff:relate", kwargs={"document_id": newer.pk}),
                           {"kind": "replaces", "target": doc.pk, "note": "新细则替代原办法"})
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.validity == Validity.REPEALED
    today = timezone.localdate()
    response = client.post(reverse("regulations_staff:renew", kwargs={"document_id": newer.pk}),
                           {"new_expires_on": (today + dt.timedelta(days=365 * 4)).isoformat(),
                            "reason": "评估后继续执行"})
    newer.refresh_from_db()
    assert response.status_code == 302 and newer.events.filter(kind="renewed").exists()


def test_other_units_get_404(client, other_org, doc):
    client.force_login(user_with_role(other_org, Role.ORG_ADMIN))
    assert client.get(reverse("regulations_staff:detail", kwargs={"document_id": doc.pk})).status_code == 404
    assert client.post(reverse("regulations_staff:renew", kwargs={"document_id": doc.pk}),
                       {"new_expires_on": "2030-01-01", "reason": "x"}).status_code == 404
    assert doc.title not in client.get(reverse("regulations_staff:list")).content.decode()


def test_cleanup_campaign_through_the_pages(client, org, editor, reviewer, doc):
    second = user_with_role(org, Role.REVIEWER)
    client.force_login(reviewer)
    response = client.post(reverse("regulations_staff:campaign_create"),
                           {"organization": org.pk, "title": "2020年规范性文件清理", "documents": [doc.pk]})
    campaign = CleanupCampaign.objects.get()
    assert response.status_code == 302
    entry = campaign.entries.get()
    url = reverse("regulations_staff:campaign_decide", kwargs={"campaign_id": campaign.pk})
    assert client.post(url, {"entry": entry.pk, "result": "repeal", "reason": ""}).status_code == 200
    client.post(url, {"entry": entry.pk, "result": "repeal", "reason": "上位法已废止"})
    close = reverse("regulations_staff:campaign_close", kwargs={"campaign_id": campaign.pk})
    client.post(close, {"secrecy_checked": "on", "opinion": "同意"})
    campaign.refresh_from_db()
    assert campaign.state == CleanupCampaign.State.OPEN  # the opener cannot also publish
    client.force_login(second)
    client.post(close, {"secrecy_checked": "on", "opinion": "同意"})
    campaign.refresh_from_db()
    doc.refresh_from_db()
    assert campaign.state == CleanupCampaign.State.CLOSED and doc.validity == Validity.REPEALED
    page = client.get(reverse("regulations_staff:campaign", kwargs={"campaign_id": campaign.pk})).content.decode()
    assert reverse("portal:item", kwargs={"item_id": campaign.result_item_id}) in page
