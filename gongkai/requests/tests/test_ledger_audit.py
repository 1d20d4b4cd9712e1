"""A 台账 export carries full ID and phone numbers when the exporter may see them: the audit log files it
under each exported organization (so that unit's 单位管理员 sees it) and says which year, how many rows,
which format and whether full numbers left."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.organizations.factories import OrganizationFactory
from gongkai.requests.choices import State
from gongkai.requests.factories import received_case

pytestmark = pytest.mark.django_db


def _export(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("requests:ledger_export"), {"organization": "", "year": "", "format": "csv",
                                                              **params})
    assert response.status_code == 200
    return response.content.decode("utf-8-sig") if params.get("format", "csv") == "csv" else ""


def _seen_by(client, user, event) -> bool:
    client.force_login(user)
    return client.get(reverse("audit:detail", kwargs={"event_id": event.pk})).status_code == 200


def test_a_units_export_with_full_numbers_is_filed_under_the_unit(client, unit, unit_editor):
    received_case(unit, dt.date(2026, 3, 2), state=State.PROCESSING)
    received_case(unit, dt.date(2026, 3, 5), state=State.PROCESSING)
    received_case(unit, dt.date(2025, 6, 1), state=State.PROCESSING)
    body = _export(client, unit_editor, organization=unit.pk, year=2026)
    assert "370323199001011234" in body  # the unit may see the numbers, and they left with the file
    event = AuditEvent.objects.get(action="request.ledger_export")
    assert event.organization == unit and event.ip_address == "127.0.0.1"
    assert event.note == "2026年度，2 行，CSV，含完整证件号码和联系方式"
    assert _seen_by(client, user_with_role(unit, Role.ORG_ADMIN), event)


def test_exporting_every_unit_gives_one_event_per_unit(client, county, unit, supervisor):
    other = OrganizationFactory(parent=county, name="测试县民政局")
    received_case(unit, dt.date(2026, 3, 2), state=State.PROCESSING)
    received_case(other, dt.date(2026, 3, 2), state=State.PROCESSING)
    received_case(other, dt.date(2025, 3, 2), state=State.PROCESSING)
    body = _export(client, supervisor)
    assert "370323199001011234" not in body
    events = {e.organization_id: e for e in AuditEvent.objects.filter(action="request.ledger_export")}
    assert set(events) == {unit.pk, other.pk}
    assert events[unit.pk].note == "全部年度，1 行，CSV，不含证件号码和联系方式（导出全部机关时）"
    assert events[other.pk].note == "全部年度，2 行，CSV，不含证件号码和联系方式（导出全部机关时）"
    unit_admin = user_with_role(unit, Role.ORG_ADMIN)
    assert _seen_by(client, unit_admin, events[unit.pk]) and not _seen_by(client, unit_admin, events[other.pk])


def test_an_export_without_rows_is_recorded_under_the_chosen_unit(client, unit, unit_editor):
    _export(client, unit_editor, organization=unit.pk, year=2020, format="xlsx")
    event = AuditEvent.objects.get(action="request.ledger_export")
    assert event.organization == unit and event.note == "2020年度，0 行，XLSX，不含证件号码和联系方式"


def test_the_export_command_is_recorded_alike(unit, tmp_path):
    from django.core.management import call_command

    received_case(unit, dt.date(2026, 3, 2), state=State.PROCESSING)
    call_command("export_ledger", "-o", str(tmp_path / "ledger.csv"), "--include-personal-data", "--year", "2026")
    event = AuditEvent.objects.get(action="request.ledger_export")
    assert event.organization == unit and event.actor_name == "系统"
    assert event.note == "2026年度，1 行，CSV，含完整证件号码和联系方式（导出全部机关时）"
