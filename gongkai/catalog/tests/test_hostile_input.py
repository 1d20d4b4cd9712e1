"""A unit's catalog nodes against hostile text: their names and descriptions are published in the 公开目录."""

import pytest
from django.urls import reverse

from gongkai.catalog.models import CatalogNode
from gongkai.catalog.services import CatalogError, add_node, edit_node

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("name", "description"), [("招聘\x1b[31m公告", ""), ("招聘公告", "说明\x07"),
                                                   ("招聘公告", "说" * 2001)])
def test_the_form_refuses_control_characters_and_an_over_long_description(client, org, org_admin, notices,
                                                                         name, description):
    client.force_login(org_admin)
    response = client.post(reverse("catalog:add", kwargs={"org_id": org.id}),
                           {"parent": notices.id, "name": name, "description": description, "expected_update_days": ""})
    assert response.status_code == 200
    body = response.content.decode()
    assert "不能包含控制字符" in body or "2000" in body
    assert not CatalogNode.objects.filter(organization=org, name__startswith="招聘").exists()


def test_the_services_refuse_control_characters_too(org, org_admin, notices, own_node):
    with pytest.raises(CatalogError, match="控制字符"):
        add_node(org_admin, notices, "采购\x00公告")
    with pytest.raises(CatalogError, match="控制字符"):
        add_node(org_admin, notices, "采购公告", description="\x1b[2J")
    with pytest.raises(CatalogError, match="控制字符"):
        edit_node(org_admin, own_node, {"name": "招聘\x08公告"})
    with pytest.raises(CatalogError, match="2000"):
        edit_node(org_admin, own_node, {"description": "说" * 2001})
    own_node.refresh_from_db()
    assert (own_node.name, own_node.description) == ("招聘公告", "本单位招聘信息")
    assert edit_node(org_admin, own_node, {"description": "每月更新\n\t第二段"}).description == "每月更新\n\t第二段"
