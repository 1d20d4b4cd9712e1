"""Two callers announcing the same new 规范性文件 at once (the publish request and a `gongkai run_periodic` run, or
two overlapping runs) mail each subscriber once: the second waits for the first and finds its announcement."""

import threading
from unittest import mock

import pytest
from django.db import connection, connections

from gongkai.regulations import subscriptions
from gongkai.regulations.factories import normative_document
from gongkai.regulations.tests.test_subscriber_news import lawyer  # noqa: F401
from gongkai.subscriptions.models import Announcement, Delivery
from gongkai.subscriptions.services import announcing

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")]


def test_two_concurrent_announcements_of_a_new_document_mail_once(org, editor, reviewer, lawyer):  # noqa: F811
    document = normative_document(org, editor, reviewer, title="沂源县供热管理办法", doc_number="源政发〔2026〕6号")
    Announcement.objects.all().delete()  # as if its publication had not been announced yet
    real_deliver, first_created, release = announcing.deliver, threading.Event(), threading.Event()

    def slow_deliver(announcement, candidates):  # the first caller is still mailing many subscribers
        if threading.current_thread().name == "first":
            first_created.set()
            release.wait(3)
        return real_deliver(announcement, candidates)

    def run(name):
        try:
            subscriptions.announce_published(type(document).objects.select_related("item").get(pk=document.pk))
        finally:
            connections.close_all()

    with mock.patch.object(announcing, "deliver", slow_deliver):
        first = threading.Thread(target=run, args=("first",), name="first")
        first.start()
        assert first_created.wait(10)
        second = threading.Thread(target=run, args=("second",), name="second")
        second.start()
        second.join(10)
        release.set()
        first.join(10)
        second.join(10)
    assert Announcement.objects.filter(source=f"normative-published:{document.pk}").count() == 1
    assert Delivery.objects.filter(subscription=lawyer).count() == 1
