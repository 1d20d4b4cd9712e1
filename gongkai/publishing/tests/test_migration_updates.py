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


@pytest.mark.django_db
def test_bulk_migration_leaves_items_as_record_migrated_item_does(org, other_org, django_capture_on_commit_callbacks):
    from gongkai.publishing.bulk import HistoryNode, MigratedEntry, record_migrated_items
    from gongkai.publishing.events import item_changed
    from gongkai.publishing.models import InformationItem, Review

    nodes = list(org.catalog_nodes.all()[:2])
    data = {"title": "批量迁移的信息", "formed_on": dt.date(2020, 8, 10), "body": "<p>正文<script>x</script></p>",
            "doc_number": "源政办字〔2020〕1号", "validity": "valid"}
    single = services.record_migrated_item(None, org, data, nodes, WHEN, source_url="http://old.example/a.html")
    announced = []
    item_changed.connect(lambda sender, item_id, verb, **kw: announced.append((item_id, verb)), weak=False,
                         dispatch_uid="test-bulk")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            bulk = record_migrated_items([
                MigratedEntry(org, dict(data), nodes, WHEN, source_url="http://old.example/b.html"),
                MigratedEntry(org, dict(data), [], WHEN, index_no=f"{org.credit_code}/2020-00050"),
                MigratedEntry(org, dict(data), nodes[:1], WHEN),
                MigratedEntry(other_org, dict(data), [], WHEN),
            ])
    finally:
        item_changed.disconnect(dispatch_uid="test-bulk")
    first = InformationItem.objects.get(pk=bulk[0].pk)
    for name in ("title", "body", "state", "published_at", "doc_number", "validity", "formed_on", "organization_id"):
        assert getattr(first, name) == getattr(single, name), name
    assert single.index_no.endswith("/2020-00001") and first.index_no.endswith("/2020-00002")
    assert InformationItem.objects.get(pk=bulk[1].pk).index_no.endswith("/2020-00050")
    assert InformationItem.objects.get(pk=bulk[2].pk).index_no.endswith("/2020-00051")  # after the reserved one
    assert InformationItem.objects.get(pk=bulk[3].pk).index_no == f"{other_org.credit_code}/2020-00001"
    assert sorted(first.catalog_nodes.values_list("id", flat=True)) == sorted(n.id for n in nodes)
    revision = first.history.get()  # one revision, holding the nodes too
    assert revision.history_change_reason == single.history.last().history_change_reason == "历史信息迁移"
    assert HistoryNode.objects.filter(history=revision).count() == 2
    assert Review.objects.get(item=first).secrecy_checked
    event = AuditEvent.objects.get(action="item.migrate", object_id=str(first.pk))
    expected = AuditEvent.objects.get(action="item.migrate", object_id=str(single.pk)).changes
    assert event.changes == expected | {"index_no": [None, first.index_no]}
    assert event.organization_id == org.id and event.actor_name == "系统"
    assert announced == [(item.pk, "migrated") for item in bulk]  # indexed, not news (publishing.events)
