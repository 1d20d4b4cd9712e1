"""Mounted at /api/v1/ outside i18n_patterns (the API's URLs do not change with the language).

Every URL answers reads only (GET, HEAD, the CORS preflight OPTIONS; a JSON 405 otherwise: methods.py), and the views django-ninja makes itself
(the OpenAPI schema and its documentation page) get the endpoints' CORS and caching headers; see api.py.
"""

from functools import partial

from django.http import HttpResponse, JsonResponse
from django.urls import URLPattern, re_path

from gongkai.api import views  # noqa: F401  (registers the endpoints on `api`)
from gongkai.api.api import api, finish_read
from gongkai.api.methods import JSON, read_only
from gongkai.api.openapi import openapi_document


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
        _pattern.callback = read_only(_pattern.callback)

urlpatterns = [*_patterns, re_path(r"^(?P<path>.*)$", unknown_path, name="unknown")]
