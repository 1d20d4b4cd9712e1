"""Browsing every unit's items at once, by the three classic dimensions of a 政府信息公开目录:
按主题 (主题分类), 按体裁 (文种) and by catalog node (the same node of every unit, e.g. all 通知公告)."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from gongkai.catalog.templates_builtin import node_templates
from gongkai.core.i18n import colon
from gongkai.portal import breadcrumbs as crumbs
from gongkai.portal.queries import items_with_doc_types, items_with_node_keys, items_with_topic
from gongkai.portal.views.column import _page
from gongkai.publishing.choices import DocType, Topic

# Catalog nodes offered for cross-unit browsing: the 条例第二十条 categories and the work plan's nodes.
BROWSABLE_PREFIXES = ("art20.", "plan.")


def browsable_nodes() -> list[tuple[str, str]]:
    return [(t.key, t.name) for t in node_templates() if t.key.startswith(BROWSABLE_PREFIXES)]


def _render(request, dimension, choices, current, queryset, url_name):
    labels = dict(choices)
    if current not in labels:
        raise Http404
    context = _page(request, queryset)
    context.update({
        "heading": labels[current],
        "dimension": dimension,
        "choices": [(value, label, reverse(url_name, args=[value]), value == current) for value, label in choices],
        "show_org": True,
        "breadcrumbs": crumbs.current(crumbs.column_trail(), f"{dimension}{colon()}{labels[current]}"),
    })
    return render(request, "portal/browse_list.html", context)


@require_safe
def by_topic(request, topic):
    return _render(request, _("按主题"), Topic.choices, topic, items_with_topic(request, topic), "portal:by_topic")


@require_safe
def by_doc_type(request, doc_type):
    return _render(request, _("按体裁"), DocType.choices, doc_type, items_with_doc_types(request, [doc_type]),
                   "portal:by_doc_type")


@require_safe
def by_node_key(request, key):
    return _render(request, _("按栏目"), browsable_nodes(), key, items_with_node_keys(request, [key]),
                   "portal:by_node_key")
