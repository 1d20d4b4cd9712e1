"""A 审核员 correcting the 施行日期 of a published document (修改登记信息) changes its state the public sees
(有效 ↔ 尚未施行) and its page: the item is announced like any changed item, so search re-indexes it and the
page files nginx serves are removed. Without it, search and the API kept the old state until some other change,
and the periodic job never announced a 施行日期 moved to a day it had already passed."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.core import pagecache
from gongkai.regulations import services
from gongkai.regulations.factories import normative_document
from gongkai.search import services as search

pytestmark = pytest.mark.django_db


def _validity(client) -> dict:
    return {v["value"]: v["count"] for v in client.get("/api/v1/search?q=养护").json()["facets"]["validity"]}


def test_correcting_the_effective_date_reindexes_and_refreshes_the_page(
        client, org, editor, reviewer, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.GONGKAI_PAGE_CACHE_DIR = str(tmp_path / "pages")
    today = timezone.localdate()
    doc = normative_document(org, editor, reviewer, title="沂源县农村公路养护办法", doc_number="源政办发〔2026〕3号",
                             promulgated_on=str(today - dt.timedelta(days=3)),
                             effective_from=str(today + dt.timedelta(days=30)),
                             expires_on=str(today + dt.timedelta(days=900)))
    search.index_items([doc.item_id])
    assert _validity(client) == {"not_yet": 1}
    url = reverse("regulations:detail", args=[doc.pk])
    assert "尚未施行" in client.get(url).content.decode()
    stored = pagecache.file_for("testserver", url)
    assert stored.is_file()

    with django_capture_on_commit_callbacks(execute=True):  # the 施行日期 was typed wrong: it is today
        services.update_document(reviewer, doc, {"effective_from": today})
    assert _validity(client) == {"valid": 1}
    assert not stored.exists()
    assert "尚未施行" not in client.get(url).content.decode()


def test_a_filing_recorded_refreshes_the_documents_page(client, org, editor, reviewer, settings, tmp_path,
                                                        django_capture_on_commit_callbacks):
    """The public page lists the 备案 (规范性文件信息): recording one left nginx serving the page without it."""
    settings.GONGKAI_PAGE_CACHE_DIR = str(tmp_path / "pages")
    today = timezone.localdate()
    doc = normative_document(org, editor, reviewer, title="沂源县城市道路养护管理办法", doc_number="源政办发〔2025〕7号",
                             promulgated_on=str(today - dt.timedelta(days=60)),
                             effective_from=str(today - dt.timedelta(days=30)),
                             expires_on=str(today + dt.timedelta(days=900)))
    url = reverse("regulations:detail", args=[doc.pk])
    assert client.get(url).status_code == 200
    stored = pagecache.file_for("testserver", url)
    assert stored.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        services.set_filing(reviewer, doc, "congress", today - dt.timedelta(days=20), "源人大常备〔2025〕9号")
    assert not stored.exists()
    assert "源人大常备〔2025〕9号" in client.get(url).content.decode()
