"""The site's 数据使用说明 (data-use statement) with its open data: the API, its documents and pages, the feeds."""

import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache

from gongkai.portal.models import SiteProfile

pytestmark = pytest.mark.django_db

LICENSE_LINK = '<http://testserver/kfjk/#data-use>; rel="license"'


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def profile(org):
    return SiteProfile.objects.create(name="沂源县人民政府", root_organization=org)


def test_the_default_statement_names_the_site_and_its_address(client, profile):
    index = client.get("/api/v1/").json()
    statement = index["data_use"]["statement"]
    assert "《中华人民共和国政府信息公开条例》" in statement
    assert "注明来源“沂源县人民政府”及网址 http://testserver/" in statement
    assert "不得以任何方式暗示此类认可" in statement and "不提供申请人、留言人的姓名" in statement
    assert index["data_use"]["source"] == {"name": "沂源县人民政府", "url": "http://testserver/"}
    assert index["data_use"]["url"] == "http://testserver/kfjk/#data-use"


def test_every_answer_links_the_statement_as_its_licence(client, profile, org):
    for url in ("/api/v1/", "/api/v1/organizations", f"/api/v1/organizations/{org.id}", "/api/v1/documents/999999",
                "/api/v1/documents?page=0", "/api/v1/openapi.json"):
        response = client.get(url)
        assert response["Link"] == LICENSE_LINK, url
        assert "Link" in response["Access-Control-Expose-Headers"], url  # readable by a news site's script
    # The envelopes themselves are unchanged: existing clients read the same fields.
    assert set(client.get("/api/v1/organizations").json()) == {"count", "page", "page_size", "next", "previous", "results"}


def test_the_openapi_document_carries_the_statement(client, profile):
    info = client.get("/api/v1/openapi.json").json()["info"]
    assert info["license"] == {"name": "数据使用说明", "url": "http://testserver/kfjk/#data-use"}
    assert "### 数据使用说明" in info["description"] and "注明来源“沂源县人民政府”" in info["description"]
    english = client.get("/api/v1/openapi.json?lang=en").json()["info"]
    assert english["license"] == {"name": "Data use statement", "url": "http://testserver/en/kfjk/#data-use"}
    assert "citing the source “沂源县人民政府” and the address http://testserver/" in english["description"]


def test_the_guide_page_shows_the_statement_in_the_interface_language(client, profile):
    html = client.get("/kfjk/").content.decode()
    assert '<section class="api-data-use" id="data-use" aria-labelledby="data-use-title">' in html
    assert '<h2 id="data-use-title">数据使用说明</h2>' in html and "注明来源“沂源县人民政府”" in html
    english = client.get("/en/kfjk/").content.decode()
    assert '<h2 id="data-use-title">Data use statement</h2>' in english
    assert "Anyone may obtain, republish and reuse it free of charge" in english


def test_a_site_may_write_its_own_statement(client, profile):
    profile.data_use_statement = "本站信息可自由转载，请注明来源“沂源县人民政府网站”。\n<b>不含个人信息</b>。"
    profile.save()
    assert client.get("/api/v1/").json()["data_use"]["statement"] == profile.data_use_statement
    assert client.get("/api/v1/openapi.json").json()["info"]["description"].endswith(profile.data_use_statement)
    # Shown as written, escaped, and marked Chinese on the English page.
    english = client.get("/en/kfjk/").content.decode()
    assert '<p lang="zh-Hans">本站信息可自由转载，请注明来源“沂源县人民政府网站”。<br>&lt;b&gt;不含个人信息&lt;/b&gt;。</p>' in english
    rss = ET.fromstring(client.get("/feeds/latest.rss").content)
    assert rss.find("channel").findtext("copyright") == profile.data_use_statement


def test_without_a_site_profile_the_statement_still_names_the_address(client):
    statement = client.get("/api/v1/").json()["data_use"]["statement"]
    assert "政府信息公开平台" in statement and "http://testserver/" in statement
