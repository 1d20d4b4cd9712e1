"""Catalog facts several rules share, each read in one query: every node of the inspected units, whether
it is a leaf, and when a live item was last published in it."""

from collections import defaultdict
from functools import cached_property

from django.db.models import Max

from gongkai.catalog.models import CatalogNode
from gongkai.publishing.models import InformationItem

ItemNode = InformationItem.catalog_nodes.through


class CatalogFacts:
    def __init__(self, organization_ids, now):
        self.organization_ids = set(organization_ids)
        self.now = now

    @cached_property
    def nodes(self) -> list[CatalogNode]:
        return list(CatalogNode.objects.filter(organization_id__in=self.organization_ids)
                    .select_related("parent").order_by("organization_id", "sort_order", "id"))

    @cached_property
    def parents(self) -> set[int]:
        return {n.parent_id for n in self.nodes if n.parent_id}

    def leaves(self) -> list[CatalogNode]:
        return [n for n in self.nodes if n.id not in self.parents]

    @cached_property
    def latest(self) -> dict[int, object]:
        """node id → the publication time of its latest live item (absent: no live item)."""
        live = InformationItem.objects.live(self.now).filter(organization_id__in=self.organization_ids)
        rows = (ItemNode.objects.filter(informationitem__in=live).values("catalognode_id")
                .annotate(latest=Max("informationitem__published_at")))
        return {row["catalognode_id"]: row["latest"] for row in rows}

    @cached_property
    def by_organization(self) -> dict[int, list[CatalogNode]]:
        found = defaultdict(list)
        for node in self.nodes:
            found[node.organization_id].append(node)
        return found


def node_url(node) -> str:
    from gongkai.portal.queries import node_url as portal_node_url

    return portal_node_url(node)


def facts(context) -> CatalogFacts:
    """One CatalogFacts per run, shared by the rules through the context."""
    cached = getattr(context, "_catalog_facts", None)
    if cached is None:
        cached = context._catalog_facts = CatalogFacts(context.organization_ids, context.now)
    return cached
