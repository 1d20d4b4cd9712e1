"""The staff editor and workflow pages, driven through the test client as a user would."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.catalog.services import node_by_key
from gongkai.core.tests.compound_files import doc, xls
from gongkai.publishing import services
from gongkai.publishing.choices import State
from gongkai.publishing.factories import published_item
from gongkai.publishing.models import Attachment, InformationItem, Review

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def form_data(org, **overrides):
    data = {
        "organization": org.pk,
        "title": "关于开展2020年政务公开工作的通知",
        "doc_number": "源政办字〔2020〕66号",
        "doc_type": "通知",
        "written_on": "2020-08-10",
        "formed_on": "2020-08-10",
        "topic": "01",
        "keywords": "政务公开 工作要点",
        "summary": "部署全年政务公开工作。",
        "disclosure_mode": "proactive",
        "exemption_basis": "",
        "validity": "",
        "body": "<p>各镇人民政府，各街道办事处：</p>",
        "catalog_nodes": [node_by_key(org, "plan.notices").pk],
    }
    data.update(overrides)
    return data


def login(client, user):
    client.force_login(user)
    return client


def draft(org, editor, **fields):
    data = {"title": "关于印发工作要点的通知", "formed_on": dt.date(2020, 8, 10), "body": "<p>正文</p>"}
    data.update(fields)
    return services.create_item(editor, org, data, [node_by_key(org, "plan.notices")])


def test_editor_form_creates_a_draft_with_attachment(client, org, editor):
    login(client, editor)
    page = client.get(reverse("publishing:create"))
    assert page.status_code == 200 and "发布机构" in page.content.decode()
    data = form_data(org, attachments=[SimpleUploadedFile("工作要点.pdf", PDF)])
    response = client.post(reverse("publishing:create"), data)
    item = InformationItem.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("publishing:detail", args=[item.pk])
    assert item.state == State.DRAFT and item.created_by == editor and item.organization == org
    assert item.doc_number == "源政办字〔2020〕66号"
    assert list(item.catalog_nodes.all()) == [node_by_key(org, "plan.notices")]
    assert item.attachments.get().original_name == "工作要点.pdf"
    detail = client.get(response["Location"]).content.decode()
    assert "工作要点.pdf" in detail and "送审" in detail


def test_forged_organization_id_gives_chinese_error_and_saves_nothing(client, org, other_org, editor):
    login(client, editor)
    response = client.post(reverse("publishing:create"), form_data(org, organization=other_org.pk, catalog_nodes=[]))
    assert response.status_code == 200
    assert "所选发布机构无效，或您无权为该机构起草信息" in response.content.decode()
    assert not InformationItem.objects.exists()


def test_catalog_node_of_another_unit_is_a_form_error(client, org, other_org, editor):
    login(client, editor)
    foreign_node = node_by_key(other_org, "plan.notices")
    response = client.post(reverse("publishing:create"), form_data(org, catalog_nodes=[foreign_node.pk]))
    assert response.status_code == 200
    assert "所选目录栏目无效" in response.content.decode()
    assert not InformationItem.objects.exists()


def test_node_of_another_allowed_unit_is_refused_for_the_chosen_unit(client, org, other_org):
    both = user_with_role(org, Role.EDITOR)
    user_with_role(other_org, Role.EDITOR)
    both.memberships.create(organization=other_org, role=Role.EDITOR)
    login(client, both)
    response = client.post(reverse("publishing:create"),
                           form_data(org, catalog_nodes=[node_by_key(other_org, "plan.notices").pk]))
    assert "不属于发布机构" in response.content.decode()
    assert not InformationItem.objects.exists()


def test_script_in_rich_text_is_stored_sanitized(client, org, editor):
    login(client, editor)
    body = '<p onclick="steal()">通知</p><script>alert(1)</script><a href="javascript:alert(2)">链接</a>'
    client.post(reverse("publishing:create"), form_data(org, body=body))
    item = InformationItem.objects.get()
    assert "<script" not in item.body and "onclick" not in item.body and "javascript:" not in item.body
    assert "<p>通知</p>" in item.body


@pytest.mark.parametrize("upload, message", [
    (lambda: SimpleUploadedFile("通知.pdf", b"<html><script>alert(1)</script></html>"), "内容与扩展名不符"),
    (lambda: SimpleUploadedFile("大文件.pdf", PDF + b"0" * (1024 * 1024)), "超过大小上限 1 MB"),
    (lambda: SimpleUploadedFile("旧通知.doc", doc(macros=True)), "附件“旧通知.doc”含有宏，不能上传"),
    (lambda: SimpleUploadedFile("明细.xls", xls(macro_sheet=True)), "附件“明细.xls”含有宏，不能上传"),
    (lambda: SimpleUploadedFile("明细.xls", xls()[:-1500]), "附件“明细.xls”已损坏或不完整"),
], ids=["disguised", "too-large", "doc-macros", "xls-macro-sheet", "xls-truncated"])
def test_refused_upload_gives_chinese_error_and_saves_nothing(client, org, editor, settings, upload, message):
    settings.GONGKAI_MAX_UPLOAD_MB = 1
    login(client, editor)
    good = SimpleUploadedFile("正常.pdf", PDF)
    response = client.post(reverse("publishing:create"), form_data(org, attachments=[good, upload()]))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not InformationItem.objects.exists() and not Attachment.objects.exists()


def test_not_disclosed_requires_basis(client, org, editor):
    login(client, editor)
    response = client.post(reverse("publishing:create"), form_data(org, disclosure_mode="not_disclosed"))
    assert "不予公开的信息必须选择不予公开的法律依据" in response.content.decode()
    assert not InformationItem.objects.exists()


def test_edit_saves_and_submitted_items_cannot_be_edited(client, org, editor):
    item = draft(org, editor)
    login(client, editor)
    response = client.post(reverse("publishing:edit", args=[item.pk]), form_data(org, title="修改后的名称"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "修改后的名称"
    client.post(reverse("publishing:submit", args=[item.pk]))
    item.refresh_from_db()
    assert item.state == State.SUBMITTED
    response = client.get(reverse("publishing:edit", args=[item.pk]))
    assert response.status_code == 403 and "送审中的信息须先由审核员退回" in response.content.decode()


def test_reviewer_approves_with_secrecy_review_and_publishes(client, org, editor, reviewer):
    item = draft(org, editor)
    services.submit(editor, item)
    login(client, reviewer)
    queue = client.get(reverse("publishing:review_queue")).content.decode()
    assert item.title in queue
    detail = client.get(reverse("publishing:detail", args=[item.pk])).content.decode()
    assert "已依照《保守国家秘密法》等规定进行保密审查" in detail
    # Without the secrecy check: refused with the reason, nothing changes.
    response = client.post(reverse("publishing:review", args=[item.pk]),
                           {"decision": "approved", "opinion": "同意", "publish": "now"})
    assert "公开前必须完成保密审查" in response.content.decode()
    item.refresh_from_db()
    assert item.state == State.SUBMITTED
    # Neither ticked nor an opinion: both are named, the tick first (review).
    response = client.post(reverse("publishing:review", args=[item.pk]),
                           {"decision": "approved", "opinion": "", "publish": "now"})
    page = response.content.decode()
    assert "公开前必须完成保密审查" in page and "请填写审查意见" in page
    response = client.post(reverse("publishing:review", args=[item.pk]), {
        "decision": "approved", "secrecy_checked": "on", "opinion": "经审查不涉及国家秘密，同意公开。",
        "publish": "now"}, follow=True)
    item.refresh_from_db()
    assert item.state == State.PUBLISHED and item.index_no.startswith(org.credit_code)
    review = item.reviews.get()
    assert review.reviewer == reviewer and review.secrecy_checked and review.decision == Review.Decision.APPROVED
    page = response.content.decode()
    assert "已发布" in page and item.index_no in page and "经审查不涉及国家秘密" in page


def test_reviewer_returns_item_to_drafter(client, org, editor, reviewer):
    item = draft(org, editor)
    services.submit(editor, item)
    login(client, reviewer)
    client.post(reverse("publishing:review", args=[item.pk]), {"decision": "returned", "opinion": "请补充附件"})
    item.refresh_from_db()
    assert item.state == State.RETURNED
    home = login(client, editor).get(reverse("workbench:home")).content.decode()
    assert item.title in home and "退回" in home


def test_editor_sees_no_review_or_publish_buttons(client, org, editor):
    item = draft(org, editor)
    services.submit(editor, item)
    page = login(client, editor).get(reverse("publishing:detail", args=[item.pk])).content.decode()
    assert reverse("publishing:review", args=[item.pk]) not in page
    response = client.post(reverse("publishing:review", args=[item.pk]),
                           {"decision": "approved", "secrecy_checked": "on", "opinion": "同意", "publish": "now"},
                           follow=True)
    assert "您没有权限" in response.content.decode()
    item.refresh_from_db()
    assert item.state == State.SUBMITTED


def test_scheduled_publishing(client, org, editor, reviewer):
    item = draft(org, editor)
    services.submit(editor, item)
    login(client, reviewer)
    later = timezone.localtime() + dt.timedelta(days=3)
    response = client.post(reverse("publishing:review", args=[item.pk]), {
        "decision": "approved", "secrecy_checked": "on", "opinion": "同意", "publish": "scheduled",
        "publish_at": later.strftime("%Y-%m-%dT%H:%M")}, follow=True)
    item.refresh_from_db()
    assert item.state == State.PUBLISHED and item.is_scheduled
    assert timezone.localtime(item.published_at).strftime("%Y-%m-%d %H:%M") == later.strftime("%Y-%m-%d %H:%M")
    assert "已设置定时发布" in response.content.decode()
    assert not InformationItem.objects.public().filter(pk=item.pk).exists()
    home = client.get(reverse("workbench:home")).content.decode()
    assert item.title in home.split('id="scheduled"')[1]


def test_scheduled_time_in_the_past_is_refused_and_approval_rolled_back(client, org, editor, reviewer):
    item = draft(org, editor)
    services.submit(editor, item)
    login(client, reviewer)
    response = client.post(reverse("publishing:review", args=[item.pk]), {
        "decision": "approved", "secrecy_checked": "on", "opinion": "同意", "publish": "scheduled",
        "publish_at": "2020-01-01T09:00"})
    assert "定时发布的时间须晚于当前时间" in response.content.decode()
    item.refresh_from_db()
    assert item.state == State.SUBMITTED and not item.reviews.exists()


def test_approve_then_publish_later_from_the_publish_form(client, org, editor, reviewer):
    item = draft(org, editor)
    services.submit(editor, item)
    login(client, reviewer)
    client.post(reverse("publishing:review", args=[item.pk]),
                {"decision": "approved", "secrecy_checked": "on", "opinion": "同意", "publish": "later"})
    item.refresh_from_db()
    assert item.state == State.APPROVED and item.index_no is None
    client.post(reverse("publishing:publish", args=[item.pk]), {"when": "now"})
    item.refresh_from_db()
    assert item.state == State.PUBLISHED and not item.is_scheduled


def test_withdraw_and_delete(client, org, editor, reviewer):
    item = published_item(org, editor, reviewer)
    login(client, reviewer)
    response = client.post(reverse("publishing:withdraw", args=[item.pk]), {"withdraw-reason": ""})
    assert "请填写原因。" in response.content.decode()
    item.refresh_from_db()
    assert item.state == State.PUBLISHED
    client.post(reverse("publishing:withdraw", args=[item.pk]), {"withdraw-reason": "政策已调整"})
    item.refresh_from_db()
    assert item.state == State.WITHDRAWN and item.state_reason == "政策已调整"
    client.post(reverse("publishing:delete", args=[item.pk]), {"delete-reason": "发布错误"})
    item.refresh_from_db()
    assert item.state == State.DELETED and item.state_reason == "发布错误"
    page = client.get(reverse("publishing:detail", args=[item.pk])).content.decode()
    assert "发布错误" in page and reverse("publishing:withdraw", args=[item.pk]) not in page


def test_refused_transition_is_a_message_not_an_error(client, org, editor):
    item = draft(org, editor)
    services.submit(editor, item)
    login(client, editor)
    response = client.post(reverse("publishing:submit", args=[item.pk]), follow=True)
    assert response.status_code == 200
    assert "当前状态“送审”下不能执行此操作" in response.content.decode()


def test_compare_view_shows_a_title_change_and_body_lines(client, org, editor):
    item = draft(org, editor, body="<p>第一段。</p><p>第二段。</p>")
    services.update_item(editor, item, {"title": "关于印发工作要点的通知（修订）", "body": "<p>第一段。</p><p>第二段已改。</p>"})
    newest, previous = item.history.order_by("-history_date", "-history_id")[:2]
    login(client, editor)
    history = client.get(reverse("publishing:history", args=[item.pk])).content.decode()
    assert "与上一版本比较" in history
    page = client.get(reverse("publishing:compare", args=[item.pk]),
                      {"from": previous.history_id, "to": newest.history_id}).content.decode()
    assert "<del>关于印发工作要点的通知</del>" in page
    assert "<ins>关于印发工作要点的通知（修订）</ins>" in page
    assert "第二段已改" in page and "&lt;p&gt;第二段。&lt;/p&gt;" in page


def test_history_names_the_step_of_a_revision_in_chinese(client, org, editor):
    """A transition without a written reason stores its verb (submit); 修订记录 showed it raw."""
    item = draft(org, editor)
    services.submit(editor, item)
    login(client, editor)
    history = client.get(reverse("publishing:history", args=[item.pk]))
    reasons = [revision.reason for revision, _previous in history.context["rows"]]
    assert reasons[0] == "送审" and "新建草稿" in reasons
    assert "<td>submit</td>" not in history.content.decode() and "· submit<" not in history.content.decode()


def test_compare_rejects_revisions_of_another_item(client, org, editor):
    item, other = draft(org, editor), draft(org, editor)
    login(client, editor)
    response = client.get(reverse("publishing:compare", args=[item.pk]),
                          {"from": item.history.first().history_id, "to": other.history.first().history_id})
    assert response.status_code == 404


def test_staff_download_uses_original_name_as_attachment(client, org, editor):
    item = draft(org, editor)
    attachment = services.add_attachment(editor, item, SimpleUploadedFile("沂源县 工作要点.pdf", PDF))
    response = login(client, editor).get(reverse("publishing:staff_attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E6%B2%82%E6%BA%90" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF


def test_remove_attachment(client, org, editor):
    item = draft(org, editor)
    attachment = services.add_attachment(editor, item, SimpleUploadedFile("a.pdf", PDF))
    login(client, editor)
    response = client.post(reverse("publishing:remove_attachment", args=[attachment.pk]))
    assert response.status_code == 302 and not item.attachments.exists()


def test_list_filters_by_state_and_title(client, org, editor, reviewer):
    draft(org, editor, title="草稿甲")
    published_item(org, editor, reviewer, title="已发布乙")
    login(client, editor)
    page = client.get(reverse("publishing:list"), {"state": "published"}).content.decode()
    assert "已发布乙" in page and "草稿甲" not in page
    page = client.get(reverse("publishing:list"), {"q": "甲"}).content.decode()
    assert "草稿甲" in page and "已发布乙" not in page


def test_supervisor_reads_every_unit_but_changes_nothing(client, org, editor):
    from gongkai.organizations.factories import OrganizationFactory

    county = OrganizationFactory(kind="government", name="测试县人民政府")
    org.parent = county
    org.save()
    supervisor = user_with_role(county, Role.SUPERVISOR)
    item = draft(org, editor)
    login(client, supervisor)
    assert item.title in client.get(reverse("publishing:list")).content.decode()
    page = client.get(reverse("publishing:detail", args=[item.pk])).content.decode()
    assert "只读" in page and reverse("publishing:edit", args=[item.pk]) not in page
    assert client.get(reverse("publishing:edit", args=[item.pk])).status_code == 403
    client.post(reverse("publishing:submit", args=[item.pk]))
    client.post(reverse("publishing:delete", args=[item.pk]), {"delete-reason": "x"})
    item.refresh_from_db()
    assert item.state == State.DRAFT


def test_other_unit_gets_404_for_unpublished_items(client, org, other_org, editor):
    item = draft(org, editor)
    stranger = user_with_role(other_org, Role.REVIEWER)
    login(client, stranger)
    assert client.get(reverse("publishing:detail", args=[item.pk])).status_code == 404
    assert item.title not in client.get(reverse("publishing:list")).content.decode()


def test_admin_shows_items_read_only(client, org, editor):
    from gongkai.accounts.factories import UserFactory

    item = draft(org, editor)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    changelist = client.get(reverse("admin:publishing_informationitem_changelist"))
    assert changelist.status_code == 200 and item.title in changelist.content.decode()
    assert reverse("admin:publishing_informationitem_add") not in changelist.content.decode()
    assert client.post(reverse("admin:publishing_informationitem_change", args=[item.pk]),
                       {"title": "后台改"}).status_code == 403
    item.refresh_from_db()
    assert item.title != "后台改"


def test_reviewer_reopens_an_approved_unpublished_item(client, org, editor, reviewer):
    item = services.create_item(editor, org, {"title": "待发布信息", "formed_on": dt.date(2026, 11, 2), "body": "<p>x</p>"},
                           [node_by_key(org, "plan.notices")])
    services.submit(editor, item)
    services.approve(reviewer, item, "同意", secrecy_checked=True)
    client.force_login(reviewer)
    page = client.get(reverse("publishing:detail", kwargs={"item_id": item.pk}))
    assert "退回修改" in page.content.decode() and "提交审查结论" not in page.content.decode()
    client.post(reverse("publishing:review", kwargs={"item_id": item.pk}), {"decision": "returned", "opinion": "日期有误"})
    item.refresh_from_db()
    assert item.state == State.RETURNED
