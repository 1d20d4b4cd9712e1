"""sitemap.xml: the home page, every organization's column, every catalog node page and every live item.

Sitemaps hold at most 50,000 URLs (sitemaps.org); above that /sitemap.xml becomes a sitemap index
whose entries are the pages of each section (views.sitemap_or_index).
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.catalog.models import CatalogNode
from gongkai.organizations.models import Organization
from gongkai.portal import queries
from gongkai.publishing import validity
from gongkai.publishing.models import InformationItem

SITEMAP_LIMIT = 50_000  # URLs per sitemap file (sitemaps.org protocol)
class _Scoped(Sitemap):
    limit = SITEMAP_LIMIT

    def __init__(self, organization_ids=None):
        self.organization_ids = organization_ids  # None: every organization


class PortalSitemap(_Scoped):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["portal:home", "portal:column"]

    def location(self, name):
        return reverse(name)


class OrganizationSitemap(_Scoped):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        organizations = Organization.objects.filter(is_active=True).order_by("id")
        if self.organization_ids is not None:
            organizations = organizations.filter(id__in=self.organization_ids)
        return organizations

    def location(self, organization):
        return reverse("portal:org_column", kwargs={"org_id": organization.id})


class NodeSitemap(_Scoped):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        nodes = CatalogNode.objects.order_by("id").only("id", "organization_id", "parent_id", "section")
        if self.organization_ids is not None:
            nodes = nodes.filter(organization_id__in=self.organization_ids)
        return nodes

    def location(self, node):
        return queries.node_url(node)


class ItemSitemap(_Scoped):
    changefreq = "monthly"
    priority = 0.8
    _changes = None  # {item id: moment} of publishing.validity.changed_each, read once per sitemap

    def items(self):
        items = InformationItem.objects.live().order_by("id").only("id", "updated_at")
        if self.organization_ids is not None:
            items = items.filter(organization_id__in=self.organization_ids)
        return items

    def location(self, item):
        return reverse("portal:item", kwargs={"item_id": item.id})

    def lastmod(self, item):
        # A state that changed with time alone (a 规范性文件 reaching its 施行日期: its page says 有效 now, not
        # 尚未施行) or through another app's record counts too (publishing.validity.changed_each): one query
        # for the whole section, on the first item asked for.
        if self._changes is None:
            self._changes = validity.changed_each(self.items().values("pk"))
        return validity.modified(item, self._changes)


# Sections of apps above the feeds (公众参与, 清单 …), registered in their AppConfig.ready(): name -> a
# Sitemap class taking `organization_ids` like the ones above.
_EXTRA: dict[str, type] = {}


def register(name: str, sitemap_class: type) -> None:
    _EXTRA[name] = sitemap_class


def sitemaps_for(organization_ids) -> dict[str, Sitemap]:
    return {
        "portal": PortalSitemap(organization_ids),
        "organizations": OrganizationSitemap(organization_ids),
        "catalog": NodeSitemap(organization_ids),
        "items": ItemSitemap(organization_ids),
        **{name: sitemap_class(organization_ids) for name, sitemap_class in _EXTRA.items()},
    }
