"""The OpenAPI document of /api/v1/ and its Swagger UI page, Chinese first.

django-ninja writes the schema's human texts in English where the code gives none (the responses' "OK",
"Bad Request", …) and titles every field after its name ("Page Size"). Here they become what a citizen
or a journalist reads: Chinese response descriptions, a Chinese description for every tag, no
name-derived English titles. The texts the endpoints give (summary, description, each parameter's and
field's description) are Chinese msgids marked with gettext_noop, so the same document can be given in
English: `/api/v1/openapi.json?lang=en` (and the Swagger UI page `/api/v1/docs?lang=en`, which reads it).
Without `lang` the document is Chinese, whatever the client's Accept-Language: the API's URLs sit
outside the site's language prefix (/en/), and one URL gives one document (cacheable, one ETag).

Only human text changes between languages; paths, operation ids, parameter names, tag names, component
names and every field are the same, so a client generated from either document is the same client.
"""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from ninja.openapi.docs import Swagger
from ninja.responses import Response

from gongkai.portal.datause import data_use
from gongkai.portal.sites import current_site_profile

LANGUAGE_PARAMETER = "lang"
MAX_LANGUAGE_CHARS = 20

# Response descriptions by status code (django-ninja's are http.client's English reason phrases).
STATUS_TEXTS = {
    "200": gettext_noop("成功"), "400": gettext_noop("参数不正确"),
    "404": gettext_noop("对象不存在或不公开"), "429": gettext_noop("请求过于频繁"), "503": gettext_noop("搜索服务暂时不可用"),
}
DATA_USE_TITLE = gettext_noop("数据使用说明")
TRANSLATED_KEYS = ("summary", "description")

_TAGS: dict[str, str] = {}


def describe_tag(name: str, description: str) -> list[str]:
    """Give a tag its Chinese description (a gettext_noop msgid); returns `[name]` for `tags=`.
    Each app that registers endpoints describes its tags, so the document describes every tag it uses."""
    _TAGS[name] = description
    return [name]


def choices_description(intro: str, choices, after: str = ""):
    """`json_schema_extra` for a field whose description lists its values with their labels
    ("类别：a（甲）、b（乙）"), written when the schema is made, in its language. `intro` and `after` are
    gettext_noop msgids; `choices` is a Django `choices` list or a function giving one."""

    def extra(schema: dict) -> None:
        listed = gettext("、").join(gettext("%(value)s（%(label)s）") % {"value": value, "label": label}
                                   for value, label in (choices() if callable(choices) else choices))
        schema["description"] = gettext(intro) + listed + (gettext(after) if after else "")

    return extra


def requested_language(request) -> str:
    """The language asked for with ?lang= (en, zh-hans, zh-CN…), else the site's default (Chinese)."""
    asked = request.GET.get(LANGUAGE_PARAMETER, "")[:MAX_LANGUAGE_CHARS].strip().lower()
    try:
        return translation.get_supported_language_variant(asked) if asked else settings.LANGUAGE_CODE
    except LookupError:
        return settings.LANGUAGE_CODE


def in_language(url: str, language: str) -> str:
    """`url` (without a query) asking for `language`; the default language needs no parameter."""
    return url if language == settings.LANGUAGE_CODE else f"{url}?{LANGUAGE_PARAMETER}={language}"


def _translate_texts(node) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TRANSLATED_KEYS and isinstance(value, str):
                node[key] = gettext(value)
            else:
                _translate_texts(value)
    elif isinstance(node, list):
        for value in node:
            _translate_texts(value)


def _drop_field_titles(schema: dict) -> None:
    """pydantic titles every field after its name ("page_size" → "Page Size"): English that says nothing
    the name does not. The components keep their titles (their names)."""
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                parameter.get("schema", {}).pop("title", None)
    for component in schema.get("components", {}).get("schemas", {}).values():
        for field in component.get("properties", {}).values():
            field.pop("title", None)


def localize(schema: dict) -> dict:
    """The schema (django-ninja's) with its human texts Chinese, or in the active language."""
    used = []
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            for code, response in operation.get("responses", {}).items():
                response["description"] = STATUS_TEXTS.get(str(code), response.get("description", ""))
            used += [tag for tag in operation.get("tags", []) if tag not in used]
    schema["tags"] = [{"name": tag, **({"description": _TAGS[tag]} if tag in _TAGS else {})} for tag in used]
    _drop_field_titles(schema)
    if translation.get_language() != settings.LANGUAGE_CODE:
        _translate_texts(schema)
        schema["info"]["title"] = gettext(schema["info"]["title"])
    return schema


def data_use_url(request) -> str:
    """Where the site's data-use statement is shown: its section of the guide page (in the active language)."""
    return request.build_absolute_uri(reverse("api_guide:index")) + "#data-use"


def add_data_use(request, schema: dict) -> dict:
    """The site's data-use statement in the document's info: as its licence (a link to the statement)
    and at the end of its description."""
    statement = data_use(request)
    info = schema["info"]
    info["license"] = {"name": gettext(DATA_USE_TITLE), "url": data_use_url(request)}
    info["description"] = f"{info.get('description', '')}\n\n### {gettext(DATA_USE_TITLE)}\n\n{statement.text}"
    info["x-source"] = {"name": statement.site_name, "url": statement.site_url}
    return schema


def openapi_document(request, api, **kwargs):
    """/api/v1/openapi.json: the schema in the language asked for, with the site's data-use statement."""
    language = requested_language(request)
    with translation.override(language):
        schema = add_data_use(request, api.get_openapi_schema(path_params=kwargs))
    response = Response(schema)
    response["Content-Language"] = language
    return response


class ChineseSwagger(Swagger):
    """/api/v1/docs: Swagger UI from the local static files (ninja is an installed app: no CDN), in a
    page whose title and chrome are in the language asked for, reading the document in that language.
    Swagger UI's own buttons ("Try it out", "Execute") have no translations and stay English."""

    template = "api/swagger.html"
    default_settings = {**Swagger.default_settings, "validatorUrl": None}  # no badge from swagger.io

    def render_page(self, request, api, **kwargs):
        language = requested_language(request)
        other = "en" if language == settings.LANGUAGE_CODE else settings.LANGUAGE_CODE
        docs_url = request.path
        with translation.override(language):
            profile = current_site_profile(request)
            response = render(request, self.template, {
                "swagger_settings": {**self.settings, "url": in_language(self.get_openapi_url(api, kwargs), language)},
                "site_name": profile.name if profile else "",
                "guide_url": reverse("api_guide:index"),
                "data_use_url": reverse("api_guide:index") + "#data-use",
                "language": language,
                "other_language": other,
                "other_url": in_language(docs_url, other),
            })
        response["Content-Language"] = language
        return response
