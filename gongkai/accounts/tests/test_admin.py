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
