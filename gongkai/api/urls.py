"""Mounted at /api/v1/ outside i18n_patterns (the API's URLs do not change with the language).

Every URL also answers a CORS preflight (OPTIONS) for reads, and the views django-ninja makes itself
(the OpenAPI schema and its documentation page) get the endpoints' CORS and caching headers; see api.py.
"""

from functools import partial, wraps

from django.http import HttpResponse
from django.urls import URLPattern

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
        response = view(request, *args, **kwargs)
        if not all(response.has_header(header) for header in CORS_HEADERS):  # not made by api.create_response
            response = finish_read(request, response)
        return response

    return wrapped


_patterns, _ninja_app_name, _namespace = api.urls
app_name = _namespace  # "api": reverse("api:openapi-json") and friends
for _pattern in _patterns:
    if isinstance(_pattern, URLPattern) and _pattern.name == "openapi-json":
        # The document in the language asked for, with the site's data-use statement (openapi.py).
        _pattern.callback = partial(openapi_document, api=api)
    if isinstance(_pattern, URLPattern):
        _pattern.callback = _answers_preflight(_pattern.callback)

urlpatterns = _patterns
