"""update_migrated_item and record_migrated_attachment (used by import_documents on re-import)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.publishing import services

WHEN = timezone.make_aware(dt.datetime(2020, 8, 12, 9, 0))


@pytest.fixture
def migrated(org):
    node = org.catalog_nodes.first()
    return services.record_migrated_item(None, org, {"title": "旧站信息", "formed_on": dt.date(2020, 8, 10),
                                                     "body": "<p>正文</p>"}, [node], WHEN,
                                         source_url="http://old.example/1.html")


@pytest.mark.django_db
def test_identical_data_changes_nothing(migrated, org):
    revisions = migrated.history.count()
    events = AuditEvent.objects.count()
    item = services.update_migrated_item(None, migrated, {"title": "旧站信息", "formed_on": dt.date(2020, 8, 10),
                                                          "body": "<p>正文</p>"}, [org.catalog_nodes.first()], WHEN)
    assert item.updated_at == migrated.updated_at
    assert migrated.history.count() == revisions and AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_changes_are_saved_with_a_revision_and_an_audit_event(migrated, org):
    other_node = org.catalog_nodes.all()[1]
    item = services.update_migrated_item(None, migrated, {"title": "更正后的信息", "body": "<p>新<script>x</script></p>"},
                                         [other_node], WHEN + dt.timedelta(days=1))
    item.refresh_from_db()
    assert item.title == "更正后的信息" and item.body == "<p>新</p>"
    assert list(item.catalog_nodes.all()) == [other_node]
    event = AuditEvent.objects.filter(action="item.migrate_update").get()
    assert event.changes["title"] == ["旧站信息", "更正后的信息"] and "catalog_nodes" in event.changes


@pytest.mark.django_db
def test_withdrawn_items_are_not_overwritten(migrated, org, reviewer):
    services.withdraw(reviewer, migrated, "撤回。")
    with pytest.raises(ActionRefused, match="撤回或删除"):
        services.update_migrated_item(None, migrated, {"title": "x"}, [], WHEN)


@pytest.mark.django_db
def test_migrated_attachment_is_checked_and_recorded(migrated):
    attachment = services.record_migrated_attachment(
        None, migrated, SimpleUploadedFile("要点.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"))
    assert attachment.original_name == "要点.pdf" and len(attachment.sha256) == 64
    with pytest.raises(ActionRefused, match="内容与扩展名不符"):
        services.record_migrated_attachment(None, migrated, SimpleUploadedFile("x.pdf", b"MZ not a pdf"))
    assert migrated.attachments.count() == 1
