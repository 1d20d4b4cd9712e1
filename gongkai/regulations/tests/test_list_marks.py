"""Portal lists and the feeds mark a 规范性文件 beside its title as they mark 已废止 and 已修改: one published but
not yet in force says 「（尚未施行）」 there too, and no longer does once it has taken effect."""

import xml.etree.ElementTree as ET
from unittest import mock

import pytest
from django.urls import reverse

from gongkai.catalog.services import node_by_key

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _row(html: str, title: str) -> str:
    row = html[html.index(title):]
    return row[:row.index("</th>")]


def test_the_catalog_list_marks_a_document_not_yet_in_force(client, org, ahead, in_force, ended):
    url = reverse("portal:node", kwargs={"org_id": org.pk, "node_id": node_by_key(org, "art20.1").pk})
    html = client.get(url).content.decode()
    assert "（尚未施行）" in _row(html, "沂源县农村公路养护办法")
    assert "item-validity" not in _row(html, "沂源县城市道路养护管理办法")
    assert "（已废止）" in _row(html, "沂源县城区养犬管理办法</a>")
    with mock.patch("django.utils.timezone.localdate", return_value=ahead.effective_from):
        html = client.get(url, {"page": "1"}).content.decode()
    assert "item-validity" not in _row(html, "沂源县农村公路养护办法")


def test_the_feed_marks_a_document_not_yet_in_force(client, ahead, ended):
    entries = [entry for entry in ET.fromstring(client.get("/feeds/latest.atom").content).iter(f"{ATOM}entry")]
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert "沂源县农村公路养护办法（尚未施行）" in titles and "沂源县城区养犬管理办法（已废止）" in titles
    [waiting] = [entry for entry in entries if entry.findtext(f"{ATOM}title").startswith("沂源县农村公路养护办法")]
    assert "尚未施行" in [category.get("term") for category in waiting.iter(f"{ATOM}category")]
