"""Login lockout behind the reverse proxy (issue #19, item 1).

Requests come "through the proxy": REMOTE_ADDR is the proxy's, X-Forwarded-For the visitor's.
"""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from gongkai.accounts.factories import TEST_PASSWORD, user_with_role
from gongkai.accounts.lockout import account_wait_seconds
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
ATTACKER = "198.51.100.66"
COLLEAGUE = "203.0.113.7"
WRONG = "Wrong-Password-123"


@pytest.fixture(autouse=True)
def _behind_proxy(settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["10.0.0.0/24"]


def _login(client, username, password, visitor):
    return client.post(reverse("accounts:login"), {"username": username, "password": password},
                       REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=visitor)


def _time_passes(seconds=None):
    """The per-account delay's wait is over (the lockout itself lasts much longer)."""
    seconds = seconds or settings.GONGKAI_LOGIN_DELAY_MAX_SECONDS + 1
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=attempt.attempt_time - dt.timedelta(seconds=seconds))


def _lock_out(client, user, visitor=ATTACKER):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, user.username, WRONG, visitor)


def test_failures_are_counted_at_the_visitors_address_not_the_proxys(client, editor):
    _login(client, editor.username, WRONG, ATTACKER)
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [ATTACKER]
    assert AuditEvent.objects.get(action="auth.login_failed").ip_address == ATTACKER


def test_an_attacker_behind_the_proxy_locks_only_themselves(client, editor, org_admin):
    _lock_out(client, editor)
    _lock_out(client, org_admin)
    _time_passes()
    # The attacker's address stays locked for the account, even with the right password ...
    assert _login(client, editor.username, TEST_PASSWORD, ATTACKER).status_code in (403, 429)
    # ... while the staff, who come through the same proxy from their own addresses, log in.
    assert _login(client, editor.username, TEST_PASSWORD, COLLEAGUE).status_code == 302
    client.post(reverse("accounts:logout"))
    assert _login(client, org_admin.username, TEST_PASSWORD, "203.0.113.8").status_code == 302


def test_guessing_one_account_from_many_addresses_meets_a_growing_delay(client, editor, settings):
    settings.GONGKAI_LOGIN_DELAY_MAX_SECONDS = 16
    limit = settings.AXES_FAILURE_LIMIT
    for n in range(limit):
        _login(client, editor.username, WRONG, f"198.51.100.{n + 1}")
    assert not AccessAttempt.objects.filter(failures_since_start__gte=limit).exists()  # no address locked
    response = _login(client, editor.username, TEST_PASSWORD, "198.51.100.200")
    assert response.status_code == 200  # refused before the password is even checked
    assert "秒后再试" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.count() == limit  # the refused attempt counted nothing
    _time_passes()
    assert account_wait_seconds(editor.username) == 0
    for n in range(3):
        _time_passes()
        _login(client, editor.username, WRONG, f"198.51.100.{100 + n}")
    waits = account_wait_seconds(editor.username)
    assert 4 < waits <= 8  # 2 ** 3 seconds after the eighth failure
    for n in range(12):
        _time_passes()
        _login(client, editor.username, WRONG, f"198.51.100.{150 + n}")
    assert 8 < account_wait_seconds(editor.username) <= 16  # never more than the maximum
    _time_passes()
    assert _login(client, editor.username, TEST_PASSWORD, COLLEAGUE).status_code == 302


def test_a_visitor_talking_directly_cannot_choose_their_address(client, editor):
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": editor.username, "password": WRONG},
                    REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    _time_passes()
    response = client.post(reverse("accounts:login"), {"username": editor.username, "password": TEST_PASSWORD},
                           REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code in (403, 429)


@pytest.fixture
def county(org):
    county = OrganizationFactory(kind=Organization.Kind.PEOPLE_GOVERNMENT, name="测试县人民政府")
    org.parent = county
    org.save()
    return county


def test_the_unit_admin_unlocks_an_account_and_it_is_audited(client, editor, org_admin):
    _lock_out(client, editor)
    client.force_login(org_admin)
    url = reverse("organizations:logins", kwargs={"org_id": editor.memberships.get().organization_id})
    page = client.get(url)
    assert page.status_code == 200
    assert "已锁定" in page.content.decode() and editor.username in page.content.decode()
    response = client.post(url, {"user": editor.pk})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=editor.username).exists()
    event = AuditEvent.objects.get(action="auth.unlock")
    assert event.actor == org_admin and event.object_id == str(editor.pk)
    client.post(reverse("accounts:logout"))
    assert _login(client, editor.username, TEST_PASSWORD, ATTACKER).status_code == 302


def test_the_supervisor_unlocks_units_below_them(client, org, county, editor):
    supervisor = user_with_role(county, Role.SUPERVISOR)
    _lock_out(client, editor)
    client.force_login(supervisor)
    response = client.post(reverse("organizations:logins", kwargs={"org_id": org.pk}), {"user": editor.pk})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=editor.username).exists()


def test_others_cannot_unlock(client, org, other_org, editor):
    _lock_out(client, editor)
    url = reverse("organizations:logins", kwargs={"org_id": org.pk})
    for outsider in (user_with_role(org, Role.REVIEWER), user_with_role(other_org, Role.ORG_ADMIN)):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
        assert client.post(url, {"user": editor.pk}).status_code == 403
    # Nor can a unit admin unlock somebody of another unit through their own unit's page.
    stranger = user_with_role(other_org, Role.EDITOR)
    client.logout()
    _lock_out(client, stranger)
    client.force_login(user_with_role(org, Role.ORG_ADMIN))
    client.post(url, {"user": stranger.pk})
    assert AccessAttempt.objects.filter(username=stranger.username).exists()
    assert AccessAttempt.objects.filter(username=editor.username).exists()
    assert not AuditEvent.objects.filter(action="auth.unlock").exists()


def test_the_admin_login_meets_the_same_per_account_delay(client, editor):
    editor.is_superuser = editor.is_staff = True
    editor.save()
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, editor.username, WRONG, f"198.51.100.{n + 1}")
    assert account_wait_seconds(editor.username) > 0
    refused = _login(client, editor.username, TEST_PASSWORD, COLLEAGUE)
    assert "秒后再试" in refused.content.decode()
    # The admin's own address for passwords leads to the same login page and logs nobody in.
    response = client.post(reverse("admin:login") + "?next=/admin/", {
        "username": editor.username, "password": TEST_PASSWORD, "next": "/admin/",
    }, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=COLLEAGUE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302
    # Once the wait is over the superuser logs in on the staff login page and goes on to the admin.
    _time_passes()
    arrived = client.post(response["Location"], {"username": editor.username, "password": TEST_PASSWORD,
                                                 "next": "/admin/"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=COLLEAGUE)
    assert arrived["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_admin_login_explains_itself_to_a_logged_in_non_superuser(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:login") + "?next=/admin/")
    assert response.status_code == 403
    assert "仅限超级管理员" in response.content.decode()


def test_a_password_reset_also_ends_the_lockout_so_the_temporary_password_works(client, editor, org_admin):
    # Whoever forgot the password has usually locked themselves out trying it.
    _lock_out(client, editor)
    org = editor.memberships.get().organization
    client.force_login(org_admin)
    issued = client.post(reverse("organizations:accounts", kwargs={"org_id": org.pk}), {"user": editor.pk})
    temporary = issued.context["issued"]["password"]
    assert not AccessAttempt.objects.filter(username=editor.username).exists()
    event = AuditEvent.objects.get(action="auth.password_reset")
    assert f"清除 {settings.AXES_FAILURE_LIMIT} 次登录失败记录" in event.note
    client.post(reverse("accounts:logout"))
    login = _login(client, editor.username, temporary, ATTACKER)
    assert login.status_code == 302 and login["Location"] != reverse("accounts:login")
