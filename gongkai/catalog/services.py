"""Catalog services: building an organization's column from the templates, adding unit nodes."""

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import record, snapshot
from gongkai.catalog.models import CatalogNode
from gongkai.catalog.templates_builtin import node_templates


@transaction.atomic
def ensure_catalog(organization) -> int:
    """Create the built-in nodes an organization of its kind should have. Idempotent; returns the number created."""
    existing = {n.template_key: n for n in CatalogNode.objects.filter(organization=organization).exclude(template_key="")}
    created = 0
    for order, tpl in enumerate(node_templates(), start=1):
        if organization.kind not in tpl.kinds or tpl.key in existing:
            continue
        parent = existing.get(tpl.parent) if tpl.parent else None
        if tpl.parent and parent is None:
            continue
        existing[tpl.key] = CatalogNode.objects.create(
            organization=organization, parent=parent, section=tpl.section, name=tpl.name,
            template_key=tpl.key, legal_basis=tpl.basis, sort_order=order * 10,
            expected_update_days=tpl.expected_update_days, is_builtin=True,
        )
        created += 1
    return created


def node_by_key(organization, key: str) -> CatalogNode | None:
    return CatalogNode.objects.filter(organization=organization, template_key=key).first()


def find_node_by_path(organization, path: str) -> CatalogNode | None:
    """A node by its slash path ("法定主动公开内容/规范性文件"), as imports give it."""
    parts = [p.strip() for p in (path or "").split("/") if p.strip()]
    node = None
    for part in parts:
        node = CatalogNode.objects.filter(organization=organization, parent=node, name=part).first()
        if node is None:
            return None
    return node


class CatalogError(ValueError):
    pass


@transaction.atomic
def add_node(actor, parent: CatalogNode, name: str, expected_update_days: int | None = None,
             description: str = "") -> CatalogNode:
    name = (name or "").strip()
    if not name:
        raise CatalogError(_("请填写栏目名称。"))
    if CatalogNode.objects.filter(organization=parent.organization, parent=parent, name=name).exists():
        raise CatalogError(_("同一上级栏目下已有名为“%(name)s”的栏目。") % {"name": name})
    node = CatalogNode.objects.create(
        organization=parent.organization, parent=parent, section=parent.section, name=name,
        expected_update_days=expected_update_days, description=description,
        sort_order=(parent.children.count() + 1) * 10 + 1000,
    )
    record(actor, "catalog.add_node", node, organization=parent.organization, after=snapshot(node))
    return node
