"""Site-wide pages and files: robots.txt, favicon.ico, 网站地图 and 联系我们."""

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from gongkai.catalog.models import Section
from gongkai.portal import breadcrumbs as crumbs
from gongkai.portal.navigation import main_nav, more_sections
from gongkai.portal.queries import CatalogIndex, organization_groups, site_root
from gongkai.portal.sites import current_site_profile
from gongkai.publishing.choices import DocType, Topic

# Paths crawlers should leave alone: staff pages, sign-in, admin and form endpoints.
ROBOTS_DISALLOW = ("/staff/", "/en/staff/", "/admin/", "/en/admin/", "/accounts/", "/en/accounts/",
                   "/preferences/", "/i18n/", "/search/")


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    try:
        lines.append(f"Sitemap: {request.build_absolute_uri(reverse('feeds:sitemap'))}")
    except NoReverseMatch:
        pass
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    return HttpResponsePermanentRedirect(static("gongkai/favicon.svg"))


@require_safe
def site_map(request):
    """The 网站地图: the main navigation, the column's parts and browse dimensions, every unit's column."""
    root = site_root(request)
    index = CatalogIndex(root) if root else None
    return render(request, "portal/site_map.html", {
        "nav": [entry for entry in main_nav(request) if entry.url != reverse("portal:home")],
        "more": more_sections(),
        "root": root,
        "sections": Section.choices,
        "statutory_roots": index.section_roots(Section.STATUTORY) if index else [],
        "groups": organization_groups(root) if root else [],
        "topics": Topic.choices,
        "doc_types": DocType.choices,
        "breadcrumbs": crumbs.current(crumbs.home_trail(), _("网站地图")),
    })


@require_safe
def contact(request):
    profile = current_site_profile(request)
    root = site_root(request)
    return render(request, "portal/contact.html", {
        "profile": profile,
        "root": root,
        "breadcrumbs": crumbs.current(crumbs.home_trail(), _("联系我们")),
    })
