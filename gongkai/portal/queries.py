"""Read-only queries of the public portal: the site's organizations, catalog trees with item counts,
and the item lists readers browse. Nothing here writes; every list is built in a fixed, small number
of queries whatever the size of the tree.

Scope: when a SiteProfile exists for the host, the portal shows only its root organization and the
organizations below it (a province may host several counties on one install). Without any profile
(a fresh install) every organization is shown and the first top-level one is the root.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.models import CatalogNode, Section
from gongkai.organizations.models import Organization
from gongkai.organizations.services import descendant_ids
from gongkai.portal import fragments
from gongkai.portal.sites import current_site_profile
from gongkai.publishing.models import Attachment, InformationItem

Kind = Organization.Kind

# Headings of the browse-by-organization list, in display order.
KIND_GROUPS = (
    (Kind.PEOPLE_GOVERNMENT, _("人民政府")),
    (Kind.DEPARTMENT, _("政府部门")),
    (Kind.PARTY, _("党委工作机关")),
    (Kind.TOWNSHIP, _("乡镇街道")),
    (Kind.DEVELOPMENT_ZONE, _("开发区")),
    (Kind.PUBLIC_INSTITUTION, _("公共企事业单位")),
)

# List pages do not need the body of each item.
LIST_DEFERRED_FIELDS = ("body", "summary", "state_reason")

ItemNode = InformationItem.catalog_nodes.through

# The page of each part of the column; a part's top node links there rather than to a plain node list.
SECTION_URL_NAMES = {
    Section.GUIDE: "portal:guide",
    Section.SYSTEM: "portal:system",
    Section.STATUTORY: "portal:statutory",
    Section.ANNUAL_REPORT: "portal:annual_reports",
}


def node_url(node: CatalogNode) -> str:
    if node.parent_id is None and node.section in SECTION_URL_NAMES:
        return reverse(SECTION_URL_NAMES[node.section], args=[node.organization_id])
    return reverse("portal:node", args=[node.organization_id, node.id])


def site_root(request) -> Organization | None:
    """The organization whose 「政府信息公开」 column is the site's column."""
    profile = current_site_profile(request)
    if profile is not None:
        return profile.root_organization
    top_level = Organization.objects.filter(parent__isnull=True).order_by("-is_active", "sort_order", "id")
    return top_level.first()


def site_organization_ids(request) -> set[int] | None:
    """Ids of the organizations this host shows, or None for "all" (no site profile)."""
    if not hasattr(request, "_portal_org_ids"):
        profile = current_site_profile(request)
        request._portal_org_ids = fragments.cached(
            "site-organizations", profile.root_organization_id, timed=False,
            compute=lambda: descendant_ids([profile.root_organization_id])) if profile else None
    return request._portal_org_ids


def get_site_organization(request, org_id: int) -> Organization:
    allowed = site_organization_ids(request)
    if allowed is not None and org_id not in allowed:
        raise Http404
    organization = fragments.cached("organization", org_id, timed=False,
                                    compute=lambda: Organization.objects.filter(pk=org_id).first())
    if organization is None:
        raise Http404
    return organization


def _scoped(request, queryset):
    allowed = site_organization_ids(request)
    return queryset if allowed is None else queryset.filter(organization_id__in=allowed)


def public_items(request):
    """Items a reader may open on this host: published (time reached) or withdrawn, proactive."""
    return _scoped(request, InformationItem.objects.public())


def live_items(request):
    """Items lists show on this host: published, not withdrawn, proactive."""
    return _scoped(request, InformationItem.objects.live())


def latest_items(request, count: int):
    return (live_items(request).select_related("organization").defer(*LIST_DEFERRED_FIELDS)
            .order_by("-published_at", "-id")[:count])


def items_in_nodes(request, node_ids):
    """Live items filed in any of the nodes, newest first (no DISTINCT: a subquery on the link table)."""
    linked = ItemNode.objects.filter(catalognode_id__in=list(node_ids)).values("informationitem_id")
    return (live_items(request).filter(pk__in=linked).select_related("organization")
            .defer(*LIST_DEFERRED_FIELDS).order_by("-published_at", "-id"))


def items_with_node_keys(request, template_keys):
    """Live items of every unit of the site filed in a node built from one of the template keys."""
    linked = ItemNode.objects.filter(catalognode__template_key__in=list(template_keys)).values("informationitem_id")
    return (live_items(request).filter(pk__in=linked).select_related("organization")
            .defer(*LIST_DEFERRED_FIELDS).order_by("-published_at", "-id"))


def with_photos(items, count: int) -> list:
    """The first `count` of `items` that have an image attachment, each with `.photo` (that attachment)."""
    from gongkai.core.uploads import IMAGE_MIMES

    photos = Attachment.objects.filter(content_type__in=IMAGE_MIMES).order_by("sort_order", "id")
    chosen = list(items.filter(pk__in=photos.values("item_id"))[:count])
    first = {}
    for attachment in photos.filter(item__in=[item.pk for item in chosen]).only("id", "item_id", "original_name"):
        first.setdefault(attachment.item_id, attachment)
    chosen = [item for item in chosen if item.pk in first]  # (an image removed meanwhile)
    for item in chosen:
        item.photo = first[item.pk]
    return chosen


def items_with_doc_types(request, doc_types):
    return (live_items(request).filter(doc_type__in=list(doc_types)).select_related("organization")
            .defer(*LIST_DEFERRED_FIELDS).order_by("-published_at", "-id"))


def items_with_topic(request, topic):
    return (live_items(request).filter(topic=topic).select_related("organization")
            .defer(*LIST_DEFERRED_FIELDS).order_by("-published_at", "-id"))


def organization_groups(root: Organization) -> list[tuple[str, list[Organization]]]:
    """Active organizations of the root's tree (the root included), grouped by kind."""
    ids = descendant_ids([root.id])
    by_kind: dict[str, list[Organization]] = defaultdict(list)
    for organization in Organization.objects.filter(id__in=ids, is_active=True).order_by("sort_order", "id"):
        by_kind[organization.kind].append(organization)
    return [(label, by_kind[kind]) for kind, label in KIND_GROUPS if by_kind.get(kind)]


@dataclass
class TreeNode:
    node: CatalogNode
    children: list["TreeNode"] = field(default_factory=list)
    count: int = 0  # live items filed in this node or below it, each counted once

    @property
    def id(self) -> int:
        return self.node.id

    @property
    def url(self) -> str:
        return node_url(self.node)


class CatalogIndex:
    """One organization's catalog as a tree, loaded in one query (plus one for counts)."""

    def __init__(self, organization: Organization, with_counts: bool = False):
        self.organization = organization
        self.by_id: dict[int, TreeNode] = {
            node.id: TreeNode(node) for node in CatalogNode.objects.filter(organization=organization)
        }
        self.roots: list[TreeNode] = []
        for tree_node in self.by_id.values():
            parent = self.by_id.get(tree_node.node.parent_id)
            (parent.children if parent else self.roots).append(tree_node)
        if with_counts:
            self._count()

    def _count(self) -> None:
        direct: dict[int, set[int]] = defaultdict(set)
        pairs = ItemNode.objects.filter(
            catalognode_id__in=list(self.by_id), informationitem_id__in=InformationItem.objects.live().values("id")
        ).values_list("catalognode_id", "informationitem_id")
        for node_id, item_id in pairs:
            direct[node_id].add(item_id)

        def fill(tree_node: TreeNode) -> set[int]:
            items = set(direct.get(tree_node.id, ()))
            for child in tree_node.children:
                items |= fill(child)
            tree_node.count = len(items)
            return items

        for root in self.roots:
            fill(root)

    @classmethod
    def cached(cls, organization: Organization) -> "CatalogIndex":
        """The organization's index with counts, from the fragment cache (gongkai/portal/fragments.py)."""
        return fragments.cached("catalog-index", organization.id,
                                compute=lambda: cls(organization, with_counts=True))

    def get(self, node_id: int) -> TreeNode:
        try:
            return self.by_id[node_id]
        except KeyError:
            raise Http404 from None

    def section_roots(self, section: str) -> list[TreeNode]:
        return [root for root in self.roots if root.node.section == section]

    def section_count(self, section: str) -> int:
        return sum(root.count for root in self.section_roots(section))

    def section_node_ids(self, section: str) -> list[int]:
        return [node_id for node_id, tree_node in self.by_id.items() if tree_node.node.section == section]

    def subtree_ids(self, node_id: int) -> list[int]:
        ids, stack = [], [self.get(node_id)]
        while stack:
            tree_node = stack.pop()
            ids.append(tree_node.id)
            stack.extend(tree_node.children)
        return ids

    def path(self, node_id: int) -> list[CatalogNode]:
        """The node and its ancestors, top first."""
        chain, tree_node = [], self.by_id.get(node_id)
        while tree_node is not None:
            chain.append(tree_node.node)
            tree_node = self.by_id.get(tree_node.node.parent_id)
        return list(reversed(chain))

