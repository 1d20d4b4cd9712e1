"""A unit whose kind changes gets the built-in catalog of its new kind (catalog.kinds.follow_kind, through
organizations.events.kind_changed): the statutory nodes are added when it comes under the 条例; when it becomes a
党委工作机关 the nodes it no longer gets go only while empty, a node with content is kept and the staff are told;
published content is never deleted. Every path that saves the kind does it, audited."""

import pytest
from django.urls import reverse

from gongkai.accounts.factories import UserFactory
from gongkai.audit.models import AuditEvent
from gongkai.catalog.models import CatalogNode, PublicationRule, Section
from gongkai.catalog.services import CatalogError, add_node, delete_node, node_by_key
from gongkai.catalog.templates_builtin import root_sections
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization
from gongkai.publishing.factories import published_item

pytestmark = pytest.mark.django_db

PARTY = Organization.Kind.PARTY
PARTY_KEYS = {"statutory", "art20.2", "plan.notices", "plan.news"}


def keys(org) -> set[str]:
    return set(CatalogNode.objects.filter(organization=org, is_builtin=True).values_list("template_key", flat=True))


def roots(org) -> set[str]:
    return set(CatalogNode.objects.filter(organization=org, parent=None).values_list("section", flat=True))


def _admin_data(org, kind) -> dict:
    return {"kind": kind, "name": org.name, "short_name": org.short_name, "credit_code": org.credit_code,
            "sort_order": org.sort_order, "is_active": "on", "office_name": org.office_name, "office_web": "",
            "guide_text": ""}


def test_a_unit_made_a_party_office_in_the_admin_loses_only_its_empty_nodes(client, org, editor, reviewer):
    regulations = node_by_key(org, "art20.1")
    item = published_item(org, editor, reviewer, nodes=[regulations], title="关于印发某规范性文件的通知")
    superuser = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    response = client.post(reverse("admin:organizations_organization_change", args=[org.pk]),
                           _admin_data(org, PARTY), follow=True)
    assert response.status_code == 200
    org.refresh_from_db()
    assert org.kind == PARTY
    # 规范性文件 holds a published item: kept (with its parent), and the superuser is told so.
    assert keys(org) == PARTY_KEYS | {"art20.1"}
    assert roots(org) == {Section.STATUTORY} and root_sections(PARTY) == [Section.STATUTORY]
    page = response.content.decode()
    assert ("以下内置栏目不再适用，但仍有内容或被引用，已保留（已发布的信息不受影响）："
            "规范性文件（有政府信息（含草稿、已撤回和已删除的信息））。") in page
    assert "不再适用且没有内容的内置栏目：政府信息公开指南、政府信息公开制度、" in page
    item.refresh_from_db()
    assert list(item.catalog_nodes.all()) == [regulations] and item.state == "published"
    event = AuditEvent.objects.get(action="catalog.follow_kind")
    assert event.actor == superuser and event.organization_id == org.pk
    assert event.changes["kind"] == ["department", PARTY] and event.changes["kept"] == [None, ["规范性文件"]]


def test_a_party_office_that_comes_under_the_regulation_gets_the_statutory_nodes(org):
    org.kind = PARTY
    org.save()  # the shell, a command: any save path
    assert keys(org) == PARTY_KEYS
    org.kind = Organization.Kind.DEPARTMENT
    org.save()
    fresh = OrganizationFactory(kind=Organization.Kind.DEPARTMENT)
    assert keys(org) == keys(fresh)
    assert roots(org) == {Section.GUIDE, Section.SYSTEM, Section.STATUTORY, Section.ANNUAL_REPORT}
    assert node_by_key(org, "art20.7").publication_rule == PublicationRule.DEPARTMENT_BUDGET
    assert AuditEvent.objects.filter(action="catalog.follow_kind", organization_id=org.pk).count() == 2


def test_the_nodes_and_statutory_periods_follow_a_department_that_becomes_a_township(org):
    own = add_node(UserFactory(is_superuser=True), node_by_key(org, "art21.c1"), "道路维修")
    org.kind = Organization.Kind.TOWNSHIP
    org.save(update_fields=["kind"])
    fresh = OrganizationFactory(kind=Organization.Kind.TOWNSHIP)
    # The county's 第二十一条 nodes go, but 市政建设 keeps the unit's own child node (and its content).
    assert keys(org) == keys(fresh) | {"art21.c1"}
    assert CatalogNode.objects.filter(pk=own.pk).exists()
    assert node_by_key(org, "art20.7").publication_rule == PublicationRule.BUDGET  # 预算法第十四条第一款


def test_a_save_that_keeps_the_kind_changes_no_node(org):
    before = keys(org)
    org.name = "测试县新名称局"
    org.save()
    org.save(update_fields=["short_name"])
    assert keys(org) == before and not AuditEvent.objects.filter(action="catalog.follow_kind").exists()


def test_the_unit_deletes_a_kept_node_once_it_is_empty_but_never_a_node_its_kind_gets(org, org_admin, editor,
                                                                                      reviewer):
    regulations = node_by_key(org, "art20.1")
    item = published_item(org, editor, reviewer, nodes=[regulations])
    org.kind = PARTY
    org.save()
    regulations = node_by_key(org, "art20.1")
    with pytest.raises(CatalogError, match="中还有政府信息"):
        delete_node(org_admin, regulations)
    item.catalog_nodes.set([node_by_key(org, "plan.notices")])
    delete_node(org_admin, regulations)
    assert node_by_key(org, "art20.1") is None
    with pytest.raises(CatalogError, match="是内置栏目，不能删除"):
        delete_node(org_admin, node_by_key(org, "plan.news"))


def test_a_node_followed_by_a_subscription_or_a_saved_search_is_kept_not_deleted_under_its_subscribers(org):
    """Subscriptions keep a node's id, not a foreign key: deleting the node would silently end them (review)."""
    from gongkai.subscriptions import services as subscriptions
    from gongkai.subscriptions.models import Subscriber, Subscription

    guide, system, budget = node_by_key(org, "guide"), node_by_key(org, "system"), node_by_key(org, "art20.7")
    email = "reader@example.com"
    subscriber = Subscriber.objects.create(email=email, email_digest=subscriptions.email_digest(email),
                                           email_masked="r***@example.com")
    Subscription.objects.create(subscriber=subscriber, kind="catalog_node", key=str(guide.pk), label="指南",
                                status=Subscription.Status.ACTIVE)
    Subscription.objects.create(subscriber=subscriber, kind="saved_search", label="预算",
                                query={"q": "预算", "node": str(budget.pk)}, status=Subscription.Status.PENDING)
    Subscription.objects.create(subscriber=subscriber, kind="catalog_node", key=str(system.pk), label="制度",
                                status=Subscription.Status.UNSUBSCRIBED)
    org.kind = PARTY
    org.save()
    remaining = keys(org)
    assert {"guide", "art20.7"} <= remaining  # followed: kept
    assert "system" not in remaining  # only an ended subscription: removed


def test_a_kept_node_says_why_it_is_kept(org, editor, reviewer):
    """A node kept only because an item's history names it (the item moved on) is not said to hold items (review)."""
    regulations = node_by_key(org, "art20.1")
    item = published_item(org, editor, reviewer, nodes=[regulations], title="已移出的规范性文件")
    item.catalog_nodes.set([node_by_key(org, "plan.notices")])
    item.save()  # the move is a revision: the history keeps both
    org.kind = PARTY
    org.save()
    assert "art20.1" in keys(org)
    note = AuditEvent.objects.get(action="catalog.follow_kind").note
    assert "规范性文件（政府信息的修订记录引用该栏目）" in note
    assert "还有信息、下级栏目或订阅" not in note and "规范性文件（有政府信息" not in note


def test_adopting_a_same_named_node_is_audited(org):
    """ensure_catalog makes a unit's own node in a template's place the built-in one: audited (review)."""
    notices = node_by_key(org, "plan.notices")
    CatalogNode.objects.filter(pk=notices.pk).update(template_key="", is_builtin=False, legal_basis="")
    from gongkai.catalog.services import ensure_catalog

    assert ensure_catalog(org) == 0
    assert node_by_key(org, "plan.notices").pk == notices.pk
    event = AuditEvent.objects.get(action="catalog.adopt_node")
    assert event.object_id == str(notices.pk) and event.organization_id == org.pk and event.actor is None
    assert event.changes["template_key"] == ["", "plan.notices"] and event.changes["is_builtin"] == [False, True]
    assert "通知公告" in event.note
