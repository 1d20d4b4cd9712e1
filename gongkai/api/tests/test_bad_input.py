"""Bad parameters get 400/404 with a Chinese message, never a 500, and are not logged as errors
(issue #19, item 6)."""

import logging

import pytest

pytestmark = pytest.mark.django_db

HUGE = "9999999999999999999"


@pytest.mark.parametrize("url", [
    f"/api/v1/catalog-nodes?organization={HUGE}",
    f"/api/v1/documents?org={HUGE}",
    f"/api/v1/documents?node={HUGE}",
    "/api/v1/search?org=-1",
    "/api/v1/search?org=x",
    "/api/v1/documents?page=0",
    f"/api/v1/documents?page={HUGE}",
    "/api/v1/documents?page_size=1000",
    "/api/v1/search?q=" + "长" * 2000,
])
def test_a_bad_parameter_is_a_400_in_chinese(client, url, caplog):
    with caplog.at_level(logging.INFO):
        response = client.get(url)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith("请求参数不正确") and body["params"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not [r for r in caplog.records if r.exc_info]


@pytest.mark.parametrize("url", [f"/api/v1/organizations/{HUGE}", f"/api/v1/documents/{HUGE}",
                                 f"/api/v1/catalog-nodes/{HUGE}", "/api/v1/organizations/123456"])
def test_an_unknown_id_is_a_400_or_404_in_chinese(client, url):
    response = client.get(url)
    assert response.status_code in (400, 404)
    assert "未找到" in response.json()["detail"] or "请求参数不正确" in response.json()["detail"]


def test_the_openapi_schema_lists_the_errors_the_api_gives(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path, operations in paths.items():
        answers = operations["get"]["responses"]
        assert {"200", "400", "429"} <= set(answers), path
        if "{" in path:
            assert "404" in answers, path
    assert "503" in paths["/api/v1/search"]["get"]["responses"]


def test_too_many_requests_are_answered_in_chinese(client, settings):
    settings.GONGKAI_API_RATE = "1/m"
    client.get("/api/v1/organizations", REMOTE_ADDR="192.0.2.44")
    response = client.get("/api/v1/organizations", REMOTE_ADDR="192.0.2.44")
    assert response.status_code == 429 and "频繁" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0
