"""The index follows publishing through the task queue: only live items are ever found."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongkai.publishing import services as publishing
from gongkai.publishing.models import InformationItem
from gongkai.search import services
from gongkai.search.models import IndexState
from gongkai.search.query import SearchQuery


def found(q: str, **filters) -> list[int]:
    return [hit.item.id for hit in services.search(SearchQuery(q=q, **filters)).hits]


@pytest.mark.django_db
def test_publish_withdraw_delete_and_edit_update_the_index(publish_now, reviewer, django_capture_on_commit_callbacks):
    item = publish_now(title="关于开展依申请公开专项检查的通知", body="<p>请各单位认真自查。</p>")
    other = publish_now(title="关于做好防汛工作的通知", body="<p>依申请公开的办理要规范。</p>")
    assert found("依申请公开") == [item.id, other.id]  # title match above body match

    with django_capture_on_commit_callbacks(execute=True):
        publishing.update_item(reviewer, item, {"title": "关于开展政务公开专项检查的通知"})
    assert found("依申请公开") == [other.id]
    assert found("专项检查") == [item.id]

    with django_capture_on_commit_callbacks(execute=True):
        publishing.withdraw(reviewer, other, "内容有误，更正后重新发布。")
    assert found("依申请公开") == []
    assert not IndexState.objects.filter(item=other).exists()

    with django_capture_on_commit_callbacks(execute=True):
        publishing.delete(reviewer, item, "误发布。")
    assert found("专项检查") == []


@pytest.mark.django_db
def test_drafts_and_submitted_items_are_never_indexed(org, editor, django_capture_on_commit_callbacks):
    from gongkai.catalog.services import node_by_key

    with django_capture_on_commit_callbacks(execute=True):
        draft = publishing.create_item(editor, org, {"title": "草稿：机密的内部事项", "formed_on": timezone.localdate()},
                                       [node_by_key(org, "plan.notices")])
        publishing.submit(editor, draft)
    assert found("机密的内部事项") == []
    assert not IndexState.objects.exists()


@pytest.mark.django_db
def test_scheduled_item_becomes_searchable_when_its_time_comes(org, editor, reviewer,
                                                                django_capture_on_commit_callbacks):
    from gongkai.publishing.factories import ItemFactory

    item = ItemFactory(organization=org, created_by=editor, title="定时发布的年度报告")
    item.catalog_nodes.set([org.catalog_nodes.first()])
    with django_capture_on_commit_callbacks(execute=True):
        publishing.submit(editor, item)
        publishing.approve(reviewer, item, "经审查，同意公开。", secrecy_checked=True)
        publishing.publish(reviewer, item, at=timezone.now() + dt.timedelta(hours=2))
    assert found("定时发布") == []

    call_command("run_periodic")  # too early: nothing changes
    assert found("定时发布") == []

    # The publication time passes (moved back instead of waiting two hours).
    InformationItem.objects.filter(pk=item.pk).update(published_at=timezone.now() - dt.timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_periodic")
    assert found("定时发布") == [item.id]


@pytest.mark.django_db
def test_run_periodic_repairs_a_missed_change(publish_now, django_capture_on_commit_callbacks):
    item = publish_now(title="营商环境政策汇编")
    assert found("营商环境") == [item.id]
    # A change made behind the index's back (e.g. the worker was down): the search never shows it...
    InformationItem.objects.filter(pk=item.pk).update(state="withdrawn")
    assert found("营商环境") == []
    assert services.out_of_step_ids() == ([], [item.id])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_periodic")
    # ...and run_periodic brings the index back in step.
    assert services.out_of_step_ids() == ([], [])


@pytest.mark.django_db
def test_rebuild_index_indexes_every_live_item(publish_now, settings, capsys):
    first = publish_now(title="第一份政务公开信息")
    second = publish_now(title="第二份政务公开信息")
    services.get_backend().clear()
    IndexState.objects.all().delete()
    assert found("政务公开") == []
    call_command("rebuild_index", "--no-progress")
    assert sorted(found("政务公开")) == sorted([first.id, second.id])
    assert "Indexed 2 live item(s)" in capsys.readouterr().out


@pytest.mark.django_db
def test_indexing_failure_never_breaks_publishing(publish_now, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(services, "index_items", broken)
    item = publish_now(title="索引失败时仍然发布")
    item.refresh_from_db()
    assert item.state == "published"
    assert not IndexState.objects.filter(item=item).exists()  # run_periodic will pick it up


@pytest.mark.django_db(transaction=True)  # on_commit runs for real, as during an import
def test_deferred_indexing_batches_and_flushes(org, monkeypatch):
    from gongkai.publishing.services import record_migrated_item

    monkeypatch.setattr(services, "DEFERRED_BATCH", 3)
    batches = []
    real = services.index_items
    monkeypatch.setattr(services, "index_items", lambda ids: batches.append(sorted(ids)) or real(ids))
    node = org.catalog_nodes.first()
    with services.deferred_indexing():
        for number in range(7):
            record_migrated_item(None, org, {"title": f"迁移信息{number}", "formed_on": timezone.localdate()},
                                 [node], timezone.now())
        assert [len(b) for b in batches] == [3, 3]
    assert [len(b) for b in batches] == [3, 3, 1]
    assert len(found("迁移信息")) == 7
