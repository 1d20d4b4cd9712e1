from gongkai.portal.fragments import TemplateFragments
from gongkai.portal.navigation import main_nav
from gongkai.portal.sites import current_site_profile


def site(request):
    profile = current_site_profile(request)
    return {"site_profile": profile, "main_nav": main_nav(request),
            "fragments": TemplateFragments(request, profile.pk if profile else None)}
