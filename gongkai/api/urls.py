"""Mounted at /api/v1/ outside i18n_patterns (the API's URLs do not change with the language).

Every URL also answers a CORS preflight (OPTIONS) for reads, and the views django-ninja makes itself
(the OpenAPI schema and its documentation page) get the endpoints' CORS and caching headers; see api.py.
"""

from functools import partial, wraps

from django.http import HttpResponse, JsonResponse
from django.urls import URLPattern, re_path

from gongkai.api import views  # noqa: F401  (registers the endpoints on `api`)
from gongkai.api.api import CORS_HEADERS, PREFLIGHT_HEADERS, api, finish_read
from gongkai.api.openapi import openapi_document


def _answers_preflight(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            for header, value in PREFLIGHT_HEADERS.items():
                response[header] = value
            return response
        head = request.method == "HEAD"
        if head:  # django-ninja routes GET only (a HEAD was a 405): answered as the GET, the server drops the body
            request.method = "GET"
        try:
            response = view(request, *args, **kwargs)
        finally:
            if head:
                request.method = "HEAD"
        if response.status_code == 405:  # django-ninja answers an English text/html "Method not allowed"
            response = _method_not_allowed(response)
        if not all(response.has_header(header) for header in CORS_HEADERS):  # not made by api.create_response
            response = finish_read(request, response)
        return response

    return wrapped


JSON = "application/json; charset=utf-8"


def _method_not_allowed(response):
    allowed = response.get("Allow", "GET")
    answer = JsonResponse({"detail": f"开放接口只读，该地址只接受 {allowed} 请求。"}, status=405,
                          json_dumps_params={"ensure_ascii": False}, content_type=JSON)
    answer["Allow"] = allowed
    return answer


def unknown_path(request, path=""):
    """Any other address under /api/v1/: a JSON 404 with the CORS headers (a script reading the API gets an
    answer it can parse and read), not the site's HTML error page."""
    if request.method == "OPTIONS":
        response = HttpResponse(status=404)
    else:
        response = JsonResponse({"detail": "开放接口没有这个地址，可用的接口见 /api/v1/。"}, status=404,
                                json_dumps_params={"ensure_ascii": False}, content_type=JSON)
    return finish_read(request, response)


_patterns, _ninja_app_name, _namespace = api.urls
app_name = _namespace  # "api": reverse("api:openapi-json") and friends
for _pattern in _patterns:
    if isinstance(_pattern, URLPattern) and _pattern.name == "openapi-json":
        # The document in the language asked for, with the site's data-use statement (openapi.py).
        _pattern.callback = partial(openapi_document, api=api)
    if isinstance(_pattern, URLPattern):
        _pattern.callback = _answers_preflight(_pattern.callback)

urlpatterns = [*_patterns, re_path(r"^(?P<path>.*)$", unknown_path, name="unknown")]
