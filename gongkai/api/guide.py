"""开放数据接口说明 (/kfjk/, /en/kfjk/): the open API's documentation as an ordinary page of the site.

Readable without JavaScript, in the site's layout and language, unlike the Swagger UI at /api/v1/docs
(which stays, for developers who want to try requests). Nothing here lists the endpoints by hand: every
operation, its summary and description, its parameters and the errors it may answer come from the API's
own OpenAPI schema (api.get_openapi_schema()), so an endpoint added to `api` appears here by itself.

The schema's texts are Chinese msgids (gettext_noop); api.get_openapi_schema() gives them in the active
language (openapi.py), and an English page would show a text without translation as it is, marked
lang="zh-Hans". The page also shows the site's 数据使用说明 (#data-use).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from gongkai.api.api import ClientRateThrottle, api
from gongkai.api.openapi import STATUS_TEXTS, in_language
from gongkai.portal import breadcrumbs as crumbs
from gongkai.portal.datause import data_use

# Example values for an example URL: path ids (a database id starts at 1) and the paging parameters.
EXAMPLE_ID = 1
EXAMPLE_QUERY = {"page": 1, "page_size": 10}

TYPE_LABELS = {
    "integer": _("整数"), "number": _("数字"), "string": _("字符串"), "boolean": _("布尔值（true/false）"),
    "array": _("数组"), "object": _("对象"),
}
FORMAT_LABELS = {"date": _("日期（YYYY-MM-DD）"), "date-time": _("日期时间（ISO 8601）")}
PLACE_LABELS = {"path": pgettext_lazy("API parameter location", "路径"),
                "query": pgettext_lazy("API parameter location", "查询")}
RATE_PERIODS = {1: _("每秒"), 60: _("每分钟"), 3600: _("每小时"), 86400: _("每天")}


@dataclass
class Text:
    """A text from the schema, translated when a translation exists; `lang` marks one left in Chinese."""

    value: str
    lang: str = ""


@dataclass
class Parameter:
    name: str
    place: str
    required: bool
    type: str
    default: str
    limits: str
    choices: list[str]
    description: Text | None


@dataclass
class Operation:
    method: str
    path: str
    anchor: str
    summary: Text
    description: Text | None
    parameters: list[Parameter]
    example_url: str
    errors: list[tuple[str, str]] = field(default_factory=list)


def translated(text: str | None) -> Text | None:
    if not text:
        return None
    value = gettext(text)
    chinese_left = value == text and not get_language().startswith("zh") and any("\u4e00" <= c <= "\u9fff" for c in text)
    return Text(value, "zh-Hans" if chinese_left else "")


def _plain(schema: dict) -> dict:
    """The non-null branch of an optional parameter's anyOf [X, null]."""
    branches = [branch for branch in schema.get("anyOf", []) if branch.get("type") != "null"]
    return {**schema, **branches[0]} if len(branches) == 1 else schema


def _resolve(schema: dict, components: dict) -> dict:
    ref = schema.get("$ref", "")
    return components.get(ref.rsplit("/", 1)[-1], schema) if ref else schema


def _type_label(schema: dict) -> str:
    if schema.get("format") in FORMAT_LABELS:
        return str(FORMAT_LABELS[schema["format"]])
    return str(TYPE_LABELS.get(schema.get("type", "string"), schema.get("type", "")))


def _limits(schema: dict) -> str:
    low, high, length = schema.get("minimum"), schema.get("maximum"), schema.get("maxLength")
    if high is not None and high >= 2**31:  # an id: bounded only by the database
        high = None
    parts = []
    if low is not None and high is not None:
        parts.append(f"{low}–{high}")
    elif low is not None:
        parts.append("≥ " + str(low))
    elif high is not None:
        parts.append("≤ " + str(high))
    if length:
        parts.append(gettext("最多 %(n)s 字") % {"n": length})
    return gettext("，").join(parts)


def _parameter(raw: dict, components: dict) -> Parameter:
    schema = _plain(_resolve(raw.get("schema", {}), components))
    schema = _plain({**schema, **_resolve(schema, components)}) if "$ref" in schema else schema
    default = schema.get("default")
    return Parameter(
        name=raw["name"], place=str(PLACE_LABELS.get(raw["in"], raw["in"])), required=bool(raw.get("required")),
        type=_type_label(schema), default="" if default in (None, "") else str(default), limits=_limits(schema),
        choices=[str(choice) for choice in schema.get("enum", []) if choice not in ("", None)],
        description=translated(raw.get("description") or schema.get("description")),
    )


def _example_url(request, path: str, parameters: list[Parameter]) -> str:
    for parameter in parameters:
        if parameter.place == str(PLACE_LABELS["path"]):
            path = path.replace("{" + parameter.name + "}", str(EXAMPLE_ID))
    names = {parameter.name for parameter in parameters}
    query = {name: value for name, value in EXAMPLE_QUERY.items() if name in names}
    return request.build_absolute_uri(path + ("?" + urlencode(query) if query else ""))


def operations(request, schema: dict) -> list[Operation]:
    """Every operation of the schema, in its order (the order the endpoints were registered)."""
    components = schema.get("components", {}).get("schemas", {})
    found = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            parameters = [_parameter(raw, components) for raw in operation.get("parameters", [])]
            parameters.sort(key=lambda p: p.place != str(PLACE_LABELS["path"]))  # path parameters first
            errors = sorted(str(code) for code in operation.get("responses", {}) if not str(code).startswith("2"))
            found.append(Operation(
                method=method.upper(), path=path, anchor=operation.get("operationId", path),
                summary=translated(operation.get("summary") or path), description=translated(operation.get("description")),
                parameters=parameters, example_url=_example_url(request, path, parameters),
                errors=[(code, gettext(STATUS_TEXTS[code]) if code in STATUS_TEXTS else "") for code in errors],
            ))
    return found


def rate_limit() -> str:
    """GONGKAI_API_RATE (e.g. 120/m) in words: 每分钟 120 次."""
    throttle = ClientRateThrottle()
    count, seconds = throttle.num_requests, throttle.duration
    if seconds in RATE_PERIODS:
        return gettext("%(period)s %(count)s 次") % {"period": RATE_PERIODS[seconds], "count": count}
    return gettext("每 %(seconds)s 秒 %(count)s 次") % {"seconds": seconds, "count": count}


@require_safe
def api_guide(request):
    schema = api.get_openapi_schema()
    found = operations(request, schema)
    return render(request, "api/guide.html", {
        "operations": found,
        "info": schema.get("info", {}),
        "index_url": request.build_absolute_uri(reverse("api_index")),
        "schema_url": request.build_absolute_uri(reverse("api:openapi-json")),
        "swagger_url": in_language(reverse("api:openapi-view"), get_language()),
        "data_use": data_use(request),
        "rate": rate_limit(),
        "example_url": next((op.example_url for op in found if "page" in {p.name for p in op.parameters}), ""),
        "breadcrumbs": crumbs.current(crumbs.home_trail(), _("开放数据接口")),
    })
