"""HTTP caching of anonymous pages (docs/decisions/0007-page-cache.md).

An anonymous page is the same bytes for every anonymous visitor of a site and language: it sets no
cookie and carries no CSRF token (the display and language switches are links, not forms). This
middleware, placed first so that it sees the final headers, marks such responses

- `Cache-Control: public, max-age=0, must-revalidate` with an `ETag` (If-None-Match answers 304), so
  browsers and caches keep the page but ask again each time: a withdrawn item never lingers;
- without `Vary: Cookie` and `Vary: Accept-Language`: the language comes from the URL path alone
  (i18n_patterns without a prefix for Chinese), and an anonymous visitor has no session. The only
  cookie that changes the bytes is the display preference (字号/长者模式); a page rendered with it is
  `private` and never stored. Revalidation with the ETag keeps every cache correct for it;

and, when GONGKAI_PAGE_CACHE_DIR is set, writes it as a static file for nginx (core.pagecache).

Anything else is left alone: staff (a session cookie), POST, error statuses, responses that set a
cookie or used a CSRF token (the 依申请公开 application form) and streaming responses; views that set
their own Cache-Control (the API) keep it.
"""

import time

from django.conf import settings
from django.utils.cache import get_conditional_response, set_response_etag

from gongkai.core import pagecache
from gongkai.core.preferences import COOKIE_NAME

CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml",
                   "application/json")
STRIPPED_VARY = {"cookie", "accept-language"}


def is_anonymous_request(request) -> bool:
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def public_response(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_USED"):
        return False
    kind = response.get("Content-Type", "").split(";")[0].strip().lower()
    return kind in CACHEABLE_TYPES


def _strip_vary(response) -> None:
    if not response.has_header("Vary"):
        return
    kept = [v.strip() for v in response["Vary"].split(",") if v.strip() and v.strip().lower() not in STRIPPED_VARY]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


class PublicCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.time_ns()
        response = self.get_response(request)
        if not is_anonymous_request(request) or not public_response(request, response):
            return response
        _strip_vary(response)
        if response.has_header("Cache-Control"):  # the view decided (the API, downloads)
            return response
        personal = bool(request.COOKIES.get(COOKIE_NAME))
        response["Cache-Control"] = f"{'private' if personal else 'public'}, max-age=0, must-revalidate"
        set_response_etag(response)
        if not personal and not request.META.get("QUERY_STRING") and pagecache.enabled():
            path = request.path
            if pagecache.storable(path, response["Content-Type"]):
                pagecache.store(request.get_host().split(":")[0].lower(), path, response.content, started)
        return get_conditional_response(request, etag=response["ETag"], response=response)
