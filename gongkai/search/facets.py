"""Facet values with their labels, for the search page and the API."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.catalog.models import CatalogNode
from gongkai.organizations.models import Organization
from gongkai.publishing.choices import DocType, Topic, Validity
from gongkai.search import kinds


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


FACET_TITLES = {
    "kind": gettext_lazy("类型"),
    "organization": gettext_lazy("发布机构"),
    "node": gettext_lazy("目录栏目"),
    "year": gettext_lazy("年份"),
    "topic": gettext_lazy("主题分类"),
    "doc_type": gettext_lazy("文种"),
    "validity": gettext_lazy("有效性"),
}


def label(raw: dict[str, list[tuple]]) -> dict[str, list[FacetValue]]:
    """Turn raw (value, count) pairs into labelled values; unknown ids are dropped."""
    org_ids = [int(v) for v, _count in raw.get("organization", [])]
    node_ids = [int(v) for v, _count in raw.get("node", [])]
    orgs = {o.id: o.display_name for o in Organization.objects.filter(id__in=org_ids)}
    nodes = {n.id: n for n in CatalogNode.objects.filter(id__in=node_ids).select_related("organization")}
    several_orgs = len({n.organization_id for n in nodes.values()}) > 1

    def node_label(node):
        return f"{node.organization.display_name} · {node.name}" if several_orgs else node.name

    choices = {"topic": dict(Topic.choices), "doc_type": dict(DocType.choices), "validity": dict(Validity.choices)}
    result: dict[str, list[FacetValue]] = {}
    for name, pairs in raw.items():
        values = []
        for value, count in pairs:
            if name == "organization":
                text = orgs.get(int(value))
            elif name == "node":
                text = node_label(nodes[int(value)]) if int(value) in nodes else None
            elif name == "year":
                text = _("%(year)s年") % {"year": value}
            elif name == "kind":
                text = kinds.label(str(value))
            else:
                text = choices[name].get(str(value))
                text = str(text) if text is not None else None
            if text is not None and count > 0:
                values.append(FacetValue(value=str(value), label=text, count=count))
        if name == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        result[name] = values
    return result
