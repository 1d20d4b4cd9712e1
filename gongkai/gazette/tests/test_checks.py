"""The system check of GONGKAI_GAZETTE_ORGANIZATIONS: a mistyped unit must not silently stop the 政府公报."""

from io import StringIO

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import OperationalError
from django.db.models.query import QuerySet

from gongkai.gazette.checks import gazette_organizations_exist
from gongkai.organizations.factories import OrganizationFactory


def ids(messages):
    return [m.id for m in messages]


def test_the_default_needs_no_database(settings):
    settings.GONGKAI_GAZETTE_ORGANIZATIONS = []  # no django_db mark: a query here would fail the test
    assert gazette_organizations_exist(None) == []
    settings.GONGKAI_GAZETTE_ORGANIZATIONS = ["", " "]
    assert gazette_organizations_exist(None) == []


@pytest.mark.django_db
def test_units_named_by_code_or_name_pass(settings, org):
    office = OrganizationFactory(name="沂源县人民政府办公室")
    settings.GONGKAI_GAZETTE_ORGANIZATIONS = [org.credit_code, " 沂源县人民政府办公室 "]
    assert gazette_organizations_exist(None) == []
    assert office.pk


@pytest.mark.django_db
def test_no_existing_unit_is_a_warning_naming_the_value(settings, org):
    settings.GONGKAI_GAZETTE_ORGANIZATIONS = ["沂源县政府办公室", "11370323004300020Y"]
    [warning] = gazette_organizations_exist(None)
    assert warning.level == checks.WARNING and warning.id == "gongkai.gazette.W002"
    assert "沂源县政府办公室, 11370323004300020Y" in warning.msg and "no unit can" in warning.msg
    assert "docs/configuration.md" in warning.hint
    # Registered: `gongkai check` reports it, and `check --fail-level WARNING` (as for a deploy) stops on it;
    # the periodic tasks, the worker and migrate keep running (a warning does not stop a command).
    out = StringIO()
    call_command("check", stdout=out, stderr=out)
    assert "gongkai.gazette.W002" in out.getvalue()
    with pytest.raises(SystemCheckError, match="gongkai.gazette.W002"):
        call_command("check", fail_level="WARNING")


@pytest.mark.django_db
def test_one_unknown_unit_among_real_ones_is_a_warning(settings, org):
    settings.GONGKAI_GAZETTE_ORGANIZATIONS = [org.name, "沂源县政府办公室"]
    [warning] = gazette_organizations_exist(None)
    assert warning.level == checks.WARNING and warning.id == "gongkai.gazette.W001"
    assert "沂源县政府办公室" in warning.msg and org.name not in warning.msg


@pytest.mark.django_db
def test_skipped_before_any_organization_is_entered(settings):
    settings.GONGKAI_GAZETTE_ORGANIZATIONS = ["沂源县人民政府办公室"]
    assert gazette_organizations_exist(None) == []


@pytest.mark.django_db
def test_skipped_on_a_database_without_the_tables(settings, org, monkeypatch):
    """A fresh database before `migrate`: the query fails, the check says nothing (and migrate can run)."""

    def no_table(self):
        raise OperationalError("no such table: organizations_organization")

    monkeypatch.setattr(QuerySet, "exists", no_table)
    settings.GONGKAI_GAZETTE_ORGANIZATIONS = ["沂源县政府办公室"]
    assert gazette_organizations_exist(None) == []
    monkeypatch.undo()
    assert gazette_organizations_exist(None) != []  # the surrounding transaction still works
