"""「答复须经审核」: a 审核员 never approves a reply they drafted (four eyes). The service refuses with the
reason, the drafter's page shows the button disabled with the explanation, their 我的待办 does not list it,
and where the unit's only 审核员 drafted it the 政务公开办 approves as for a unit without one."""

import pytest
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.mailbox import services
from gongkai.mailbox.factories import MessageFactory
from gongkai.mailbox.models import MailboxPolicy, State

pytestmark = pytest.mark.django_db
REPLY = "您好！今年城区集中供暖于11月15日开始，感谢您的关注。"
OWN = "这份答复由您起草，不能由您本人审核通过"


@pytest.fixture
def two_step(db):
    policy = MailboxPolicy.current()
    policy.two_step_approval = True
    policy.save()


def _todo_rows(user) -> str:
    from gongkai.mailbox.hooks import todo_groups

    groups = {str(group.title): group for group in todo_groups(user)}
    group = groups.get("待审核的留言答复")
    return " ".join(row.label for row in group.rows) if group else ""


def test_a_reviewer_cannot_approve_their_own_draft(client, two_step, unit, reviewer):
    second = user_with_role(unit, Role.REVIEWER)
    message = services.reply(reviewer, MessageFactory(addressee=unit), REPLY)
    assert message.state == State.AWAITING_APPROVAL
    with pytest.raises(ActionRefused, match=OWN):
        services.approve(reviewer, message)
    message.refresh_from_db()
    assert message.state == State.AWAITING_APPROVAL and not message.reply
    # The drafter's page: the panel, its button disabled, and why.
    client.force_login(reviewer)
    page = client.get(reverse("mailbox_staff:detail", args=[message.pk])).content.decode()
    assert OWN in page and 'disabled aria-describedby="own-draft-note"' in page
    assert message.tracking_number not in _todo_rows(reviewer)
    # A POST anyway is refused with the same reason, nothing sent.
    response = client.post(reverse("mailbox_staff:action", args=[message.pk, "approve"]), follow=True)
    assert OWN in response.content.decode()
    message.refresh_from_db()
    assert message.state == State.AWAITING_APPROVAL
    # Another 审核员 sees it in 我的待办 and approves; the audit names the drafter.
    assert message.tracking_number in _todo_rows(second)
    client.force_login(second)
    page = client.get(reverse("mailbox_staff:detail", args=[message.pk])).content.decode()
    assert OWN not in page and "disabled aria-describedby" not in page
    message = services.approve(second, message)
    assert message.state == State.ANSWERED and message.replied_by == second
    event = AuditEvent.objects.filter(action="message.reply", object_id=str(message.pk)).get()
    assert event.actor == second and str(reviewer) in event.note


def test_a_redraft_by_another_lets_the_first_drafter_approve(two_step, unit, editor, reviewer):
    message = services.reply(reviewer, MessageFactory(addressee=unit), REPLY)
    message = services.return_draft(reviewer, message, "请补充办理时限。")
    message = services.reply(editor, message, REPLY + "具体时间以供热公司通知为准。")
    assert services.approval_refusal(reviewer, message) is None
    assert services.approve(reviewer, message).state == State.ANSWERED


def test_the_office_approves_when_the_only_reviewer_drafted(client, two_step, unit, reviewer, supervisor):
    message = services.reply(reviewer, MessageFactory(addressee=unit), REPLY)
    assert services.may_approve(supervisor, message)
    assert message.tracking_number in _todo_rows(supervisor)
    client.force_login(supervisor)
    page = client.get(reverse("mailbox_staff:detail", args=[message.pk])).content.decode()
    assert "本单位的审核员起草了这份答复，本单位无其他审核员，由政务公开办审核。" in page
    assert services.approve(supervisor, message).state == State.ANSWERED


def test_the_office_cannot_approve_a_draft_it_wrote_itself(client, two_step, county, supervisor):
    colleague = user_with_role(county, Role.SUPERVISOR)
    message = services.reply(supervisor, MessageFactory(addressee=county), REPLY)
    with pytest.raises(ActionRefused, match=OWN):
        services.approve(supervisor, message)
    # The office is told to ask a colleague, not "the 政务公开办" (which it is) nor "another 审核员 of the unit".
    client.force_login(supervisor)
    page = client.get(reverse("mailbox_staff:detail", args=[message.pk])).content.decode()
    assert "请由政务公开办的其他工作人员审核" in page and "本单位没有其他审核员的" not in page
    assert 'disabled aria-describedby="own-draft-note"' in page
    assert message.tracking_number not in _todo_rows(supervisor)
    assert services.approve(colleague, message).state == State.ANSWERED
