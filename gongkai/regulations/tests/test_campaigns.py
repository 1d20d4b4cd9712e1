"""清理: results recorded per document; closing publishes the list and applies every result."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.core.services import ActionRefused
from gongkai.publishing.choices import State, Validity
from gongkai.publishing.models import InformationItem
from gongkai.regulations import campaigns
from gongkai.regulations.factories import normative_document
from gongkai.regulations.models import CleanupCampaign, Event

pytestmark = pytest.mark.django_db
Result = campaigns.Result


@pytest.fixture
def docs(org, editor, reviewer):
    titles = ["沂源县城乡居民医疗救助办法", "沂源县殡葬管理办法", "沂源县城区养犬管理办法", "沂源县农村公路养护办法"]
    return [normative_document(org, editor, reviewer, title=t, doc_number=f"源政办发〔2020〕{n}号")
            for n, t in enumerate(titles, start=1)]


@pytest.fixture
def second_reviewer(org):
    return user_with_role(org, Role.REVIEWER)


def test_closing_publishes_the_result_list_and_applies_each_result(org, reviewer, second_reviewer, docs):
    campaign = campaigns.open_campaign(reviewer, org, "2020年规范性文件集中清理", docs, basis="淄政办字〔2020〕30号")
    entries = {e.document_id: e for e in campaign.entries.all()}
    today = timezone.localdate()
    campaigns.decide(reviewer, entries[docs[0].pk], Result.CONTINUE, "符合现行法律法规")
    campaigns.decide(reviewer, entries[docs[1].pk], Result.AMEND, "与新修订的条例不一致")
    campaigns.decide(reviewer, entries[docs[2].pk], Result.REPEAL, "上位法已废止")
    campaigns.decide(second_reviewer, entries[docs[3].pk], Result.DECLARE_INVALID, "调整对象已消失")
    campaign = campaigns.close_campaign(second_reviewer, campaign, "不涉密，同意公开", secrecy_checked=True)

    assert campaign.state == CleanupCampaign.State.CLOSED and campaign.closed_on == today
    item = campaign.result_item
    assert item.state == State.PUBLISHED and item.title == "2020年规范性文件集中清理结果"
    assert InformationItem.objects.live().filter(pk=item.pk).exists()
    assert item.created_by == reviewer and item.reviews.get().reviewer == second_reviewer
    for doc in docs:
        assert doc.title in item.body
    assert "上位法已废止" in item.body and "<table>" in item.body

    validity = {}
    for doc in docs:
        doc.refresh_from_db()
        doc.item.refresh_from_db()
        assert doc.item.validity == doc.validity
        validity[doc.title] = (doc.validity, doc.pending_amendment, doc.events.get().kind)
    assert validity == {
        "沂源县城乡居民医疗救助办法": (Validity.VALID, False, Event.Kind.CONFIRMED),
        "沂源县殡葬管理办法": (Validity.VALID, True, Event.Kind.TO_BE_AMENDED),
        "沂源县城区养犬管理办法": (Validity.REPEALED, False, Event.Kind.CLEANUP_REPEALED),
        "沂源县农村公路养护办法": (Validity.EXPIRED, False, Event.Kind.DECLARED_INVALID),
    }
    assert docs[2].validity_since == today and docs[2].events.get().campaign == campaign


def test_continue_with_a_new_period_renews(org, reviewer, second_reviewer, docs):
    campaign = campaigns.open_campaign(reviewer, org, "2020年清理", docs[:1])
    entry = campaign.entries.get()
    today = timezone.localdate()
    new_date = today + dt.timedelta(days=4 * 365)
    campaigns.decide(reviewer, entry, Result.CONTINUE, "继续执行", new_expires_on=new_date)
    campaigns.close_campaign(second_reviewer, campaign, "同意", secrecy_checked=True)
    docs[0].refresh_from_db()
    assert docs[0].expires_on == new_date and docs[0].events.get().kind == Event.Kind.RENEWED
    assert "有效期延长至" in CleanupCampaign.objects.get().result_item.body


def test_closing_needs_every_result_and_a_second_person(org, reviewer, second_reviewer, docs):
    campaign = campaigns.open_campaign(reviewer, org, "2020年清理", docs[:2])
    first, second = campaign.entries.all()
    campaigns.decide(reviewer, first, Result.CONTINUE, "继续有效")
    with pytest.raises(ActionRefused, match="没有清理结论"):
        campaigns.close_campaign(second_reviewer, campaign, "同意", secrecy_checked=True)
    campaigns.decide(reviewer, second, Result.REPEAL, "废止")
    with pytest.raises(ActionRefused, match="其他审核员"):
        campaigns.close_campaign(reviewer, campaign, "同意", secrecy_checked=True)
    with pytest.raises(ActionRefused, match="保密审查"):
        campaigns.close_campaign(second_reviewer, campaign, "同意", secrecy_checked=False)
    with pytest.raises(ActionRefused, match="保密审查意见不能超过1000字"):  # the shared rule, as the gazette's
        campaigns.close_campaign(second_reviewer, campaign, "意" * 1001, secrecy_checked=True)
    docs[1].refresh_from_db()
    assert docs[1].validity == Validity.VALID  # nothing half-applied
    assert not InformationItem.objects.filter(title="2020年清理结果").exists()


def test_refusals_when_opening_and_deciding(org, other_org, editor, reviewer, second_reviewer, docs):
    with pytest.raises(ActionRefused, match="权限"):
        campaigns.open_campaign(editor, org, "清理", docs)
    stranger = user_with_role(other_org, Role.ORG_ADMIN)
    with pytest.raises(ActionRefused, match="权限"):
        campaigns.open_campaign(stranger, org, "清理", docs)
    with pytest.raises(ActionRefused, match="不是本单位"):
        campaigns.open_campaign(stranger, other_org, "清理", docs)
    campaign = campaigns.open_campaign(reviewer, org, "清理", docs[:2])
    with pytest.raises(ActionRefused, match="进行中的清理"):
        campaigns.open_campaign(second_reviewer, org, "再清理", docs[1:3])
    entry = campaign.entries.first()
    with pytest.raises(ActionRefused, match="理由"):
        campaigns.decide(reviewer, entry, Result.REPEAL, "")
    with pytest.raises(ActionRefused, match="延长有效期"):
        campaigns.decide(reviewer, entry, Result.REPEAL, "x", new_expires_on=timezone.localdate())


def test_the_result_published_by_an_english_reader_is_in_chinese(org, reviewer, second_reviewer, docs):
    from django.utils import translation

    campaign = campaigns.open_campaign(reviewer, org, "2020年清理", docs[:1], basis="淄政办字〔2020〕30号")
    campaigns.decide(reviewer, campaign.entries.get(), Result.CONTINUE, "继续有效")
    with translation.override("en"):
        campaign = campaigns.close_campaign(second_reviewer, campaign, "同意", secrecy_checked=True)
    body = campaign.result_item.body
    assert "清理依据：淄政办字〔2020〕30号" in body and "继续有效" in body
    assert "Basis" not in body and "Remain in force" not in body and campaign.result_item.title == "2020年清理结果"
