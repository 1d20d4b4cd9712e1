from gongkai.portal import fragments
from gongkai.portal.models import SiteProfile


def _profiles() -> dict:
    """Every site profile by host, from the fragment cache (a profile change starts a new generation).
    Shared: every request of a process reads the same instances, which nothing changes."""
    return fragments.cached("site-profiles", timed=False, shared=True, compute=lambda: {
        profile.host: profile for profile in SiteProfile.objects.select_related("root_organization")})


def current_site_profile(request) -> SiteProfile | None:
    """The site profile for the request's host, else the default one (cached on the request)."""
    if request is None:
        return _profiles().get("")
    if not hasattr(request, "_site_profile"):
        host = request.get_host().split(":")[0].lower()
        profiles = _profiles()
        request._site_profile = profiles.get(host) or profiles.get("") or next(iter(profiles.values()), None)
    return request._site_profile
