"""Double opt-in, announcing to (kind, key), digests, unsubscribe by link and by header (RFC 8058)."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from gongkai.core.services import ActionRefused
from gongkai.notifications.models import Notice
from gongkai.publishing.factories import published_item
from gongkai.subscriptions import registry, services
from gongkai.subscriptions.models import Announcement, Delivery, Frequency, Subscriber, Subscription
from gongkai.subscriptions.tests.helpers import confirm_path, outbox_to, unsubscribe_path

pytestmark = pytest.mark.django_db

EMAIL = "Zhang.San@Example.com"


@pytest.fixture(autouse=True)
def _topics():
    registry.register_topic("test_gazette", "政府公报")
    yield
    registry.unregister_topic("test_gazette")


def subscribe(client, capture, email=EMAIL, kind="test_gazette", key="", frequency=Frequency.IMMEDIATE, **extra):
    mail.outbox.clear()
    with capture(execute=True):
        subscription = services.request_subscription(email=email, kind=kind, key=key, frequency=frequency, **extra)
    message = outbox_to(email.lower())[-1]
    with capture(execute=True):
        response = client.post(confirm_path(message))
    assert response.status_code == 200
    subscription.refresh_from_db()
    return subscription


def test_nothing_is_sent_before_the_address_confirms(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        subscription = services.request_subscription(email=EMAIL, kind="test_gazette")
    assert subscription.status == Subscription.Status.PENDING
    [message] = mail.outbox
    assert message.to == ["zhang.san@example.com"]
    assert "请确认订阅" in message.subject
    with django_capture_on_commit_callbacks(execute=True):
        assert services.announce("test_gazette", "", subject="2020年第1期", text="新一期公报", url="/zfgb/1/") == 0
    assert len(mail.outbox) == 1  # the unconfirmed address gets nothing

    response = client.get(confirm_path(message))  # a GET (a mail scanner) confirms nothing
    assert response.status_code == 200 and "确认订阅" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.PENDING
    client.post(confirm_path(message))
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.ACTIVE

    with django_capture_on_commit_callbacks(execute=True):
        reached = services.announce("test_gazette", "", subject="2020年第2期", text="新一期公报已发布", url="/zfgb/2/")
    assert reached == 1
    news = mail.outbox[-1]
    assert news.subject == "2020年第2期"
    assert "http://testserver/zfgb/2/" in news.body or "/zfgb/2/" in news.body
    assert news.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert news.extra_headers["List-Unsubscribe"].startswith("<http") and "/dy/td/" in news.extra_headers["List-Unsubscribe"]
    html = news.alternatives[0][0]
    assert "新一期公报已发布" in html and "/dy/td/" in html


def test_the_address_is_stored_encrypted_and_never_in_the_log(client, django_capture_on_commit_callbacks):
    subscription = subscribe(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.announce("test_gazette", "", subject="新一期", text="正文", url="/zfgb/3/")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT email, email_masked FROM subscriptions_subscriber")
        stored, masked = cursor.fetchone()
    assert "example.com" not in stored.lower() and masked == "z***@example.com"
    for notice in Notice.objects.all():
        assert "zhang.san" not in f"{notice.recipient_masked} {notice.body} {notice.last_error}".lower()
        assert "/dy/td/" not in notice.body and "/dy/qr/" not in notice.body  # personal links only in the mail
    assert subscription.subscriber.email == "zhang.san@example.com"


def test_unsubscribe_by_link_and_by_one_click_header(client, django_capture_on_commit_callbacks):
    subscribe(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.announce("test_gazette", "", subject="一", text="正文", url="/zfgb/1/")
    message = mail.outbox[-1]
    header_url = message.extra_headers["List-Unsubscribe"].strip("<>")
    # RFC 8058: the mail provider posts the one-click body, without cookies or a CSRF token.
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        header_url.replace("http://127.0.0.1:8000", ""), data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert Subscription.objects.get().status == Subscription.Status.UNSUBSCRIBED
    with django_capture_on_commit_callbacks(execute=True):
        assert services.announce("test_gazette", "", subject="二", text="正文", url="/zfgb/2/") == 0

    # By the link in the text: the page asks, the button unsubscribes.
    mail.outbox.clear()
    subscribe(client, django_capture_on_commit_callbacks, email="li@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        services.announce("test_gazette", "", subject="三", text="正文", url="/zfgb/3/")
    path = unsubscribe_path(outbox_to("li@example.com")[-1])
    assert "确认退订" in client.get(path).content.decode()
    assert "已退订" in client.post(path).content.decode()
    assert not Subscription.objects.filter(status=Subscription.Status.ACTIVE).exists()


def test_a_broken_token_is_refused():
    with pytest.raises(ActionRefused):
        services.unsubscribe("nonsense")
    with pytest.raises(ActionRefused):
        services.confirm(services.make_token("unsubscribe", 1))  # a token of another purpose


def test_keyed_topics_reach_the_key_and_the_whole_kind(client, django_capture_on_commit_callbacks):
    registry.register_topic("test_units", "单位", [("1", "县财政局"), ("2", "县教育局")])
    try:
        subscribe(client, django_capture_on_commit_callbacks, email="a@example.com", kind="test_units", key="1")
        subscribe(client, django_capture_on_commit_callbacks, email="b@example.com", kind="test_units", key="2")
        subscribe(client, django_capture_on_commit_callbacks, email="c@example.com", kind="test_units", key="")
        with django_capture_on_commit_callbacks(execute=True):
            assert services.announce("test_units", "1", subject="财政", text="t", url="/x/") == 2
        assert {m.to[0] for m in mail.outbox if m.subject == "财政"} == {"a@example.com", "c@example.com"}
        with pytest.raises(ActionRefused):
            services.request_subscription(email="d@example.com", kind="test_units", key="9")
    finally:
        registry.unregister_topic("test_units")


def test_enterprise_subscribers_get_only_their_industries(client, django_capture_on_commit_callbacks):
    from gongkai.organizations.factories import credit_code_for

    for n, (email, industries) in enumerate([("mfg@example.com", ["C"]), ("farm@example.com", ["A", "F"])]):
        subscribe(client, django_capture_on_commit_callbacks, email=email, kind=services.ENTERPRISE_KIND,
                  enterprise={"name": f"企业{n}", "credit_code": credit_code_for(900 + n), "industries": industries})
    with django_capture_on_commit_callbacks(execute=True):
        assert services.announce(services.ENTERPRISE_KIND, "", subject="制造业奖补", text="t", url="/p/1/",
                                 industries=["C"]) == 1
        assert services.announce(services.ENTERPRISE_KIND, "", subject="普惠政策", text="t", url="/p/2/",
                                 attachments=[("明白纸.pdf", b"%PDF-1.4 test", "application/pdf")]) == 2
    assert [m.to[0] for m in mail.outbox if m.subject == "制造业奖补"] == ["mfg@example.com"]
    sent = [m for m in mail.outbox if m.subject == "普惠政策"]
    assert len(sent) == 2 and sent[0].attachments[0][0] == "明白纸.pdf"


def test_daily_and_weekly_digests(client, django_capture_on_commit_callbacks):
    subscribe(client, django_capture_on_commit_callbacks, email="day@example.com", frequency=Frequency.DAILY)
    subscribe(client, django_capture_on_commit_callbacks, email="week@example.com", frequency=Frequency.WEEKLY)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.announce("test_gazette", "", subject="第一期", text="t1", url="/g/1/") == 2
        services.announce("test_gazette", "", subject="第二期", text="t2", url="/g/2/")
    assert mail.outbox == []  # nothing immediate
    tz = timezone.get_current_timezone()
    tuesday_7 = dt.datetime(2030, 1, 8, 7, 0, tzinfo=tz)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(tuesday_7) == 0  # before 08:00
        assert services.send_digests(tuesday_7 + dt.timedelta(hours=2)) == 1  # the daily one
        assert services.send_digests(tuesday_7 + dt.timedelta(hours=3)) == 0  # once a day
    [daily] = mail.outbox
    assert daily.to == ["day@example.com"] and "每日汇总（2 条）" in daily.subject
    assert "第一期" in daily.body and "第二期" in daily.body and "List-Unsubscribe" in daily.extra_headers
    monday = dt.datetime(2030, 1, 14, 9, 0, tzinfo=tz)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(monday) == 1
    assert mail.outbox[-1].to == ["week@example.com"] and "每周汇总（2 条）" in mail.outbox[-1].subject
    assert not Delivery.objects.filter(digest__isnull=True).exists()


def test_subscription_requests_are_limited_per_address(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _n in range(services.MAX_REQUESTS_PER_ADDRESS):
            services.request_subscription(email=EMAIL, kind="test_gazette")
        with pytest.raises(ActionRefused):
            services.request_subscription(email=EMAIL, kind="test_gazette")
    assert len(mail.outbox) == services.MAX_REQUESTS_PER_ADDRESS
    assert Subscriber.objects.count() == 1


def test_a_published_item_reaches_followers_of_its_unit_node_topic_and_saved_searches(
        client, django_capture_on_commit_callbacks, org, editor, reviewer, other_org):
    subscribe(client, django_capture_on_commit_callbacks, email="unit@example.com", kind="unit", key=str(org.pk))
    subscribe(client, django_capture_on_commit_callbacks, email="other@example.com", kind="unit",
              key=str(other_org.pk))
    subscribe(client, django_capture_on_commit_callbacks, email="search@example.com", kind="saved_search",
              query={"q": "营商环境"})
    subscribe(client, django_capture_on_commit_callbacks, email="unit@example.com", kind="topic", key="01")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        published_item(org, editor, reviewer, title="关于优化营商环境的通知", topic="01")
    received = sorted(m.to[0] for m in mail.outbox)
    assert received == ["search@example.com", "unit@example.com"]  # once each, not the other unit's follower
    assert all(m.subject == "关于优化营商环境的通知" for m in mail.outbox)


def test_an_item_withdrawn_or_deleted_before_the_digest_is_not_in_it(client, django_capture_on_commit_callbacks,
                                                                     org, editor, reviewer):
    from gongkai.publishing import services as publishing

    subscribe(client, django_capture_on_commit_callbacks, email="unit@example.com", kind="unit", key=str(org.pk),
              frequency=Frequency.DAILY)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        kept = published_item(org, editor, reviewer, title="关于春节期间值班安排的通知")
        withdrawn = published_item(org, editor, reviewer, title="关于错发文件的通知")
        deleted = published_item(org, editor, reviewer, title="关于误发信息的通知")
    assert Delivery.objects.filter(digest__isnull=True).count() == 3  # announced, waiting for the digest
    with django_capture_on_commit_callbacks(execute=True):
        publishing.withdraw(reviewer, withdrawn, "内容有误，予以撤回。")
        publishing.delete(reviewer, deleted, "误发。")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(dt.datetime(2030, 1, 8, 9, 0, tzinfo=timezone.get_current_timezone())) == 1
    [digest] = mail.outbox
    assert "每日汇总（1 条）" in digest.subject and kept.title in digest.body
    assert withdrawn.title not in digest.body and deleted.title not in digest.body


def test_items_brought_over_from_the_old_site_are_not_sent_to_followers_as_news(
        client, django_capture_on_commit_callbacks, org):
    """A migration of the old site's documents (import_documents) publishes years of items at once: they
    are searchable and listed, but no follower of the unit is told about them."""
    from gongkai.publishing import services as publishing
    from gongkai.search.query import SearchQuery
    from gongkai.search.services import search

    subscribe(client, django_capture_on_commit_callbacks, email="unit@example.com", kind="unit", key=str(org.pk))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        item = publishing.record_migrated_item(None, org, {"title": "二〇一八年营商环境旧通知", "formed_on": dt.date(2018, 5, 2),
                                                           "body": "<p>旧站正文</p>"}, [],
                                               published_at=timezone.make_aware(dt.datetime(2018, 5, 3, 9)))
    assert mail.outbox == [] and not Delivery.objects.exists()
    assert [hit.item.pk for hit in search(SearchQuery(q="营商环境旧通知")).hits] == [item.pk]


def test_a_normative_document_announced_from_the_english_interface_is_dropped_from_the_digest_too(
        client, django_capture_on_commit_callbacks, org, editor, reviewer):
    """Announcements store the page in the site's own language (/xxgk/items/5/, never /en/xxgk/items/5/), so
    every subscriber gets the same link and a withdrawal finds whatever announced the item."""
    from django.urls import reverse
    from django.utils import translation

    from gongkai.publishing import services as publishing

    subscribe(client, django_capture_on_commit_callbacks, email="unit@example.com", kind="unit", key=str(org.pk),
              frequency=Frequency.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        item = published_item(org, editor, reviewer, title="关于错发文件的通知")
    with translation.override("en"):
        english = reverse("portal:item", kwargs={"item_id": item.pk})
        assert english.startswith("/en/")
        services.announce("unit", str(org.pk), subject="规范性文件变更", text="《关于错发文件的通知》", url=english,
                          source="normative-event:1")
    assert set(Delivery.objects.values_list("announcement__url", flat=True)) == {f"/xxgk/items/{item.pk}/"}
    with django_capture_on_commit_callbacks(execute=True):
        publishing.withdraw(reviewer, item, "内容有误，予以撤回。")
    assert not Delivery.objects.filter(digest__isnull=True).exists()


def _forged_saved_search(client, capture, email="evil@example.com", frequency=Frequency.IMMEDIATE):
    """A saved search stored before its filters were checked: its node is no number."""
    subscription = subscribe(client, capture, email=email, kind="saved_search", frequency=frequency,
                             query={"q": "通知"})
    Subscription.objects.filter(pk=subscription.pk).update(query={"q": "通知", "node": "abc"})
    return subscription


def test_a_saved_search_with_a_bad_stored_filter_stops_no_one_elses_mail(client, django_capture_on_commit_callbacks,
                                                                         org, editor, reviewer):
    subscribe(client, django_capture_on_commit_callbacks, email="honest@example.com", kind="unit", key=str(org.pk))
    _forged_saved_search(client, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        published_item(org, editor, reviewer, title="关于优化营商环境的通知")
    assert [m.to for m in mail.outbox] == [["honest@example.com"]]


def test_a_saved_search_that_cannot_be_read_is_left_out_and_logged(client, django_capture_on_commit_callbacks,
                                                                  org, editor, reviewer, monkeypatch, caplog):
    from gongkai.subscriptions import topics

    subscribe(client, django_capture_on_commit_callbacks, email="honest@example.com", kind="unit", key=str(org.pk))
    broken = subscribe(client, django_capture_on_commit_callbacks, email="search@example.com", kind="saved_search",
                       query={"q": "通知"})

    def fails(query, item, node_ids):
        raise RuntimeError("unreadable")

    monkeypatch.setattr(topics, "search_matches", fails)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        published_item(org, editor, reviewer, title="关于优化营商环境的通知")
    assert [m.to for m in mail.outbox] == [["honest@example.com"]]
    assert f"saved search {broken.pk} could not be matched" in caplog.text


def test_a_bad_saved_search_does_not_stop_the_daily_digests(client, django_capture_on_commit_callbacks,
                                                            org, editor, reviewer):
    from gongkai.subscriptions import topics

    subscribe(client, django_capture_on_commit_callbacks, email="daily@example.com", kind="unit", key=str(org.pk),
              frequency=Frequency.DAILY)
    _forged_saved_search(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        item = published_item(org, editor, reviewer, title="关于优化营商环境的通知")
    Announcement.objects.all().delete()  # as if it was published on a schedule: run_periodic announces it
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        topics.periodic()  # sends the digest too when run after 08:00
        services.send_digests(dt.datetime(2030, 1, 8, 9, 0, tzinfo=timezone.get_current_timezone()))
    [digest] = mail.outbox
    assert digest.to == ["daily@example.com"] and item.title in digest.body


def test_an_item_made_not_public_after_publication_is_not_in_the_digest(client, django_capture_on_commit_callbacks,
                                                                        org, editor, reviewer):
    from gongkai.core.exemptions import ExemptionBasis
    from gongkai.publishing import services as publishing
    from gongkai.publishing.models import InformationItem

    subscribe(client, django_capture_on_commit_callbacks, email="unit@example.com", kind="unit", key=str(org.pk),
              frequency=Frequency.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        kept = published_item(org, editor, reviewer, title="关于春节期间值班安排的通知")
        hidden = published_item(org, editor, reviewer, title="关于某人员处分情况的通知")
        on_request = published_item(org, editor, reviewer, title="关于某项目内部审计情况的通知")
    assert Delivery.objects.filter(digest__isnull=True).count() == 3  # announced, waiting for the digest
    with pytest.raises(ActionRefused):  # a correction cannot take a published item off the site …
        publishing.update_item(reviewer, hidden, {"disclosure_mode": "not_disclosed",
                                                  "exemption_basis": ExemptionBasis.values[0]})
    with django_capture_on_commit_callbacks(execute=True):  # … it is withdrawn, with its reason
        publishing.withdraw(reviewer, hidden, "涉及个人信息，不予公开。")
    assert not Delivery.objects.filter(announcement__source=f"item:{hidden.pk}").exists()  # dropped at once
    # changed without telling anyone (a data fix in the shell): the digest checks again when it goes out
    InformationItem.objects.filter(pk=on_request.pk).update(disclosure_mode="on_request")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(dt.datetime(2030, 1, 8, 9, 0, tzinfo=timezone.get_current_timezone())) == 1
    [digest] = mail.outbox
    assert "每日汇总（1 条）" in digest.subject and kept.title in digest.body
    assert hidden.title not in digest.body and on_request.title not in digest.body


def test_the_first_daily_digest_comes_the_morning_after_the_confirmation(client, django_capture_on_commit_callbacks):
    tz = timezone.get_current_timezone()
    subscription = subscribe(client, django_capture_on_commit_callbacks, email="day@example.com",
                             frequency=Frequency.DAILY)
    Subscription.objects.filter(pk=subscription.pk).update(confirmed_at=dt.datetime(2030, 1, 8, 7, 0, tzinfo=tz))
    with django_capture_on_commit_callbacks(execute=True):
        services.announce("test_gazette", "", subject="第一期", text="t1", url="/g/1/")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(dt.datetime(2030, 1, 8, 14, 0, tzinfo=tz)) == 0  # the afternoon of that day
        assert services.send_digests(dt.datetime(2030, 1, 9, 8, 5, tzinfo=tz)) == 1  # the next morning
    [digest] = mail.outbox
    assert "每日汇总（1 条）" in digest.subject and "第一期" in digest.body


def test_sub_addresses_share_the_limit_of_their_mailbox(django_capture_on_commit_callbacks):
    """Audit H2: a+1@x, a+2@x … reach the same mailbox and each had its own allowance."""
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(services.MAX_REQUESTS_PER_ADDRESS):
            services.request_subscription(email=f"zhang.san+{n}@example.com", kind="test_gazette")
        with pytest.raises(ActionRefused):
            services.request_subscription(email="Zhang.San+x@Example.com", kind="test_gazette")
        with pytest.raises(ActionRefused):
            services.request_subscription(email=EMAIL, kind="test_gazette")
    assert len(mail.outbox) == services.MAX_REQUESTS_PER_ADDRESS


def test_asking_again_does_not_change_a_pending_subscription(django_capture_on_commit_callbacks):
    """Audit L5: anyone asking again for the same pending subscription changed its frequency (or enterprise
    name) before the owner confirmed. It is only sent again."""
    with django_capture_on_commit_callbacks(execute=True):
        first = services.request_subscription(email=EMAIL, kind="test_gazette", frequency=Frequency.DAILY)
        again = services.request_subscription(email=EMAIL, kind="test_gazette", frequency=Frequency.WEEKLY)
    assert again.pk == first.pk
    again.refresh_from_db()
    assert again.frequency == Frequency.DAILY and again.status == Subscription.Status.PENDING
    assert len(mail.outbox) == 2  # the confirmation sent again
