import pytest
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.catalog.models import CatalogNode
from gongkai.catalog.services import node_by_key

pytestmark = pytest.mark.django_db


def test_index_shows_the_units_tree(client, org, org_admin, own_node):
    client.force_login(org_admin)
    response = client.get(reverse("catalog:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "规范性文件" in body and "招聘公告" in body
    assert reverse("catalog:delete", kwargs={"node_id": own_node.id}) in body
    assert reverse("catalog:delete", kwargs={"node_id": own_node.parent_id}) not in body  # built-in


def test_admin_of_several_units_chooses(client, org, other_org, org_admin):
    from gongkai.accounts.models import Membership

    Membership.objects.create(user=org_admin, organization=other_org, role=Role.ORG_ADMIN)
    client.force_login(org_admin)
    response = client.get(reverse("catalog:index"))
    assert response.status_code == 200
    assert "您管理多个单位" in response.content.decode()
    chosen = client.get(reverse("catalog:index"), {"org": other_org.id})
    assert chosen.context["organization"] == other_org


def test_index_refuses_others(client, org, other_org, org_admin, editor):
    client.force_login(org_admin)
    assert client.get(reverse("catalog:index"), {"org": other_org.id}).status_code == 404
    client.force_login(editor)
    response = client.get(reverse("catalog:index"))
    assert response.status_code == 403
    assert "只有本单位管理员可以管理本单位的信息公开目录" in response.content.decode()


def test_add_through_the_form(client, org, org_admin, notices):
    client.force_login(org_admin)
    url = reverse("catalog:add", kwargs={"org_id": org.id})
    form = client.get(url, {"parent": notices.id})
    assert form.status_code == 200
    assert form.context["form"]["parent"].value() == str(notices.id)
    response = client.post(url, {"parent": notices.id, "name": "采购公告", "description": "",
                                 "expected_update_days": "60"})
    assert response.status_code == 302
    node = CatalogNode.objects.get(organization=org, name="采购公告")
    assert (node.parent_id, node.expected_update_days) == (notices.id, 60)
    assert AuditEvent.objects.filter(action="catalog.add_node", object_id=str(node.id)).exists()


def test_add_with_a_forged_parent_from_another_unit(client, org, other_org, org_admin):
    client.force_login(org_admin)
    foreign = node_by_key(other_org, "plan.notices")
    response = client.post(reverse("catalog:add", kwargs={"org_id": org.id}),
                           {"parent": foreign.id, "name": "伪造栏目"})
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert not CatalogNode.objects.filter(name="伪造栏目").exists()


def test_add_duplicate_name_shows_reason(client, org, org_admin, own_node):
    client.force_login(org_admin)
    response = client.post(reverse("catalog:add", kwargs={"org_id": org.id}),
                           {"parent": own_node.parent_id, "name": "招聘公告"})
    assert response.status_code == 200
    assert "同一上级栏目下已有名为“招聘公告”的栏目" in response.content.decode()
    assert CatalogNode.objects.filter(organization=org, name="招聘公告").count() == 1


def test_edit_builtin_node_name_is_locked(client, org_admin, notices):
    client.force_login(org_admin)
    url = reverse("catalog:edit", kwargs={"node_id": notices.id})
    page = client.get(url)
    assert page.status_code == 200
    assert "内置栏目的名称依据条例和上级要求设置，不能修改" in page.content.decode()
    response = client.post(url, {"name": "被改的名字", "description": "说明", "expected_update_days": "90"})
    assert response.status_code == 302
    notices.refresh_from_db()
    assert (notices.name, notices.description, notices.expected_update_days) == ("通知公告", "说明", 90)


def test_edit_unit_node(client, org_admin, own_node):
    client.force_login(org_admin)
    response = client.post(reverse("catalog:edit", kwargs={"node_id": own_node.id}),
                           {"name": "人事招聘", "description": "", "expected_update_days": ""})
    assert response.status_code == 302
    own_node.refresh_from_db()
    assert (own_node.name, own_node.expected_update_days) == ("人事招聘", None)


def test_edit_rejects_bad_interval(client, org_admin, own_node):
    client.force_login(org_admin)
    response = client.post(reverse("catalog:edit", kwargs={"node_id": own_node.id}),
                           {"name": "人事招聘", "expected_update_days": "-5"})
    assert response.status_code == 200
    assert "确保该值大于或等于1" in response.content.decode()
    own_node.refresh_from_db()
    assert own_node.name == "招聘公告"


def test_delete_flow(client, org_admin, own_node):
    client.force_login(org_admin)
    url = reverse("catalog:delete", kwargs={"node_id": own_node.id})
    assert "确定删除" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert not CatalogNode.objects.filter(pk=own_node.id).exists()


def test_delete_builtin_is_refused_with_reason(client, org_admin, notices):
    client.force_login(org_admin)
    url = reverse("catalog:delete", kwargs={"node_id": notices.id})
    page = client.get(url)
    assert "“通知公告”是内置栏目，不能删除" in page.content.decode()
    assert "确定删除" not in page.content.decode()
    response = client.post(url, follow=True)
    assert "“通知公告”是内置栏目，不能删除" in response.content.decode()
    assert CatalogNode.objects.filter(pk=notices.id).exists()


@pytest.mark.parametrize("who", ["other_admin", "editor", "reviewer"])
def test_others_cannot_touch_the_units_catalog(client, request, org, own_node, notices, who):
    client.force_login(request.getfixturevalue(who))
    count = CatalogNode.objects.count()
    assert client.get(reverse("catalog:add", kwargs={"org_id": org.id})).status_code == 403
    assert client.post(reverse("catalog:add", kwargs={"org_id": org.id}),
                       {"parent": notices.id, "name": "外人加的"}).status_code == 403
    assert client.get(reverse("catalog:edit", kwargs={"node_id": own_node.id})).status_code == 403
    assert client.post(reverse("catalog:edit", kwargs={"node_id": own_node.id}),
                       {"name": "外人改的"}).status_code == 403
    assert client.post(reverse("catalog:delete", kwargs={"node_id": own_node.id})).status_code == 403
    own_node.refresh_from_db()
    assert own_node.name == "招聘公告"
    assert CatalogNode.objects.count() == count
    assert not AuditEvent.objects.filter(action__in=["catalog.edit_node", "catalog.delete_node"]).exists()


def test_supervisor_does_not_manage_catalogs(client, org):
    from gongkai.organizations.factories import OrganizationFactory

    county = OrganizationFactory(kind="government")
    org.parent = county
    org.save()
    client.force_login(user_with_role(county, Role.SUPERVISOR))
    assert client.get(reverse("catalog:index")).status_code == 403
