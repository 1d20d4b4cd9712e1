import pytest
from django.urls import reverse

from gongkai.accounts.factories import TEST_PASSWORD
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _change(client, new1, new2=None, old=TEST_PASSWORD):
    return client.post(reverse("accounts:password_change"),
                       {"old_password": old, "new_password1": new1, "new_password2": new2 or new1})


def test_requires_login(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("password,message", [
    ("Ab1!x", "密码太短，至少需要 10 个字符"),
    ("abcdefghijkl", "密码须至少包含小写字母、大写字母、数字、符号中的 3 类"),
    ("1234567890123", "密码只包含数字"),
    ("password123", "这个密码太常见了"),
])
def test_weak_passwords_refused_in_chinese(client, editor, password, message):
    client.force_login(editor)
    response = _change(client, password)
    assert response.status_code == 200
    assert message in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password(TEST_PASSWORD)
    assert not AuditEvent.objects.filter(action="auth.password_change").exists()


def test_wrong_old_password_refused(client, editor):
    client.force_login(editor)
    response = _change(client, "Neu-Kennwort-2026", old="Not-The-Old-1")
    assert "你的旧密码不正确" in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password(TEST_PASSWORD)


def test_strong_password_accepted_and_audited(client, editor):
    client.force_login(editor)
    new = "Yiyuan-Gongkai-2026!"
    response = _change(client, new)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    editor.refresh_from_db()
    assert editor.check_password(new)
    event = AuditEvent.objects.get(action="auth.password_change")
    assert event.actor_id == editor.id
    assert new not in str(event.changes) and "password" not in event.changes
    # Still logged in after the change (the session hash is updated).
    assert client.get(reverse("accounts:password_change_done")).status_code == 200
