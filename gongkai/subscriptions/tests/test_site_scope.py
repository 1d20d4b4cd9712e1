"""Several sites hosted on one platform (a site profile per host): the subscribe form offers the units and
catalog columns of the request's site only, and refuses, in Chinese, an id of another site posted by hand."""

import pytest
from django.urls import reverse

from gongkai.catalog.models import CatalogNode
from gongkai.portal.models import SiteProfile
from gongkai.subscriptions.models import Frequency, Subscription

pytestmark = pytest.mark.django_db

OTHER_HOST = "other.example"


@pytest.fixture
def two_sites(org, other_org, settings):
    settings.ALLOWED_HOSTS = ["testserver", OTHER_HOST]
    SiteProfile.objects.create(host="", name="本县人民政府", root_organization=org)
    SiteProfile.objects.create(host=OTHER_HOST, name="另一县人民政府", root_organization=other_org)
    return org, other_org


def node_of(organization):
    return CatalogNode.objects.filter(organization=organization).order_by("sort_order", "id").first()


def test_the_unit_and_column_choices_are_those_of_the_requests_site(client, two_sites):
    org, other_org = two_sites
    units = client.get(reverse("subscriptions:subscribe", args=["unit"])).content.decode()
    assert f'<option value="{org.pk}">' in units and f'<option value="{other_org.pk}">' not in units
    elsewhere = client.get(reverse("subscriptions:subscribe", args=["unit"]), HTTP_HOST=OTHER_HOST).content.decode()
    assert f'<option value="{other_org.pk}">' in elsewhere and f'<option value="{org.pk}">' not in elsewhere
    columns = client.get(reverse("subscriptions:subscribe", args=["catalog_node"])).content.decode()
    assert f'<option value="{node_of(org).pk}">' in columns
    assert f'<option value="{node_of(other_org).pk}">' not in columns


@pytest.mark.parametrize("kind", ["unit", "catalog_node"])
def test_a_posted_unit_or_column_of_another_site_is_refused_in_chinese(client, two_sites, kind,
                                                                        django_capture_on_commit_callbacks):
    org, other_org = two_sites
    key = other_org.pk if kind == "unit" else node_of(other_org).pk
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("subscriptions:subscribe", args=[kind]),
                               {"email": "li.hua@example.cn", "frequency": Frequency.IMMEDIATE, "key": key})
    assert response.status_code == 400
    assert "所选的订阅对象不在本网站的列表中，请从列表中重新选择。" in response.content.decode()
    assert not Subscription.objects.exists()
    # The same id is accepted on its own site.
    with django_capture_on_commit_callbacks(execute=True):
        there = client.post(reverse("subscriptions:subscribe", args=[kind]), HTTP_HOST=OTHER_HOST,
                            data={"email": "li.hua@example.cn", "frequency": Frequency.IMMEDIATE, "key": key})
    assert there.status_code == 302 and Subscription.objects.get().key == str(key)


@pytest.mark.parametrize("field", ["org", "node"])
def test_a_saved_search_filtered_on_another_sites_unit_or_column_is_refused(client, two_sites, field,
                                                                           django_capture_on_commit_callbacks):
    """The unit and column lists refused another site's id, but a saved search filtered on it followed the same
    unit or column from here: its items, which this site's search never shows, were mailed."""
    org, other_org = two_sites
    value = other_org.pk if field == "org" else node_of(other_org).pk
    data = {"email": "li.hua@example.cn", "frequency": Frequency.IMMEDIATE, "q": "通知", field: value}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("subscriptions:subscribe", args=["saved_search"]), data)
    assert response.status_code == 400
    assert "无法订阅。请回到站内搜索重新选择筛选条件后再订阅。" in response.content.decode()
    assert not Subscription.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        there = client.post(reverse("subscriptions:subscribe", args=["saved_search"]), data, HTTP_HOST=OTHER_HOST)
    assert there.status_code == 302 and Subscription.objects.get().query[field] == str(value)


def test_the_service_itself_refuses_a_saved_search_on_another_sites_unit(two_sites):
    """The subscribe page checks the site's units; the service re-checked a saved search against every unit."""
    from gongkai.core.services import ActionRefused
    from gongkai.subscriptions import services

    org, other_org = two_sites
    here = SiteProfile.objects.get(host="")
    with pytest.raises(ActionRefused, match="无法订阅"):
        services.request_subscription(email="li.hua@example.cn", kind="saved_search", site=here,
                                      query={"q": "通知", "org": str(other_org.pk)})
    assert not Subscription.objects.exists()
    services.request_subscription(email="li.hua@example.cn", kind="saved_search", site=here,
                                  query={"q": "通知", "org": str(org.pk)})
    assert Subscription.objects.get().query["org"] == str(org.pk)
