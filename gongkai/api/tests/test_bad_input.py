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


@pytest.mark.parametrize("url, param", [
    ("/api/v1/documents?topic=99", "topic"), ("/api/v1/documents?topic=%00", "topic"),
    ("/api/v1/documents?doc_type=a%00", "doc_type"), ("/api/v1/documents?doc_type=便条", "doc_type"),
    ("/api/v1/documents?validity=%00", "validity"), ("/api/v1/documents?validity=有效", "validity"),
    ("/api/v1/search?q=政务&topic=zz", "topic"), ("/api/v1/search?q=政务&validity=%00", "validity"),
])
def test_an_unknown_code_in_a_filter_is_a_400_naming_the_values_not_an_empty_page_or_a_500(client, url, param):
    """A NUL in topic, doc_type or validity reached the query: PostgreSQL refuses it, a 500 for anyone; any
    other unknown code answered an empty page as if nothing matched."""
    response = client.get(url)
    assert response.status_code == 400
    body = response.json()
    assert body["params"] == [param] and "可用值" in body["detail"] and "\x00" not in body["detail"]
    assert {"topic": "01（综合政务）", "doc_type": "通知", "validity": "repealed（已废止）"}[param] in body["detail"]


def test_known_codes_in_the_filters_are_accepted(client):
    for url in ("/api/v1/documents?topic=01&doc_type=通知&validity=valid", "/api/v1/search?q=政务&validity=repealed"):
        assert client.get(url).status_code == 200


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


@pytest.mark.parametrize("value", ["a%01b", "%00", "item%1b"])
def test_a_control_character_in_type_is_named_as_such_not_echoed(client, value):
    response = client.get(f"/api/v1/documents?type={value}")
    assert response.status_code == 400
    body = response.json()
    assert body["params"] == ["type"] and "控制字符" in body["detail"] and "过长" not in body["detail"]
    assert not any(ord(c) < 32 for c in body["detail"])
