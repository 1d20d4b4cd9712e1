"""A unit's built-in catalog follows its kind (templates_builtin: root_sections, the templates' kinds).

When a unit's kind changes (organizations.events.kind_changed, sent by every save that changes it), the
nodes the new kind gets are added (a body that comes under the 条例 gets its 指南, 制度, 年度报告 and the
第二十条、第二十一条 nodes at once), the statutory publication periods follow the new kind (预算法第十四条:
a 乡镇's 财政预决算 is 本级预算, a department's 部门预算), and the built-in nodes the new kind no longer gets (a
党委工作机关 keeps only 机构职能, 通知公告 and 工作动态) are removed only while empty. A node that holds an
item (published, draft, withdrawn or deleted), a child node, or anything another app links to it is kept,
and the staff are told which and why (content_reasons): published content is never deleted by a change of kind. Once emptied, such a
leftover may be deleted by the unit (services.deletion_refusal). One audit event tells what changed.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.catalog.models import CatalogNode
from gongkai.catalog.services import ensure_catalog, is_leftover
from gongkai.catalog.templates_builtin import node_templates


@dataclass
class KindFollowed:
    """What following a new kind did to a unit's catalog (node names, in template order)."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # nodes whose statutory publication period changed
    kept_reasons: dict[str, list[str]] = field(default_factory=dict)  # a kept node's name: why it is kept

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.kept or self.rules)

    def note(self) -> str:
        """The staff's note, in Chinese ("" when nothing changed)."""
        parts = []
        if self.added:
            parts.append(_("信息公开目录已按新的机构类型增加%(n)d个内置栏目。") % {"n": len(self.added)})
        if self.removed:
            parts.append(_("已删除%(n)d个不再适用且没有内容的内置栏目：%(names)s。") % {
                "n": len(self.removed), "names": "、".join(self.removed)})
        if self.rules:
            parts.append(_("以下栏目的法定公开期限已按新的机构类型调整：%(names)s。") % {"names": "、".join(self.rules)})
        if self.kept:
            kept = "、".join(_("%(name)s（%(reasons)s）") % {"name": name, "reasons": "；".join(self.kept_reasons.get(name, []))}
                            if self.kept_reasons.get(name) else name for name in self.kept)
            parts.append(_("以下内置栏目不再适用，但仍有内容或被引用，已保留（已发布的信息不受影响）：%(names)s。"
                           "处理完括号中所列的内容或引用后，可由单位管理员在「目录管理」中删除这些栏目。") % {"names": kept})
        return "".join(parts)


# Apps that refer to a node by its id rather than by a foreign key (a subscription to a 栏目, a saved search
# filtered on one) register a check here in their ready(); catalog imports none of them.
_REFERENCE_CHECKS: list = []  # (check, label)


def register_reference_check(check, label=None) -> None:
    """`check(node) -> bool`: whether the registering app still refers to `node` by id; `label` (lazy
    Chinese) is the reason the staff are told when that keeps a node."""
    if all(check is not registered for registered, _label in _REFERENCE_CHECKS):
        _REFERENCE_CHECKS.append((check, label))


def _relation_reason(relation) -> str:
    """Why a row of `relation` (a reverse relation of CatalogNode) keeps a node, for the staff."""
    model = relation.related_model
    if model is CatalogNode:
        return _("有下级栏目")
    if model._meta.auto_created:  # a many-to-many's own table: the model on the other side is what refers
        model = next(f.related_model for f in model._meta.fields if f.is_relation and f.related_model is not CatalogNode)
        if model._meta.label_lower == "publishing.informationitem":
            return _("有政府信息（含草稿、已撤回和已删除的信息）")
    if model._meta.label_lower.startswith("publishing.historical"):
        # simple_history's copy of an item's 栏目: an item that has left the node still names it in its history
        return _("政府信息的修订记录引用该栏目")
    return _("被“%(app)s”的“%(what)s”引用") % {"app": model._meta.app_config.verbose_name,
                                                "what": model._meta.verbose_name}


def content_reasons(node: CatalogNode) -> list[str]:
    """Why `node` must be kept, [] when nothing points at it: a child node, an item (in any state, and an
    item's history), a row of another app (standards), or an id kept by another app (a subscription, a saved
    search). Every reverse relation counts, so an app added later is covered too."""
    reasons = []
    for relation in CatalogNode._meta.get_fields(include_hidden=True):
        if relation.auto_created and not relation.concrete and relation.one_to_many:
            if relation.related_model._base_manager.filter(**{relation.field.name: node}).exists():
                reasons.append(str(_relation_reason(relation)))
    for check, label in _REFERENCE_CHECKS:
        if check(node):
            reasons.append(str(label or _("其他功能引用该栏目")))
    if str(_("有政府信息（含草稿、已撤回和已删除的信息）")) in reasons:  # the items' history says nothing more
        reasons = [r for r in reasons if r != str(_("政府信息的修订记录引用该栏目"))]
    return list(dict.fromkeys(reasons))


def _names(nodes) -> list[str]:
    return [node.name for node in sorted(nodes, key=lambda node: (node.sort_order, node.pk))]  # template order


@transaction.atomic
def follow_kind(organization, *, previous_kind: str = "", actor=None, request=None) -> KindFollowed:
    """Make `organization`'s built-in catalog what its (new) kind asks; idempotent. Returns what it did."""
    result = KindFollowed()
    templates = {tpl.key: tpl for tpl in node_templates()}
    builtin = CatalogNode.objects.filter(organization=organization, is_builtin=True)
    before = set(builtin.values_list("template_key", flat=True))
    ensure_catalog(organization, actor=actor, request=request)  # adds the new kind's nodes (or adopts a node already in a template's place)
    result.added = _names(builtin.exclude(template_key__in=before))
    for node in CatalogNode.objects.select_for_update().filter(organization=organization, is_builtin=True):
        tpl = templates.get(node.template_key)
        if tpl is None or organization.kind not in tpl.kinds:
            continue
        rule, old_rule = tpl.publication_rule(organization.kind), tpl.publication_rule(previous_kind)
        if node.publication_rule != rule and (rule or node.publication_rule == old_rule):
            node.publication_rule = rule
            node.save(update_fields=["publication_rule"])
            result.rules.append(node.name)
    leftovers = [node for node in CatalogNode.objects.select_for_update().filter(organization=organization,
                                                                                  is_builtin=True)
                 if is_leftover(node, organization.kind)]
    # Children before their parents: a parent whose leftover children all go is empty in its turn.
    depth = {node.pk: len(node.path_names()) for node in leftovers}
    kept, removed = [], []
    for node in sorted(leftovers, key=lambda n: (-depth[n.pk], n.sort_order, n.pk)):
        reasons = content_reasons(node)
        if reasons:
            kept.append(node)
            result.kept_reasons[node.name] = reasons
        else:
            removed.append(node)
            node.delete()
    result.kept, result.removed = _names(kept), _names(removed)
    if result:
        after = {"kind": organization.kind, "added": result.added, "removed": result.removed, "kept": result.kept,
                 "publication_rule": result.rules}
        record(actor, "catalog.follow_kind", organization, organization=organization, request=request,
               before={"kind": previous_kind} if previous_kind else {},
               after={key: value for key, value in after.items() if value}, note=result.note())
    return result
