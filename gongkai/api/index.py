"""/api/v1/ itself: what the open API offers (its documentation, the OpenAPI schema, each endpoint's path)
and the site's data-use statement (数据使用说明: the text, where it is shown, the source to cite), with the
same CORS and caching headers as every endpoint."""

from django.http import JsonResponse
from django.urls import get_resolver, reverse

from gongkai.api.api import api, finish_read
from gongkai.api.methods import read_only
from gongkai.api.openapi import data_use_url
from gongkai.portal.datause import data_use

SCHEMA_VIEWS = ("openapi-json", "openapi-view", "unknown")  # and the JSON 404 of other paths (urls.py)


@read_only  # GET, HEAD, the CORS preflight; a JSON 405 otherwise, as every address under /api/v1/
def api_index(request):
    prefix, resolver = get_resolver().namespace_dict[api.urls_namespace]
    statement = data_use(request)
    endpoints = sorted({f"/{prefix}{pattern.pattern}" for pattern in resolver.url_patterns
                        if str(pattern.pattern) and pattern.name not in SCHEMA_VIEWS})
    response = JsonResponse({
        "name": "Gongkai 政府信息公开开放接口",
        "version": "v1",
        "guide": request.build_absolute_uri(reverse("api_guide:index")),  # the server-rendered Chinese page
        "docs": request.build_absolute_uri(reverse("api:openapi-view")),
        "openapi": request.build_absolute_uri(reverse("api:openapi-json")),
        "endpoints": endpoints,
        "data_use": {"statement": statement.text, "url": data_use_url(request),
                     "source": {"name": statement.site_name, "url": statement.site_url}},
    }, json_dumps_params={"ensure_ascii": False})
    return finish_read(request, response)
