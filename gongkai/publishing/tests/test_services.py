import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.catalog.services import node_by_key
from gongkai.core.services import ActionRefused
from gongkai.publishing import services
from gongkai.publishing.choices import DisclosureMode, State
from gongkai.publishing.factories import published_item
from gongkai.publishing.models import InformationItem

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def draft(org, editor, **fields):
    data = {"title": "关于印发沂源县2020年政务公开工作要点的通知", "formed_on": dt.date(2020, 8, 10),
            "body": "<p>正文</p>"}
    data.update(fields)
    return services.create_item(editor, org, data, [node_by_key(org, "plan.notices")])


def test_full_workflow_assigns_index_number_and_records_secrecy_review(org, editor, reviewer):
    item = draft(org, editor, doc_number="源政办字〔2020〕66号")
    services.submit(editor, item)
    services.approve(reviewer, item, "不涉密，同意公开", secrecy_checked=True)
    item = services.publish(reviewer, item)
    year = timezone.localdate().year
    assert item.state == State.PUBLISHED
    assert item.index_no == f"{org.credit_code}/{year}-00001"
    review = item.reviews.get()
    assert review.reviewer == reviewer and review.secrecy_checked and review.opinion == "不涉密，同意公开"
    assert InformationItem.objects.public().filter(pk=item.pk).exists()
    actions = list(AuditEvent.objects.filter(object_id=str(item.pk)).values_list("action", flat=True))
    assert set(actions) >= {"item.create", "item.submit", "item.approve", "item.publish"}


def test_serials_are_per_organization_and_never_reused(org, other_org, editor, reviewer):
    first = published_item(org, editor, reviewer)
    second = published_item(org, editor, reviewer)
    services.delete(reviewer, second, "误发")
    third = published_item(org, editor, reviewer)
    assert [i.index_no[-5:] for i in (first, second, third)] == ["00001", "00002", "00003"]
    other_editor = user_with_role(other_org, Role.EDITOR)
    other_reviewer = user_with_role(other_org, Role.REVIEWER)
    assert published_item(other_org, other_editor, other_reviewer).index_no.endswith("-00001")


@pytest.mark.parametrize("opinion, reason", [
    ("同\x0b意", "不能包含控制字符"), ("意" * 1001, "不能超过1000字"), ("  ", "请填写保密审查意见")])
def test_approval_refuses_an_opinion_the_shared_secrecy_rule_refuses(org, editor, reviewer, opinion, reason):
    item = draft(org, editor)
    services.submit(editor, item)
    with pytest.raises(ActionRefused, match=reason):
        services.approve(reviewer, item, opinion, secrecy_checked=True)
    item.refresh_from_db()
    assert item.state == State.SUBMITTED and not item.reviews.exists()


def test_approval_requires_secrecy_review_and_opinion(org, editor, reviewer):
    item = draft(org, editor)
    services.submit(editor, item)
    with pytest.raises(ActionRefused, match="保密审查"):
        services.approve(reviewer, item, "同意", secrecy_checked=False)
    with pytest.raises(ActionRefused, match="当前状态"):
        services.publish(reviewer, item)
    item.refresh_from_db()
    assert item.state == State.SUBMITTED and item.index_no is None


def test_editor_cannot_review_or_publish(org, editor):
    item = draft(org, editor)
    services.submit(editor, item)
    with pytest.raises(ActionRefused, match="没有权限"):
        services.approve(editor, item, "同意", secrecy_checked=True)


def test_drafter_cannot_review_own_item(org):
    both = user_with_role(org, Role.REVIEWER)
    item = draft(org, both)
    services.submit(both, item)
    with pytest.raises(ActionRefused, match="起草人"):
        services.approve(both, item, "同意", secrecy_checked=True)


def test_return_then_resubmit(org, editor, reviewer):
    item = draft(org, editor)
    services.submit(editor, item)
    services.return_item(reviewer, item, "请补充附件")
    item.refresh_from_db()
    assert item.state == State.RETURNED
    services.update_item(editor, item, {"title": "修改后的标题"})
    services.submit(editor, item)
    item.refresh_from_db()
    assert item.state == State.SUBMITTED and item.title == "修改后的标题"


def test_submitted_item_cannot_be_edited(org, editor, reviewer):
    item = draft(org, editor)
    services.submit(editor, item)
    with pytest.raises(ActionRefused, match="送审"):
        services.update_item(editor, item, {"title": "偷偷改"})


def test_withdrawn_item_stays_public_with_reason_deleted_item_disappears(org, editor, reviewer):
    item = published_item(org, editor, reviewer)
    services.withdraw(reviewer, item, "政策已调整")
    item.refresh_from_db()
    assert item.state == State.WITHDRAWN and item.state_reason == "政策已调整"
    assert InformationItem.objects.public().filter(pk=item.pk).exists()
    assert not InformationItem.objects.live().filter(pk=item.pk).exists()
    services.delete(reviewer, item, "发布错误")
    assert not InformationItem.objects.public().filter(pk=item.pk).exists()
    assert item.history.count() >= 5


def test_scheduled_publication_is_hidden_until_its_time(org, editor, reviewer):
    item = draft(org, editor)
    services.submit(editor, item)
    services.approve(reviewer, item, "同意", secrecy_checked=True)
    later = timezone.now() + dt.timedelta(days=2)
    item = services.publish(reviewer, item, at=later)
    assert item.is_scheduled
    assert not InformationItem.objects.public().filter(pk=item.pk).exists()
    assert InformationItem.objects.public(now=later + dt.timedelta(seconds=1)).filter(pk=item.pk).exists()


def test_body_is_sanitized(org, editor):
    item = draft(org, editor, body='<p onclick="x()">好</p><script>alert(1)</script><a href="javascript:x">链</a>')
    assert "script" not in item.body and "onclick" not in item.body and "javascript" not in item.body
    assert "<p>好</p>" in item.body


def test_not_disclosed_needs_basis_and_cannot_be_published(org, editor, reviewer):
    with pytest.raises(ActionRefused, match="法律依据"):
        draft(org, editor, disclosure_mode=DisclosureMode.NOT_DISCLOSED)
    item = draft(org, editor, disclosure_mode=DisclosureMode.NOT_DISCLOSED, exemption_basis="art16_process")
    services.submit(editor, item)
    services.approve(reviewer, item, "属过程性信息", secrecy_checked=True)
    with pytest.raises(ActionRefused, match="主动公开"):
        services.publish(reviewer, item)


def test_disguised_upload_is_refused_and_nothing_saved(org, editor):
    item = draft(org, editor)
    fake = SimpleUploadedFile("通知.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    with pytest.raises(ActionRefused, match="内容与扩展名不符"):
        services.add_attachment(editor, item, fake)
    assert item.attachments.count() == 0
    real = SimpleUploadedFile("通知.pdf", PDF, content_type="application/pdf")
    attachment = services.add_attachment(editor, item, real)
    assert attachment.original_name == "通知.pdf" and not attachment.file.name.endswith("通知.pdf")


def test_oversized_upload_is_refused(org, editor, settings):
    settings.GONGKAI_MAX_UPLOAD_MB = 1
    item = draft(org, editor)
    big = SimpleUploadedFile("大.pdf", PDF + b"0" * (1024 * 1024 + 1))
    with pytest.raises(ActionRefused, match="大小上限"):
        services.add_attachment(editor, item, big)


def test_catalog_node_of_another_unit_is_refused(org, other_org, editor):
    with pytest.raises(ActionRefused, match="不属于本单位"):
        services.create_item(editor, org, {"title": "x", "formed_on": dt.date(2020, 1, 2)},
                             [node_by_key(other_org, "plan.notices")])


def test_revisions_show_what_changed(org, editor):
    item = draft(org, editor)
    services.update_item(editor, item, {"title": "新标题"})
    newest, previous = item.history.all()[:2]
    delta = newest.diff_against(previous)
    assert [(c.field, c.old, c.new) for c in delta.changes if c.field == "title"] == [
        ("title", "关于印发沂源县2020年政务公开工作要点的通知", "新标题")
    ]


def test_migrated_item_keeps_its_date_and_index_number_and_serials_skip_past_it(org, editor, reviewer):
    when = timezone.make_aware(dt.datetime(2020, 8, 12, 9, 0))
    year = timezone.localdate().year
    old_no = f"{org.credit_code}/{year}-00007"
    item = services.record_migrated_item(reviewer, org, {"title": "旧站信息", "formed_on": dt.date(2020, 8, 10)},
                                         [node_by_key(org, "plan.notices")], when, index_no=old_no)
    assert item.state == State.PUBLISHED and item.published_at == when and item.index_no == old_no
    assert published_item(org, editor, reviewer).index_no == f"{org.credit_code}/{year}-00008"
    with pytest.raises(ActionRefused, match="没有权限"):
        services.record_migrated_item(editor, org, {"title": "x", "formed_on": dt.date(2020, 8, 10)}, [], when)


def test_approved_item_can_be_reopened_for_correction_or_deleted(org, editor, reviewer):
    item = draft(org, editor, disclosure_mode=DisclosureMode.ON_REQUEST)
    services.submit(editor, item)
    services.approve(reviewer, item, "依申请公开", secrecy_checked=True)
    services.return_item(reviewer, item, "公开方式应为主动公开")
    item.refresh_from_db()
    assert item.state == State.RETURNED
    services.update_item(editor, item, {"disclosure_mode": DisclosureMode.PROACTIVE})
    services.submit(editor, item)
    services.approve(reviewer, item, "同意", secrecy_checked=True)
    services.delete(reviewer, item, "重复登记")
    item.refresh_from_db()
    assert item.state == State.DELETED


def test_migrating_an_item_with_an_index_number_in_use_is_refused(org, editor, reviewer):
    existing = published_item(org, editor, reviewer)
    when = timezone.make_aware(dt.datetime(2020, 8, 12, 9, 0))
    with pytest.raises(ActionRefused, match="索引号.*已被其他信息使用"):
        services.record_migrated_item(reviewer, org, {"title": "重复", "formed_on": dt.date(2020, 8, 10)},
                                      [node_by_key(org, "plan.notices")], when, index_no=existing.index_no)
    assert InformationItem.objects.filter(title="重复").count() == 0


def test_an_attachment_of_a_rolled_back_transaction_leaves_no_file(org, editor, settings):
    """Issue #19 item 11: the file goes with the row when anything later in the transaction fails."""
    from django.db import transaction

    item = draft(org, editor)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.add_attachment(editor, item, SimpleUploadedFile("通知.pdf", PDF, content_type="application/pdf"))
        raise RuntimeError("a later step fails")
    assert item.attachments.count() == 0
    assert not [p for p in (settings.MEDIA_ROOT / "attachments").rglob("*") if p.is_file()]
