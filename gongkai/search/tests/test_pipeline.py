"""Indexing beside a bulk import (pipeline.py), the embedded backend's bulk writer, and an index that
starts empty again (new schema version, lost directory)."""

import json

import pytest
from django.core.management import call_command
from django.db import connection

from gongkai.search import pipeline, services
from gongkai.search.backends import embedded
from gongkai.search.models import IndexState
from gongkai.search.query import SearchQuery
from gongkai.search.tests.conftest import make_doc

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="a second process cannot see the test suite's in-memory SQLite database (CI runs this on PostgreSQL)",
)


def titles(q: str) -> set[str]:
    return {hit.item.title for hit in services.search(SearchQuery(q=q, page_size=100)).hits}


def write_records(path, org, count, prefix="批量导入测试"):
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            handle.write(json.dumps({
                "title": f"{prefix}第{number}号通知", "organization": org.credit_code,
                "body_html": f"<p>第{number}号：做好政务公开工作。</p>", "published_at": "2020-08-12",
                "catalog": ["法定主动公开内容/规划信息"], "source_url": f"http://old.example/{prefix}/{number}.html",
            }, ensure_ascii=False) + "\n")
    return path


@pytest.mark.django_db
def test_no_second_process_inside_an_open_transaction():
    assert connection.in_atomic_block
    assert not pipeline.can_index_in_background()  # it could not see the rows before they commit


@pytest.mark.django_db(transaction=True)
def test_no_second_process_on_an_in_memory_database_or_with_queue_workers(settings):
    if connection.vendor == "sqlite":
        assert connection.is_in_memory_db() and not pipeline.can_index_in_background()
    else:
        assert pipeline.can_index_in_background()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    assert not pipeline.can_index_in_background()  # the queue's workers index, as for every change


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_import_indexes_in_a_second_process_batch_by_batch(org, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(services, "BACKGROUND_BATCH", 7)
    call_command("import_documents", str(write_records(tmp_path / "docs.jsonl", org, 30)), "--no-progress")
    out = capsys.readouterr().out
    assert "新建 30" in out and "后台进程编入 30 条" in out
    assert len(titles("批量导入测试")) == 30
    assert IndexState.objects.count() == 30


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_failing_background_batch_is_reported_and_the_import_still_lands(org, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(services, "BACKGROUND_BATCH", 10)
    real = services.index_items
    calls = []

    def flaky(ids):  # inherited by the forked child: its second batch fails
        calls.append(ids)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(ids)

    monkeypatch.setattr(services, "index_items", flaky)
    call_command("import_documents", str(write_records(tmp_path / "docs.jsonl", org, 30)), "--no-progress")
    captured = capsys.readouterr()
    assert "新建 30" in captured.out and "后台进程编入 20 条" in captured.out
    assert "搜索索引未能全部更新" in captured.err and "disk full" in captured.err
    assert len(titles("批量导入测试")) == 20
    monkeypatch.setattr(services, "index_items", real)
    services.index_due_items()  # what `gongkai run_periodic` does: the 10 missed items are indexed
    assert len(titles("批量导入测试")) == 30


@pytest.mark.django_db(transaction=True)
def test_inline_import_still_indexes_everything(org, tmp_path, capsys):
    path = write_records(tmp_path / "docs.jsonl", org, 12)
    call_command("import_documents", str(path), "--no-progress", "--index-inline")
    assert "搜索索引：由任务队列编入" in capsys.readouterr().out
    assert len(titles("批量导入测试")) == 12


def test_bulk_writer_commits_every_batch_and_keeps_other_writers_waiting(fast_tmp_dir, monkeypatch):
    backend = embedded.EmbeddedBackend(path=str(fast_tmp_dir))
    other = embedded.EmbeddedBackend(path=str(fast_tmp_dir))  # as another process would open it
    monkeypatch.setattr(embedded, "WRITER_WAIT_SECONDS", 0.2)
    with backend.bulk():
        backend.index([make_doc(1, "关于政务公开的通知"), make_doc(2, "关于政务公开的公告")])
        assert other.search(SearchQuery(q="政务公开")).count == 2  # committed, visible to readers
        with pytest.raises(ValueError, match="LockBusy"):
            other.index([make_doc(3, "另一个进程的写入")])
        backend.index([make_doc(1, "关于依申请公开的通知")])  # replaced, not duplicated
    assert other.search(SearchQuery(q="政务公开")).ids == [2]
    other.index([make_doc(3, "另一个进程的写入")])  # the lock was released
    assert backend.search(SearchQuery(q="写入")).ids == [3]


@pytest.mark.django_db
def test_an_index_found_empty_is_filled_again_by_run_periodic(publish_now, django_capture_on_commit_callbacks):
    item = publish_now(title="关于开展依申请公开专项检查的通知")
    assert IndexState.objects.filter(item=item).exists()
    services.get_backend().clear()  # a new schema version's directory, a lost disk…
    assert titles("专项检查") == set()
    with django_capture_on_commit_callbacks(execute=True):
        services.index_due_items()
    assert titles("专项检查") == {item.title}
