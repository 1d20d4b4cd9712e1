"""A finding's evidence is shown with Chinese names: before, the page listed the rules' keys
(last_published, days_since_update, due, live_items, published_on)."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.inspection.evidence import EVIDENCE_LABELS, evidence_rows
from gongkai.inspection.models import Finding, Run, Severity
from gongkai.organizations.factories import OrganizationFactory

GONGKAI = Path(__file__).resolve().parents[2]


def evidence_keys() -> set[str]:
    """Every key a rule writes into evidence["dates"] or evidence["counts"] (in any app's code)."""
    keys = set()
    for path in GONGKAI.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if isinstance(key, ast.Constant) and key.value in ("dates", "counts") and isinstance(value, ast.Dict):
                        keys |= {k.value for k in value.keys if isinstance(k, ast.Constant)}
    return keys


def test_every_evidence_key_of_the_rules_has_a_chinese_name():
    keys = evidence_keys()
    assert {"last_published", "days_since_update", "due", "live_items", "published_on"} <= keys
    assert sorted(keys - set(EVIDENCE_LABELS)) == []


def test_rows_skip_unset_dates_and_keep_an_unknown_key():
    rows = evidence_rows({"dates": {"due": "2026-03-31", "published_on": None}, "counts": {"days_late": 3, "x": 1}})
    assert rows == [("应完成日期", "2026-03-31"), ("逾期天数", 3), ("x", 1)]


@pytest.mark.django_db
def test_the_finding_page_names_the_evidence(client):
    org = OrganizationFactory()
    now = timezone.now()
    run = Run.objects.create(trigger=Run.Trigger.MANUAL, checked_on=timezone.localdate(), finished_at=now)
    finding = Finding.objects.create(
        organization=org, rule="stale_nodes", indicator="updates", subject="node:1", title="栏目长期未更新",
        severity=Severity.DEDUCT, points=1, first_seen_at=now, first_seen_run=run, last_seen_at=now,
        last_seen_run=run, evidence={"dates": {"last_published": "2025-01-02"}, "counts": {"days_since_update": 400}})
    client.force_login(user_with_role(org, Role.ORG_ADMIN))
    html = client.get(reverse("inspection:finding", kwargs={"finding_id": finding.pk})).content.decode()
    assert "最近发布日期：2025-01-02" in html and "未更新天数：400" in html
    assert "last_published" not in html and "days_since_update" not in html
