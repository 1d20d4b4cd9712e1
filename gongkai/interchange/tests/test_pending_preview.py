"""「批量导入」: the checked rows wait server-side (interchange.PendingImport) under a token bound to the uploader
and the unit; the session holds only that token. An expired preview or another user's is refused in Chinese."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.factories import UserFactory
from gongkai.accounts.models import Membership, Role
from gongkai.catalog.services import ensure_catalog
from gongkai.interchange import pending
from gongkai.interchange.models import PendingImport
from gongkai.interchange.tests.test_batch_web import row, xlsx
from gongkai.publishing.models import InformationItem

pytestmark = pytest.mark.django_db
BODY = "各学校：这是一段只应在预览里出现、不应写进会话的正文。"


@pytest.fixture
def catalog(org):
    ensure_catalog(org)
    return org


def upload(client, organization, **extra):
    response = client.post(reverse("interchange:upload"), {"organization": organization.pk,
                                                           "sheet": xlsx([row(body=BODY, **extra)])})
    assert response.status_code == 302 and response["Location"] == reverse("interchange:preview")
    return client.session["gongkai.batch_import"]


def test_the_session_holds_only_a_token_and_the_rows_wait_server_side(client, catalog, editor):
    """The rows, bodies included, were kept in the session (a 500-row sheet read and written on every request)."""
    client.force_login(editor)
    token = upload(client, catalog)
    assert isinstance(token, str) and len(token) >= 40
    from django.contrib.sessions.models import Session

    stored = Session.objects.get(session_key=client.session.session_key).get_decoded()
    assert BODY not in str(stored) and "关于开展政务公开培训的通知" not in str(stored)
    waiting = PendingImport.objects.get()
    assert (waiting.user, waiting.organization) == (editor, catalog) and token not in waiting.token_digest
    assert "关于开展政务公开培训的通知" in client.get(reverse("interchange:preview")).content.decode()  # still shown

    response = client.post(reverse("interchange:preview"), {"token": token, "target": "draft"})
    item = InformationItem.objects.get()
    assert response.status_code == 302 and item.title == "关于开展政务公开培训的通知" and BODY in item.body
    assert not PendingImport.objects.exists() and "gongkai.batch_import" not in client.session


def test_a_second_upload_replaces_the_first_preview(client, catalog, editor):
    client.force_login(editor)
    first = upload(client, catalog)
    second = upload(client, catalog, title="第二份表格")
    assert first != second and PendingImport.objects.count() == 1
    response = client.post(reverse("interchange:preview"), {"token": first, "target": "draft"})
    assert "表格已重新上传" in response.content.decode() and not InformationItem.objects.exists()


def test_an_expired_preview_is_refused_in_chinese_and_removed(client, catalog, editor):
    client.force_login(editor)
    token = upload(client, catalog)
    PendingImport.objects.update(created_at=timezone.now() - dt.timedelta(minutes=pending.PENDING_MINUTES + 1))
    response = client.post(reverse("interchange:preview"), {"token": token, "target": "draft"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("interchange:upload")
    assert f"这份预览已超过 {pending.PENDING_MINUTES} 分钟未导入，已失效，请重新上传表格。" in page
    assert not InformationItem.objects.exists() and not PendingImport.objects.exists()
    assert "gongkai.batch_import" not in client.session


def test_another_users_preview_is_refused_in_chinese(client, catalog, editor):
    """A token that reached another staff member's session (the same unit, the same post) shows nothing."""
    client.force_login(editor)
    token = upload(client, catalog)
    colleague = UserFactory()
    Membership.objects.create(user=colleague, organization=catalog, role=Role.EDITOR)
    client.force_login(colleague)
    session = client.session
    session["gongkai.batch_import"] = token
    session.save()
    response = client.get(reverse("interchange:preview"), follow=True)
    page = response.content.decode()
    assert "这份预览不是您上传的，不能查看或导入；请上传您自己的表格。" in page
    assert "关于开展政务公开培训的通知" not in page
    response = client.post(reverse("interchange:preview"), {"token": token, "target": "draft"}, follow=True)
    assert not InformationItem.objects.exists() and PendingImport.objects.get().user == editor


def test_a_second_confirmation_imports_nothing_more(client, catalog, editor):
    client.force_login(editor)
    token = upload(client, catalog)
    client.post(reverse("interchange:preview"), {"token": token, "target": "draft"})
    session = client.session
    session["gongkai.batch_import"] = token  # the same form sent again from another tab
    session.save()
    response = client.post(reverse("interchange:preview"), {"token": token, "target": "draft"}, follow=True)
    assert "这份预览已不存在" in response.content.decode() and InformationItem.objects.count() == 1


def test_expired_previews_are_swept_by_the_periodic_jobs(catalog, editor):
    from gongkai.search.management.commands.run_periodic import JOBS

    assert ("expired import previews", "gongkai.interchange.pending.sweep") in JOBS
    pending.keep(editor, catalog, [])
    assert pending.sweep() == 0
    PendingImport.objects.update(created_at=timezone.now() - dt.timedelta(minutes=pending.PENDING_MINUTES + 1))
    assert pending.sweep() == 1 and not PendingImport.objects.exists()
