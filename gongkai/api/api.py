"""The open API at /api/v1/ (条例第二十四条: 检索、查阅、下载; work plan §11–§13: data for new-media channels).

Read-only, public data only. Cross-cutting behaviour lives here, on the API object, so every endpoint
gets it without a global middleware:

- ETag (hash of the body) and Last-Modified (when an endpoint knows it) on every 200; a matching
  If-None-Match / If-Modified-Since gets 304 (django.utils.cache.get_conditional_response).
- CORS for reads: `Access-Control-Allow-Origin: *` on every answer (the index and the OpenAPI schema
  too, urls.py), and preflight OPTIONS answered (urls.py). A tiny, fixed policy — public data, GET
  only, no credentials — so no middleware or extra dependency (django-cors-headers) is needed; it
  cannot leak anything a browser could not fetch directly.
- `Link: <…/kfjk/#data-use>; rel="license"` on every answer: the site's 数据使用说明 (portal/datause.py).
- The OpenAPI document and Swagger UI page Chinese first, English with ?lang=en (openapi.py).
- Moments in Asia/Shanghai (+08:00), as the portal shows them (LocalTimeRenderer).
- Per-client rate limit (django-ninja throttling, by address, GONGKAI_API_RATE) with 429 and
  Retry-After.
- Errors in Chinese, as {"detail": ...}: 400 for a parameter out of its schema (ids are bounded to a
  database id, core.params.MAX_ID), 404 for an unknown or non-public object, 429, 503. Every endpoint
  declares them (ERRORS) so the OpenAPI document lists what the API really answers. A client's bad
  parameter is not logged.
"""

import datetime as dt
import hashlib

from django.conf import settings
from django.http import Http404
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext_noop
from ninja import NinjaAPI
from ninja.errors import Throttled, ValidationError
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder
from ninja.throttling import AnonRateThrottle

from gongkai.api.openapi import ChineseSwagger, data_use_url, localize
from gongkai.core.clientip import client_ip

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After, Link",
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


def finish_read(request, response, last_modified: int | None = None):
    """The headers every answer of /api/v1/ carries: CORS, and on a 200 to GET/HEAD an ETag,
    Cache-Control and Last-Modified (a matching conditional request gets 304)."""
    if request.method in ("GET", "HEAD") and response.status_code == 200:
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        response["ETag"] = etag
        response["Cache-Control"] = CACHE_CONTROL
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        response = get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
    for header, value in CORS_HEADERS.items():
        response[header] = value
    response["Link"] = f'<{data_use_url(request)}>; rel="license"'  # the site's 数据使用说明 (RFC 8288, 4946)
    return response


class LocalTimeEncoder(NinjaJSONEncoder):
    """Moments in the site's time zone (settings.TIME_ZONE, Asia/Shanghai), as the portal shows them:
    2026-12-03T07:30:00+08:00, not the database's UTC 2026-12-02T23:30:00Z, whose date part is the day
    before. The date filters (date_from, date_to) count days in the same zone."""

    def default(self, o):
        if isinstance(o, dt.datetime) and timezone.is_aware(o):
            o = timezone.localtime(o)
        return super().default(o)


class LocalTimeRenderer(JSONRenderer):
    encoder_class = LocalTimeEncoder


class GongkaiAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """django-ninja's schema with its human texts Chinese, or in the active language (openapi.py)."""
        return localize(super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params))

    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(request, data, status=status, temporal_response=temporal_response)
        return finish_read(request, response, getattr(request, "api_last_modified", None))


api = GongkaiAPI(
    title=gettext_noop("Gongkai 政府信息公开开放接口"),
    version="1",
    description=gettext_noop(
        "只读、公开的数据：机构、政府信息公开目录、政府信息（文件）、站内搜索，以及各接口所列的其他公开内容。"
        "字段名为 snake_case，长期稳定（只增不改）。分页参数 page、page_size；"
        "响应带 ETag / Last-Modified，可用 If-None-Match / If-Modified-Since 得到 304；"
        "允许跨域读取（CORS）；每个客户端地址按频率限制，超出返回 429 与 Retry-After。"
        "每个响应的 Link 头（rel=\"license\"）指向本站的数据使用说明。"
        "本文档默认为中文，加 ?lang=en 为英文。"
    ),
    urls_namespace="api",
    renderer=LocalTimeRenderer(),
    throttle=[ClientRateThrottle()],
    docs=ChineseSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


# The error answers every endpoint may give, for its `response=` declaration (and so the OpenAPI schema).
def error_responses(*codes: int) -> dict:
    from gongkai.api.schemas import Error

    return {code: Error for code in (400, 429, *codes)}


def _hint(name: str, error: dict) -> str:
    """What the parameter should look like, from its name and pydantic's error type (a year is not a date)."""
    kind = str(error.get("type", ""))
    if kind.startswith(("date", "datetime")):
        return "日期形如 2026-01-31"
    if name.endswith("year"):
        return "年份为四位数字（如 2026），且在可查询的范围内"
    if name == "page":
        return "页码为正整数，从 1 开始"
    if name == "page_size":
        return "每页条数为正整数，不超过上限"
    if kind == "string_too_long":
        return f"{name} 过长"
    if kind.startswith("string"):
        return f"{name} 须为文字，且不能包含控制字符"
    if kind.startswith(("int", "greater", "less")):
        return "编号须为正整数"
    expected = (error.get("ctx") or {}).get("expected")
    return f"{name} 可用值：{expected}" if expected else f"{name} 不是可用的值"


@api.exception_handler(ValidationError)
def bad_parameter(request, exc):
    named = sorted({(str(error["loc"][-1]), _hint(str(error["loc"][-1]), error)) for error in exc.errors
                    if error.get("loc")})
    names = sorted({name for name, _hint_text in named})
    hints = list(dict.fromkeys(hint for _name, hint in named))
    detail = "请求参数不正确：" + "、".join(names) + "。" + "；".join(hints) + "。"
    return api.create_response(request, {"detail": detail, "params": names}, status=400)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "未找到该对象，或该信息不公开。"}, status=404)


@api.exception_handler(Throttled)
def throttled(request, exc):
    # ninja adds Retry-After to what this returns.
    return api.create_response(request, {"detail": "请求过于频繁，请稍后再试。"}, status=429)
