from django.conf import settings
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from gongkai.core.params import BadParameter
from gongkai.core.preferences import COOKIE_NAME, DisplayPreferences


class DisplayPreferencesMiddleware:
    """Attach the reader's display preferences to the request (request.display)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.display = DisplayPreferences.from_cookie(request.COOKIES.get(COOKIE_NAME))
        return self.get_response(request)


class BadParameterMiddleware:
    """A query parameter a view refused (core.params.BadParameter): the Chinese 400 page, without the
    traceback Django would log for an uncaught BadRequest — a client's typo is not the site's error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, BadParameter):
            return render(request, "400.html", status=400)
        return None


class NoStoreForStaffMiddleware:
    """Every answer to a logged-in user carries Cache-Control: no-store (add_never_cache_headers).

    Staff pages show personal data, and so may their downloads, error pages and the portal pages a
    logged-in user sees; no browser or proxy cache may keep any of them. Anonymous visitors without a
    session cookie are not looked up (their public pages stay cacheable, without Vary: Cookie).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            add_never_cache_headers(response)
        return response
