import datetime as dt

import pytest
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.catalog.models import CatalogNode, PublicationRule
from gongkai.core.services import ActionRefused
from gongkai.standards import services
from gongkai.standards.models import Assignment, Domain, Matter, UnitMatter

ON = dt.date(2020, 9, 1)


def test_assignment_creates_one_node_per_matter_with_its_rule(county):
    budget = Domain.objects.get(name="财政预决算")
    finance, town = county.orgs["czj"], county.orgs["nmjd"]
    result = services.assign(county.supervisor, budget, [finance, town], on=ON)
    assert result["assignments"] == 2
    domain_node = CatalogNode.objects.get(organization=finance, name="财政预决算领域")
    assert domain_node.parent.template_key == "statutory"
    department = CatalogNode.objects.get(organization=finance, parent__parent=domain_node, name="部门预算")
    assert department.parent.name == "部门预决算"
    assert department.publication_rule == PublicationRule.DEPARTMENT_BUDGET and department.expected_update_days == 366
    government = CatalogNode.objects.get(organization=town, name="政府预算")
    assert government.publication_rule == PublicationRule.BUDGET  # 乡镇: 本级预算 (预算法第十四条第一款)
    debt = CatalogNode.objects.get(organization=finance, name="政府债务限额和余额")
    assert debt.expected_update_days == 366 and debt.publication_rule == ""
    # The 县级-only 事项 are not a 乡镇's.
    assert not CatalogNode.objects.filter(organization=town, name="部门预算").exists()
    assert UnitMatter.objects.filter(assignment__organization=finance).count() == 8


def test_assigning_again_is_idempotent_and_adds_only_new_matters(county):
    education = Domain.objects.get(name="义务教育")
    unit = county.orgs["jytyj"]
    first = services.assign(county.supervisor, education, [unit], on=ON)
    nodes = CatalogNode.objects.filter(organization=unit).count()
    rows = UnitMatter.objects.count()
    again = services.assign(county.supervisor, education, [unit], on=ON)
    assert first["nodes"] > 0 and again == {"assignments": 0, "nodes": 0}
    assert CatalogNode.objects.filter(organization=unit).count() == nodes
    assert UnitMatter.objects.count() == rows
    Matter.objects.create(domain=education, level1="招生管理", level2="招生结果", sort_order=999)
    third = services.assign(county.supervisor, education, [unit], on=ON)
    assert third == {"assignments": 0, "nodes": 1}
    assert CatalogNode.objects.filter(organization=unit, name="招生结果", parent__name="招生管理").count() == 1


def test_a_unit_renaming_its_node_keeps_it_on_reassignment(county):
    education = Domain.objects.get(name="义务教育")
    unit = county.orgs["jytyj"]
    services.assign(county.supervisor, education, [unit], on=ON)
    node = CatalogNode.objects.get(organization=unit, name="招生计划")
    node.name = "年度招生计划"
    node.save()
    services.assign(county.supervisor, education, [unit], on=ON)
    assert not CatalogNode.objects.filter(organization=unit, name="招生计划").exists()


def test_units_cannot_assign_and_only_their_admin_adjusts(county):
    education = Domain.objects.get(name="义务教育")
    unit = county.orgs["nmjd"]
    admin = user_with_role(unit, Role.ORG_ADMIN)
    editor = user_with_role(unit, Role.EDITOR)
    with pytest.raises(ActionRefused):
        services.assign(admin, education, [unit])
    services.assign(county.supervisor, education, [unit], on=ON)
    assignment = Assignment.objects.get(organization=unit)
    unit_matter = assignment.unit_matters.get(matter__level2="学校介绍")
    with pytest.raises(ActionRefused):
        services.mark_not_applicable(editor, unit_matter, "由县局公开")
    with pytest.raises(ActionRefused, match="理由"):
        services.mark_not_applicable(admin, unit_matter, "  ")
    services.mark_not_applicable(admin, unit_matter, "辖区学校介绍由县教育和体育局统一公开")
    own = services.add_own_matter(admin, assignment, {"level1": "招生管理", "level2": "街道入学咨询服务"})
    assert own.node.parent.name == "招生管理" and own.node.organization == unit
    with pytest.raises(ActionRefused, match="已有"):
        services.add_own_matter(admin, assignment, {"level1": "招生管理", "level2": "招生计划"})
    # Another unit's admin cannot touch it.
    other_admin = user_with_role(county.orgs["czj"], Role.ORG_ADMIN)
    with pytest.raises(ActionRefused):
        services.mark_applicable(other_admin, unit_matter)


def test_assign_page_assigns_every_township(county, client):
    client.force_login(county.supervisor)
    education = Domain.objects.get(name="义务教育")
    response = client.post(reverse("standards_staff:domain", args=[education.pk]),
                           {"units": [str(county.orgs["jytyj"].pk)], "all_townships": "on"})
    assert response.status_code == 302
    townships = [o for o in county.orgs.values() if o.kind == "township"]
    assert Assignment.objects.filter(domain=education).count() == 1 + len(townships)
    page = client.get(reverse("standards_staff:domain", args=[education.pk])).content.decode()
    assert county.orgs["nmjd"].name in page


def test_a_party_office_is_given_no_domain(county, client):
    """A 党委工作机关 is outside the 条例: the assign page does not offer it and services.assign refuses it."""
    education = Domain.objects.get(name="义务教育")
    party = county.orgs["xcb"]  # 中共沂源县委宣传部
    with pytest.raises(ActionRefused, match="党委工作机关"):
        services.assign(county.supervisor, education, [party], on=ON)
    assert not Assignment.objects.filter(organization=party).exists()
    client.force_login(county.supervisor)
    page = client.get(reverse("standards_staff:domain", args=[education.pk]))
    offered = {value for value, _label in page.context["form"].fields["units"].choices}
    assert str(county.orgs["jytyj"].pk) in offered and str(party.pk) not in offered


def test_taking_a_domain_back_keeps_the_units_own_matters_and_audits_its_not_applicable_reasons(county):
    """「取消分配」 (one click of the 政务公开办) deleted the 事项 the unit had added itself, for good, and the audit
    entry did not say which 事项 the unit had marked 不适用 or why."""
    from gongkai.audit.models import AuditEvent

    education = Domain.objects.get(name="义务教育")
    unit = county.orgs["nmjd"]
    admin = user_with_role(unit, Role.ORG_ADMIN)
    services.assign(county.supervisor, education, [unit], on=ON)
    assignment = Assignment.objects.get(organization=unit)
    services.mark_not_applicable(admin, assignment.unit_matters.get(matter__level2="学校介绍"), "由县教育和体育局统一公开")
    services.add_own_matter(admin, assignment, {"level1": "招生管理", "level2": "街道入学咨询服务"})

    services.unassign(county.supervisor, assignment)
    event = AuditEvent.objects.get(action="standards.unassign")
    assert any("学校介绍" in mark and "由县教育和体育局统一公开" in mark for mark in event.changes["not_applicable"][0])
    services.assign(county.supervisor, education, [unit], on=ON)
    again = Assignment.objects.get(organization=unit)
    assert again.unit_matters.filter(matter__level2="街道入学咨询服务", matter__organization=unit).exists()
