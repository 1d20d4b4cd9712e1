"""「重置两步验证」 on 本单位账号: whoever may set an account's password there resets a lost phone's two-factor login
(confirm, then the 绑定码 shown once), as `gongkai reset_two_factor` does, audited; never their own account,
nor one of another unit, nor one without an authenticator."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts import enrolment, passwords, twofactor
from gongkai.accounts.factories import TEST_PASSWORD, user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization

pytestmark = pytest.mark.django_db

CODE = re.compile(r'<code class="enrolment-code">([A-Z2-9]{4}-[A-Z2-9]{4})</code>')


@pytest.fixture(autouse=True)
def required(settings):
    # 审核员 only, so that the tests' 单位管理员 and 政务公开办 reach their pages with force_login().
    settings.GONGKAI_TWO_FACTOR_ROLES = ["reviewer"]
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0


def enrolled(user):
    """`user` with an authenticator and recovery codes (as after their own enrolment)."""
    TOTPDevice.objects.create(user=user, name=twofactor.TOTP_NAME, confirmed=True)
    twofactor.new_recovery_codes(user)
    return user


def has_devices(user) -> bool:
    return (TOTPDevice.objects.filter(user=user).exists() or StaticDevice.objects.filter(user=user).exists()
            or StaticToken.objects.filter(device__user=user).exists())


def url(org, user):
    return reverse("organizations:account_two_factor_reset", kwargs={"org_id": org.pk, "user_id": user.pk})


def accounts_url(org):
    return reverse("organizations:accounts", kwargs={"org_id": org.pk})


# --- the service -------------------------------------------------------------------------------------


def test_the_service_removes_the_devices_audits_and_issues_a_code_usable_once(org, org_admin, reviewer):
    enrolled(reviewer)
    code = passwords.reset_two_factor(org_admin, reviewer, org)
    assert code and not has_devices(reviewer)
    event = AuditEvent.objects.get(action="auth.otp_reset")
    assert event.actor == org_admin and event.organization == org and event.object_id == str(reviewer.pk)
    assert code not in f"{event.note} {event.changes} {event.object_repr}"
    issued = AuditEvent.objects.get(action="auth.otp_code")
    assert issued.actor == org_admin and issued.organization == org
    row, why = enrolment.check(reviewer, code)
    assert row is not None and enrolment.use(reviewer, row)
    assert enrolment.check(reviewer, code)[0] is None  # once


def test_the_service_refuses_ones_own_account_and_says_whom_to_ask(org, org_admin):
    enrolled(org_admin)
    with pytest.raises(ActionRefused) as refused:
        passwords.reset_two_factor(org_admin, org_admin, org)
    # Not 「another administrator」: a fellow 单位管理员 may not reset a 单位管理员's (below).
    assert refused.value.reason == ("不能重置自己的两步验证。单位管理员的两步验证只能由政务公开办或系统管理员重置，"
                                    "请联系他们核实身份后为您重置。")
    assert twofactor.enrolled(org_admin) and not AuditEvent.objects.filter(action="auth.otp_reset").exists()


def test_the_county_office_is_sent_to_a_system_administrator_for_its_own(org):
    county = OrganizationFactory(kind=Organization.Kind.PEOPLE_GOVERNMENT, name="测试县人民政府")
    supervisor = enrolled(user_with_role(county, Role.SUPERVISOR))
    with pytest.raises(ActionRefused) as refused:
        passwords.reset_two_factor(supervisor, supervisor, county)
    assert refused.value.reason == "不能重置自己的两步验证。请联系系统管理员核实身份后为您重置。"


def test_the_service_refuses_an_account_of_another_unit_and_one_without_an_authenticator(
        org, other_org, org_admin, reviewer):
    stranger = enrolled(user_with_role(other_org, Role.REVIEWER))
    with pytest.raises(ActionRefused) as refused:
        passwords.reset_two_factor(org_admin, stranger, org)
    assert "该账号不属于本单位" in refused.value.reason
    with pytest.raises(ActionRefused) as refused:
        passwords.reset_two_factor(org_admin, stranger, other_org)  # not their unit's administrator
    assert "只有本单位管理员或政务公开办" in refused.value.reason
    assert twofactor.enrolled(stranger)
    with pytest.raises(ActionRefused) as refused:
        passwords.reset_two_factor(org_admin, reviewer, org)
    assert "尚未绑定验证器" in refused.value.reason
    assert not AuditEvent.objects.filter(action__in=["auth.otp_reset", "auth.otp_code"]).exists()


def test_another_unit_admin_is_reset_only_by_the_county_office(org, org_admin):
    county = OrganizationFactory(kind=Organization.Kind.PEOPLE_GOVERNMENT, name="测试县人民政府")
    org.parent = county
    org.save()
    colleague = enrolled(user_with_role(org, Role.ORG_ADMIN))
    with pytest.raises(ActionRefused) as refused:
        passwords.reset_two_factor(org_admin, colleague, org)
    assert "只能由政务公开办或系统管理员" in refused.value.reason
    supervisor = user_with_role(county, Role.SUPERVISOR)
    assert passwords.reset_two_factor(supervisor, colleague, org) and not twofactor.enrolled(colleague)


# --- the pages -----------------------------------------------------------------------------------------


def test_the_accounts_page_says_who_is_enrolled_and_offers_the_reset(client, org, org_admin, reviewer, editor):
    enrolled(reviewer)
    client.force_login(org_admin)
    page = client.get(accounts_url(org)).content.decode()
    assert "两步验证" in page and "已绑定" in page and "未绑定" in page
    assert url(org, reviewer) in page and f"重置{reviewer}的两步验证" in page
    assert url(org, editor) not in page  # nothing to reset


def test_confirm_then_reset_shows_the_code_once_and_the_owner_enrols_with_it(client, org, org_admin, reviewer):
    enrolled(reviewer)
    client.force_login(org_admin)
    confirm = client.get(url(org, reviewer))
    page = confirm.content.decode()
    assert confirm.status_code == 200 and str(reviewer) in page and reviewer.username in page
    assert "恢复码" in page and "绑定码" in page and 'method="post"' in page and "csrfmiddlewaretoken" in page
    assert twofactor.enrolled(reviewer)  # the GET changes nothing
    done = client.post(url(org, reviewer))
    assert done.status_code == 200 and "no-store" in done["Cache-Control"]
    binding = CODE.search(done.content.decode()).group(1)
    assert "只显示这一次" in done.content.decode()
    assert not has_devices(reviewer)
    assert AuditEvent.objects.filter(action="auth.otp_reset", actor=org_admin, organization=org).exists()
    # The owner logs in and enrols a new phone with the 绑定码.
    owner = Client()
    owner.post(reverse("accounts:login"), {"username": reviewer.username, "password": TEST_PASSWORD})
    owner.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)
    token = str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(device.digits)
    assert owner.post(reverse("accounts:two_factor_setup"), {"enrolment_code": binding, "token": token}).status_code == 200
    assert twofactor.enrolled(reviewer) and enrolment.check(reviewer, binding)[0] is None


def test_a_reload_of_the_done_page_is_refused_and_shows_no_code(client, org, org_admin, reviewer):
    enrolled(reviewer)
    client.force_login(org_admin)
    client.post(url(org, reviewer))
    again = client.post(url(org, reviewer))
    assert again.status_code == 403 and "尚未绑定验证器" in again.content.decode()
    assert not CODE.search(again.content.decode())
    assert AuditEvent.objects.filter(action="auth.otp_reset").count() == 1


def test_own_account_is_refused_on_the_page(client, org, org_admin):
    enrolled(org_admin)
    client.force_login(org_admin)
    session = client.session  # passed their own second factor
    session["otp_device_id"] = TOTPDevice.objects.get(user=org_admin).persistent_id
    session.save()
    page = client.get(accounts_url(org)).content.decode()
    assert "已绑定" in page and url(org, org_admin) not in page
    for response in (client.get(url(org, org_admin)), client.post(url(org, org_admin))):
        assert response.status_code == 403 and "不能重置自己的两步验证" in response.content.decode()
    assert twofactor.enrolled(org_admin)


def test_another_units_account_or_page_is_refused(client, org, other_org, org_admin, reviewer):
    enrolled(reviewer)
    stranger = enrolled(user_with_role(other_org, Role.REVIEWER))
    client.force_login(org_admin)
    assert client.get(url(org, stranger)).status_code == 404  # not an account of this unit
    assert client.post(url(org, stranger)).status_code == 404
    assert client.post(url(other_org, stranger)).status_code == 403  # not their unit
    outsider = user_with_role(other_org, Role.ORG_ADMIN)
    client.force_login(outsider)
    assert client.post(url(org, reviewer)).status_code == 403
    assert twofactor.enrolled(stranger) and twofactor.enrolled(reviewer)
    assert not AuditEvent.objects.filter(action="auth.otp_reset").exists()


def test_the_reset_is_post_only_with_csrf(org, org_admin, reviewer):
    enrolled(reviewer)
    plain = Client()
    plain.force_login(org_admin)
    assert plain.put(url(org, reviewer)).status_code == 405
    client = Client(enforce_csrf_checks=True)
    client.force_login(org_admin)
    assert client.post(url(org, reviewer)).status_code == 403  # no CSRF token
    assert twofactor.enrolled(reviewer)
    confirm = client.get(url(org, reviewer)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', confirm).group(1)
    assert client.post(url(org, reviewer), {"csrfmiddlewaretoken": token}).status_code == 200
    assert not twofactor.enrolled(reviewer)


# --- the command -----------------------------------------------------------------------------------------


def test_the_command_still_resets_through_the_same_service(reviewer, monkeypatch):
    enrolled(reviewer)
    calls = []
    original = twofactor.reset
    monkeypatch.setattr(twofactor, "reset", lambda *a, **k: calls.append(a) or original(*a, **k))
    out = io.StringIO()
    call_command("reset_two_factor", reviewer.username, stdout=out)
    assert calls and not has_devices(reviewer)
    binding = re.search(r"绑定码：(\S+)", out.getvalue()).group(1)
    assert enrolment.check(reviewer, binding)[0] is not None
    event = AuditEvent.objects.get(action="auth.otp_reset")
    assert event.actor is None and event.object_id == str(reviewer.pk)
