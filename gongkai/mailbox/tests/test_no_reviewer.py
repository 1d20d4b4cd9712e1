"""「答复须经审核」 on a unit without a 审核员 (a small 乡镇 with only 信息员 and 单位管理员): the 政务公开办
approves its drafts, and the page says so; a unit with a 审核员 keeps approving its own."""

import pytest
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.core.services import ActionRefused
from gongkai.mailbox import services
from gongkai.mailbox.factories import MessageFactory
from gongkai.mailbox.models import MailboxPolicy, State

pytestmark = pytest.mark.django_db
REPLY = "您好！今年城区集中供暖于11月15日开始，感谢您的关注。"
NOTE = "本单位无审核员，由政务公开办审核。"


@pytest.fixture
def two_step(db):
    policy = MailboxPolicy.current()
    policy.two_step_approval = True
    policy.save()


def test_the_office_approves_for_a_unit_without_a_reviewer(client, two_step, unit, editor, supervisor):
    user_with_role(unit, Role.ORG_ADMIN)  # an administrator does not approve replies
    message = services.reply(editor, MessageFactory(addressee=unit), REPLY)
    assert message.state == State.AWAITING_APPROVAL
    assert services.may_approve(supervisor, message) and not services.may_approve(editor, message)
    client.force_login(supervisor)
    page = client.get(reverse("mailbox_staff:detail", args=[message.pk])).content.decode()
    assert NOTE in page and "审核通过并发送" in page
    message = services.approve(supervisor, message)
    assert message.state == State.ANSWERED and message.reply == REPLY


def test_a_unit_with_a_reviewer_approves_its_own(client, two_step, unit, editor, reviewer, supervisor):
    message = services.reply(editor, MessageFactory(addressee=unit), REPLY)
    assert not services.may_approve(supervisor, message)
    with pytest.raises(ActionRefused, match="审核员"):
        services.approve(supervisor, message)
    client.force_login(supervisor)
    page = client.get(reverse("mailbox_staff:detail", args=[message.pk])).content.decode()
    assert NOTE not in page and "审核通过并发送" not in page
    reviewer.is_active = False  # a disabled account approves nothing: the office takes over
    reviewer.save()
    assert services.may_approve(supervisor, message)
    assert services.approve(supervisor, message).state == State.ANSWERED


def test_the_offices_todo_lists_the_drafts_it_approves(two_step, unit, other_unit, editor, other_editor,
                                                       supervisor):
    from gongkai.mailbox.hooks import todo_groups

    user_with_role(other_unit, Role.REVIEWER)
    mine = services.reply(editor, MessageFactory(addressee=unit), REPLY)
    reviewed = services.reply(other_editor, MessageFactory(addressee=other_unit), REPLY)
    groups = {str(group.title): group for group in todo_groups(supervisor)}
    rows = " ".join(row.label for row in groups["待审核的留言答复"].rows)
    assert mine.tracking_number in rows and reviewed.tracking_number not in rows
