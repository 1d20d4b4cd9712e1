"""On the day a document's state changes — its 施行日期 comes, a scheduled 修改 is applied — the periodic job
(`gongkai run_periodic`'s "normative validity") announces it like any changed item: the page files nginx
serves (its page, the library, the catalog list) are removed and search re-indexes it. Real dates: the pages
are stored and indexed yesterday (today's date patched back a day), the job runs today."""

import datetime as dt
from contextlib import contextmanager
from unittest import mock

import pytest
from django.urls import reverse

from gongkai.core import pagecache
from gongkai.regulations import services
from gongkai.regulations.expiry import announce_state_changes, enqueue_sweep
from gongkai.regulations.factories import normative_document
from gongkai.regulations.models import StateRun
from gongkai.search import services as search

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_dir(settings, tmp_path):
    settings.GONGKAI_PAGE_CACHE_DIR = str(tmp_path / "pages")
    return tmp_path / "pages"


@contextmanager
def on(day: dt.date):
    """Today is `day` for the pages, the register and search (the clock itself is left alone)."""
    with mock.patch("django.utils.timezone.localdate", return_value=day):
        yield


def _store(client, urls) -> dict:
    """Request each page anonymously (the page cache writes its file) and return the files."""
    for url in urls:
        assert client.get(url).status_code == 200, url
    files = {url: pagecache.file_for("testserver", url) for url in urls}
    assert all(path.is_file() for path in files.values()), files
    return files


def _validity_facet(client) -> dict:
    return {v["value"]: v["count"] for v in client.get("/api/v1/search?q=养护").json()["facets"]["validity"]}


def test_the_day_a_document_takes_effect_its_pages_and_index_are_refreshed(
        client, org, editor, reviewer, today, page_dir, django_capture_on_commit_callbacks):
    from gongkai.search.management.commands.run_periodic import JOBS

    assert ("normative validity", "gongkai.regulations.expiry.enqueue_sweep") in JOBS
    yesterday = today - dt.timedelta(days=1)
    with on(yesterday), django_capture_on_commit_callbacks(execute=True):
        doc = normative_document(org, editor, reviewer, title="沂源县农村公路养护办法", doc_number="源政办发〔2026〕3号",
                                 promulgated_on=str(today - dt.timedelta(days=20)), effective_from=str(today),
                                 expires_on=str(today + dt.timedelta(days=900)))
        enqueue_sweep()  # yesterday's run
    with on(yesterday):  # the pages as they were yesterday (after every announcement above ran)
        search.index_items([doc.item_id])
        node = doc.item.catalog_nodes.first()
        urls = [reverse("portal:item", args=[doc.item_id]), reverse("regulations:detail", args=[doc.pk]),
                reverse("regulations:library"), reverse("portal:node", args=[org.id, node.id]),
                "/en" + reverse("regulations:detail", args=[doc.pk])]
        files = _store(client, urls)
        assert _validity_facet(client) == {"not_yet": 1}
    assert "尚未施行" in files[urls[0]].read_text() and "尚未施行" in files[urls[1]].read_text()
    assert "Not yet in force" in files[urls[4]].read_text()

    with django_capture_on_commit_callbacks(execute=True):
        assert enqueue_sweep() == 1  # today's run: the one document that took effect
    assert not any(path.exists() for path in files.values())
    assert _validity_facet(client) == {"valid": 1}
    page = client.get(urls[0]).content.decode()
    assert "尚未施行" not in page and files[urls[0]].is_file()  # stored again, as it is now
    with django_capture_on_commit_callbacks(execute=True):
        assert enqueue_sweep() == 0  # announced once: a later run of the day leaves the new files alone
    assert files[urls[0]].is_file()


def test_a_scheduled_amendment_of_an_amended_document_refreshes_both_documents_pages(
        client, org, editor, reviewer, today, page_dir, django_capture_on_commit_callbacks):
    """The amended document stays 已修改 (its item's 有效性 does not change, so publishing announced nothing);
    its page still announced the amendment ahead, and the amending document's page listed it as ahead."""
    yesterday = today - dt.timedelta(days=1)
    with on(yesterday), django_capture_on_commit_callbacks(execute=True):
        old = normative_document(org, editor, reviewer, title="沂源县城市道路养护管理办法", doc_number="源政办发〔2024〕1号",
                                 promulgated_on=str(today - dt.timedelta(days=400)),
                                 effective_from=str(today - dt.timedelta(days=400)),
                                 expires_on=str(today + dt.timedelta(days=900)))
        first = normative_document(org, editor, reviewer, title="关于修改《沂源县城市道路养护管理办法》的决定",
                                   doc_number="源政发〔2025〕2号", promulgated_on=str(today - dt.timedelta(days=100)),
                                   effective_from=str(today - dt.timedelta(days=100)),
                                   expires_on=str(today + dt.timedelta(days=900)))
        second = normative_document(org, editor, reviewer, title="关于再次修改《沂源县城市道路养护管理办法》的决定",
                                    doc_number="源政发〔2026〕5号", promulgated_on=str(today - dt.timedelta(days=10)),
                                    effective_from=str(today - dt.timedelta(days=10)),
                                    expires_on=str(today + dt.timedelta(days=900)))
        services.amend(reviewer, first, old, effective_on=today - dt.timedelta(days=100))
        services.amend(reviewer, second, old, effective_on=today)  # 「自今日起修改」, recorded yesterday
        enqueue_sweep()
    with on(yesterday):
        urls = [reverse("regulations:detail", args=[old.pk]), reverse("portal:item", args=[old.item_id]),
                reverse("regulations:detail", args=[second.pk])]
        files = _store(client, urls)
    assert f"本文件将于{today.isoformat()}起被以下文件修改" in files[urls[0]].read_text()
    assert "（尚未到来）" in files[urls[2]].read_text()  # the amending document lists it as ahead

    with django_capture_on_commit_callbacks(execute=True):
        enqueue_sweep()  # today: the sweep applies the amendment
    old.refresh_from_db()
    assert old.validity == "amended" and old.validity_since == today
    assert not any(path.exists() for path in files.values())
    assert "本文件将于" not in client.get(reverse("regulations:detail", args=[old.pk])).content.decode()


def test_each_day_is_announced_once_and_a_missed_day_is_caught_up(org, editor, reviewer, today):
    ahead = normative_document(org, editor, reviewer, title="沂源县农村公路养护办法", doc_number="源政办发〔2026〕3号",
                               promulgated_on=str(today - dt.timedelta(days=20)),
                               effective_from=str(today + dt.timedelta(days=2)),
                               expires_on=str(today + dt.timedelta(days=900)))
    assert announce_state_changes(today) == []  # first run: the baseline; nothing changed state today
    assert announce_state_changes(today) == []
    assert announce_state_changes(today + dt.timedelta(days=1)) == []  # not yet
    assert announce_state_changes(today + dt.timedelta(days=4)) == [ahead.pk]  # two days without a run
    assert announce_state_changes(today + dt.timedelta(days=3)) == []  # an earlier day is not run again
    assert list(StateRun.objects.values_list("announced", flat=True)) == [1, 0, 0]


def test_the_first_run_records_a_baseline_and_announces_only_what_changed_that_day(
        org, editor, reviewer, today, django_capture_on_commit_callbacks):
    """After upgrading, the first run does not re-announce every document still waiting to take effect (each
    announcement removes its page files and tells subscribers of an 'updated' 规范性文件): only a document
    whose 施行日期 is that day is announced; those waiting are only re-indexed, and announced on their day."""
    from gongkai.publishing.events import item_changed

    def make(title, number, effective_from):
        return normative_document(org, editor, reviewer, title=title, doc_number=number,
                                  promulgated_on=str(today - dt.timedelta(days=20)), effective_from=str(effective_from),
                                  expires_on=str(today + dt.timedelta(days=900)))

    waiting = [make(f"沂源县第{n}号办法", f"源政办发〔2026〕{n}号", today + dt.timedelta(days=n)) for n in (1, 2, 3)]
    started = make("沂源县今日施行办法", "源政办发〔2026〕9号", today)
    announced, indexed = [], []
    item_changed.connect(receiver := lambda sender, item_id, verb, **kw: announced.append((item_id, verb)), weak=False)
    try:
        with mock.patch("gongkai.search.tasks._enqueue", side_effect=indexed.extend), \
                django_capture_on_commit_callbacks(execute=True):
            assert announce_state_changes(today) == [started.pk]
    finally:
        item_changed.disconnect(receiver)
    assert announced == [(started.item_id, "updated")]
    # the one announced is re-indexed as announced; those waiting quietly (an older index held them as 有效)
    assert sorted(indexed) == sorted(doc.item_id for doc in [*waiting, started])
    assert StateRun.objects.get().announced == 1
    assert sorted(announce_state_changes(today + dt.timedelta(days=2))) == sorted([waiting[0].pk, waiting[1].pk])
