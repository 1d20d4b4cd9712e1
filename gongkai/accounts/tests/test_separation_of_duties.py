"""Separation of duties: one 单位管理员 never resets both a colleague's password and their two-factor login
while the first reset is still usable (they would hold the temporary password and the 绑定码 and could log in
as the colleague). The second reset is refused, saying who else may do it; the first stays audited."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts import passwords, twofactor
from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization

pytestmark = pytest.mark.django_db
OFFICE = "请由政务公开办或系统管理员办理。"


@pytest.fixture(autouse=True)
def required(settings):
    settings.GONGKAI_TWO_FACTOR_ROLES = ["reviewer"]
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def county(org):
    county = OrganizationFactory(kind=Organization.Kind.PEOPLE_GOVERNMENT, name="测试县人民政府")
    org.parent = county
    org.save()
    return county


def enrol(user):
    TOTPDevice.objects.create(user=user, name=twofactor.TOTP_NAME, confirmed=True)
    return user


def test_password_then_two_factor_by_the_same_admin_is_refused(client, county, org, org_admin, reviewer):
    enrol(reviewer)
    passwords.reset_password(org_admin, reviewer, org)
    reviewer.refresh_from_db()
    with pytest.raises(ActionRefused, match="临时密码尚未被修改") as refused:
        passwords.reset_two_factor(org_admin, reviewer, org)
    assert OFFICE in refused.value.reason
    assert twofactor.enrolled(reviewer)
    # The confirmation page says so and offers no button.
    client.force_login(org_admin)
    page = client.get(reverse("organizations:account_two_factor_reset",
                              kwargs={"org_id": org.pk, "user_id": reviewer.pk}))
    assert "临时密码尚未被修改" in page.content.decode() and OFFICE in page.content.decode()
    response = client.post(reverse("organizations:account_two_factor_reset",
                                   kwargs={"org_id": org.pk, "user_id": reviewer.pk}))
    assert response.status_code != 200 or "临时密码尚未被修改" in response.content.decode()
    assert twofactor.enrolled(reviewer)
    # The 政务公开办 may do it; the first reset stays in the audit log.
    supervisor = user_with_role(county, Role.SUPERVISOR)
    assert passwords.reset_two_factor(supervisor, reviewer, org)
    assert AuditEvent.objects.filter(action="auth.password_reset", actor=org_admin,
                                     object_id=str(reviewer.pk)).exists()


def test_two_factor_then_password_by_the_same_admin_is_refused(client, county, org, org_admin, reviewer):
    enrol(reviewer)
    assert passwords.reset_two_factor(org_admin, reviewer, org)
    with pytest.raises(ActionRefused, match="绑定码尚在有效期内") as refused:
        passwords.reset_password(org_admin, reviewer, org)
    assert OFFICE in refused.value.reason
    client.force_login(org_admin)
    page = client.get(reverse("organizations:accounts", kwargs={"org_id": org.pk})).content.decode()
    assert "绑定码尚在有效期内" in page
    # Another person may; so may the same admin once the code's validity has passed.
    supervisor = user_with_role(county, Role.SUPERVISOR)
    password, _code = passwords.reset_password(supervisor, reviewer, org)
    assert password


def test_the_office_is_told_to_ask_a_colleague(county, org, reviewer):
    supervisor = user_with_role(county, Role.SUPERVISOR)
    enrol(reviewer)
    passwords.reset_password(supervisor, reviewer, org)
    reviewer.refresh_from_db()
    with pytest.raises(ActionRefused, match="请由政务公开办的其他工作人员或系统管理员办理"):
        passwords.reset_two_factor(supervisor, reviewer, org)


def test_the_window_closes(monkeypatch, county, org, org_admin, reviewer):
    # Once the colleague chose their own password, or the 绑定码 expired, the same admin may reset the other.
    enrol(reviewer)
    passwords.reset_password(org_admin, reviewer, org)
    reviewer.refresh_from_db()
    reviewer.must_change_password = False
    reviewer.save()
    AuditEvent.objects.create(actor=reviewer, actor_name="x", action="auth.password_change",
                              object_type="accounts.user", object_id=str(reviewer.pk))
    assert passwords.reset_two_factor(org_admin, reviewer, org)
    later = timezone.now() + dt.timedelta(days=8)  # the 绑定码 (7 days) has expired
    monkeypatch.setattr(passwords.timezone, "now", lambda: later)
    assert passwords.reset_password(org_admin, reviewer, org)[0]


def test_a_password_reset_keeps_the_code_of_another_persons_two_factor_reset(client, county, org, org_admin,
                                                                              reviewer):
    """The 政务公开办 resets a lost phone; the 单位管理员 then resets the forgotten password. Before, that reset
    issued a new 绑定码 (replacing the office's) and showed it with the temporary password: one person held
    both and could log in as the colleague."""
    from gongkai.accounts import enrolment

    enrol(reviewer)
    supervisor = user_with_role(county, Role.SUPERVISOR)
    office_code = passwords.reset_two_factor(supervisor, reviewer, org)
    client.force_login(org_admin)
    url = reverse("organizations:accounts", kwargs={"org_id": org.pk})
    page = client.post(url, {"user": reviewer.pk, "action": "reset"}).content.decode()
    assert "生成临时密码" in page and "两步验证绑定码：" not in page
    assert f"其本人已有{supervisor}生成的绑定码" in page
    assert enrolment.check(reviewer, office_code)[0] is not None  # the office's code still works
    # Nor may the same administrator now issue a code alone.
    with pytest.raises(ActionRefused, match="同一人不能再为该账号生成绑定码"):
        passwords.issue_code(org_admin, reviewer, org)
    assert enrolment.check(reviewer, office_code)[0] is not None
    # The office's colleague (not the one who set the password) may still issue one for a lost code.
    assert passwords.issue_code(supervisor, reviewer, org)


def test_a_reset_checks_the_account_as_it_is_when_locked(county, org, org_admin, reviewer):
    """Two resets by the same administrator at once: the second request loaded the account before the first
    committed. It must see the temporary password just set (read under the row lock), not its stale copy."""
    from gongkai.accounts.models import User

    enrol(reviewer)
    stale = User.objects.get(pk=reviewer.pk)  # the two-factor request's copy: must_change_password False
    passwords.reset_password(org_admin, User.objects.get(pk=reviewer.pk), org)
    with pytest.raises(ActionRefused, match="临时密码尚未被修改"):
        passwords.reset_two_factor(org_admin, stale, org)
    assert twofactor.enrolled(reviewer)
