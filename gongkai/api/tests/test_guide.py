"""The 开放数据接口 page (/kfjk/): the open API's documentation, server-rendered from its OpenAPI schema."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from gongkai.api.api import api
from gongkai.api.guide import Text, translated

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")


def _operations():
    return [(method.upper(), path, operation) for path, methods in api.get_openapi_schema()["paths"].items()
            for method, operation in methods.items()]


def test_the_page_lists_every_endpoint_of_the_schema_without_javascript(client):
    response = client.get(reverse("api_guide:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "<script" not in html
    assert "<h1>开放数据接口</h1>" in html
    for heading in ("使用说明", "供开发者使用", "接口一览", "接口说明"):
        assert f">{heading}</h2>" in html
    operations = _operations()
    assert len(operations) >= 18  # the API's own and the other apps' (lists, mailbox, policies, …)
    for method, path, operation in operations:  # a new endpoint appears by itself
        assert f'<span class="api-method">{method}</span> <code>{path}</code>' in html, path
        assert f">{operation['summary']}</h3>" in html, path
    # Parameters with their type and whether required; an example request; the schema and Swagger UI.
    assert "<th scope=\"row\"><code>page_size</code></th>" in html and "整数（1–100）" in html
    assert "http://testserver/api/v1/documents/1" in html
    assert "http://testserver/api/v1/organizations?page=1&amp;page_size=10" in html
    assert 'href="http://testserver/api/v1/openapi.json"' in html and f'href="{reverse("api:openapi-view")}"' in html
    assert "每个客户端地址每分钟 120 次" in html  # GONGKAI_API_RATE


def test_every_operation_has_a_chinese_summary_with_an_english_translation():
    for _method, path, operation in _operations():
        summary = operation.get("summary", "")
        assert CJK.search(summary), f"{path}: no Chinese summary (summary=gettext_noop(...))"
        with translation.override("en"):
            assert not CJK.search(translation.gettext(summary)), f"{path}: {summary} has no English translation"


def test_the_english_page_is_in_english(client, settings):
    settings.GONGKAI_API_RATE = "30/h"
    html = client.get("/en/kfjk/").content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Open data API</h1>" in html and ">Endpoints</h2>" in html
    assert ">Organizations</h3>" in html and "30 requests per hour" in html
    assert ">机构列表</h3>" not in html
    assert "<span>Only the nodes of this organization</span>" in html  # a parameter's description
    # A schema text without a translation would stay Chinese, marked as such for screen readers.
    with translation.override("en"):
        assert translated("没有译文的说明") == Text("没有译文的说明", "zh-Hans")
        assert translated("只列出该机构的栏目") == Text("Only the nodes of this organization", "")


def test_footer_and_site_map_link_the_page(client):
    url = reverse("api_guide:index")
    for page in (reverse("portal:home"), reverse("portal:site_map")):
        html = client.get(page).content.decode()
        assert f'<a href="{url}">开放数据接口</a>' in html, page
        assert f'<a href="{reverse("api:openapi-view")}">' not in html, page


def test_the_swagger_ui_and_the_schema_stay_available(client):
    assert client.get("/api/v1/docs").status_code == 200
    assert client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/organizations"]["get"]["summary"] == "机构列表"


@pytest.mark.django_db
def test_the_api_index_names_the_chinese_guide_beside_the_swagger_page(client):
    """A developer who starts at /api/v1/ finds the readable documentation page, not only Swagger."""
    index = client.get("/api/v1/").json()
    assert index["guide"].endswith("/kfjk/")
    assert client.get(index["guide"]).status_code == 200
    assert index["docs"].endswith("/api/v1/docs")
