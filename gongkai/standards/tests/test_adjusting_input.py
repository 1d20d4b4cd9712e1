"""A unit's own 事项 and 不适用 reasons are plain text (they are shown on /bzml/ and exported to XLSX); the
export is audited once it is made; a concurrent duplicate is a refusal, not a 500."""

import datetime as dt

import pytest
from django.db import IntegrityError
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.standards import services, xlsx
from gongkai.standards.models import Assignment, Domain, Matter

ON = dt.date(2020, 9, 1)


@pytest.fixture
def unit(county):
    unit = county.orgs["nmjd"]
    services.assign(county.supervisor, Domain.objects.get(name="义务教育"), [unit], on=ON)
    unit.admin = user_with_role(unit, Role.ORG_ADMIN)
    unit.assignment = Assignment.objects.get(organization=unit)
    return unit


@pytest.mark.parametrize("text", ["事项\x01", "事项\x1b[31m", "事项\u202e", "\u2066事项"])
def test_the_services_refuse_control_and_bidi_characters(unit, text):
    with pytest.raises(ActionRefused, match="控制字符"):
        services.add_own_matter(unit.admin, unit.assignment, {"level1": text})
    with pytest.raises(ActionRefused, match="控制字符"):
        services.add_own_matter(unit.admin, unit.assignment, {"level1": "招生管理", "content": text})
    unit_matter = unit.assignment.unit_matters.first()
    with pytest.raises(ActionRefused, match="控制字符"):
        services.mark_not_applicable(unit.admin, unit_matter, text)
    assert not Matter.objects.filter(organization=unit).exists()


def test_the_matter_form_refuses_them_with_a_400(unit, client):
    client.force_login(unit.admin)
    response = client.post(reverse("standards_staff:matter_add", args=[unit.assignment.pk]), {
        "level1": "事项\x01", "audience": "all", "mode": "proactive"})
    assert response.status_code == 400
    assert "“一级事项”不能包含控制字符" in response.content.decode()
    response = client.post(reverse("standards_staff:matter_add", args=[unit.assignment.pk]), {
        "level1": "\u202e事项", "audience": "all", "mode": "proactive"})
    assert response.status_code == 400 and not Matter.objects.filter(organization=unit).exists()
    unit_matter = unit.assignment.unit_matters.first()
    client.post(reverse("standards_staff:not_applicable", args=[unit_matter.pk]), {"reason": "理由\x01"})
    unit_matter.refresh_from_db()
    assert not unit_matter.not_applicable


def test_the_export_is_audited_only_once_it_is_made(unit, client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("export failed")

    client.force_login(unit.admin)
    monkeypatch.setattr(xlsx, "export_catalog", broken)
    with pytest.raises(RuntimeError):
        client.get(reverse("standards_staff:unit_export", args=[unit.pk]))
    assert not AuditEvent.objects.filter(action="standards.export").exists()


def test_a_concurrent_duplicate_matter_is_a_refusal(unit, monkeypatch):
    from django.db.models.query import QuerySet

    real_create = QuerySet.create

    def racing_create(self, **kwargs):  # the other request's row lands between the check and the insert
        if self.model is Matter:
            raise IntegrityError("unique_unit_matter")
        return real_create(self, **kwargs)

    monkeypatch.setattr(QuerySet, "create", racing_create)
    with pytest.raises(ActionRefused, match="已有"):
        services.add_own_matter(unit.admin, unit.assignment, {"level1": "招生管理", "level2": "街道入学咨询服务"})
