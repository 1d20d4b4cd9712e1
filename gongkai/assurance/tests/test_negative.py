"""The 负面清单: public, kept by the 政务公开办, a checklist at 保密审查, cited by a 不予公开 item."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.assurance.factories import NegativeEntryFactory
from gongkai.assurance.models import ReviewChecklist
from gongkai.assurance.services import negative
from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.publishing import services as publishing
from gongkai.publishing.models import Review

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(county):
    return [NegativeEntryFactory(organization=county.government, title="依法确定为国家秘密的文件、资料", position=1),
            NegativeEntryFactory(organization=county.government, title="内部讨论稿、会议纪要等过程性信息",
                                 basis="art16_process", law="", position=2)]


def submitted(county, **fields):
    org = county.department
    data = {"title": "内部审议稿", "formed_on": dt.date(2026, 3, 2), "body": "<p>稿</p>"} | fields
    item = publishing.create_item(county.dept_editor, org, data, [county.node(org)])
    return publishing.submit(county.dept_editor, item)


def test_the_public_page_lists_entries_with_their_legal_basis(client, entries):
    page = client.get("/fmqd/").content.decode()
    assert "政务公开负面清单" in page
    assert "依法确定为国家秘密的文件、资料" in page and "《中华人民共和国保守国家秘密法》第九条" in page
    assert "第十六条第二款：过程性信息" in page


def test_only_the_supervisor_keeps_the_list(county):
    data = {"title": "涉及个人隐私的信息", "basis": "art15_third_party", "law": "《中华人民共和国个人信息保护法》第二十八条"}
    with pytest.raises(ActionRefused):
        negative.save_entry(county.dept_admin, data)
    entry = negative.save_entry(county.supervisor, data)
    assert entry.organization == county.government
    assert AuditEvent.objects.filter(action="assurance.negative_save", object_id=str(entry.pk)).exists()
    with pytest.raises(ActionRefused, match="具体法律条款"):
        negative.save_entry(county.supervisor, {"title": "x", "basis": "other"})


def test_the_reviewer_sees_the_checklist_and_the_ticks_are_recorded(client, county, entries):
    item = submitted(county)
    client.force_login(county.dept_reviewer)
    page = client.get(reverse("publishing:detail", args=[item.pk])).content.decode()
    assert "对照政务公开负面清单" in page and 'name="negative_considered"' in page
    response = client.post(reverse("publishing:review", args=[item.pk]), {
        "decision": "approved", "secrecy_checked": "on", "opinion": "同意", "publish": "later",
        "negative_considered": [entries[0].pk, entries[1].pk]})
    assert response.status_code == 302
    review = Review.objects.get(item=item, decision="approved")
    checklist = ReviewChecklist.objects.get(review=review)
    assert set(checklist.considered.all()) == set(entries) and checklist.cited is None


def test_a_withheld_item_must_cite_an_entry_of_its_own_basis(county, entries):
    item = submitted(county, disclosure_mode="not_disclosed", exemption_basis="art16_process")
    with pytest.raises(ActionRefused, match="所属的负面清单条目"):
        publishing.approve(county.dept_reviewer, item, "不予公开", secrecy_checked=True, data={})
    with pytest.raises(ActionRefused, match="不一致"):
        publishing.approve(county.dept_reviewer, item, "不予公开", secrecy_checked=True,
                           data={"negative_cited": str(entries[0].pk)})
    item.refresh_from_db()
    assert item.state == "submitted"  # the refused approvals left nothing behind
    publishing.approve(county.dept_reviewer, item, "不予公开", secrecy_checked=True,
                       data={"negative_cited": str(entries[1].pk)})
    checklist = ReviewChecklist.objects.get(review__item=item)
    assert checklist.cited == entries[1] and list(checklist.considered.all()) == [entries[1]]


def test_without_a_list_the_review_is_unchanged(county):
    item = submitted(county, disclosure_mode="not_disclosed", exemption_basis="art16_process")
    publishing.approve(county.dept_reviewer, item, "同意", secrecy_checked=True)
    assert not ReviewChecklist.objects.exists()


@pytest.mark.parametrize("position", ["99999999999999", "-1", "10000"])
def test_a_position_out_of_range_is_refused_next_to_the_field(client, county, position):
    """Audit L6: SQLite took 99999999999999 as 排序 (PostgreSQL would fail); the form bounds it to 0–9999."""
    client.force_login(county.supervisor)
    response = client.post(reverse("assurance:negative"), {
        "title": "涉及个人隐私的信息", "basis": "art15_third_party", "law": "", "position": position, "is_active": "on"})
    assert response.status_code in (200, 400)
    from gongkai.assurance.models import NegativeEntry

    assert not NegativeEntry.objects.exists()
    with pytest.raises(ActionRefused, match="排序须在0到9999之间"):
        negative.save_entry(county.supervisor, {"title": "x", "basis": "art15_third_party", "position": position})
