"""Workflow guards found by the publishing audit (session 19): transitions the state diagram does not allow,
and changes made on a stale copy of an item."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.catalog.services import node_by_key
from gongkai.core.services import ActionRefused
from gongkai.publishing import services
from gongkai.publishing.actions import available_actions
from gongkai.publishing.choices import State
from gongkai.publishing.models import InformationItem

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _approved(org, editor, reviewer, **fields):
    data = {"title": "关于开展文化市场安全检查的通知", "formed_on": timezone.localdate(), "body": "<p>内部稿，尚未公开</p>"}
    data.update(fields)
    item = services.create_item(editor, org, data, [node_by_key(org, "plan.notices")])
    services.submit(editor, item)
    return services.approve(reviewer, item, "不涉密，同意公开", secrecy_checked=True)


def test_a_scheduled_item_cannot_be_withdrawn_before_its_time_and_stays_off_the_site(client, org, editor, reviewer):
    """Withdrawing an item scheduled for tomorrow used to put it on the site at once (withdrawn items are public
    with their notice): information that was never published became public before its time."""
    item = services.publish(reviewer, _approved(org, editor, reviewer), at=timezone.now() + dt.timedelta(days=1))
    assert item.is_scheduled
    assert "withdraw" not in available_actions(reviewer, item)
    with pytest.raises(ActionRefused, match="尚未到发布时间"):
        services.withdraw(reviewer, item, "政策调整")
    client.force_login(reviewer)
    response = client.post(reverse("publishing:withdraw", kwargs={"item_id": item.pk}),
                           {"withdraw-reason": "政策调整"}, follow=True)
    assert "尚未到发布时间" in response.content.decode()
    assert "定时发布的信息在发布时间之前没有公开过，不能撤回" in response.content.decode()  # why the button is gone
    item.refresh_from_db()
    assert item.state == State.PUBLISHED and item.is_scheduled
    assert not InformationItem.objects.public().filter(pk=item.pk).exists()
    client.logout()
    assert client.get(reverse("portal:item", kwargs={"item_id": item.pk})).status_code == 404


def test_a_withdrawn_item_whose_time_has_not_come_is_not_public(org, editor, reviewer):
    """Data from before the guard (or a clock set back): a withdrawn item is public only from its publication time."""
    item = services.publish(reviewer, _approved(org, editor, reviewer), at=timezone.now() + dt.timedelta(days=1))
    InformationItem.objects.filter(pk=item.pk).update(state=State.WITHDRAWN, state_reason="x")
    item.refresh_from_db()
    assert not item.is_public
    assert not InformationItem.objects.public().filter(pk=item.pk).exists()


def test_a_scheduled_item_can_still_be_deleted(org, editor, reviewer):
    item = services.publish(reviewer, _approved(org, editor, reviewer), at=timezone.now() + dt.timedelta(days=1))
    assert "delete" in available_actions(reviewer, item)
    assert services.delete(reviewer, item, "不再发布").state == State.DELETED


def _stale(item: InformationItem, state: str) -> InformationItem:
    """The caller's copy says `item` is a draft; the database says `state` (someone submitted it meanwhile)."""
    InformationItem.objects.filter(pk=item.pk).update(state=state)
    return item


def test_attachments_follow_the_items_state_now_not_the_callers_copy(org, editor, reviewer):
    """An upload or removal racing a 送审 changed a submitted item (the drafter's page still said 草稿):
    the reviewer would approve files that changed under the 保密审查."""
    item = services.create_item(editor, org, {"title": "附件竞态", "formed_on": timezone.localdate()},
                                [node_by_key(org, "plan.notices")])
    attachment = services.add_attachment(editor, item, SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf"))
    stale = _stale(item, State.SUBMITTED)
    assert stale.state == State.DRAFT
    with pytest.raises(ActionRefused, match="送审中"):
        services.add_attachment(editor, stale, SimpleUploadedFile("b.pdf", PDF, content_type="application/pdf"))
    with pytest.raises(ActionRefused, match="送审中"):
        services.remove_attachment(editor, attachment)
    with pytest.raises(ActionRefused, match="送审中"):
        services.replace_attachment(editor, attachment, SimpleUploadedFile("c.pdf", PDF, content_type="application/pdf"))
    assert [a.original_name for a in InformationItem.objects.get(pk=item.pk).attachments.all()] == ["a.pdf"]


@pytest.mark.parametrize("change, nodes, field, reason", [
    ({"disclosure_mode": "on_request"}, None, "disclosure_mode", "不能改为"),
    ({}, [], "catalog_nodes", "至少保留一个目录栏目"),
    ({"title": "  "}, None, "title", "须有名称"),
])
def test_a_correction_keeps_a_published_item_proactive_named_and_in_the_catalog(org, editor, reviewer, change, nodes,
                                                                              field, reason):
    """A 更正 that switched 公开方式 took a published page off the site with no 撤回/删除 and no reason recorded."""
    item = services.publish(reviewer, _approved(org, editor, reviewer))
    with pytest.raises(ActionRefused, match=reason) as refused:
        services.update_item(reviewer, item, change, nodes)
    assert refused.value.field == field
    item.refresh_from_db()
    assert InformationItem.objects.public().filter(pk=item.pk).exists() and item.catalog_nodes.exists()


def test_the_correction_refusal_is_shown_on_the_editor_field(client, org, editor, reviewer):
    item = services.publish(reviewer, _approved(org, editor, reviewer))
    client.force_login(reviewer)
    url = reverse("publishing:edit", kwargs={"item_id": item.pk})
    data = {"title": item.title, "formed_on": item.formed_on.isoformat(), "doc_type": item.doc_type,
            "topic": item.topic, "disclosure_mode": "on_request", "body": item.body,
            "catalog_nodes": [node_by_key(org, "plan.notices").pk]}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "不能改为" in str(response.context["form"].errors.get("disclosure_mode"))
    assert InformationItem.objects.get(pk=item.pk).disclosure_mode == "proactive"


def test_a_replacement_rolled_back_leaves_no_file(org, editor, monkeypatch, settings):
    """replace_attachment wrote the new file outside core.files: a failure later in the transaction left it on disk."""
    from pathlib import Path

    item = services.create_item(editor, org, {"title": "附件替换", "formed_on": timezone.localdate()})
    attachment = services.add_attachment(editor, item, SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf"))
    before = {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}

    def failing_record(*args, **kwargs):
        raise ActionRefused("审计日志写入失败")

    monkeypatch.setattr(services, "record", failing_record)
    with pytest.raises(ActionRefused):
        services.replace_attachment(editor, attachment, SimpleUploadedFile("b.pdf", PDF, content_type="application/pdf"))
    assert {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()} == before


def test_a_publication_cannot_be_scheduled_years_ahead(client, org, editor, reviewer):
    """A schedule in the year 9999 (a typo) was accepted: the item waited for ever with a 索引号 of 9999."""
    item = services.create_item(editor, org, {"title": "定时发布的年份输错", "formed_on": timezone.localdate()},
                                [node_by_key(org, "plan.notices")])
    services.submit(editor, item)
    client.force_login(reviewer)
    response = client.post(reverse("publishing:review", kwargs={"item_id": item.pk}), {
        "decision": "approved", "secrecy_checked": "on", "opinion": "不涉密，同意公开", "publish": "scheduled",
        "publish_at": "9999-12-31T23:59"})
    assert response.status_code == 200
    assert "一年之内" in str(response.context["review_form"].errors["publish_at"])
    item.refresh_from_db()
    assert item.state == State.SUBMITTED and item.index_no is None
    services.approve(reviewer, item, "不涉密，同意公开", secrecy_checked=True)
    with pytest.raises(ActionRefused, match="一年之内"):
        services.publish(reviewer, item, at=timezone.now() + dt.timedelta(days=400))
    assert services.publish(reviewer, item, at=timezone.now() + dt.timedelta(days=300)).is_scheduled
