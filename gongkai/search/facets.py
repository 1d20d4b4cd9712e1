"""Facet values with their labels, for the search page and the API."""

import time
from dataclasses import dataclass

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from gongkai.catalog.models import CatalogNode
from gongkai.organizations.models import Organization
from gongkai.publishing import validity
from gongkai.publishing.choices import DocType, Topic
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


# Labels of the choice facets (lazy: translated when shown, in the reader's language). 有效性 is the state the
# public sees, with the states apps add (尚未施行: publishing.validity), labelled by `validity.label`.
CHOICES = {"topic": dict(Topic.choices), "doc_type": dict(DocType.choices)}
# Organization and catalog node names change seldom: each process keeps those it has shown for
# NAMES_SECONDS (a rename shows in the facets within that time; at once in the process that saved it).
NAMES_SECONDS = 30
_names_cache: dict = {"since": 0.0, "orgs": {}, "nodes": {}}
# Labels of years, kinds and choices by (language, facet, value); bounded, in case of odd values.
STATIC_LABELS_KEPT = 2000
_static_labels: dict[tuple, str | None] = {}
# Labelled facets of the last counts seen, by id(raw counts) (with the counts, so an id is not reused).
LABELLED_KEPT = 64
_labelled: dict[int, tuple] = {}


def forget_names(**_kwargs) -> None:
    """Drop the kept names (connected to saves and deletions of organizations and catalog nodes)."""
    _names_cache.update(since=time.monotonic(), orgs={}, nodes={})


def _names(org_ids: list[int], node_ids: list[int]) -> tuple[dict, dict]:
    """{organization id: display name}, {node id: (organization id, name, organization's display name)},
    read as values (not model instances: a facet can name fifty nodes), only those not kept yet."""
    if time.monotonic() - _names_cache["since"] > NAMES_SECONDS:
        forget_names()
    orgs, nodes = _names_cache["orgs"], _names_cache["nodes"]
    missing = [i for i in org_ids if i not in orgs]
    if missing:
        orgs.update((pk, short or name) for pk, short, name in  # Organization.display_name
                    Organization.objects.filter(id__in=missing).values_list("id", "short_name", "name"))
    missing = [i for i in node_ids if i not in nodes]
    if missing:
        nodes.update((pk, (org_id, name, org_short or org_name)) for pk, org_id, name, org_short, org_name in
                     CatalogNode.objects.filter(id__in=missing).values_list(
                         "id", "organization_id", "name", "organization__short_name", "organization__name"))
    return ({i: orgs[i] for i in org_ids if i in orgs}, {i: nodes[i] for i in node_ids if i in nodes})


def _static_label(name: str, value, language: str | None = None) -> str | None:
    """The label of a year, kind or choice value in the active language (`language`, when the caller
    knows it; kept per process: these labels change only with the code and its translations)."""
    key = (language or get_language(), name, str(value))
    if key not in _static_labels:
        if name == "year":
            text = _("%(year)s年") % {"year": value}
        elif name == "kind":
            text = kinds.label(str(value))
        elif name == "validity":
            text = validity.label(str(value)) or None
        else:
            text = CHOICES[name].get(str(value))
            text = str(text) if text is not None else None
        if len(_static_labels) >= STATIC_LABELS_KEPT:
            _static_labels.clear()
        _static_labels[key] = text
    return _static_labels[key]


def label(raw: dict[str, list[tuple]]) -> dict[str, list[FacetValue]]:
    """Turn raw (value, count) pairs into labelled values; unknown ids are dropped. The same counts
    (a search kept by the embedded backend, backends/kept.py) are labelled once per language while
    the kept names last; the result is shared: not to be changed by callers."""
    language, since = get_language(), _names_cache["since"]
    kept = _labelled.get(id(raw))
    if (kept is not None and kept[0] is raw and kept[1:3] == (language, since)
            and time.monotonic() - since <= NAMES_SECONDS):
        return kept[3]
    result = _label(raw, language)
    if len(_labelled) >= LABELLED_KEPT:
        _labelled.clear()
    _labelled[id(raw)] = (raw, language, _names_cache["since"], result)
    return result


def _label(raw: dict[str, list[tuple]], language: str | None) -> dict[str, list[FacetValue]]:
    org_ids = [int(v) for v, _count in raw.get("organization", [])]
    node_ids = [int(v) for v, _count in raw.get("node", [])]
    orgs, nodes = _names(org_ids, node_ids)
    several_orgs = len({org_id for org_id, _name, _org in nodes.values()}) > 1

    def node_label(node):
        _org_id, name, organization = node
        return f"{organization} · {name}" if several_orgs else name

    result: dict[str, list[FacetValue]] = {}
    for name, pairs in raw.items():
        values = []
        for value, count in pairs:
            if name == "organization":
                text = orgs.get(int(value))
            elif name == "node":
                text = node_label(nodes[int(value)]) if int(value) in nodes else None
            else:
                text = _static_label(name, value, language)
            if text is not None and count > 0:
                values.append(FacetValue(value=str(value), label=text, count=count))
        if name == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        result[name] = values
    return result
