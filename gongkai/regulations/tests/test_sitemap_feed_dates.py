"""A 规范性文件 reaching its 施行日期 changes its page (尚未施行 → 有效) without a write to its item: the sitemap's
`lastmod` and the Atom feed's `updated` (and the feed's Last-Modified) say that day, as the page does, so a
crawler or feed reader fetches it again (publishing.validity.changed_each)."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.publishing.models import InformationItem
from gongkai.regulations.factories import normative_document
from gongkai.regulations.models import NormativeDocument

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def took_effect_today(org, editor, reviewer, today):
    doc = normative_document(org, editor, reviewer, title="沂源县农村公路养护办法", doc_number="源政办发〔2026〕3号",
                             promulgated_on=str(today - dt.timedelta(days=20)), effective_from=str(today),
                             expires_on=str(today + dt.timedelta(days=900)))
    long_ago = timezone.now() - dt.timedelta(days=10)  # the item and its record last written ten days ago
    InformationItem.objects.filter(pk=doc.item_id).update(updated_at=long_ago, published_at=long_ago)
    NormativeDocument.objects.filter(pk=doc.pk).update(updated_at=long_ago)
    return doc


def test_the_sitemap_dates_the_page_from_its_effective_date(client, took_effect_today, today):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    lastmod = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root.iter(f"{SITEMAP}url")}
    # the item's own address only (an organization's column or a node may end in the same number)
    page = "http://testserver" + reverse("portal:item", kwargs={"item_id": took_effect_today.item_id})
    assert lastmod[page] == today.isoformat(), lastmod


def test_the_feed_dates_the_entry_from_its_effective_date(client, took_effect_today, today):
    response = client.get("/feeds/latest.atom")
    entries = {entry.findtext(f"{ATOM}title"): entry.findtext(f"{ATOM}updated")
               for entry in ET.fromstring(response.content).iter(f"{ATOM}entry")}
    assert entries["沂源县农村公路养护办法"] == f"{today.isoformat()}T00:00:00+08:00"
    midnight = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    assert response["Last-Modified"] == midnight.astimezone(dt.UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")


def test_a_document_still_waiting_keeps_its_items_date(client, org, editor, reviewer, today):
    doc = normative_document(org, editor, reviewer, title="沂源县城乡供水管理办法", doc_number="源政办发〔2026〕4号",
                             promulgated_on=str(today - dt.timedelta(days=3)),
                             effective_from=str(today + dt.timedelta(days=30)),
                             expires_on=str(today + dt.timedelta(days=900)))
    long_ago = timezone.now() - dt.timedelta(days=2)
    InformationItem.objects.filter(pk=doc.item_id).update(updated_at=long_ago, published_at=long_ago)
    NormativeDocument.objects.filter(pk=doc.pk).update(updated_at=long_ago)
    entries = {entry.findtext(f"{ATOM}title"): entry.findtext(f"{ATOM}updated")
               for entry in ET.fromstring(client.get("/feeds/latest.atom").content).iter(f"{ATOM}entry")}
    assert entries["沂源县城乡供水管理办法（尚未施行）"].startswith(timezone.localtime(long_ago).date().isoformat())
