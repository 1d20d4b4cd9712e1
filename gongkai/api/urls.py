"""Mounted at /api/v1/ outside i18n_patterns (the API's URLs do not change with the language).

Every URL also answers a CORS preflight (OPTIONS) for reads; see api.py.
"""

from functools import wraps

from django.http import HttpResponse
from django.urls import URLPattern

from gongkai.api import views  # noqa: F401  (registers the endpoints on `api`)
from gongkai.api.api import PREFLIGHT_HEADERS, api


def _answers_preflight(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            for header, value in PREFLIGHT_HEADERS.items():
                response[header] = value
            return response
        return view(request, *args, **kwargs)

    return wrapped


_patterns, _ninja_app_name, _namespace = api.urls
app_name = _namespace  # "api": reverse("api:openapi-json") and friends
for _pattern in _patterns:
    if isinstance(_pattern, URLPattern):
        _pattern.callback = _answers_preflight(_pattern.callback)

urlpatterns = _patterns
