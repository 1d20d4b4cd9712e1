"""Two-factor login for staff (issue #19, item 10): required by role, enrolled with a QR code, recovery
codes, a remembered browser, throttled and audited failures."""

import io
import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts import enrolment, twofactor
from gongkai.accounts.factories import TEST_PASSWORD, UserFactory
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

DEFAULT_ROLES = ["reviewer", "org_admin", "supervisor", "superuser"]


@pytest.fixture(autouse=True)
def required(settings):
    """The production default (the suite turns it off for its force_login() users)."""
    settings.GONGKAI_TWO_FACTOR_ROLES = DEFAULT_ROLES
    settings.GONGKAI_TWO_FACTOR_REMEMBER_DAYS = 7
    # No wait after a wrong code, except in the throttling test: a person takes longer than a test.
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0


def code(user, ahead: int = 0) -> str:
    device = TOTPDevice.objects.get(user=user)
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits,
                    drift=device.drift + ahead)).zfill(device.digits)


def login(client, user, next_url="/staff/"):
    return client.post(reverse("accounts:login"), {"username": user.username, "password": TEST_PASSWORD,
                                                   "next": next_url})


def enrol(client, user) -> list[str]:
    binding = enrolment.issue(None, user)  # what the administrator gave the owner with the password
    login(client, user)
    client.get(reverse("accounts:two_factor_setup"))
    response = client.post(reverse("accounts:two_factor_setup"), {"enrolment_code": binding, "token": code(user),
                                                                  "next": "/staff/"})
    assert response.status_code == 200
    return re.findall(r"<code>([a-z2-7]{8})</code>", response.content.decode())


def test_a_reviewer_must_enrol_before_the_staff_area_and_the_qr_code_is_drawn_here(client, reviewer):
    binding = enrolment.issue(None, reviewer)
    login(client, reviewer)
    response = client.get("/staff/")
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:two_factor_setup"))
    page = client.get(response.url).content.decode()
    assert "<svg" in page and 'role="img"' in page and "两步验证二维码" in page
    assert "http" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]  # no external QR service
    wrong = client.post(reverse("accounts:two_factor_setup"), {"enrolment_code": binding, "token": "000000"})
    assert wrong.status_code == 400 and "验证码不正确" in wrong.content.decode()
    assert client.get("/staff/").status_code == 302
    response = client.post(reverse("accounts:two_factor_setup"), {"enrolment_code": binding, "token": code(reviewer),
                                                                  "next": "/staff/"})
    codes = re.findall(r"<code>([a-z2-7]{8})</code>", response.content.decode())
    assert len(set(codes)) == 10 and "只显示这一次" in response.content.decode()
    assert client.get("/staff/").status_code == 200
    assert AuditEvent.objects.filter(action="auth.otp_enrol", actor=reviewer).exists()


def test_the_code_is_asked_after_the_password_and_a_wrong_one_is_refused(client, reviewer):
    enrol(client, reviewer)
    client.post(reverse("accounts:logout"))
    login(client, reviewer)
    response = client.get("/staff/items/")
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:two_factor_verify"))
    wrong = client.post(reverse("accounts:two_factor_verify"), {"token": "123456", "next": "/staff/items/"})
    assert wrong.status_code == 400 and "验证码不正确" in wrong.content.decode()
    assert client.get("/staff/").status_code == 302
    assert AuditEvent.objects.filter(action="auth.otp_failed", actor=reviewer).exists()
    response = client.post(reverse("accounts:two_factor_verify"), {"token": code(reviewer, ahead=1),
                                                                   "next": "/staff/items/"})
    assert response.status_code == 302 and response.url == "/staff/items/"
    assert client.get("/staff/").status_code == 200


def test_failures_are_throttled_even_for_the_right_code_next(client, reviewer, settings):
    enrol(client, reviewer)
    client.post(reverse("accounts:logout"))
    settings.OTP_TOTP_THROTTLE_FACTOR = 3600
    login(client, reviewer)
    client.post(reverse("accounts:two_factor_verify"), {"token": "123456"})
    response = client.post(reverse("accounts:two_factor_verify"), {"token": code(reviewer, ahead=1)})
    assert response.status_code == 400 and "错误次数过多" in response.content.decode()


def test_a_recovery_code_works_once(client, reviewer):
    codes = enrol(client, reviewer)
    for attempt in range(2):
        client.post(reverse("accounts:logout"))
        login(client, reviewer)
        response = client.post(reverse("accounts:two_factor_verify"), {"token": codes[0].upper()})
        assert (response.status_code == 302) is (attempt == 0)
    assert twofactor.recovery_codes_left(reviewer) == 9


def test_a_remembered_browser_is_not_asked_until_the_password_changes(client, reviewer):
    enrol(client, reviewer)
    client.post(reverse("accounts:logout"))
    login(client, reviewer)
    response = client.post(reverse("accounts:two_factor_verify"), {"token": code(reviewer, ahead=1),
                                                                   "remember": "on"})
    cookie = response.cookies[twofactor.REMEMBER_COOKIE]
    assert cookie["httponly"] and int(cookie["max-age"]) == 7 * 86400
    client.post(reverse("accounts:logout"))
    login(client, reviewer)
    assert client.get("/staff/").status_code == 200  # the same browser: no code
    reviewer.set_password("Another-Password-2026")
    reviewer.save()
    client.post(reverse("accounts:logout"))
    client.post(reverse("accounts:login"), {"username": reviewer.username, "password": "Another-Password-2026"})
    assert client.get("/staff/").status_code == 302  # a new password forgets the browser


def test_an_editor_is_not_asked_unless_enrolled_and_the_roles_are_a_setting(client, editor, reviewer, settings):
    login(client, editor)
    assert client.get("/staff/").status_code == 200
    settings.GONGKAI_TWO_FACTOR_ROLES = ["editor"]
    assert client.get("/staff/").status_code == 302
    settings.GONGKAI_TWO_FACTOR_ROLES = []
    client.force_login(reviewer)
    assert client.get("/staff/").status_code == 200


def test_superusers_need_it_for_the_admin_and_the_password_change_needs_it_too(client, reviewer):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert client.get(response.url).url.startswith(reverse("accounts:two_factor_setup"))
    client.force_login(reviewer)
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:two_factor_setup"))


def test_reset_removes_the_devices_and_is_audited(client, reviewer):
    from django.core.management import call_command

    enrol(client, reviewer)
    out = io.StringIO()
    call_command("reset_two_factor", reviewer.username, stdout=out)
    assert not twofactor.enrolled(reviewer) and twofactor.recovery_codes_left(reviewer) == 0
    assert AuditEvent.objects.filter(action="auth.otp_reset").exists()
    # … and the new enrolment needs the 绑定码 the command printed for the operator to pass on.
    binding = re.search(r"绑定码：(\S+)", out.getvalue()).group(1)
    assert enrolment.check(reviewer, binding)[0] is not None


def test_enrolment_is_throttled_too(client, reviewer, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 3600
    binding = enrolment.issue(None, reviewer)
    login(client, reviewer)
    client.get(reverse("accounts:two_factor_setup"))
    client.post(reverse("accounts:two_factor_setup"), {"enrolment_code": binding, "token": "000000"})
    response = client.post(reverse("accounts:two_factor_setup"), {"enrolment_code": binding, "token": code(reviewer)})
    assert response.status_code == 400 and "错误次数过多" in response.content.decode()
    assert not twofactor.enrolled(reviewer)
