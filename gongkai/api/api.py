"""The open API at /api/v1/ (条例第二十四条: 检索、查阅、下载; work plan §11–§13: data for new-media channels).

Read-only, public data only. Cross-cutting behaviour lives here, on the API object, so every endpoint
gets it without a global middleware:

- ETag (hash of the body) and Last-Modified (when an endpoint knows it) on every 200; a matching
  If-None-Match / If-Modified-Since gets 304 (django.utils.cache.get_conditional_response).
- CORS for reads: `Access-Control-Allow-Origin: *` on every answer, and preflight OPTIONS answered
  (urls.py). A tiny, fixed policy — public data, GET only, no credentials — so no middleware or
  extra dependency (django-cors-headers) is needed; it cannot leak anything a browser could not
  fetch directly.
- Per-client rate limit (django-ninja throttling, by address, GONGKAI_API_RATE) with 429 and
  Retry-After.
"""

import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from ninja import NinjaAPI
from ninja.throttling import AnonRateThrottle

from gongkai.core.clientip import client_ip

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After",
}
PREFLIGHT_HEADERS = {
    **CORS_HEADERS,
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Accept-Language, If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}
CACHE_CONTROL = "public, max-age=60"


class ClientRateThrottle(AnonRateThrottle):
    """Requests per client address; the rate is read from settings on each request."""

    def __init__(self):
        super().__init__(settings.GONGKAI_API_RATE)

    def get_ident(self, request) -> str:
        # Not ninja's default, which believes any X-Forwarded-For: only a trusted proxy's (core.clientip).
        return client_ip(request)

    def allow_request(self, request) -> bool:
        if self.rate != settings.GONGKAI_API_RATE:
            self.rate = settings.GONGKAI_API_RATE
            self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


def set_last_modified(request, moment) -> None:
    """Endpoints call this with the newest change among what they return (a datetime or None)."""
    if moment is not None:
        request.api_last_modified = int(moment.timestamp())


class GongkaiAPI(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(request, data, status=status, temporal_response=temporal_response)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            last_modified = getattr(request, "api_last_modified", None)
            response["ETag"] = etag
            response["Cache-Control"] = CACHE_CONTROL
            if last_modified is not None:
                response["Last-Modified"] = http_date(last_modified)
            response = get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
        for header, value in CORS_HEADERS.items():
            response[header] = value
        return response


api = GongkaiAPI(
    title="Gongkai 政府信息公开开放接口",
    version="1",
    description=(
        "只读、公开的数据：机构、政府信息公开目录、政府信息（文件）及站内搜索。"
        "字段名为 snake_case，长期稳定（只增不改）。分页参数 page、page_size；"
        "响应带 ETag / Last-Modified，可用 If-None-Match / If-Modified-Since 得到 304；"
        "允许跨域读取（CORS）；每个客户端地址按频率限制，超出返回 429 与 Retry-After。"
    ),
    urls_namespace="api",
    throttle=[ClientRateThrottle()],
    docs_url="/docs",
    openapi_url="/openapi.json",
)
