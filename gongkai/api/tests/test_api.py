"""The open API: schema, public data only, filters and search, conditional GETs, CORS, rate limits."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.publishing import services as publishing
from gongkai.publishing.services import record_migrated_item
from gongkai.search import services as search

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()  # rate-limit counters live in the default cache
    yield
    cache.clear()


@pytest.fixture
def documents(org, other_org, editor, reviewer):
    """Two live items, one withdrawn, one draft; indexed."""
    node = org.catalog_nodes.get(template_key="plan.notices")
    live = record_migrated_item(
        None, org, {"title": "关于印发沂源县2020年政务公开工作要点的通知", "formed_on": timezone.localdate(),
                    "body": "<p>各镇人民政府：现将政务公开工作要点印发给你们。</p>", "doc_number": "源政办字〔2020〕66号",
                    "keywords": "政务公开 工作要点", "validity": "valid", "topic": "01", "doc_type": "通知"},
        [node], timezone.now() - dt.timedelta(days=2), index_no=f"{org.credit_code}/2020-00066",
    )
    publishing.add_attachment(reviewer, live, SimpleUploadedFile("要点.pdf", PDF, content_type="application/pdf"))
    other = record_migrated_item(
        None, other_org, {"title": "关于做好防汛工作的通知", "formed_on": timezone.localdate(),
                          "body": "<p>请做好政务公开。</p>"},
        [other_org.catalog_nodes.first()], timezone.now() - dt.timedelta(days=1),
    )
    withdrawn = record_migrated_item(
        None, org, {"title": "已撤回的政务公开信息", "formed_on": timezone.localdate()}, [node], timezone.now(),
    )
    publishing.withdraw(reviewer, withdrawn, "内容有误。")
    draft = publishing.create_item(editor, org, {"title": "草稿政务公开内部稿", "formed_on": timezone.localdate()}, [node])
    search.index_items([live.id, other.id, withdrawn.id, draft.id])
    return {"live": live, "other": other, "withdrawn": withdrawn, "draft": draft}


@pytest.mark.django_db
def test_openapi_schema_is_valid_and_documents_every_endpoint(client):
    from openapi_spec_validator import validate

    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert {"/api/v1/organizations", "/api/v1/catalog-nodes", "/api/v1/documents", "/api/v1/documents/{item_id}",
            "/api/v1/search"} <= set(schema["paths"])
    hit = schema["components"]["schemas"]["SearchHit"]["properties"]
    assert {"index_no", "title", "url", "organization", "published_at", "highlight"} <= set(hit)
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and b"/static/ninja/swagger-ui-bundle.js" in docs.content


@pytest.mark.django_db
def test_documents_list_only_live_items_newest_first(client, documents):
    data = client.get("/api/v1/documents").json()
    assert [d["id"] for d in data["results"]] == [documents["other"].id, documents["live"].id]
    assert data["count"] == 2 and data["next"] is None
    first = data["results"][1]
    assert first["index_no"].endswith("/2020-00066") and first["doc_number"] == "源政办字〔2020〕66号"
    assert first["url"] == f"http://testserver/xxgk/items/{documents['live'].id}/"
    assert first["validity"] == "valid" and first["validity_label"] == "有效"


@pytest.mark.django_db
def test_documents_filters_and_pagination(client, documents, org):
    assert [d["id"] for d in client.get(f"/api/v1/documents?org={org.id}").json()["results"]] == [documents["live"].id]
    assert client.get("/api/v1/documents?validity=repealed").json()["count"] == 0
    page = client.get("/api/v1/documents?page_size=1").json()
    assert page["count"] == 2 and page["next"].endswith("page=2&page_size=1") and page["previous"] is None
    assert client.get("/api/v1/documents?page_size=1000").status_code == 400
    ranked = client.get("/api/v1/documents?q=工作要点").json()
    assert [d["id"] for d in ranked["results"]] == [documents["live"].id]


@pytest.mark.django_db
def test_documents_filter_by_type_without_a_query_and_refuse_an_unknown_type(client, documents, org, editor, reviewer):
    from gongkai.regulations.factories import normative_document

    normative = normative_document(org, editor, reviewer).item
    assert [d["id"] for d in client.get("/api/v1/documents?type=normative").json()["results"]] == [normative.id]
    plain = [d["id"] for d in client.get("/api/v1/documents?type=item").json()["results"]]
    assert normative.id not in plain and documents["live"].id in plain
    assert client.get("/api/v1/documents?type=gazette").json()["count"] == 0
    for url in ("/api/v1/documents?type=bogus", "/api/v1/documents?type=bogus&q=工作要点", "/api/v1/search?type=bogus&q=通知"):
        answer = client.get(url)
        assert answer.status_code == 400 and answer.json()["params"] == ["type"], url
        assert "未知的类型" in answer.json()["detail"] and "normative" in answer.json()["detail"]
    parameters = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/documents"]["get"]["parameters"]
    allowed = next(p for p in parameters if p["name"] == "type")["schema"]["enum"]
    assert {"item", "normative", "interpretation", "gazette"} <= set(allowed)


def test_document_detail_has_all_metadata_and_attachment_links(client, documents):
    item = documents["live"]
    data = client.get(f"/api/v1/documents/{item.id}").json()
    assert data["keywords"] == ["政务公开", "工作要点"] and data["state"] == "published"
    assert data["catalog_nodes"] == [{"id": item.catalog_nodes.get().id, "name": item.catalog_nodes.get().name,
                                      "path": item.catalog_nodes.get().path}]
    attachment = data["attachments"][0]
    assert attachment["name"] == "要点.pdf" and attachment["size"] == len(PDF)
    assert attachment["download_url"] == f"http://testserver/xxgk/attachments/{item.attachments.get().id}/download/"
    assert client.get(attachment["download_url"]).status_code == 200


@pytest.mark.django_db
def test_drafts_are_never_served_and_withdrawn_items_say_so(client, documents):
    assert client.get(f"/api/v1/documents/{documents['draft'].id}").status_code == 404
    withdrawn = client.get(f"/api/v1/documents/{documents['withdrawn'].id}").json()
    assert withdrawn["state"] == "withdrawn" and withdrawn["withdrawal_reason"] == "内容有误。"
    found = client.get("/api/v1/search?q=政务公开").json()
    ids = {r["id"] for r in found["results"]}
    assert documents["draft"].id not in ids and documents["withdrawn"].id not in ids


@pytest.mark.django_db
def test_search_returns_count_results_highlight_and_facets(client, documents, org):
    data = client.get("/api/v1/search", {"q": "源政办字[2020]66号"}).json()
    assert data["results"][0]["id"] == documents["live"].id
    data = client.get("/api/v1/search", {"q": "政务公开"}).json()
    assert data["count"] == 2
    hit = data["results"][0]
    assert set(hit) >= {"index_no", "title", "url", "organization", "published_at", "highlight"}
    assert "<mark>政务公开</mark>" in hit["highlight"]
    assert {f["value"] for f in data["facets"]["organization"]} == {str(org.id), str(documents["other"].organization_id)}
    narrowed = client.get("/api/v1/search", {"q": "政务公开", "org": org.id}).json()
    assert narrowed["count"] == 1
    assert client.get("/api/v1/search", {"q": "\x00(NEAR*\"" * 25}).status_code == 200  # 200 characters
    assert client.get("/api/v1/search", {"q": "\x00(NEAR*\"" * 2000}).status_code == 400  # bounded


@pytest.mark.django_db
def test_etag_and_last_modified_give_304(client, documents, reviewer):
    url = f"/api/v1/documents/{documents['live'].id}"
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first["Cache-Control"] == "public, max-age=60"
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    listing = client.get("/api/v1/documents")
    assert client.get("/api/v1/documents", headers={"If-None-Match": listing["ETag"]}).status_code == 304

    item = documents["live"]
    item.updated_at = timezone.now() + dt.timedelta(seconds=2)
    type(item).objects.filter(pk=item.pk).update(title="更正后的标题", updated_at=item.updated_at)
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


@pytest.mark.django_db
def test_cors_for_reads(client, documents):
    response = client.get("/api/v1/organizations")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert client.get("/api/v1/documents/999999")["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/api/v1/search", headers={"Origin": "https://news.example.cn",
                                                            "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 204 and "GET" in preflight["Access-Control-Allow-Methods"]
    assert client.post("/api/v1/search").status_code == 405


@pytest.mark.django_db
def test_the_index_and_the_schema_are_readable_across_sites_and_cached_like_the_endpoints(client):
    """A news site's page script reads /api/v1/ and the OpenAPI schema as it reads the endpoints."""
    for url in ("/api/v1/", "/api/v1/openapi.json"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Access-Control-Allow-Origin"] == "*", url
        assert response["Cache-Control"] == "public, max-age=60", url
        assert not response.cookies, url
        again = client.get(url, headers={"If-None-Match": response["ETag"]})
        assert again.status_code == 304 and again["Access-Control-Allow-Origin"] == "*", url


@pytest.mark.django_db
def test_moments_are_given_in_shanghai_time_as_the_portal_shows_them(client, org):
    """Published at 07:30 on 3 December in Shanghai is 23:30 on 2 December in UTC: a client reading the
    date part must get the 3rd, the day the portal shows and the date filter counts."""
    moment = dt.datetime(2026, 12, 3, 7, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    item = record_migrated_item(
        None, org, {"title": "关于冬季供暖的通知", "formed_on": dt.date(2026, 12, 1)},
        [org.catalog_nodes.get(template_key="plan.notices")], moment,
    )
    listed = client.get("/api/v1/documents?date_from=2026-12-03&date_to=2026-12-03").json()
    assert [doc["published_at"] for doc in listed["results"]] == ["2026-12-03T07:30:00+08:00"]
    assert client.get(f"/api/v1/documents/{item.id}").json()["published_at"] == "2026-12-03T07:30:00+08:00"


@pytest.mark.django_db
def test_rate_limit_per_client_answers_429(client, settings):
    settings.GONGKAI_API_RATE = "3/m"
    statuses = [client.get("/api/v1/organizations").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/organizations")
    assert int(refused["Retry-After"]) > 0 and refused["Access-Control-Allow-Origin"] == "*"
    # Another client address is counted on its own.
    assert client.get("/api/v1/organizations", REMOTE_ADDR="203.0.113.9").status_code == 200


@pytest.mark.django_db
def test_rate_limit_believes_the_forwarded_address_only_from_a_trusted_proxy(client, settings):
    settings.GONGKAI_API_RATE = "2/m"
    settings.GONGKAI_TRUSTED_PROXIES = ["10.0.0.0/24"]
    # A client talking directly cannot escape its limit by inventing X-Forwarded-For addresses.
    direct = [client.get("/api/v1/organizations", REMOTE_ADDR="198.51.100.5",
                         HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code for n in range(3)]
    assert direct == [200, 200, 429]
    # Through the proxy, each visitor is counted on their own address.
    via_proxy = {"REMOTE_ADDR": "10.0.0.2"}
    first = [client.get("/api/v1/organizations", HTTP_X_FORWARDED_FOR="203.0.113.1", **via_proxy).status_code
             for _ in range(3)]
    assert first == [200, 200, 429]
    assert client.get("/api/v1/organizations", HTTP_X_FORWARDED_FOR="203.0.113.2", **via_proxy).status_code == 200


@pytest.mark.django_db
def test_organizations_and_catalog_nodes(client, documents, org):
    orgs = client.get("/api/v1/organizations").json()
    assert {o["id"] for o in orgs["results"]} >= {org.id}
    detail = client.get(f"/api/v1/organizations/{org.id}").json()
    assert detail["credit_code"] == org.credit_code and detail["url"].endswith(f"/xxgk/{org.id}/")
    nodes = client.get("/api/v1/catalog-nodes", {"organization": org.id, "page_size": 100}).json()
    notices = next(n for n in nodes["results"] if n["id"] == documents["live"].catalog_nodes.get().id)
    assert notices["document_count"] == 1  # the withdrawn item is not counted
    assert client.get(f"/api/v1/catalog-nodes/{notices['id']}").json()["path"] == notices["path"]
