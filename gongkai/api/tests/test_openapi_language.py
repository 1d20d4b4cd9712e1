"""The OpenAPI document and its Swagger UI page read Chinese first, and English with ?lang=en."""

import re

import pytest
from django.utils import translation

from gongkai.api.api import api
from gongkai.search import kinds

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")
HUMAN_KEYS = ("summary", "description")


def _texts(node, found=None) -> list[str]:
    """Every summary and description string of a schema."""
    found = [] if found is None else found
    if isinstance(node, dict):
        for key, value in node.items():
            if key in HUMAN_KEYS and isinstance(value, str):
                found.append(value)
            else:
                _texts(value, found)
    elif isinstance(node, list):
        for value in node:
            _texts(value, found)
    return found


def _operations(schema):
    return [(path, operation) for path, methods in schema["paths"].items() for operation in methods.values()]


def _shape(schema) -> dict:
    """What a generated client depends on: paths, operation ids, parameters, tags, fields."""
    return {
        "operations": sorted((path, op["operationId"], tuple(op["tags"]),
                              tuple(sorted((p["name"], p["in"], p.get("required", False)) for p in op.get("parameters", []))),
                              tuple(sorted(op["responses"])))
                             for path, op in _operations(schema)),
        "components": {name: sorted(component.get("properties", {})) for name, component in
                       schema["components"]["schemas"].items()},
        "tags": [tag["name"] for tag in schema["tags"]],
    }


def test_the_document_speaks_chinese_where_django_ninja_wrote_english(client):
    from openapi_spec_validator import validate

    response = client.get("/api/v1/openapi.json")
    schema = response.json()
    validate(schema)
    assert response["Content-Language"] == "zh-hans"
    responses = [(code, answer["description"]) for _path, op in _operations(schema) for code, answer in op["responses"].items()]
    assert ("200", "成功") in responses and ("404", "对象不存在或不公开") in responses and ("429", "请求过于频繁") in responses
    assert not [text for _code, text in responses if not CJK.search(text)]  # no "OK", "Bad Request"
    # Every tag an operation uses is described, in Chinese.
    described = {tag["name"]: tag.get("description", "") for tag in schema["tags"]}
    assert {tag for _path, op in _operations(schema) for tag in op["tags"]} == set(described)
    assert all(CJK.search(text) for text in described.values()), described
    # No English titles made from the field names ("Page Size").
    page_size = next(p for p in schema["paths"]["/api/v1/documents"]["get"]["parameters"] if p["name"] == "page_size")
    assert "title" not in page_size["schema"] and page_size["description"] == "每页条数"
    assert not [name for component in schema["components"]["schemas"].values()
                for name, field in component.get("properties", {}).items() if "title" in field]


def test_every_text_of_the_document_has_an_english_translation():
    """A Chinese summary or description needs its msgid (gettext_noop) and an English msgstr."""
    chinese = _texts(api.get_openapi_schema())
    with translation.override("en"):
        english = _texts(api.get_openapi_schema())
    assert len(chinese) == len(english)
    missing = [zh for zh, en in zip(chinese, english, strict=True) if CJK.search(zh) and en == zh]
    assert not missing, missing


def test_the_english_document_has_the_same_shape_and_english_texts(client):
    from openapi_spec_validator import validate

    chinese = client.get("/api/v1/openapi.json").json()
    response = client.get("/api/v1/openapi.json?lang=en")
    english = response.json()
    validate(english)
    assert response["Content-Language"] == "en"
    assert _shape(english) == _shape(chinese)  # only the human texts change
    assert english["paths"]["/api/v1/organizations"]["get"]["summary"] == "Organizations"
    assert english["paths"]["/api/v1/organizations"]["get"]["responses"]["200"]["description"] == "Success"
    assert english["info"]["license"]["name"] == "Data use statement"
    assert not CJK.search(english["info"]["title"])
    assert not CJK.search(next(t["description"] for t in english["tags"] if t["name"] == "documents"))
    # An unknown language gives the default document, not an error.
    assert client.get("/api/v1/openapi.json?lang=xx").json()["paths"] == chinese["paths"]
    assert client.get("/api/v1/openapi.json?lang=" + "e" * 5000).status_code == 200


def test_the_type_parameter_lists_every_kind_registered_by_the_apps(client):
    """The values of `type` are read when the document is made: kinds registered by apps that load after
    the API's views (涉企政策, 清单, …) are listed too, with their labels in the document's language."""
    for path in ("/api/v1/documents", "/api/v1/search"):
        parameters = client.get("/api/v1/openapi.json").json()["paths"][path]["get"]["parameters"]
        allowed = next(p for p in parameters if p["name"] == "type")
        assert set(allowed["schema"]["enum"]) == {"", *kinds.LABELS}, path
        assert "enterprise_policy（涉企政策）" in allowed["description"]
    english = client.get("/api/v1/openapi.json?lang=en").json()["paths"]["/api/v1/documents"]["get"]["parameters"]
    assert "normative (Normative documents)" in next(p for p in english if p["name"] == "type")["description"]


def test_the_swagger_page_is_chinese_with_local_assets(client):
    html = client.get("/api/v1/docs").content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "<title>开放数据接口文档（Swagger UI）" in html and "<h1>开放数据接口文档（Swagger UI）</h1>" in html
    assert '<a href="/kfjk/">接口说明（无需 JavaScript）</a>' in html and 'href="/kfjk/#data-use"' in html
    assert 'href="/api/v1/docs?lang=en"' in html
    # Swagger UI from the site's own static files, no CDN, and no validator badge fetched from swagger.io.
    assert '<script src="/static/ninja/swagger-ui-bundle.js">' in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert '"url": "/api/v1/openapi.json"' in html and '"validatorUrl": null' in html


def test_the_swagger_page_in_english_reads_the_english_document(client):
    html = client.get("/api/v1/docs?lang=en").content.decode()
    assert '<html lang="en">' in html and "<h1>Open data API documentation (Swagger UI)</h1>" in html
    assert '"url": "/api/v1/openapi.json?lang=en"' in html
    assert '<a href="/en/kfjk/">API guide (no JavaScript needed)</a>' in html
    assert 'href="/api/v1/docs" hreflang="zh-Hans" lang="zh-Hans">中文</a>' in html
