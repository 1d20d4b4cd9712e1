"""The Django admin's catalog node form: a node's parent is in its own organization and outside its own subtree."""

import pytest
from django.urls import reverse

from gongkai.accounts.factories import UserFactory
from gongkai.catalog.models import PublicationRule
from gongkai.catalog.services import add_node, node_by_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def _data(node, parent) -> dict:
    return {"organization": node.organization_id, "parent": parent.pk, "section": node.section, "name": node.name,
            "legal_basis": node.legal_basis, "description": "", "sort_order": node.sort_order,
            "expected_update_days": "", "publication_rule": ""}


def test_a_node_cannot_be_put_under_itself_its_descendant_or_another_units_node(admin_client, org, org_admin,
                                                                                 other_org):
    news = node_by_key(org, "plan.news")
    statutory = news.parent
    below = add_node(org_admin, news, "部门动态")
    url = reverse("admin:catalog_catalognode_change", args=[news.pk])
    for parent, error in ((news, "上级栏目不能是本栏目或其下级栏目。"), (below, "上级栏目不能是本栏目或其下级栏目。"),
                          (node_by_key(other_org, "statutory"), "上级栏目须是本机构的栏目。")):
        response = admin_client.post(url, _data(news, parent))
        assert response.status_code == 200
        assert error in response.content.decode()
        news.refresh_from_db()
        assert news.parent == statutory
        assert news.path == "法定主动公开内容/工作动态"


def test_a_superuser_cannot_change_the_statutory_period_of_a_builtin_node_in_the_admin(admin_client, org):
    """预算法第十四条第二款 on the built-in 财政预决算 node holds in the admin too (catalog.services.publication_rule_refusal),
    while the node's other fields still save."""
    node = node_by_key(org, "art20.7")
    url = reverse("admin:catalog_catalognode_change", args=[node.pk])
    for rule in ("", PublicationRule.BUDGET):
        data = {**_data(node, node.parent), "publication_rule": rule}
        response = admin_client.post(url, data)
        assert response.status_code == 200
        assert (f"“{node.name}”是内置栏目，其公开期限由法律规定（预算法第十四条第二款：部门预算、决算批复后20日内），不能修改。"
                in response.content.decode())
        node.refresh_from_db()
        assert node.publication_rule == PublicationRule.DEPARTMENT_BUDGET
    data = {**_data(node, node.parent), "publication_rule": PublicationRule.DEPARTMENT_BUDGET, "description": "说明"}
    assert admin_client.post(url, data).status_code == 302
    node.refresh_from_db()
    assert node.description == "说明" and node.publication_rule == PublicationRule.DEPARTMENT_BUDGET


def test_a_unit_added_node_keeps_its_rule_free_in_the_admin(admin_client, org, org_admin):
    node = add_node(org_admin, node_by_key(org, "plan.notices"), "本级预算执行情况")
    url = reverse("admin:catalog_catalognode_change", args=[node.pk])
    data = {**_data(node, node.parent), "publication_rule": PublicationRule.BUDGET}
    assert admin_client.post(url, data).status_code == 302
    node.refresh_from_db()
    assert node.publication_rule == PublicationRule.BUDGET
