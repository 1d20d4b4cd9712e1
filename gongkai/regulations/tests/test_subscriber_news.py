"""Subscribers of 规范性文件 are mailed 「新发布规范性文件」 only for a genuinely new publication: not for a document
migrated from the old site when it is registered, nor when it (or any document) reaches its 施行日期."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from gongkai.catalog.services import ensure_catalog, node_by_key
from gongkai.publishing import services as publishing
from gongkai.regulations import services
from gongkai.regulations.expiry import announce_state_changes
from gongkai.regulations.factories import normative_document
from gongkai.regulations.models import StateRun
from gongkai.subscriptions import services as subscriptions
from gongkai.subscriptions.models import Subscriber, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def lawyer():
    email = "lawyer@example.cn"
    subscriber = Subscriber.objects.create(email=email, email_digest=subscriptions.email_digest(email),
                                           email_masked=subscriptions.mask_email(email))
    return Subscription.objects.create(subscriber=subscriber, kind="normative", label="规范性文件",
                                       frequency="immediate", status=Subscription.Status.ACTIVE)


def _register_data(promulgated_on, effective_from):
    return {"promulgated_on": promulgated_on, "effective_from": effective_from,
            "expires_on": effective_from + dt.timedelta(days=1000), "legality_reviewer": "沂源县司法局",
            "legality_reviewed_on": promulgated_on - dt.timedelta(days=10), "legality_opinion": "合法"}


def test_a_migrated_document_registered_and_taking_effect_is_not_news(
        org, editor, reviewer, lawyer, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    ensure_catalog(org)
    with django_capture_on_commit_callbacks(execute=True):
        item = publishing.record_migrated_item(
            reviewer, org, {"title": "沂源县农村饮水安全工程管理办法", "doc_number": "源政发〔2026〕2号",
                            "body": "<p>第一条</p>", "formed_on": today - dt.timedelta(days=2)},
            [node_by_key(org, "art20.1")],
            published_at=timezone.now() - dt.timedelta(days=2))
        # published on the old site two days ago, taking effect tomorrow: registered here today
        document = services.register(editor, item, _register_data(today - dt.timedelta(days=2),
                                                                  today + dt.timedelta(days=1)))
    assert mail.outbox == []
    StateRun.objects.create(day=today)
    tomorrow = today + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True), \
            mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
        assert announce_state_changes(tomorrow) == [document.pk]  # its state changed: pages and search follow
    assert mail.outbox == []  # but no 「新发布规范性文件」 for it, nor any other mail


def test_a_document_taking_effect_is_not_announced_again(org, editor, reviewer, lawyer,
                                                         django_capture_on_commit_callbacks):
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        document = normative_document(org, editor, reviewer, title="沂源县农村公路养护办法",
                                      doc_number="源政办发〔2026〕3号", promulgated_on=str(today),
                                      effective_from=str(today + dt.timedelta(days=1)),
                                      expires_on=str(today + dt.timedelta(days=900)))
    [news] = mail.outbox  # published here today, registered at once: news, once
    assert "新发布规范性文件：沂源县农村公路养护办法" in news.subject
    StateRun.objects.create(day=today)
    tomorrow = today + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True), \
            mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
        assert announce_state_changes(tomorrow) == [document.pk]
    assert len(mail.outbox) == 1


def test_an_item_published_here_long_ago_and_registered_now_is_not_news(
        org, editor, reviewer, lawyer, django_capture_on_commit_callbacks):
    from gongkai.publishing.factories import published_item
    from gongkai.publishing.models import InformationItem

    today = timezone.localdate()
    ensure_catalog(org)
    item = published_item(org, editor, reviewer, nodes=[node_by_key(org, "art20.1")], title="沂源县旧管理办法",
                          doc_number="源政发〔2025〕4号", formed_on=today - dt.timedelta(days=400))
    InformationItem.objects.filter(pk=item.pk).update(published_at=timezone.now() - dt.timedelta(days=300))
    item.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.register(editor, item, _register_data(today - dt.timedelta(days=300), today - dt.timedelta(days=300)))
    assert mail.outbox == []


def test_a_document_published_on_a_schedule_is_news_once_it_is_public(
        org, editor, reviewer, lawyer, django_capture_on_commit_callbacks):
    from gongkai.regulations.expiry import enqueue_sweep

    today = timezone.localdate()
    item, going_public = scheduled_item(org, editor, reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        services.register(editor, item, _register_data(today, today))
        enqueue_sweep(today)
    assert mail.outbox == []
    later = going_public + dt.timedelta(minutes=5)
    with django_capture_on_commit_callbacks(execute=True), mock.patch("django.utils.timezone.now", return_value=later):
        enqueue_sweep(today)
        enqueue_sweep(today)  # once
    [news] = mail.outbox
    assert "新发布规范性文件：沂源县供热管理办法" in news.subject


def scheduled_item(org, editor, reviewer):
    """A 规范性文件's item approved and set to go public in two hours (not public yet), and that moment."""
    from gongkai.publishing.factories import published_item
    from gongkai.publishing.models import InformationItem

    ensure_catalog(org)
    item = published_item(org, editor, reviewer, nodes=[node_by_key(org, "art20.1")], title="沂源县供热管理办法",
                          doc_number="源政发〔2026〕6号")
    going_public = timezone.now() + dt.timedelta(hours=2)
    InformationItem.objects.filter(pk=item.pk).update(published_at=going_public)
    item.refresh_from_db()
    return item, going_public
