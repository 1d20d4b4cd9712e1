"""/api/v1/documents' year and date filters: a range of published_at in local time (Asia/Shanghai), so the
database can use its index — `published_at__year` and `__date` wrapped the column in a function, a scan of
every row at province size. The answers stay what they were, on the edges of a day and a year."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from django.core.cache import cache
from django.utils import timezone

from gongkai.publishing.services import record_migrated_item

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()  # rate-limit counters live in the default cache
    yield
    cache.clear()


@pytest.fixture
def items(org):
    node = org.catalog_nodes.get(template_key="plan.notices")
    made = {}
    for name, moment in (("岁末", dt.datetime(2025, 12, 31, 23, 30, tzinfo=SHANGHAI)),
                         ("元旦", dt.datetime(2026, 1, 1, 0, 10, tzinfo=SHANGHAI)),
                         ("一月", dt.datetime(2026, 1, 31, 23, 59, tzinfo=SHANGHAI))):
        item = record_migrated_item(None, org, {"title": f"{name}发布的通知", "formed_on": timezone.localdate(),
                                                "body": "<p>正文。</p>"}, [node], moment)
        made[name] = item.id
    return made


def titles(client, query: str) -> list[str]:
    response = client.get("/api/v1/documents?" + query)
    assert response.status_code == 200, response.content
    return sorted(row["title"][:2] for row in response.json()["results"])


def test_year_and_dates_follow_the_local_day(client, items):
    assert titles(client, "year=2026") == ["一月", "元旦"]
    assert titles(client, "year=2025") == ["岁末"]
    assert titles(client, "date_to=2025-12-31") == ["岁末"]
    assert titles(client, "date_from=2026-01-01&date_to=2026-01-01") == ["元旦"]
    assert titles(client, "date_from=2026-01-31") == ["一月"]
    assert titles(client, "year=2026&date_to=2026-01-30") == ["元旦"]


def test_dates_far_out_answer_without_an_error(client, items):
    assert titles(client, "date_from=0001-01-01&date_to=9999-12-31") == ["一月", "元旦", "岁末"]
    assert titles(client, "date_to=0001-01-01") == []
    assert titles(client, "date_from=9999-12-31") == []


def test_the_filters_leave_the_published_at_column_unwrapped(client, items):
    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/documents?year=2026&date_from=2026-01-01&date_to=2026-01-31")
    listing = [q["sql"] for q in queries if '"published_at"' in q["sql"] and "ORDER BY" in q["sql"]]
    assert listing, [q["sql"] for q in queries]
    for sql in listing:
        lowered = sql.lower()
        assert "extract" not in lowered and "django_datetime" not in lowered and "::date" not in lowered, sql
