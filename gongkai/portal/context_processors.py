from gongkai.portal.fragments import TemplateFragments
from gongkai.portal.navigation import main_nav, nav_section
from gongkai.portal.sites import current_site_profile


def site(request):
    profile = current_site_profile(request)
    # main_nav is a callable: the template calls it only when the cached navigation (per nav_section) misses.
    return {"site_profile": profile, "main_nav": lambda: main_nav(request), "nav_section": nav_section(request),
            "fragments": TemplateFragments(request, profile.pk if profile else None)}
