"""Portal lists and the feeds mark a 规范性文件 beside its title as they mark 已废止 and 已修改: one published but
not yet in force says 「（尚未施行）」 there too, and no longer does once it has taken effect."""

import datetime as dt
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


def test_the_cached_catalog_list_drops_the_mark_on_the_day_the_periodic_job_runs(
        client, org, ahead, django_capture_on_commit_callbacks):
    """The same URL as before (its table comes from the fragment cache): the mark goes once the day's run of
    `gongkai run_periodic` announced the change, not only for a page nobody had asked for yet."""
    from gongkai.regulations.expiry import enqueue_sweep
    from gongkai.regulations.models import StateRun

    url = reverse("portal:node", kwargs={"org_id": org.pk, "node_id": node_by_key(org, "art20.1").pk})
    assert "（尚未施行）" in _row(client.get(url).content.decode(), "沂源县农村公路养护办法")
    StateRun.objects.create(day=ahead.effective_from - dt.timedelta(days=1))
    with mock.patch("django.utils.timezone.localdate", return_value=ahead.effective_from), \
            mock.patch("gongkai.regulations.subscriptions.announce_due", side_effect=RuntimeError("smtp down")):
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
            enqueue_sweep(ahead.effective_from)
        html = client.get(url).content.decode()
    assert "item-validity" not in _row(html, "沂源县农村公路养护办法")
