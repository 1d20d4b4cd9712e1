"""Every address under /api/v1/ (the index, the endpoints, the OpenAPI schema and its documentation page)
answers reads only: a write gets a JSON 405 in Chinese with Allow and CORS, never the page it would read;
a browser's CORS preflight is answered everywhere the API can be read."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


READABLE = ["/api/v1/", "/api/v1/documents", "/api/v1/openapi.json", "/api/v1/docs"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", READABLE)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_write_anywhere_in_the_api_is_a_json_405(client, path, method):
    response = getattr(client, method)(path)
    assert response.status_code == 405, (path, response.status_code)
    assert response["Content-Type"].startswith("application/json")
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "只读" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", READABLE)
def test_the_cors_preflight_of_a_read_is_answered_everywhere(client, path):
    """A browser script sending If-None-Match asks OPTIONS first; the index answered 405 without CORS."""
    response = client.options(path, HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
                              HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match")
    assert response.status_code == 204, (path, response.status_code)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", READABLE)
def test_reads_still_answer(client, path):
    got = client.get(path)
    assert got.status_code == 200 and got["Access-Control-Allow-Origin"] == "*"
    head = client.head(path)
    assert head.status_code == 200 and head["ETag"] == got["ETag"]
