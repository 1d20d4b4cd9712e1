from gongkai.portal.models import SiteProfile


def current_site_profile(request) -> SiteProfile | None:
    """The site profile for the request's host, else the default one (cached on the request)."""
    if request is None:
        return SiteProfile.objects.filter(host="").select_related("root_organization").first()
    if not hasattr(request, "_site_profile"):
        host = request.get_host().split(":")[0].lower()
        profiles = {p.host: p for p in SiteProfile.objects.select_related("root_organization")}
        request._site_profile = profiles.get(host) or profiles.get("") or next(iter(profiles.values()), None)
    return request._site_profile
