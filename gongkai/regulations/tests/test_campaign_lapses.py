"""A campaign stays closable when a document leaves force while it is open; only reviewers can close it."""

import pytest
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.publishing.choices import Validity
from gongkai.regulations import campaigns, services
from gongkai.regulations.expiry import lapse
from gongkai.regulations.factories import normative_document
from gongkai.regulations.models import CleanupCampaign, Event

pytestmark = pytest.mark.django_db
Result = campaigns.Result


@pytest.fixture
def docs(org, editor, reviewer):
    return [normative_document(org, editor, reviewer, title=t, doc_number=f"源政办发〔2020〕{n}号")
            for n, t in enumerate(["沂源县殡葬管理办法", "沂源县城区养犬管理办法", "沂源县农村公路养护办法"], start=1)]


@pytest.fixture
def second_reviewer(org):
    return user_with_role(org, Role.REVIEWER)


def test_a_document_that_lapsed_or_was_repealed_meanwhile_is_recorded_not_blocking(
        org, editor, reviewer, second_reviewer, docs):
    lapsed, repealed, kept = docs
    campaign = campaigns.open_campaign(reviewer, org, "2026年规范性文件清理", docs)
    entries = {e.document_id: e for e in campaign.entries.all()}
    campaigns.decide(reviewer, entries[lapsed.pk], Result.CONTINUE, "继续执行")
    campaigns.decide(reviewer, entries[kept.pk], Result.DECLARE_INVALID, "调整对象已消失")
    # the repealed one has no result yet: it needs none any more
    lapse(lapsed)
    newer = normative_document(org, editor, reviewer, title="沂源县城区犬只管理办法", doc_number="源政办发〔2026〕9号",
                               promulgated_on="2026-01-01", effective_from="2026-01-01", expires_on="2030-12-31")
    services.repeal(reviewer, newer, repealed)

    campaign = campaigns.close_campaign(second_reviewer, campaign, "不涉密", secrecy_checked=True)

    assert campaign.state == CleanupCampaign.State.CLOSED
    body = campaign.result_item.body
    assert "清理期间已失效" in body and "原结论“继续有效”未执行" in body and "清理期间已废止" in body
    entries = {e.document_id: e for e in campaign.entries.all()}
    assert entries[lapsed.pk].not_applied == "清理期间已失效"
    assert entries[repealed.pk].not_applied == "清理期间已废止" and entries[kept.pk].not_applied == ""
    for doc in docs:
        doc.refresh_from_db()
    assert (lapsed.validity, repealed.validity, kept.validity) == (Validity.EXPIRED, Validity.REPEALED,
                                                                  Validity.EXPIRED)
    assert not lapsed.events.filter(campaign=campaign).exists()
    assert kept.events.get(campaign=campaign).kind == Event.Kind.DECLARED_INVALID


def test_staff_can_take_a_document_out_of_an_open_campaign(client, org, reviewer, editor, docs):
    campaign = campaigns.open_campaign(reviewer, org, "2026年规范性文件清理", docs[:2])
    first, last = campaign.entries.order_by("id")
    url = reverse("regulations_staff:campaign_remove", kwargs={"campaign_id": campaign.pk})
    client.force_login(editor)
    assert client.post(url, {"entry": first.pk}).status_code == 403
    client.force_login(reviewer)
    page = client.post(url, {"entry": first.pk}, follow=True).content.decode()
    assert "已移出本次清理" in page
    assert list(campaign.entries.values_list("document_id", flat=True)) == [docs[1].pk]
    event = AuditEvent.objects.get(action="regulations.cleanup_remove")
    assert event.actor == reviewer
    page = client.post(url, {"entry": last.pk}, follow=True).content.decode()
    assert "至少要保留一件文件" in page and campaign.entries.count() == 1


def test_relate_form_warns_when_the_target_is_being_cleaned_up(client, org, editor, reviewer, docs):
    campaigns.open_campaign(reviewer, org, "2026年规范性文件清理", docs[:1])
    newer = normative_document(org, editor, reviewer, title="沂源县殡葬管理条例实施办法", doc_number="源政办发〔2026〕9号",
                               promulgated_on="2026-01-01", effective_from="2026-01-01", expires_on="2030-12-31")
    client.force_login(reviewer)
    detail = reverse("regulations_staff:detail", kwargs={"document_id": newer.pk})
    assert "清理中：2026年规范性文件清理" in client.get(detail).content.decode()
    page = client.post(reverse("regulations_staff:relate", kwargs={"document_id": newer.pk}),
                       {"kind": "repeals", "target": docs[0].pk, "effective_on": "2026-01-01"},
                       follow=True).content.decode()
    assert "正在清理“2026年规范性文件清理”中" in page


def test_only_a_reviewer_other_than_the_opener_is_offered_the_close_form(client, org, org_admin, reviewer, docs):
    campaign = campaigns.open_campaign(org_admin, org, "2026年规范性文件清理", docs[:1])
    campaigns.decide(org_admin, campaign.entries.get(), Result.CONTINUE, "继续执行")
    detail = reverse("regulations_staff:campaign", kwargs={"campaign_id": campaign.pk})
    close = reverse("regulations_staff:campaign_close", kwargs={"campaign_id": campaign.pk})
    other_admin = user_with_role(org, Role.ORG_ADMIN)
    client.force_login(other_admin)
    page = client.get(detail).content.decode()
    assert close not in page and "须由本单位审核员完成" in page
    response = client.post(close, {"secrecy_checked": "on", "opinion": "同意"})
    assert response.status_code == 403 and "须由本单位审核员完成" in response.content.decode()
    client.force_login(reviewer)
    assert close in client.get(detail).content.decode()
    client.post(close, {"secrecy_checked": "on", "opinion": "同意"})
    campaign.refresh_from_db()
    assert campaign.state == CleanupCampaign.State.CLOSED
