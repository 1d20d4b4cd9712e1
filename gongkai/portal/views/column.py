"""The home page and the 「政府信息公开」 column with its four parts (国办公开办函〔2019〕61号)."""

from dataclasses import dataclass
from functools import partial

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from gongkai.catalog.models import Section
from gongkai.catalog.templates_builtin import root_sections
from gongkai.core.sanitize import sanitize_html
from gongkai.organizations.models import is_under_regulation
from gongkai.portal import breadcrumbs as crumbs
from gongkai.portal import fragments, panels
from gongkai.portal.home_modules import build_modules
from gongkai.portal.queries import (
    LIST_DEFERRED_FIELDS,
    SECTION_URL_NAMES,
    CatalogIndex,
    get_site_organization,
    items_in_nodes,
    latest_items,
    live_items,
    organization_groups,
    site_root,
)
from gongkai.portal.sidebar import sidebar
from gongkai.portal.sites import current_site_profile
from gongkai.publishing import validity
from gongkai.publishing.choices import DocType, Topic
from gongkai.workdays import statute

HOME_LATEST_COUNT = 10
STATUTE_CITATION = "条例"
ITEMS_PER_PAGE = 20

PART_INTROS = {
    Section.GUIDE: _("政府信息的分类、编排体系、获取方式，以及政府信息公开工作机构的名称、地址、办公时间和联系方式（条例第十二条）。"),
    Section.SYSTEM: _("本机构政府信息公开工作的各项制度，包括发布、保密审查、依申请公开办理等制度（条例第四条、第十七条）。"),
    Section.STATUTORY: _("依照条例第二十条、第二十一条应当主动公开的政府信息，按目录分类浏览。"),
    Section.ANNUAL_REPORT: _("本机构每年公布的上一年度政府信息公开工作年度报告（条例第四十九条、第五十条）。"),
}
# A 党委工作机关 is outside the 条例 (organizations.is_under_regulation): its part holds only what it publishes
# as a unit of the county's portal, and cites no article of the 条例.
PARTY_STATUTORY_INTRO = _("本机关的机构职能、通知公告和工作动态。党委工作机关的信息依照党务公开的有关规定公开，不适用《政府信息公开条例》。")


def part_intro(organization, section: str) -> str:
    if section == Section.STATUTORY and not is_under_regulation(organization.kind):
        return PARTY_STATUTORY_INTRO
    return PART_INTROS[section]

# 政府信息公开工作机构 fields shown in the 指南 (条例第十二条), in order. All are shown; empty ones
# are marked （未填写） so that a missing statutory field is visible to the public and to inspectors.
GUIDE_OFFICE_FIELDS = ("office_name", "office_address", "office_hours", "office_phone", "office_fax",
                       "office_web", "office_email", "office_postcode")


def public_basis(node) -> str:
    """The node's legal basis when it cites the 条例; other bases (inspection rules, the work plan)
    are notes for staff, not for readers."""
    return node.legal_basis if node.legal_basis.startswith(STATUTE_CITATION) else ""


@dataclass(frozen=True)
class Part:
    section: str
    title: str
    url: str
    intro: str
    count: int


def _parts(organization, index: CatalogIndex) -> list[Part]:
    return [
        Part(section, label, reverse(SECTION_URL_NAMES[section], args=[organization.id]), part_intro(organization, section),
             index.section_count(section))
        for section, label in Section.choices if section in root_sections(organization.kind)
    ]


def _sidebar(index: CatalogIndex, current_node_id=None, current_section=None, sidebar_home=False) -> dict:
    """The catalog tree's context: built only when its cached HTML (fragments, sidebar_key) is missing."""
    return {
        "sidebar": partial(sidebar, index, current_node_id=current_node_id, current_section=current_section),
        "sidebar_home": sidebar_home,
        "sidebar_key": f"{index.organization.id}:{current_node_id}:{current_section}:{sidebar_home}",
    }


class _OnePage:
    """The count of a list and one page of it, as the paginator asks for them (from the fragment cache)."""

    def __init__(self, total: int, offset: int, items: list):
        self.total, self.offset, self.items = total, offset, items

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list:
        return self.items[window.start - self.offset:window.stop - self.offset]


def _page(request, queryset, cache_parts=None):
    """One page of `queryset`; with `cache_parts` (what identifies the list on this site) the count and
    the page's items come from the fragment cache, per requested page (gongkai/portal/fragments.py).
    `queryset` may be a callable returning it: built only when the cache misses."""
    requested = request.GET.get("page")
    if cache_parts is not None:
        def compute():
            page = Paginator(queryset() if callable(queryset) else queryset, ITEMS_PER_PAGE).get_page(requested)
            return page.paginator.count, page.start_index() - 1 if page.paginator.count else 0, list(page)

        profile = current_site_profile(request)
        total, offset, items = fragments.cached("list", profile.pk if profile else None, *cache_parts,
                                                requested, compute=compute)
        queryset = _OnePage(total, offset, items)
    elif callable(queryset):
        queryset = queryset()
    paginator = Paginator(queryset, ITEMS_PER_PAGE)
    page_obj = paginator.get_page(requested)
    page_obj.object_list = validity.mark_items(page_obj.object_list)  # 尚未施行 beside the title, one query
    page_range = paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    context = {"page_obj": page_obj, "page_range": list(page_range)}
    if cache_parts is not None:  # the rendered table is cached as well (includes/item_table.html)
        context["table_key"] = ":".join(str(part) for part in (*cache_parts, requested))
    return context


@require_safe
def home(request):
    root = site_root(request)
    profile = current_site_profile(request)
    # Modules, parts, the latest items and the units are callables: the template calls them only when
    # their cached HTML is missing (gongkai/portal/fragments.py). The panels of other apps are not cached.
    return render(request, "portal/home.html", {
        "root": root,
        "parts": (lambda: _parts(root, CatalogIndex.cached(root))) if root else [],
        "modules": partial(build_modules, request, profile),
        "panels": panels.build(request),
        "latest": partial(_latest, request),
        "groups": partial(organization_groups, root) if root else [],
        "breadcrumbs": crumbs.current(crumbs.home_trail()),
    })


def _latest(request) -> list:
    return validity.mark_items(latest_items(request, HOME_LATEST_COUNT))  # 尚未施行 beside the title, one query


def _with_counts(request, field_name, choices):
    """(value, label, live item count) of each choice, in one grouped query."""
    counts = dict(live_items(request).order_by().values_list(field_name).annotate(total=Count("id")))
    return [(value, label, counts.get(value, 0)) for value, label in choices]


@require_safe
def column(request):
    """The site's column: the root organization's four parts, then every unit and the browse dimensions."""
    root = site_root(request)
    if root is None:
        raise Http404
    index = CatalogIndex.cached(root)
    return render(request, "portal/column.html", {
        "organization": root,
        "parts": _parts(root, index),
        "groups": organization_groups(root),
        "topics": _with_counts(request, "topic", Topic.choices),
        "doc_types": _with_counts(request, "doc_type", DocType.choices),
        "breadcrumbs": crumbs.current(crumbs.column_trail()),
    })


@require_safe
def org_column(request, org_id):
    """A unit's column: the catalog tree on the left, its four parts and its newest items."""
    organization = get_site_organization(request, org_id)
    index = CatalogIndex.cached(organization)
    context = _page(request, lambda: live_items(request).filter(organization=organization).select_related("organization")
                    .defer(*LIST_DEFERRED_FIELDS).order_by("-published_at", "-id"), ("organization", organization.id))
    context.update({
        "organization": organization,
        "under_regulation": is_under_regulation(organization.kind),
        "parts": _parts(organization, index),
        **_sidebar(index, sidebar_home=True),
        "breadcrumbs": crumbs.current(crumbs.organization_trail(organization)),
    })
    return render(request, "portal/org_column.html", context)


@require_safe
def guide(request, org_id):
    """The 指南, generated from the organization's data and catalog (条例第十二条), then its own text."""
    organization = get_site_organization(request, org_id)
    if Section.GUIDE not in root_sections(organization.kind):
        raise Http404  # a 党委工作机关 has no 指南 (not a 行政机关: templates_builtin)
    index = CatalogIndex.cached(organization)
    office = [(organization._meta.get_field(name).verbose_name, name, getattr(organization, name))
              for name in GUIDE_OFFICE_FIELDS]
    guide_items = items_in_nodes(request, index.section_node_ids(Section.GUIDE))[:ITEMS_PER_PAGE]
    return render(request, "portal/guide.html", {
        "organization": organization,
        "catalog_roots": index.roots,
        "office": office,
        # guide_text is stored sanitized; it is sanitized again here, right before being marked safe.
        "guide_text": mark_safe(sanitize_html(organization.guide_text)),
        "guide_items": guide_items,
        "statute": statute,
        **_sidebar(index, current_section=Section.GUIDE),
        "breadcrumbs": crumbs.current(crumbs.organization_trail(organization), Section.GUIDE.label),
    })


def _section_list(request, org_id, section):
    organization = get_site_organization(request, org_id)
    if section not in root_sections(organization.kind):
        raise Http404
    index = CatalogIndex.cached(organization)
    context = _page(request, lambda: items_in_nodes(request, index.section_node_ids(section)),
                    ("section", organization.id, section))
    context.update({
        **_sidebar(index, current_section=section),
        "organization": organization,
        "heading": section.label,
        "section": section,
        "intro": part_intro(organization, section),
        "breadcrumbs": crumbs.current(crumbs.organization_trail(organization), section.label),
    })
    return render(request, "portal/item_list.html", context)


@require_safe
def system(request, org_id):
    return _section_list(request, org_id, Section.SYSTEM)


@require_safe
def annual_reports(request, org_id):
    return _section_list(request, org_id, Section.ANNUAL_REPORT)


@require_safe
def statutory(request, org_id):
    organization = get_site_organization(request, org_id)
    index = CatalogIndex.cached(organization)
    return render(request, "portal/statutory.html", {
        "organization": organization,
        "section_roots": index.section_roots(Section.STATUTORY),
        **_sidebar(index, current_section=Section.STATUTORY),
        "intro": part_intro(organization, Section.STATUTORY),
        "breadcrumbs": crumbs.current(crumbs.organization_trail(organization), Section.STATUTORY.label),
    })


@require_safe
def node(request, org_id, node_id):
    """The live items of one catalog node and the nodes below it, newest first, paginated."""
    organization = get_site_organization(request, org_id)
    index = CatalogIndex.cached(organization)
    tree_node = index.get(node_id)
    context = _page(request, lambda: items_in_nodes(request, index.subtree_ids(node_id)), ("node", organization.id, node_id))
    context.update({
        "organization": organization,
        "node": tree_node.node,
        "heading": tree_node.node.name,
        "intro": tree_node.node.description,
        "legal_basis": public_basis(tree_node.node),
        "children": tree_node.children,
        "has_guide": Section.GUIDE in root_sections(organization.kind),
        **_sidebar(index, current_node_id=node_id),
        "breadcrumbs": crumbs.current(crumbs.catalog_trail(organization, index.path(node_id))),
    })
    return render(request, "portal/item_list.html", context)
