import pytest
from django.core.management import call_command

from gongkai.catalog.models import CatalogNode
from gongkai.catalog.services import node_by_key
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_new_organization_gets_its_catalog():
    town = OrganizationFactory(kind=Organization.Kind.TOWNSHIP)
    assert node_by_key(town, "statutory") is not None
    assert node_by_key(town, "art21.t1") is not None  # 乡镇 items of 第二十一条
    assert node_by_key(town, "art21.c1") is None  # not the county's


def test_saving_again_adds_nothing(org):
    count = CatalogNode.objects.filter(organization=org).count()
    org.short_name = "改名"
    org.save()
    assert CatalogNode.objects.filter(organization=org).count() == count


def test_ensure_catalogs_command_fills_gaps_and_is_idempotent(capsys):
    department = OrganizationFactory()
    full = CatalogNode.objects.filter(organization=department).count()
    node_by_key(department, "plan.news").delete()
    call_command("ensure_catalogs")
    assert "1 catalog node(s) created" in capsys.readouterr().out
    assert CatalogNode.objects.filter(organization=department).count() == full
    call_command("ensure_catalogs")
    assert "0 catalog node(s) created" in capsys.readouterr().out
    assert CatalogNode.objects.filter(organization=department).count() == full


def test_a_party_office_gets_only_its_functions_notices_and_news():
    """A 党委工作机关 is no 行政机关 (条例第二条、第十条): no 指南, 制度, 年度报告 or administrative 第二十条 nodes."""
    party = OrganizationFactory(kind=Organization.Kind.PARTY, name="中共测试县委宣传部")
    keys = set(CatalogNode.objects.filter(organization=party).values_list("template_key", flat=True))
    assert keys == {"statutory", "art20.2", "plan.notices", "plan.news"}
    department = OrganizationFactory()
    assert {"guide", "system", "annual_report", "art20.6", "art20.8"} <= set(
        CatalogNode.objects.filter(organization=department).values_list("template_key", flat=True))
