"""Migration 0006's merge (digests.merge_duplicates), run on the real models: evaluations stored twice because
their texts' line breaks differed become one, the one imported first; nothing is lost silently."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.ratings import services
from gongkai.ratings.digests import MERGE_ACTION, merge_duplicates
from gongkai.ratings.models import Evaluation, ImportBatch, Level
from gongkai.ratings.tests.test_ratings import HEADER

pytestmark = pytest.mark.django_db

RATED = timezone.make_aware(dt.datetime(2026, 3, 6, 8, 0))


def stored(unit, filename: str, complaint: str, rectification: str = "", digest: str = "") -> Evaluation:
    """An evaluation as the old import stored it (its digest taken of the text as it came)."""
    batch = ImportBatch.objects.create(filename=filename, sha256=filename.ljust(64, "0"), rows=1)
    return Evaluation.objects.create(
        batch=batch, service="道路运输证", organization=unit, channel="爱山东APP", rated_at=RATED,
        level=Level.VERY_DISSATISFIED, complaint=complaint, rectification=rectification,
        rectification_batch=batch if rectification else None, digest=digest or filename.ljust(64, "f"))


def test_the_older_is_kept_and_takes_the_newer_ones_rectification(unit2):
    older = stored(unit2, "windows.csv", "材料要求反复变化 \r\n窗口说法不一")
    newer = stored(unit2, "excel.xlsx", "材料要求反复变化\n窗口说法不一", "已统一材料清单")
    other = stored(unit2, "other.csv", "另一条差评")
    merges = merge_duplicates(Evaluation, AuditEvent)
    assert merges == [{"kept": older.pk, "removed": newer.pk, "moved": True, "dropped": ""}]
    assert set(Evaluation.objects.values_list("pk", flat=True)) == {older.pk, other.pk}
    kept = Evaluation.objects.get(pk=older.pk)
    assert kept.complaint == "材料要求反复变化\n窗口说法不一" and kept.rectification == "已统一材料清单"
    assert kept.rectification_batch == newer.batch
    assert list(newer.batch.organizations.all()) == [unit2]  # the unit still sees the file that had the newer one
    event = AuditEvent.objects.get(action=MERGE_ACTION)
    assert event.object_id == str(older.pk) and event.organization == unit2
    assert f"#{newer.pk}" in event.note and "excel.xlsx" in event.note
    assert event.changes == {"rectification": ["", "已统一材料清单"]}
    # The recomputed digest is the import's: the same row imported again is found, not stored a third time.
    row = '道路运输证,测试县交通运输局,爱山东APP,2026-03-06 08:00,非常不满意,"材料要求反复变化\n窗口说法不一",\n'
    with pytest.raises(ActionRefused, match="都已导入过"):
        services.import_records(None, "again.csv", (HEADER + row).encode())


def test_the_rectification_imported_last_is_kept_and_the_other_in_the_audit_log(unit2):
    older = stored(unit2, "a.csv", "等候时间长\r\n", "已增开窗口")
    newer = stored(unit2, "b.csv", "等候时间长", "已推行预约")  # imported later: what a single record would hold
    merges = merge_duplicates(Evaluation, AuditEvent)
    assert merges == [{"kept": older.pk, "removed": newer.pk, "moved": True, "dropped": "已增开窗口"}]
    kept = Evaluation.objects.get()
    assert kept.pk == older.pk and kept.rectification == "已推行预约" and kept.rectification_batch == newer.batch
    event = AuditEvent.objects.get(action=MERGE_ACTION)
    assert "已增开窗口" in event.note and event.changes == {"rectification": ["已增开窗口", "已推行预约"]}


def test_a_rectification_a_later_file_wrote_into_the_older_record_is_kept(unit2):
    older = stored(unit2, "a.csv", "等候时间长\r\n", "")
    newer = stored(unit2, "b.xlsx", "等候时间长", "已增开窗口")
    latest = ImportBatch.objects.create(filename="c.csv", sha256="c" * 64, rows=0, updated=1)
    Evaluation.objects.filter(pk=older.pk).update(rectification="已推行预约", rectification_batch=latest)
    merges = merge_duplicates(Evaluation, AuditEvent)
    assert merges == [{"kept": older.pk, "removed": newer.pk, "moved": False, "dropped": "已增开窗口"}]
    assert Evaluation.objects.get().rectification == "已推行预约"
    assert "已增开窗口" in AuditEvent.objects.get(action=MERGE_ACTION).note


def test_nothing_to_merge_leaves_the_texts_and_writes_no_audit(unit2):
    stored(unit2, "a.csv", "等候时间长", "已增开窗口")
    assert merge_duplicates(Evaluation, AuditEvent) == []
    assert not AuditEvent.objects.filter(action=MERGE_ACTION).exists()
    assert len(Evaluation.objects.get().digest) == 64
