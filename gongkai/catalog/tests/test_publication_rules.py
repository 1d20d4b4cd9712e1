"""条例第二十六条第二句: a catalog node carries the publication period another law sets (预算法第十四条)."""

from importlib import import_module

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.catalog.models import CatalogNode, PublicationRule
from gongkai.catalog.services import CatalogError, add_node, edit_node, ensure_catalog, node_by_key
from gongkai.catalog.templates_builtin import node_templates
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization
from gongkai.workdays import statute

pytestmark = pytest.mark.django_db
K = Organization.Kind


def test_every_choice_is_a_statutory_rule():
    assert set(PublicationRule.values) | {""} == set(statute.PUBLICATION_RULES)
    marked = {t.key for t in node_templates() if t.publication_rules}
    assert marked == {"art20.7"}


@pytest.mark.parametrize(("kind", "rule"), [
    (K.PEOPLE_GOVERNMENT, PublicationRule.BUDGET),  # 本级预算、决算: 批准后二十日内 (第一款)
    (K.TOWNSHIP, PublicationRule.BUDGET),  # a 乡镇 has its own 人大-approved budget
    (K.DEPARTMENT, PublicationRule.DEPARTMENT_BUDGET),  # 部门预算、决算: 批复后二十日内 (第二款)
    (K.DEVELOPMENT_ZONE, PublicationRule.DEPARTMENT_BUDGET),
])
def test_the_builtin_budget_node_carries_the_budget_law(kind, rule):
    organization = OrganizationFactory(kind=kind)
    ensure_catalog(organization)
    assert node_by_key(organization, "art20.7").publication_rule == rule
    others = CatalogNode.objects.filter(organization=organization).exclude(template_key="art20.7")
    assert set(others.values_list("publication_rule", flat=True)) == {""}


def test_a_unit_node_below_the_budget_node_inherits_its_rule(org, org_admin):
    child = add_node(org_admin, node_by_key(org, "art20.7"), "2021年部门预算")
    assert child.publication_rule == PublicationRule.DEPARTMENT_BUDGET
    assert add_node(org_admin, node_by_key(org, "plan.notices"), "招聘公告").publication_rule == ""


def test_the_rule_is_chosen_on_the_edit_page_and_audited(client, org, org_admin):
    node = add_node(org_admin, node_by_key(org, "plan.notices"), "本级预算执行情况")
    client.force_login(org_admin)
    url = reverse("catalog:edit", kwargs={"node_id": node.id})
    assert "预算法第十四条第二款" in client.get(url).content.decode()
    response = client.post(url, {"name": node.name, "description": "", "expected_update_days": "",
                                 "publication_rule": PublicationRule.BUDGET})
    assert response.status_code == 302
    node.refresh_from_db()
    assert node.publication_rule == PublicationRule.BUDGET
    event = AuditEvent.objects.filter(action="catalog.edit_node").latest("at")
    assert event.changes["publication_rule"] == ["", PublicationRule.BUDGET]
    index = client.get(reverse("catalog:index") + f"?org={org.id}").content.decode()
    assert "公开期限：预算法第十四条第一款" in index


def test_an_unknown_rule_is_refused(org, org_admin):
    node = node_by_key(org, "art20.7")
    with pytest.raises(CatalogError, match="公开期限"):
        edit_node(org_admin, node, {"publication_rule": "budget_law_99"})
    node.refresh_from_db()
    assert node.publication_rule == PublicationRule.DEPARTMENT_BUDGET


def test_the_migration_marks_existing_budget_nodes_and_their_children(org, org_admin):
    migration = import_module("gongkai.catalog.migrations.0002_node_publication_rule")
    government = OrganizationFactory(kind=K.PEOPLE_GOVERNMENT)
    ensure_catalog(government)
    child = add_node(org_admin, node_by_key(org, "art20.7"), "2021年部门预算")
    grandchild = add_node(org_admin, child, "三公经费")
    CatalogNode.objects.update(publication_rule="")  # as before the field existed

    from django.apps import apps
    migration.forwards(apps, None)
    assert node_by_key(government, "art20.7").publication_rule == PublicationRule.BUDGET
    assert node_by_key(org, "art20.7").publication_rule == PublicationRule.DEPARTMENT_BUDGET
    child.refresh_from_db()
    grandchild.refresh_from_db()
    assert child.publication_rule == grandchild.publication_rule == PublicationRule.DEPARTMENT_BUDGET
    assert node_by_key(org, "plan.notices").publication_rule == ""


def test_a_unit_cannot_drop_the_budget_law_period_of_the_builtin_budget_node(client, org, org_admin, reviewer):
    """预算法第十四条第二款: a department budget approved 2021-02-03 is due by 2021-02-23; published 2021-03-01
    it stays late whatever the unit admin submits."""
    import datetime as dt

    from django.utils import timezone

    from gongkai.publishing import services
    from gongkai.publishing.lag import item_publication_lag

    node = node_by_key(org, "art20.7")
    when = timezone.make_aware(dt.datetime(2021, 3, 1, 10))
    item = services.record_migrated_item(reviewer, org, {"title": "2021年部门预算公开",
                                                         "formed_on": dt.date(2021, 2, 3)}, [node], when)
    assert item_publication_lag(item).is_late
    with pytest.raises(CatalogError, match="公开期限由法律规定"):
        edit_node(org_admin, node, {"publication_rule": ""})
    client.force_login(org_admin)
    url = reverse("catalog:edit", kwargs={"node_id": node.id})
    assert "本栏目的公开期限由法律规定，不能修改。" in client.get(url).content.decode()
    response = client.post(url, {"name": node.name, "description": "预算公开", "expected_update_days": "",
                                 "publication_rule": ""})
    assert response.status_code == 302
    node.refresh_from_db()
    assert node.publication_rule == PublicationRule.DEPARTMENT_BUDGET
    assert node.description == "预算公开"
    item.refresh_from_db()
    assert item_publication_lag(item).is_late
