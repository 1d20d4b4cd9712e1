"""What the public data surfaces (open API, feeds, sitemap, search) must never give: items that were never
public, another site's data; and what they must answer for odd input (JSON, never an HTML page or a 500)."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.core.services import ActionRefused
from gongkai.publishing import services as publishing
from gongkai.publishing.choices import State
from gongkai.publishing.services import record_migrated_item

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()  # rate-limit counters live in the default cache
    yield
    cache.clear()


def _item(org, title, published_at):
    node = org.catalog_nodes.get(template_key="plan.notices")
    return record_migrated_item(None, org, {"title": title, "formed_on": timezone.localdate(),
                                            "body": "<p>尚未公开的正文内容。</p>"}, [node], published_at)


@pytest.mark.django_db
def test_a_scheduled_item_withdrawn_before_its_time_is_never_public(client, org, reviewer):
    """A 信息员 schedules an item for next week, then withdraws it: its text and attachment were never
    published and must not appear — not now, not when the planned time passes."""
    item = _item(org, "计划下周发布的通知", timezone.now() + dt.timedelta(days=3))
    attachment = publishing.add_attachment(reviewer, item, SimpleUploadedFile("方案.pdf", PDF,
                                                                               content_type="application/pdf"))
    with pytest.raises(ActionRefused):  # refused now (publishing's workflow guard) …
        publishing.withdraw(reviewer, item, "排期有误。")
    # … but rows withdrawn so before that guard exist: a scheduled item withdrawn now.
    type(item).objects.filter(pk=item.pk).update(state=State.WITHDRAWN, state_changed_at=timezone.now(),
                                                 state_reason="排期有误。")
    assert client.get(f"/api/v1/documents/{item.id}").status_code == 404
    assert client.get(reverse("portal:item", args=[item.id])).status_code == 404
    assert client.get(reverse("portal:attachment", args=[attachment.id])).status_code == 404
    item.refresh_from_db()
    assert not item.is_public
    # Its planned time passes (withdrawn five days ago, planned for three days ago): still never public.
    item.published_at, item.state_changed_at = (timezone.now() - dt.timedelta(days=days) for days in (3, 5))
    item.save(update_fields=["published_at", "state_changed_at"])
    assert client.get(f"/api/v1/documents/{item.id}").status_code == 404


@pytest.mark.django_db
def test_an_item_withdrawn_after_it_was_public_keeps_its_page(client, org, reviewer):
    item = _item(org, "已公开后撤回的通知", timezone.now() - dt.timedelta(days=1))
    publishing.withdraw(reviewer, item, "内容有误。")
    response = client.get(f"/api/v1/documents/{item.id}")
    assert response.status_code == 200
    assert response.json()["state"] == "withdrawn" and response.json()["withdrawal_reason"] == "内容有误。"
    item.refresh_from_db()
    assert item.is_public


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/v1/documents/", "/api/v1/documents/1/attachments"])
def test_an_unknown_api_address_answers_json_a_script_can_read(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "没有这个地址" in response.json()["detail"]


@pytest.mark.django_db
def test_a_write_to_the_api_answers_json_with_allow(client):
    response = client.post("/api/v1/documents")
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json") and response["Allow"] == "GET, HEAD, OPTIONS"
    assert "只读" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/documents?date_from=20260101", "/api/v1/search?q=通知&date_to=0",
                                 "/api/v1/documents?date_to=1700000000", "/api/v1/lists?date=0",
                                 "/api/v1/enterprise-policies?open_on=20260131"])
def test_a_date_not_written_yyyy_mm_dd_is_refused_not_read_as_seconds_since_1970(client, url):
    """pydantic reads a number as a Unix time: date_from=20260101 filtered from 1970-08-23, silently."""
    response = client.get(url)
    assert response.status_code == 400, response.content
    assert "日期形如 2026-01-31" in response.json()["detail"]


@pytest.mark.django_db
def test_the_schema_lists_the_message_types_the_endpoint_accepts(client):
    schema = client.get("/api/v1/openapi.json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/messages"]["get"]["parameters"]}
    assert set(parameters["type"]["schema"]["enum"]) >= {"", "consult", "complaint"}
    assert client.get("/api/v1/messages?type=complaint").status_code == 200


@pytest.fixture
def two_sites(settings, org, other_org):
    """A province install: this county at testserver, another at other.example; an item in each."""
    from gongkai.portal.models import SiteProfile
    from gongkai.search import services as search

    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    SiteProfile.objects.create(name="本县", root_organization=org)
    SiteProfile.objects.create(host="other.example", name="另一县", root_organization=other_org)
    ours = _item(org, "本县政务公开通知", timezone.now() - dt.timedelta(days=1))
    theirs = _item(other_org, "另一县独有的政务公开通知", timezone.now() - dt.timedelta(days=1))
    search.index_items([ours.id, theirs.id])
    return {"ours": ours, "theirs": theirs, "other_org": other_org}


@pytest.mark.django_db
def test_no_public_surface_of_one_site_gives_another_sites_data(client, two_sites):
    theirs, other_org = two_sites["theirs"], two_sites["other_org"]
    node = theirs.catalog_nodes.first()
    for url in (f"/api/v1/documents/{theirs.id}", f"/api/v1/organizations/{other_org.id}",
                f"/api/v1/catalog-nodes/{node.id}", f"/feeds/org/{other_org.id}.rss", f"/feeds/node/{node.id}.atom"):
        assert client.get(url).status_code == 404, url
    for url in ("/api/v1/documents", "/api/v1/search?q=政务公开", f"/api/v1/documents?org={other_org.id}",
                "/api/v1/organizations", "/api/v1/catalog-nodes", "/feeds/latest.rss", "/sitemap.xml",
                "/search/?q=政务公开", f"/search/?q=政务公开&org={other_org.id}", f"/search/?org={other_org.id}"):
        page = client.get(url).content.decode()
        assert "另一县独有" not in page and f"/items/{theirs.id}/" not in page, url
        assert other_org.name not in page, url
    # The other host sees its own.
    assert client.get(f"/api/v1/documents/{theirs.id}", HTTP_HOST="other.example").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/documents?page_size=1", "/api/v1/organizations", "/api/v1/openapi.json"])
def test_head_is_answered_like_get_without_a_body(client, path):
    """Link checkers and monitors ask HEAD; the API said 405 although it announces GET, HEAD, OPTIONS."""
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == got["ETag"] and head["Content-Type"] == got["Content-Type"]
    assert head["Access-Control-Allow-Origin"] == "*"


@pytest.mark.django_db
def test_catalog_nodes_count_documents_of_the_pages_nodes_only(client, org, other_org):
    """Counting every node's live documents (and the total over that join) made each anonymous request read
    every item of the site: 0.2 s on the demo's 1,400 items, seconds on a province's."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _item(org, "栏目计数的通知", timezone.now() - dt.timedelta(days=1))
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/catalog-nodes?page_size=5")
    assert response.status_code == 200 and len(response.json()["results"]) == 5
    joins_items = [q["sql"] for q in queries.captured_queries if "publishing_informationitem" in q["sql"]]
    assert joins_items and all('"catalog_catalognode"."id" IN (' in sql for sql in joins_items), joins_items
    node = org.catalog_nodes.get(template_key="plan.notices")
    detail = client.get(f"/api/v1/catalog-nodes/{node.id}").json()
    assert detail["document_count"] == 1
    listed = client.get(f"/api/v1/catalog-nodes?organization={org.id}&page_size=100").json()["results"]
    assert {n["id"]: n["document_count"] for n in listed}[node.id] == 1
