"""审核通过 is by someone who did not write what is approved: neither the drafter nor anyone who changed
the content since the item was last returned (docs/publishing.md)."""

import pytest
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.catalog.services import node_by_key
from gongkai.core.services import ActionRefused
from gongkai.publishing import services
from gongkai.publishing.choices import State

pytestmark = pytest.mark.django_db
OPINION = "经审查，不涉及国家秘密，同意公开。"


def draft(org, editor):
    return services.create_item(editor, org, {"title": "关于公开测试信息的通知", "formed_on": "2020-08-10",
                                              "body": "<p>正文</p>"}, [node_by_key(org, "plan.notices")])


def test_a_reviewer_who_edited_the_clerks_draft_cannot_approve_it_alone(client, org, editor, reviewer):
    item = draft(org, editor)
    services.update_item(reviewer, item, {"body": "<p>审核员改写的正文</p>"})
    services.submit(reviewer, item)
    client.force_login(reviewer)
    response = client.post(reverse("publishing:review", args=[item.pk]), {
        "decision": "approved", "secrecy_checked": "on", "opinion": OPINION, "publish": "now"}, follow=True)
    assert response.status_code == 200 and "您修改过这次送审的内容" in response.content.decode()
    item.refresh_from_db()
    assert item.state == State.SUBMITTED and not item.index_no
    # A second reviewer, who changed nothing, approves.
    second = user_with_role(org, Role.REVIEWER)
    assert services.approve(second, item, OPINION, secrecy_checked=True).state == State.APPROVED


def test_an_edit_that_changes_nothing_or_before_a_return_does_not_count(org, editor, reviewer):
    item = draft(org, editor)
    services.update_item(reviewer, item, {"title": item.title})  # saved, nothing changed
    services.submit(editor, item)
    assert services.approve(reviewer, item, OPINION, secrecy_checked=True).state == State.APPROVED

    item = draft(org, editor)
    services.update_item(reviewer, item, {"body": "<p>审核员改写的正文</p>"})
    services.submit(editor, item)
    with pytest.raises(ActionRefused, match="您修改过这次送审的内容"):
        services.approve(reviewer, item, OPINION, secrecy_checked=True)
    services.return_item(reviewer, item, "请起草人核对审核员的修改。")
    services.update_item(editor, item, {"body": "<p>起草人核对后的正文</p>"})
    services.submit(editor, item)
    assert services.approve(reviewer, item, OPINION, secrecy_checked=True).state == State.APPROVED
