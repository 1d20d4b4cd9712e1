import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.factories import TEST_PASSWORD
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

WRONG = "Wrong-Password-123"


def _login(client, username, password, next_url=None):
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("accounts:login"), data)


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def _audit_text() -> str:
    return " ".join(f"{e.actor_name} {e.object_repr} {e.note} {e.changes}" for e in AuditEvent.objects.all())


def test_login_page_is_chinese(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "工作人员登录" in body
    assert f"连续 {settings.AXES_FAILURE_LIMIT} 次输入错误的密码后" in body
    assert 'autocomplete="current-password"' in body


def test_login_succeeds_and_is_audited(client, org_admin):
    response = _login(client, org_admin.username, TEST_PASSWORD, next_url=reverse("audit:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("audit:list")
    assert _logged_in(client)
    event = AuditEvent.objects.get(action="auth.login")
    assert event.actor_id == org_admin.id
    assert event.organization is None
    assert event.ip_address == "127.0.0.1"


def test_login_does_not_redirect_off_site(client, org_admin):
    response = _login(client, org_admin.username, TEST_PASSWORD, next_url="https://evil.example/")
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_failed_login_records_the_username_never_the_password(client, editor):
    response = _login(client, editor.username, WRONG)
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()  # Django's Chinese message
    assert not _logged_in(client)
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert event.object_repr == editor.username
    assert event.actor is None
    assert WRONG not in _audit_text()


def test_a_failed_login_under_a_name_no_account_has_is_recorded_masked(client, editor):
    """A password typed into the user-name box was kept in clear in the append-only audit log, readable by the
    政务公开办 for good. A name no account has is now recorded masked (its first and last characters)."""
    typed = "Mima-Typed-In-2026"
    _login(client, typed, WRONG)
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert typed not in _audit_text() and "Mima" not in _audit_text()
    assert event.object_repr == "M" + "*" * (len(typed) - 2) + "6" and "不存在" in event.note


def test_lockout_after_repeated_failures(client, editor):
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert _login(client, editor.username, WRONG).status_code == 200
    locked = _login(client, editor.username, WRONG)
    assert locked.status_code in (403, 429)
    # Now even the right password is refused, with the lockout page.
    response = _login(client, editor.username, TEST_PASSWORD)
    assert response.status_code in (403, 429)
    body = response.content.decode()
    assert "账号已暂时锁定" in body
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    assert f"请在 {minutes} 分钟后再试" in body
    assert not _logged_in(client)
    assert AuditEvent.objects.filter(action="auth.locked_out", object_repr=editor.username).exists()
    assert AuditEvent.objects.filter(action="auth.login_failed").count() >= limit
    assert not AuditEvent.objects.filter(action="auth.login").exists()
    assert WRONG not in _audit_text() and TEST_PASSWORD not in _audit_text()


def test_logout_is_post_only_and_audited(client, editor):
    client.force_login(editor)
    assert client.get(reverse("accounts:logout")).status_code == 200  # the page with the button
    assert _logged_in(client)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert not _logged_in(client)
    assert AuditEvent.objects.filter(action="auth.logout", actor=editor).exists()


def test_idle_session_expires(client, org_admin):
    _login(client, org_admin.username, TEST_PASSWORD)
    url = reverse("audit:list")
    assert client.get(url).status_code == 200
    # Simulate the user idle for a minute longer than SESSION_COOKIE_AGE: their last request renewed the
    # session to expire SESSION_COOKIE_AGE after it, which is now a minute ago.
    key = client.session.session_key
    last_request = timezone.now() - dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    expiry = last_request + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    Session.objects.filter(session_key=key).update(expire_date=expiry)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert client.get(url).status_code == 302  # and stays logged out


def test_activity_extends_the_session(client, org_admin):
    _login(client, org_admin.username, TEST_PASSWORD)
    key = client.session.session_key
    soon = timezone.now() + dt.timedelta(seconds=30)
    Session.objects.filter(session_key=key).update(expire_date=soon)
    client.get(reverse("audit:list"))
    renewed = Session.objects.get(session_key=key).expire_date
    assert renewed > timezone.now() + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_session_cookie_ends_with_the_browser(client, editor):
    response = _login(client, editor.username, TEST_PASSWORD, next_url="/")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    assert cookie["httponly"]


def test_opening_the_logout_address_shows_a_chinese_page_with_the_button(client, editor):
    client.force_login(editor)
    response = client.get(reverse("accounts:logout"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "确定要退出吗" in body and "退出登录" in body
    assert f'action="{reverse("accounts:logout")}"' in body
    assert _logged_in(client)  # a GET logs nobody out
    client.post(reverse("accounts:logout"))
    assert not _logged_in(client)
    assert "已经退出登录" in client.get(reverse("accounts:logout")).content.decode()
