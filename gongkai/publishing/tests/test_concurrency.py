"""索引号 under concurrency and against duplicates.

Concurrent publishing is tested on PostgreSQL, where requests really run in parallel; the in-memory
SQLite test database cannot be shared by threads (and SQLite serializes writers anyway).
"""

import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from gongkai.catalog.services import node_by_key
from gongkai.publishing import services
from gongkai.publishing.choices import State
from gongkai.publishing.factories import ItemFactory, published_item
from gongkai.publishing.models import IndexSequence, InformationItem

PUBLISHERS = 8


def approved_items(org, editor, reviewer, count: int) -> list[InformationItem]:
    node = node_by_key(org, "plan.notices")
    items = []
    for n in range(count):
        item = services.create_item(
            editor, org, {"title": f"关于并发发布测试第{n + 1}号的通知", "formed_on": timezone.localdate(),
                          "body": "<p>正文</p>"}, [node])
        services.submit(editor, item)
        items.append(services.approve(reviewer, item, "不涉密，同意公开。", secrecy_checked=True))
    return items


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="needs PostgreSQL: the in-memory SQLite test database cannot be shared by threads")
@pytest.mark.django_db(transaction=True)
def test_concurrent_publishes_get_distinct_consecutive_index_numbers(org, editor, reviewer):
    items = approved_items(org, editor, reviewer, PUBLISHERS)
    assert not IndexSequence.objects.filter(organization=org).exists()  # the first publishes race to create it
    start = threading.Barrier(PUBLISHERS)
    results: dict[int, str] = {}
    errors: list[BaseException] = []

    def publish(item):
        try:
            start.wait(timeout=30)
            results[item.pk] = services.publish(reviewer, item).index_no
        except BaseException as exc:  # reported below, with the thread's own exception
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    assert len(results) == PUBLISHERS
    year = timezone.localdate().year
    expected = {f"{org.credit_code}/{year}-{serial:05d}" for serial in range(1, PUBLISHERS + 1)}
    assert set(results.values()) == expected
    stored = InformationItem.objects.filter(organization=org, state=State.PUBLISHED)
    assert set(stored.values_list("index_no", flat=True)) == expected
    assert IndexSequence.objects.get(organization=org, year=year).last_serial == PUBLISHERS


@pytest.mark.django_db
def test_the_database_refuses_a_duplicate_index_number(org, editor, reviewer):
    first = published_item(org, editor, reviewer)
    copy = ItemFactory(organization=org)
    copy.index_no = first.index_no
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()
    assert InformationItem.objects.filter(index_no=first.index_no).count() == 1


@pytest.mark.django_db
def test_a_publish_after_the_sequence_was_rolled_back_skips_the_taken_number(org, editor, reviewer):
    first = published_item(org, editor, reviewer)
    # Someone rolled the sequence back (a restored backup, a hand edit): the next serial is taken. It used
    # to be refused for ever (「索引号分配冲突」); now allocation skips the serials items already carry.
    IndexSequence.objects.filter(organization=org).update(last_serial=0)
    (item,) = approved_items(org, editor, reviewer, 1)
    item = services.publish(reviewer, item)
    year = timezone.localdate().year
    assert item.state == State.PUBLISHED and item.index_no == f"{org.credit_code}/{year}-00002"
    assert InformationItem.objects.filter(index_no=first.index_no).get() == first
