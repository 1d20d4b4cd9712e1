import pytest
from django.urls import reverse

from gongkai.accounts.factories import UserFactory
from gongkai.audit.models import AppendOnlyError, AuditEvent
from gongkai.audit.services import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(org, editor):
    return record(editor, "item.update", org, organization=org, before={"title": "甲"}, after={"title": "乙"})


def test_model_refuses_change_and_delete(event):
    event.note = "篡改"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(note="篡改")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).note == ""


def test_admin_is_read_only(client, event):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    change_url = reverse("admin:audit_auditevent_change", args=[event.pk])
    page = client.get(change_url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(change_url, {"note": "篡改"}).status_code == 403
    assert client.get(reverse("admin:audit_auditevent_delete", args=[event.pk])).status_code == 403
    assert client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    changelist = client.get(reverse("admin:audit_auditevent_changelist"))
    assert changelist.status_code == 200
    assert "delete_selected" not in changelist.content.decode()
    assert AuditEvent.objects.get(pk=event.pk).changes == {"title": ["甲", "乙"]}
