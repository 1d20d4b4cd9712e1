"""A subscription records the site it was made on (several counties hosted on one platform) and reaches only
what that site shows: a whole-kind subscription of one county no longer gets the other county's items, and
the links in its mail lead to its own site's host."""

import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.portal.models import SiteProfile
from gongkai.publishing.factories import published_item
from gongkai.subscriptions import registry, services
from gongkai.subscriptions.models import Frequency, Subscriber, Subscription
from gongkai.subscriptions.tests.helpers import confirm_path, outbox_to

pytestmark = pytest.mark.django_db

OTHER_HOST = "other.example"


@pytest.fixture
def two_sites(org, other_org, settings):
    settings.ALLOWED_HOSTS = ["testserver", OTHER_HOST]
    settings.GONGKAI_PUBLIC_URL = "https://gov.example"
    here = SiteProfile.objects.create(host="", name="本县人民政府", root_organization=org)
    there = SiteProfile.objects.create(host=OTHER_HOST, name="另一县人民政府", root_organization=other_org)
    return here, there


@pytest.fixture
def test_topic():
    registry.register_topic("test_gazette", "政府公报")
    yield "test_gazette"
    registry.unregister_topic("test_gazette")


def subscribe_on(client, capture, host, email, kind, key=""):
    """Through the public form on the given host, then the confirmation link of the mail."""
    mail.outbox.clear()
    with capture(execute=True):
        response = client.post(reverse("subscriptions:subscribe", args=[kind]), HTTP_HOST=host,
                               data={"email": email, "frequency": Frequency.IMMEDIATE, "key": key})
    assert response.status_code == 302
    with capture(execute=True):
        assert client.post(confirm_path(outbox_to(email)[-1]), HTTP_HOST=host).status_code == 200
    return Subscription.objects.get(subscriber__email_digest=services.email_digest(email), kind=kind)


def test_a_whole_kind_subscription_gets_only_its_own_sites_items(client, two_sites, org, other_org, editor,
                                                                  reviewer, django_capture_on_commit_callbacks):
    here, there = two_sites
    capture = django_capture_on_commit_callbacks
    mine = subscribe_on(client, capture, "testserver", "here@example.cn", "unit")
    theirs = subscribe_on(client, capture, OTHER_HOST, "there@example.cn", "unit")
    mail.outbox.clear()
    with capture(execute=True):
        item = published_item(other_org, user_with_role(other_org, Role.EDITOR),
                              user_with_role(other_org, Role.REVIEWER), title="另一县的通知")
    assert [m.to[0] for m in mail.outbox] == ["there@example.cn"]
    # Its links lead to the other county's host: the default site answers 404 for that county's pages.
    body = mail.outbox[0].body
    assert f"https://{OTHER_HOST}/xxgk/items/{item.pk}/" in body
    assert f"https://{OTHER_HOST}/dy/td/" in body and "https://gov.example/" not in body
    mail.outbox.clear()
    with capture(execute=True):
        published_item(org, editor, reviewer, title="本县的通知")
    assert [m.to[0] for m in mail.outbox] == ["here@example.cn"]
    assert "https://gov.example/xxgk/items/" in mail.outbox[0].body
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.site, theirs.site) == (here, there)


def test_a_saved_search_gets_only_its_own_sites_items(client, two_sites, other_org,
                                                      django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    mail.outbox.clear()
    with capture(execute=True):
        client.post(reverse("subscriptions:subscribe", args=["saved_search"]),
                    {"email": "search@example.cn", "frequency": Frequency.IMMEDIATE, "q": "通知"})
    with capture(execute=True):
        client.post(confirm_path(outbox_to("search@example.cn")[-1]))
    assert Subscription.objects.get().status == Subscription.Status.ACTIVE
    mail.outbox.clear()
    with capture(execute=True):
        published_item(other_org, user_with_role(other_org, Role.EDITOR),
                       user_with_role(other_org, Role.REVIEWER), title="另一县的通知")
    assert mail.outbox == []


def test_an_announcement_of_one_organization_reaches_the_sites_that_show_it(
        client, two_sites, org, other_org, test_topic, django_capture_on_commit_callbacks):
    """政府公报, 规范性文件, 涉企政策: announced with the organization whose publication it is."""
    capture = django_capture_on_commit_callbacks
    subscribe_on(client, capture, "testserver", "here@example.cn", test_topic)
    subscribe_on(client, capture, OTHER_HOST, "there@example.cn", test_topic)
    mail.outbox.clear()
    with capture(execute=True):
        reached = services.announce(test_topic, "", subject="另一县政府公报 2026年第1期", text="目录",
                                    url="/zfgb/issue/1/", organization=other_org.pk)
    assert reached == 1 and [m.to[0] for m in mail.outbox] == ["there@example.cn"]


def test_the_same_topic_on_two_sites_is_two_subscriptions_named_by_site_on_the_manage_page(
        client, two_sites, test_topic, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    subscribe_on(client, capture, "testserver", "both@example.cn", test_topic)
    with capture(execute=True):
        client.post(reverse("subscriptions:subscribe", args=[test_topic]), HTTP_HOST=OTHER_HOST,
                    data={"email": "both@example.cn", "frequency": Frequency.IMMEDIATE})
    with capture(execute=True):
        client.post(confirm_path(outbox_to("both@example.cn")[-1]), HTTP_HOST=OTHER_HOST)
    assert Subscription.objects.filter(status=Subscription.Status.ACTIVE).count() == 2
    subscriber = Subscriber.objects.get()
    page = client.get(services.manage_url(subscriber).replace("https://gov.example", "")).content.decode()
    assert "订阅网站：本县人民政府" in page and "订阅网站：另一县人民政府" in page
    theirs = Subscription.objects.get(site__host=OTHER_HOST)
    unsubscribe = services.unsubscribe_url(theirs)
    assert unsubscribe.startswith(f"https://{OTHER_HOST}/dy/td/")
    page = client.get(unsubscribe.replace(f"https://{OTHER_HOST}", ""), HTTP_HOST=OTHER_HOST).content.decode()
    assert "订阅网站：另一县人民政府" in page


def test_existing_subscriptions_are_given_the_site_of_their_unit_or_column_else_the_default(
        two_sites, org, other_org):
    here, there = two_sites
    subscriber = Subscriber.objects.create(email="a@example.cn", email_digest="d1", email_masked="a***@example.cn")
    node = other_org.catalog_nodes.first()

    def old(kind, key="", query=None):
        return Subscription.objects.create(subscriber=subscriber, kind=kind, key=key, query=query or {},
                                           label=kind, status=Subscription.Status.ACTIVE)

    rows = {"unit": old("unit", str(other_org.pk)), "node": old("catalog_node", str(node.pk)),
            "search": old("saved_search", query={"q": "通知", "node": str(node.pk)}),
            "whole": old("unit"), "mine": old("unit", str(org.pk)), "gone": old("unit", "999999")}
    migration = importlib.import_module("gongkai.subscriptions.migrations.0004_subscription_site")
    migration.record_sites(apps, None)
    sites = {name: Subscription.objects.get(pk=row.pk).site for name, row in rows.items()}
    assert sites == {"unit": there, "node": there, "search": there, "whole": here, "mine": here, "gone": here}
