"""The Django admin's catalog node form: a node's parent is in its own organization and outside its own subtree."""

import pytest
from django.urls import reverse

from gongkai.accounts.factories import UserFactory
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
