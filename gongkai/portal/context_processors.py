from gongkai.portal.navigation import main_nav
from gongkai.portal.sites import current_site_profile


def site(request):
    return {"site_profile": current_site_profile(request), "main_nav": main_nav(request)}
