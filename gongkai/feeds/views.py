from django.contrib.sitemaps import views as sitemap_views

from gongkai.feeds import sitemaps as site_maps
from gongkai.portal.queries import site_organization_ids


def sitemap_or_index(request):
    """/sitemap.xml: one sitemap while the site has at most 50,000 URLs, a sitemap index beyond."""
    sitemaps = site_maps.sitemaps_for(site_organization_ids(request))
    total = sum(sitemap.paginator.count for sitemap in sitemaps.values())
    if total > site_maps.SITEMAP_LIMIT or any(sitemap.paginator.num_pages > 1 for sitemap in sitemaps.values()):
        return sitemap_views.index(request, sitemaps, sitemap_url_name="feeds:sitemap-section")
    return sitemap_views.sitemap(request, sitemaps)


def sitemap_section(request, section):
    """One page of one section, as listed by the index (?p=N)."""
    return sitemap_views.sitemap(request, site_maps.sitemaps_for(site_organization_ids(request)), section=section)
