"""The public pages: subscribe, confirm from the mail, manage, unsubscribe; limits; and no subscriber
address in any public page, the API, the feeds or the log."""

import logging
import re

import pytest
from django.core import mail
from django.urls import reverse

from gongkai.organizations.factories import credit_code_for
from gongkai.subscriptions import services
from gongkai.subscriptions.models import Frequency, Subscription
from gongkai.subscriptions.tests.helpers import confirm_path, path_of

pytestmark = pytest.mark.django_db

ADDRESS = "wang.xiaoming@example.cn"


def post_subscribe(client, kind, capture, **data):
    with capture(execute=True):
        return client.post(reverse("subscriptions:subscribe", args=[kind]),
                           {"email": ADDRESS, "frequency": Frequency.IMMEDIATE, **data})


def test_a_citizen_follows_a_unit_confirms_and_manages(client, org, django_capture_on_commit_callbacks):
    page = client.get(reverse("subscriptions:subscribe", args=["unit"]) + f"?key={org.pk}").content.decode()
    assert f'<option value="{org.pk}" selected>' in page
    response = post_subscribe(client, "unit", django_capture_on_commit_callbacks, key=org.pk)
    assert response.status_code == 302 and response.url == reverse("subscriptions:sent")
    [message] = mail.outbox
    assert message.to == [ADDRESS] and org.name in message.subject
    # The page and the mail state the period the link is actually signed for.
    days = services.CONFIRM_MAX_AGE // (24 * 3600)
    assert f"确认订阅（{days}日内有效）" in client.get(response.url).content.decode()
    assert f"确认订阅（{days}日内有效）：" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(confirm_path(message))
    assert "订阅成功" in confirmed.content.decode()
    # The page links to the subscriber's own management page (its signed address carries the second it was
    # signed, so it is read from the page rather than signed again here).
    expected = path_of(services.manage_url(Subscription.objects.get().subscriber))
    manage_path = path_of(re.search(r'href="([^"]*/dy/gl/[^"]+)"', confirmed.content.decode())[1])
    assert manage_path.split(":")[0] == expected.split(":")[0]
    page = client.get(manage_path).content.decode()
    assert "w***@example.cn" in page and ADDRESS not in page and org.name in page
    assert client.get(manage_path)["Referrer-Policy"] == "same-origin"
    subscription = Subscription.objects.get()
    client.post(manage_path, {"subscription": subscription.pk, "frequency": Frequency.WEEKLY})
    subscription.refresh_from_db()
    assert subscription.frequency == Frequency.WEEKLY
    client.post(manage_path, {"subscription": subscription.pk, "cancel": "1"})
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.UNSUBSCRIBED


def test_the_enterprise_form_checks_the_credit_code(client, django_capture_on_commit_callbacks):
    bad = post_subscribe(client, "enterprise_policies", django_capture_on_commit_callbacks,
                         enterprise_name="沂源县某制造有限公司", credit_code="913703230000000000", industries=["C"])
    assert bad.status_code == 400 and "统一社会信用代码" in bad.content.decode() and mail.outbox == []
    good = post_subscribe(client, "enterprise_policies", django_capture_on_commit_callbacks,
                          enterprise_name="沂源县某制造有限公司", credit_code=credit_code_for(77), industries=["C", "I"])
    assert good.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.industries == ["C", "I"] and subscription.enterprise_name == "沂源县某制造有限公司"


def test_a_saved_search_keeps_its_terms(client, django_capture_on_commit_callbacks):
    page = client.get(reverse("subscriptions:subscribe", args=["saved_search"]) + "?q=营商环境&topic=01&page=3")
    assert "营商环境" in page.content.decode()
    post_subscribe(client, "saved_search", django_capture_on_commit_callbacks, q="营商环境", topic="01")
    assert Subscription.objects.get().query == {"q": "营商环境", "topic": "01"}


@pytest.mark.parametrize("forged", [{"node": "abc"}, {"org": "999999"}, {"topic": "xx"}, {"doc_type": "情书"}])
def test_a_saved_search_with_a_forged_filter_is_refused_with_a_clear_reason(client, django_capture_on_commit_callbacks,
                                                                            forged):
    url = reverse("subscriptions:subscribe", args=["saved_search"])
    page = client.get(url, {"q": "通知", **forged}).content.decode()
    assert "无效，无法订阅" in page
    response = post_subscribe(client, "saved_search", django_capture_on_commit_callbacks, q="通知", **forged)
    assert response.status_code == 400
    assert "无效，无法订阅。请回到站内搜索重新选择筛选条件后再订阅。" in response.content.decode()
    assert mail.outbox == [] and not Subscription.objects.exists()


@pytest.mark.parametrize("merged", [False, True])
def test_a_saved_search_may_filter_by_an_existing_unit_and_node(client, django_capture_on_commit_callbacks, org,
                                                                merged):
    # The search page offers a merged (inactive) unit's items and filters too: following them is allowed.
    if merged:
        org.is_active = False
        org.save(update_fields=["is_active"])
    node = org.catalog_nodes.first()
    response = post_subscribe(client, "saved_search", django_capture_on_commit_callbacks, q="通知", org=org.pk,
                              node=node.pk)
    assert response.status_code == 302
    assert Subscription.objects.get().query == {"q": "通知", "org": str(org.pk), "node": str(node.pk)}


def test_honeypot_and_rate_limit(client, django_capture_on_commit_callbacks):
    bot = post_subscribe(client, "topic", django_capture_on_commit_callbacks, key="01", website="http://spam")
    assert bot.status_code == 400 and mail.outbox == []
    for _n in range(services.MAX_REQUESTS_PER_ADDRESS):
        post_subscribe(client, "topic", django_capture_on_commit_callbacks, key="01")
    refused = post_subscribe(client, "topic", django_capture_on_commit_callbacks, key="02")
    assert refused.status_code == 429 and "过于频繁" in refused.content.decode()
    assert len(mail.outbox) == services.MAX_REQUESTS_PER_ADDRESS


def test_a_forged_or_expired_link_is_a_clear_page(client):
    response = client.get(reverse("subscriptions:confirm", args=["forged"]))
    assert response.status_code == 400 and "链接无效" in response.content.decode()
    assert client.post(reverse("subscriptions:unsubscribe", args=["forged"])).status_code == 400


def test_no_subscriber_address_in_public_pages_api_feeds_or_log(client, org, editor, reviewer, caplog,
                                                                 django_capture_on_commit_callbacks):
    from gongkai.publishing.factories import published_item

    caplog.set_level(logging.DEBUG)
    post_subscribe(client, "unit", django_capture_on_commit_callbacks, key=org.pk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_path(mail.outbox[-1]))
        item = published_item(org, editor, reviewer, title="关于公开订阅测试信息的通知")
    assert any(m.subject == "关于公开订阅测试信息的通知" for m in mail.outbox)
    pages = ["/", reverse("subscriptions:index"), reverse("subscriptions:subscribe", args=["unit"]),
             reverse("portal:item", args=[item.pk]), reverse("newmedia:matrix"), "/api/v1/items",
             "/api/v1/openapi.json", reverse("feeds:sitemap"), "/search/?q=订阅"]
    for path in pages:
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert ADDRESS.encode() not in body, path
        assert b"wang.xiaoming" not in body, path
    for record in caplog.records:
        assert "wang.xiaoming" not in record.getMessage()
    from gongkai.notifications.models import Notice

    assert all("wang.xiaoming" not in n.recipient_masked for n in Notice.objects.all())


def test_the_invalid_filters_are_listed_with_an_english_separator_in_english(client, django_capture_on_commit_callbacks):
    from django.utils import translation

    with translation.override("en"):
        url = reverse("subscriptions:subscribe", args=["saved_search"])
    page = client.get(url, {"q": "通知", "topic": "xx", "doc_type": "情书"}).content.decode()
    assert "、" not in page.split("is not valid")[0][-80:] and ", " in page.split("is not valid")[0][-80:]


def test_the_enterprise_name_refuses_control_characters(client, django_capture_on_commit_callbacks):
    bad = post_subscribe(client, "enterprise_policies", django_capture_on_commit_callbacks,
                         enterprise_name="沂源县\x00某制造有限公司", credit_code=credit_code_for(77), industries=["C"])
    assert bad.status_code == 400 and "不能包含控制字符" in bad.content.decode()
    assert not Subscription.objects.exists() and mail.outbox == []


PHISH = "您的社保账户已冻结，请立即访问 http://evil.example/x 验证"


def test_a_visitors_search_terms_are_not_mailed_to_an_unconfirmed_address(client, django_capture_on_commit_callbacks):
    """Audit H2: the confirmation mail (from the government's address, to any address typed in) carried the
    visitor's free text in its subject and body. It says 「站内检索订阅」; the terms are shown on the confirm
    page after the click and in the mails after confirmation."""
    response = post_subscribe(client, "saved_search", django_capture_on_commit_callbacks, q=PHISH)
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject == "请确认订阅：站内检索订阅"
    assert "evil.example" not in message.body and "社保" not in message.body
    assert "evil.example" not in "".join(str(part[0]) for part in getattr(message, "alternatives", []))
    page = client.get(confirm_path(message)).content.decode()
    assert "社保账户已冻结" in page and "不要确认" in page
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(confirm_path(message)).content.decode()
    assert "社保账户已冻结" in confirmed


@pytest.mark.parametrize("q", ["营商\r\nBcc: x@evil.example", "营商\x00环境", "营商\x1b环境"])
def test_search_terms_with_control_characters_are_refused_with_a_reason(client, django_capture_on_commit_callbacks, q):
    """Audit M3: the search terms skipped the plain-text check: \\r\\n broke the mail header (BadHeaderError,
    retried, the subscription stuck pending), NUL was a 500 on PostgreSQL."""
    url = reverse("subscriptions:subscribe", args=["saved_search"])
    assert client.get(url, {"q": q}).status_code == 200
    response = post_subscribe(client, "saved_search", django_capture_on_commit_callbacks, q=q)
    assert response.status_code == 400 and "检索条件不能包含换行或控制字符" in response.content.decode()
    assert not Subscription.objects.exists() and mail.outbox == []


def test_an_invalid_change_on_the_manage_page_is_said(client, django_capture_on_commit_callbacks):
    """Audit L3: an unknown frequency redirected back with no message."""
    post_subscribe(client, "saved_search", django_capture_on_commit_callbacks, q="营商环境")
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(confirm_path(mail.outbox[0])).content.decode()
    manage_path = path_of(re.search(r'href="([^"]*/dy/gl/[^"]+)"', confirmed)[1])
    subscription = Subscription.objects.get()
    page = client.post(manage_path, {"subscription": subscription.pk, "frequency": "hourly"}, follow=True)
    assert "请选择列表中的推送频率" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.frequency == Frequency.IMMEDIATE
