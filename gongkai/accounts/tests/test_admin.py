import pytest
from django.urls import reverse

from gongkai.accounts.factories import UserFactory
from gongkai.accounts.models import Membership, Role, User
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return UserFactory(is_superuser=True, is_staff=True)


def test_only_superusers_enter_the_admin(client, org):
    staff_only = UserFactory(is_staff=True)
    Membership.objects.create(user=staff_only, organization=org, role=Role.ORG_ADMIN)
    client.force_login(staff_only)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 302


def test_user_admin_shows_full_name_and_memberships(client, superuser, editor):
    client.force_login(superuser)
    response = client.get(reverse("admin:accounts_user_change", args=[editor.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="full_name"' in body
    assert "memberships-TOTAL_FORMS" in body


def test_add_membership_through_the_inline_is_audited(client, superuser, org, editor):
    client.force_login(superuser)
    membership = editor.memberships.get()
    data = {
        "username": editor.username, "full_name": "新名字", "email": "", "is_active": "on",
        "last_login_0": "", "last_login_1": "", "date_joined_0": "2026-01-01", "date_joined_1": "08:00:00",
        "memberships-TOTAL_FORMS": "2", "memberships-INITIAL_FORMS": "1",
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-id": membership.id, "memberships-0-user": editor.id,
        "memberships-0-organization": org.id, "memberships-0-role": Role.EDITOR,
        "memberships-1-id": "", "memberships-1-user": editor.id,
        "memberships-1-organization": org.id, "memberships-1-role": Role.REVIEWER,
    }
    response = client.post(reverse("admin:accounts_user_change", args=[editor.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    editor.refresh_from_db()
    assert editor.full_name == "新名字"
    assert set(editor.memberships.values_list("role", flat=True)) == {Role.EDITOR, Role.REVIEWER}
    change = AuditEvent.objects.get(action="admin.change", object_type="accounts.user")
    assert change.changes["full_name"][1] == "新名字"
    assert "password" not in change.changes
    added = AuditEvent.objects.get(action="admin.add", object_type="accounts.membership")
    assert added.organization_id == org.id


def test_admin_creates_user_with_strong_password_only(client, superuser):
    client.force_login(superuser)
    url = reverse("admin:accounts_user_add")
    weak = client.post(url, {"username": "newbie", "full_name": "新人", "password1": "abcdefghijkl",
                             "password2": "abcdefghijkl"})
    assert weak.status_code == 200
    assert "密码须至少包含" in weak.content.decode()
    assert not User.objects.filter(username="newbie").exists()
    strong = client.post(url, {"username": "newbie", "full_name": "新人", "password1": "Xin-Ren-2026-ok",
                               "password2": "Xin-Ren-2026-ok"})
    assert strong.status_code == 302, strong.context["adminform"].form.errors
    assert User.objects.get(username="newbie").full_name == "新人"


def test_the_admin_shows_the_must_change_flag_and_new_accounts_get_it(client, superuser, editor):
    client.force_login(superuser)
    body = client.get(reverse("admin:accounts_user_change", args=[editor.pk])).content.decode()
    assert 'name="must_change_password"' in body and "下次登录须修改密码" in body
    add = client.get(reverse("admin:accounts_user_add")).content.decode()
    assert 'name="must_change_password"' in add and "checked" in add.split('name="must_change_password"')[0][-200:] + add.split('name="must_change_password"')[1][:200]
    created = client.post(reverse("admin:accounts_user_add"), {
        "username": "xinren", "full_name": "新人", "email": "", "password1": "Xin-Ren-2026-Mima",
        "password2": "Xin-Ren-2026-Mima", "must_change_password": "on"})
    assert created.status_code == 302
    assert User.objects.get(username="xinren").must_change_password


def test_a_password_set_in_the_admin_is_audited_and_must_be_changed_at_the_next_login(client, superuser, editor):
    """Django's own 「修改密码」 page of the user admin wrote only Django's LogEntry: a superuser could give anyone a
    password they know, unseen in the audit log, and the account kept it."""
    client.force_login(superuser)
    url = reverse("admin:auth_user_password_change", args=[editor.pk])
    response = client.post(url, {"password1": "Xin-Mima-2026-ok", "password2": "Xin-Mima-2026-ok",
                                 "usable_password": "true"})
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password("Xin-Mima-2026-ok") and editor.must_change_password
    event = AuditEvent.objects.get(action="auth.password_reset", object_id=str(editor.pk))
    assert event.actor == superuser and "系统配置" in event.note
    assert "Xin-Mima-2026-ok" not in str(event.changes) + event.note


def test_a_superuser_setting_their_own_password_in_the_admin_is_a_password_change(client, superuser):
    client.force_login(superuser)
    url = reverse("admin:auth_user_password_change", args=[superuser.pk])
    response = client.post(url, {"password1": "Xin-Mima-2026-ok", "password2": "Xin-Mima-2026-ok",
                                 "usable_password": "true"})
    assert response.status_code == 302
    superuser.refresh_from_db()
    assert not superuser.must_change_password
    assert AuditEvent.objects.filter(action="auth.password_change", actor=superuser).exists()


@pytest.mark.parametrize("url", ["/admin/otp_totp/totpdevice/", "/admin/otp_static/staticdevice/",
                                 "/admin/otp_static/statictoken/", "/admin/axes/accessattempt/",
                                 "/admin/axes/accesslog/", "/admin/axes/accessfailurelog/", "/admin/auth/group/",
                                 "/admin/django_tasks_database/dbtaskresult/"])
def test_the_admin_shows_no_second_factor_secrets_and_no_unaudited_unlock(client, superuser, url):
    """django-otp's admin showed every account's authenticator key (its QR code) and recovery codes to any
    superuser, who could pass anyone's second factor; axes' admin deleted failed logins (an unlock) unaudited.
    Two-factor resets go through `gongkai reset_two_factor` and unlocks through the unit's 登录锁定 page.
    django-tasks-db's task results showed each task's arguments and traceback unmasked, read unaudited."""
    client.force_login(superuser)
    assert client.get(url).status_code == 404


def test_a_failed_tasks_traceback_is_not_shown_in_the_admin(client, superuser):
    """A task that failed on an address kept it in its stored traceback; the admin showed it in the clear."""
    from django_tasks_db.models import DBTaskResult

    result = DBTaskResult.objects.create(task_path="gongkai.notifications.tasks.deliver_notice", args_kwargs={
        "args": [1], "kwargs": {}}, status="FAILED", traceback="SMTPRecipientsRefused: zhang.san@example.com")
    client.force_login(superuser)
    assert client.get(f"/admin/django_tasks_database/dbtaskresult/{result.pk}/change/").status_code == 404
    assert "zhang.san" not in client.get("/admin/").content.decode()


def test_the_admins_own_password_change_link_leads_to_the_audited_page(client, superuser):
    """/admin/password_change/ (「修改密码」 in the admin's header) was Django's own page: a change there was not
    audited and skipped the site's checks (a new password equal to the old one)."""
    client.force_login(superuser)
    response = client.get(reverse("admin:password_change"))
    assert response.status_code == 302 and response.url == reverse("accounts:password_change")
    response = client.post(reverse("admin:password_change"), {"old_password": "x", "new_password1": "Xin-Mima-2026-ok",
                                                              "new_password2": "Xin-Mima-2026-ok"})
    assert response.status_code == 302 and response.url == reverse("accounts:password_change")


def test_disabling_password_login_in_the_admin_is_audited_as_such(client, superuser, editor):
    """Django's 「修改密码」 page also offers 「停用基于密码的认证」: the audit log recorded it as a new password set by
    the superuser (「设置新密码，下次登录须修改」), which nobody had set."""
    client.force_login(superuser)
    url = reverse("admin:auth_user_password_change", args=[editor.pk])
    assert client.post(url, {"usable_password": "false", "unset-password": "1"}).status_code == 302
    editor.refresh_from_db()
    assert not editor.has_usable_password()
    event = AuditEvent.objects.get(action="auth.password_reset", object_id=str(editor.pk))
    assert "停用密码登录" in event.note and "设置新密码" not in event.note


def test_a_refused_password_submission_in_the_admin_records_nothing(client, superuser, editor):
    """Django answers a conflicting submission (停用 chosen with the 「修改密码」 button) with a redirect back to the
    page and changes nothing: it was recorded as a password reset and the account made to change its password."""
    client.force_login(superuser)
    before = editor.password
    url = reverse("admin:auth_user_password_change", args=[editor.pk])
    assert client.post(url, {"usable_password": "false"}).status_code == 302
    editor.refresh_from_db()
    assert editor.password == before and not editor.must_change_password
    assert not AuditEvent.objects.filter(action="auth.password_reset", object_id=str(editor.pk)).exists()
