"""Catalog services: building an organization's column from the templates; adding, editing and
deleting a unit's own nodes (单位管理员, permission catalog.manage on the node's organization).

Built-in nodes (from templates_builtin) keep their name and section: a unit may only describe them
and set their expected update interval and publication rule. A unit-added node may be renamed, and deleted while it
holds no items and no child nodes; so may a built-in node the unit's kind no longer gets (is_leftover: catalog.kinds
keeps it after a change of kind while it holds content).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record, snapshot
from gongkai.catalog.models import CatalogNode, PublicationRule
from gongkai.catalog.templates_builtin import node_templates
from gongkai.core.forms import is_plain_text
from gongkai.core.services import ActionRefused

# The longest expected update interval a node may have (ten years; the annual report's is 366 days).
MAX_EXPECTED_UPDATE_DAYS = 3660
MAX_DESCRIPTION = 2000  # a node's 说明 is a paragraph above its list, not a document
EDITABLE_FIELDS = ["name", "description", "expected_update_days", "publication_rule"]
ADOPTED_FIELDS = ["template_key", "legal_basis", "sort_order", "is_builtin", "expected_update_days", "publication_rule"]
AUDITED_FIELDS = ["organization", "parent", "section", "name", "description", "expected_update_days", "is_builtin",
                  "publication_rule"]


@transaction.atomic
def ensure_catalog(organization, *, actor=None, request=None) -> int:
    """Create the built-in nodes an organization of its kind should have. Idempotent; returns the number created.

    A template is created when its parent exists or comes earlier in the template order; the new nodes are
    inserted one level at a time with bulk_create (a county of 53 units is ~1,600 nodes; bulk_create skips
    CatalogNode.save()'s parent check, which new nodes below existing ones cannot fail, and it has no signal receivers).
    A node already in a template's place (same parent, same name) is adopted rather than duplicated: the unit's own
    node, or a built-in one left over from the organization's former kind (is_leftover: a department's 土地征收
    becomes the 乡镇's, content and all); a node another app keeps there leaves the template out. Each adoption
    is audited (catalog.adopt_node; `actor` None is the system)."""
    nodes = list(CatalogNode.objects.filter(organization=organization))
    existing = {n.template_key: n for n in nodes if n.template_key}
    by_place = {(n.parent_id, n.name): n for n in nodes}
    wanted = []  # (order, template), parents before children
    will_exist = set(existing)
    for order, tpl in enumerate(node_templates(), start=1):
        if organization.kind not in tpl.kinds or tpl.key in will_exist:
            continue
        if tpl.parent and tpl.parent not in will_exist:
            continue
        wanted.append((order, tpl))
        will_exist.add(tpl.key)
    created = 0
    while wanted:  # each pass takes the nodes whose parent exists; a template left out leaves out its children
        level = [(order, tpl) for order, tpl in wanted if not tpl.parent or tpl.parent in existing]
        if not level:
            break
        new = []
        for order, tpl in level:
            parent = existing.get(tpl.parent) if tpl.parent else None
            node = by_place.get((parent.pk if parent else None, tpl.name))
            if node is None:
                new.append(CatalogNode(
                    organization=organization, parent=parent, section=tpl.section, name=tpl.name,
                    template_key=tpl.key, legal_basis=tpl.basis, sort_order=order * 10,
                    expected_update_days=tpl.expected_update_days, is_builtin=True,
                    publication_rule=tpl.publication_rule(organization.kind),
                ))
            elif not node.template_key or is_leftover(node, organization.kind):
                _adopt(node, tpl, order, organization.kind, actor=actor, request=request)
                existing[tpl.key] = node
        nodes = CatalogNode.objects.bulk_create(new)
        existing.update((node.template_key, node) for node in nodes)
        created += len(nodes)
        wanted = [(order, tpl) for order, tpl in wanted if (order, tpl) not in level]
    return created


def _adopt(node: CatalogNode, tpl, order: int, kind: str, *, actor=None, request=None) -> None:
    """Make `node` the built-in node of `tpl` (ensure_catalog): a unit's own node keeps its description, its
    update interval and its rule unless the template sets them. Audited: the node changes hands silently."""
    before = snapshot(node, ADOPTED_FIELDS)
    if node.is_builtin or node.expected_update_days is None:
        node.expected_update_days = tpl.expected_update_days
    node.publication_rule = tpl.publication_rule(kind) or ("" if node.is_builtin else node.publication_rule)
    node.template_key, node.legal_basis, node.sort_order, node.is_builtin = tpl.key, tpl.basis, order * 10, True
    node.save(update_fields=["template_key", "legal_basis", "sort_order", "is_builtin", "expected_update_days",
                             "publication_rule"])
    record(actor, "catalog.adopt_node", node, organization=node.organization, before=before,
           after=snapshot(node, ADOPTED_FIELDS), request=request,
           note=_("同名栏目“%(name)s”已作为内置栏目沿用（原有信息保留在其中）。") % {"name": node.name})


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


def tree(organization) -> list[tuple[CatalogNode, int]]:
    """(node, depth) pairs of an organization's catalog, each node followed by its children."""
    nodes = list(CatalogNode.objects.filter(organization=organization))
    children: dict[int | None, list[CatalogNode]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    for siblings in children.values():
        siblings.sort(key=lambda n: (n.sort_order, n.id))
    result: list[tuple[CatalogNode, int]] = []
    stack = [(n, 0) for n in reversed(children.get(None, []))]
    while stack:
        node, depth = stack.pop()
        result.append((node, depth))
        stack.extend((c, depth + 1) for c in reversed(children.get(node.id, [])))
    return result


class CatalogError(ActionRefused, ValueError):
    """A catalog change refused, with its reason in Chinese."""


def _require(actor, organization_id: int) -> None:
    if not has_perm(actor, "catalog.manage", organization_id):
        raise CatalogError(_("您没有权限管理该单位的信息公开目录（仅限本单位管理员）。"))


def _clean_name(organization, parent, name: str, exclude_id: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise CatalogError(_("请填写栏目名称。"))
    if not is_plain_text(name):  # published in the 公开目录 and its exports (XML 1.0 cannot hold them)
        raise CatalogError(_("栏目名称不能包含控制字符，请只填写文字。"))
    if "/" in name:
        # The slash separates the levels of a node's path (imports and exports): "a/b" would be read as two nodes.
        raise CatalogError(_("栏目名称不能含有“/”（导入导出时用“/”分隔上下级栏目）。"))
    if len(name) > CatalogNode._meta.get_field("name").max_length:
        raise CatalogError(_("栏目名称不能超过100个字。"))
    siblings = CatalogNode.objects.filter(organization=organization, parent=parent, name=name)
    if exclude_id is not None:
        siblings = siblings.exclude(pk=exclude_id)
    if siblings.exists():
        raise CatalogError(_("同一上级栏目下已有名为“%(name)s”的栏目。") % {"name": name})
    return name


def _clean_description(description) -> str:
    description = (description or "").strip()
    if not is_plain_text(description, bidi=False):
        raise CatalogError(_("栏目说明不能包含控制字符，请只填写文字。"))
    if len(description) > MAX_DESCRIPTION:
        raise CatalogError(_("栏目说明不能超过%(n)d个字。") % {"n": MAX_DESCRIPTION})
    return description


def statutory_rule(node: CatalogNode) -> str:
    """The publication rule a law sets for a built-in node (its template's, for the node's organization kind),
    or "" when its template sets none. A unit cannot change such a rule (条例第二十六条第二句: 从其规定)."""
    if not node.is_builtin or not node.template_key:
        return ""
    for tpl in node_templates():
        if tpl.key == node.template_key:
            return tpl.publication_rule(node.organization.kind)
    return ""


def publication_rule_refusal(node: CatalogNode, rule) -> str | None:
    """Why `node`'s publication rule cannot become `rule`, or None: the period a law sets for a built-in node
    (statutory_rule) is kept, whoever asks — the unit's edit page (edit_node) and the superuser's admin form."""
    statutory = statutory_rule(node)
    if not statutory or (rule or "") == node.publication_rule:
        return None
    return _("“%(name)s”是内置栏目，其公开期限由法律规定（%(rule)s），不能修改。") % {
        "name": node.name, "rule": PublicationRule(statutory).label}


def _clean_rule(rule) -> str:
    rule = rule or ""
    if rule and rule not in PublicationRule.values:
        raise CatalogError(_("请从列表中选择公开期限的依据。"))
    return rule


def _clean_days(days) -> int | None:
    if days in (None, ""):
        return None
    try:
        days = int(days)
    except (TypeError, ValueError) as exc:
        raise CatalogError(_("应更新周期须为天数（整数）。")) from exc
    if not 1 <= days <= MAX_EXPECTED_UPDATE_DAYS:
        raise CatalogError(_("应更新周期须在1至%(max)d天之间；按需更新的栏目请留空。") % {"max": MAX_EXPECTED_UPDATE_DAYS})
    return days


@transaction.atomic
def add_node(actor, parent: CatalogNode, name: str, expected_update_days: int | None = None,
             description: str = "", request=None) -> CatalogNode:
    """A unit's own node below `parent`, in the parent's section and under the parent's publication rule."""
    _require(actor, parent.organization_id)
    name = _clean_name(parent.organization, parent, name)
    node = CatalogNode.objects.create(
        organization=parent.organization, parent=parent, section=parent.section, name=name,
        expected_update_days=_clean_days(expected_update_days), description=_clean_description(description),
        sort_order=(parent.children.count() + 1) * 10 + 1000, publication_rule=parent.publication_rule,
    )
    record(actor, "catalog.add_node", node, organization=parent.organization,
           after=snapshot(node, AUDITED_FIELDS), request=request)
    return node


@transaction.atomic
def edit_node(actor, node: CatalogNode, data: dict, request=None) -> CatalogNode:
    """Change a node's description, expected update interval and publication rule (条例第二十六条第二句),
    and a unit-added node's name.
    Only EDITABLE_FIELDS are read from `data`; a built-in node's name cannot change."""
    _require(actor, node.organization_id)
    node = CatalogNode.objects.select_for_update().get(pk=node.pk)
    before = snapshot(node, AUDITED_FIELDS)
    if "name" in data and (data["name"] or "").strip() != node.name:
        if node.is_builtin:
            raise CatalogError(_("“%(name)s”是内置栏目，名称不能修改；可修改说明和应更新周期。") % {"name": node.name})
        node.name = _clean_name(node.organization, node.parent, data["name"], exclude_id=node.pk)
    if "description" in data:
        node.description = _clean_description(data["description"])
    if "expected_update_days" in data:
        node.expected_update_days = _clean_days(data["expected_update_days"])
    if "publication_rule" in data and (data["publication_rule"] or "") != node.publication_rule:
        reason = publication_rule_refusal(node, data["publication_rule"])
        if reason:
            raise CatalogError(reason)
        node.publication_rule = _clean_rule(data["publication_rule"])
    node.save(update_fields=EDITABLE_FIELDS)
    after = snapshot(node, AUDITED_FIELDS)
    if before != after:
        record(actor, "catalog.edit_node", node, organization=node.organization, before=before, after=after,
               request=request)
    return node


def is_leftover(node: CatalogNode, kind: str | None = None) -> bool:
    """Whether `node` is a built-in node that an organization of `kind` (default: its organization's) does not
    get: left over from the kind the organization had before (catalog.kinds keeps it while it holds content)."""
    if not node.is_builtin or not node.template_key:
        return False
    tpl = next((tpl for tpl in node_templates() if tpl.key == node.template_key), None)
    return tpl is not None and (kind or node.organization.kind) not in tpl.kinds


def deletion_refusal(node: CatalogNode) -> str | None:
    """Why `node` cannot be deleted, or None when it can: a unit's own node, or a built-in node its unit's kind
    no longer gets (is_leftover), once it holds no items and no child nodes."""
    if node.is_builtin and not is_leftover(node):
        return _("“%(name)s”是内置栏目，不能删除。") % {"name": node.name}
    if node.children.exists():
        return _("“%(name)s”下还有下级栏目，请先删除或移走下级栏目。") % {"name": node.name}
    if node.items.exists():
        return _("“%(name)s”中还有政府信息（含草稿、已撤回和已删除的信息），不能删除；请先将这些信息移到其他栏目。") % {
            "name": node.name}
    return None


@transaction.atomic
def delete_node(actor, node: CatalogNode, request=None) -> None:
    """Delete a unit-added node (or a leftover built-in one) that holds no items and has no children."""
    _require(actor, node.organization_id)
    node = CatalogNode.objects.select_for_update().get(pk=node.pk)
    reason = deletion_refusal(node)
    if reason:
        raise CatalogError(reason)
    record(actor, "catalog.delete_node", node, organization=node.organization,
           before=snapshot(node, AUDITED_FIELDS), after={}, request=request)
    node.delete()


@transaction.atomic
def ensure_keyed_node(organization, parent: CatalogNode, key: str, name: str, *, expected_update_days=None,
                      publication_rule: str = "", legal_basis: str = "", description: str = "",
                      sort_order: int = 100) -> tuple[CatalogNode, bool]:
    """The node identified by an app's own `key` (e.g. "std.m.12") below `parent`, created when missing;
    (node, created). For apps that build catalog structure for a unit after their own permission check
    (the 基层政务公开标准目录 of gongkai.standards, assigned by the 政务公开办). Idempotent: an existing node
    keeps whatever the unit changed since; a unit's own sibling of the same name is adopted (given the
    key) rather than duplicated."""
    node = CatalogNode.objects.filter(organization=organization, template_key=key).first()
    if node is not None:
        return node, False
    node = CatalogNode.objects.filter(organization=organization, parent=parent, name=name, template_key="").first()
    if node is not None:
        node.template_key = key
        node.save(update_fields=["template_key"])
        return node, False
    node = CatalogNode.objects.create(
        organization=organization, parent=parent, section=parent.section, name=name[:100], template_key=key,
        legal_basis=legal_basis[:200], description=description, sort_order=sort_order,
        expected_update_days=_clean_days(expected_update_days), publication_rule=_clean_rule(publication_rule),
    )
    return node, True
