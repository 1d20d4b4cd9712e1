"""What the public data surfaces (open API, feeds, sitemap, search) must never give: items that were never
public, another site's data; and what they must answer for odd input (JSON, never an HTML page or a 500)."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.publishing import services as publishing
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
    publishing.withdraw(reviewer, item, "排期有误。")
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
