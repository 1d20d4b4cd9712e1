import pytest

from gongkai.audit.models import AuditEvent
from gongkai.catalog.models import CatalogNode
from gongkai.catalog.services import CatalogError, add_node, delete_node, edit_node, ensure_catalog, tree
from gongkai.core.services import ActionRefused
from gongkai.publishing.factories import ItemFactory

pytestmark = pytest.mark.django_db


def test_add_node_inherits_section_and_is_audited(org, org_admin, notices):
    node = add_node(org_admin, notices, "  招聘公告 ", 30, "说明")
    assert (node.organization_id, node.parent_id, node.section, node.name) == (org.id, notices.id, notices.section, "招聘公告")
    assert not node.is_builtin
    event = AuditEvent.objects.get(action="catalog.add_node")
    assert (event.organization_id, event.object_id, event.actor_id) == (org.id, str(node.id), org_admin.id)


@pytest.mark.parametrize("name,days,message", [
    ("", None, "请填写栏目名称"),
    ("工作动态", None, None),  # a built-in name elsewhere in the tree is free below 通知公告
    ("招聘公告", 0, "应更新周期须在1至3660天之间"),
    ("招聘公告", "十天", "应更新周期须为天数"),
])
def test_add_node_validates(org_admin, notices, name, days, message):
    if message is None:
        assert add_node(org_admin, notices, name, days).name == name
        return
    with pytest.raises(CatalogError) as refused:
        add_node(org_admin, notices, name, days)
    assert message in str(refused.value)
    assert not notices.children.exists()


def test_duplicate_sibling_name_refused(org_admin, own_node, notices):
    with pytest.raises(CatalogError, match="同一上级栏目下已有名为“招聘公告”的栏目"):
        add_node(org_admin, notices, "招聘公告")


@pytest.mark.parametrize("who", ["editor", "reviewer", "other_admin"])
def test_only_the_units_admin_may_change_the_catalog(request, notices, own_node, who):
    actor = request.getfixturevalue(who)
    count = CatalogNode.objects.count()
    for attempt in (
        lambda: add_node(actor, notices, "新栏目"),
        lambda: edit_node(actor, own_node, {"name": "改名"}),
        lambda: delete_node(actor, own_node),
    ):
        with pytest.raises(ActionRefused, match="仅限本单位管理员"):
            attempt()
    own_node.refresh_from_db()
    assert own_node.name == "招聘公告"
    assert CatalogNode.objects.count() == count


def test_edit_unit_node(org_admin, own_node):
    edit_node(org_admin, own_node, {"name": "人事招聘", "description": "新说明", "expected_update_days": None})
    own_node.refresh_from_db()
    assert (own_node.name, own_node.description, own_node.expected_update_days) == ("人事招聘", "新说明", None)
    event = AuditEvent.objects.get(action="catalog.edit_node")
    assert event.changes["name"] == ["招聘公告", "人事招聘"]
    assert event.changes["expected_update_days"] == [30, None]


def test_builtin_node_keeps_its_name(org_admin, notices):
    with pytest.raises(ActionRefused, match="内置栏目，名称不能修改"):
        edit_node(org_admin, notices, {"name": "公告", "description": "改了"})
    notices.refresh_from_db()
    assert notices.name == "通知公告"
    assert notices.description == ""  # nothing half-saved
    edit_node(org_admin, notices, {"name": "通知公告", "description": "本单位通知公告", "expected_update_days": 90})
    notices.refresh_from_db()
    assert (notices.name, notices.description, notices.expected_update_days) == ("通知公告", "本单位通知公告", 90)
    assert notices.section == "statutory" and notices.is_builtin


def test_delete_unit_node(org, org_admin, own_node):
    node_id = own_node.id
    delete_node(org_admin, own_node)
    assert not CatalogNode.objects.filter(pk=node_id).exists()
    event = AuditEvent.objects.get(action="catalog.delete_node")
    assert event.object_id == str(node_id)
    assert event.changes["name"] == ["招聘公告", None]


def test_delete_refusals(org, org_admin, notices, own_node):
    with pytest.raises(ActionRefused, match="内置栏目，不能删除"):
        delete_node(org_admin, notices)
    child = add_node(org_admin, own_node, "2026年")
    with pytest.raises(ActionRefused, match="下还有下级栏目"):
        delete_node(org_admin, own_node)
    ItemFactory(organization=org, catalog_nodes=[child])
    with pytest.raises(ActionRefused, match="中还有政府信息"):
        delete_node(org_admin, child)
    assert CatalogNode.objects.filter(pk__in=[notices.id, own_node.id, child.id]).count() == 3
    assert not AuditEvent.objects.filter(action="catalog.delete_node").exists()


def test_tree_order(org, org_admin, notices):
    add_node(org_admin, notices, "乙")
    add_node(org_admin, notices, "甲")
    pairs = [(node.name, depth) for node, depth in tree(org)]
    assert pairs[0] == ("政府信息公开指南", 0)
    i = pairs.index(("通知公告", 1))
    assert pairs[i + 1:i + 3] == [("乙", 2), ("甲", 2)]
    assert ensure_catalog(org) == 0


def test_a_slash_in_a_node_name_is_refused(org, org_admin, notices, own_node):
    """The slash separates a path's levels: "招聘公告/2021" would share its path with 招聘公告's child 2021."""
    add_node(org_admin, own_node, "2021")
    with pytest.raises(CatalogError, match="栏目名称不能含有“/”"):
        add_node(org_admin, notices, "招聘公告/2021")
    with pytest.raises(CatalogError, match="栏目名称不能含有“/”"):
        edit_node(org_admin, own_node, {"name": "招聘/公告"})
    assert not CatalogNode.objects.filter(organization=org, name__contains="/").exists()
