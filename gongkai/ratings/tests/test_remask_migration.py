"""Migration 0007 (digests.remask): evaluations imported before core.masking read numbers in groups, with em dashes
or invisible characters between the digits, have their texts masked again and their digests recomputed, so a later
export holding the same 差评 is not stored a second time; a copy already stored twice is merged and audited."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.ratings import services
from gongkai.ratings.digests import MERGE_ACTION, TEXT_FIELDS, digest
from gongkai.ratings.models import Evaluation
from gongkai.ratings.tests.test_ratings import HEADER

pytestmark = pytest.mark.django_db

ROW = "不动产登记,测试县教育和体育局,窗口,2026-03-02 09:15,不满意,办理太慢，请回电139 12345678,\n"
TYPED = "办理太慢，请回电139 12345678"
NEXT = "不动产登记,测试县教育和体育局,窗口,2026-03-03 10:00,满意,,\n"


def _as_imported_before(evaluation: Evaluation) -> None:
    """The evaluation as the import stored it before mask2: `139 12345678` kept, the digest taken of it."""
    evaluation.complaint = TYPED
    evaluation.digest = digest({name: getattr(evaluation, name) for name in
                                ("service", "organization_id", "channel", "rated_at", "level", "complaint")})
    evaluation.save(update_fields=["complaint", "digest"])


def _migrate():
    importlib.import_module("gongkai.ratings.migrations.0007_remask_written_forms").forwards(apps, None)


def test_a_later_export_with_the_same_bad_rating_is_not_stored_twice(client, keeper, unit):
    services.import_records(keeper, "march.csv", (HEADER + ROW).encode())
    _as_imported_before(Evaluation.objects.get())
    _migrate()
    assert Evaluation.objects.get().complaint == "办理太慢，请回电139*****5678"
    result = services.import_records(keeper, "march-full.csv", (HEADER + ROW + NEXT).encode())
    assert (result.created, result.unchanged) == (1, 1)
    assert Evaluation.objects.count() == 2
    body = client.get(reverse("ratings:month", kwargs={"year": 2026, "month": 3})).content.decode()
    assert body.count("办理太慢") == 1 and "12345678" not in body


def test_a_copy_already_stored_twice_is_merged_into_the_first_and_audited(keeper, unit):
    services.import_records(keeper, "march.csv", (HEADER + ROW).encode())
    first = Evaluation.objects.get()
    _as_imported_before(first)
    services.import_records(keeper, "march-full.csv", (HEADER + ROW + NEXT).encode())  # stored a second time
    assert Evaluation.objects.filter(complaint__startswith="办理太慢").count() == 2
    _migrate()
    kept = Evaluation.objects.get(complaint__startswith="办理太慢")
    assert kept.pk == first.pk and kept.complaint == "办理太慢，请回电139*****5678"
    event = AuditEvent.objects.get(action=MERGE_ACTION)
    assert "个人号码" in event.note and "12345678" not in event.note
    assert all("12345678" not in getattr(e, name) for e in Evaluation.objects.all() for name in TEXT_FIELDS)
