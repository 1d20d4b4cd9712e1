import functools

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from gongkai.core.params import BadParameter, path_numbers_in_range
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
    traceback Django would log for an uncaught BadRequest — a client's typo is not the site's error.
    A number in the path past any database id: 404 before the view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not path_numbers_in_range(view_kwargs):
            raise Http404
        return None

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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the site-wide policy built once per process.

    The policy comes from settings alone unless a view changed it for its response (csp_update and the
    like) or a nonce was asked for; only then is it built per response, by django-csp itself."""

    _PER_RESPONSE = ("_csp_config", "_csp_update", "_csp_replace", "_csp_config_ro", "_csp_update_ro",
                     "_csp_replace_ro", "_csp_exempt", "_csp_exempt_ro")

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
                hasattr(response, name) for name in self._PER_RESPONSE) or settings.DEBUG:
            return super().process_response(request, response)
        headers = _site_policy_headers()
        for header, (value, excluded) in headers.items():
            if value and header not in response and not request.path_info.startswith(excluded):
                response[header] = value
        # As django-csp does: a nonce asked for after the header was written is an error, not a silent gap.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


@functools.cache
def _site_policy_headers() -> dict:
    """{header: (policy, excluded path prefixes)} from settings (built once per process)."""
    built = {}
    for header, setting, report_only in ((HEADER, "CONTENT_SECURITY_POLICY", False),
                                         (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", True)):
        policy = getattr(settings, setting, None) or {}
        built[header] = (build_policy(report_only=report_only),
                         tuple(policy.get("EXCLUDE_URL_PREFIXES", None) or ()))
    return built


@receiver(setting_changed)
def _forget_site_policy(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):  # override_settings in tests
        _site_policy_headers.cache_clear()
