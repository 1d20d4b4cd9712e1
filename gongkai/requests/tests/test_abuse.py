"""The public forms under attack (issue #19): limits per visitor behind the proxy, single-use form
tokens, an atomic rate limit, and no session fixation."""

import pytest
from django.urls import reverse

from gongkai.requests import spam
from gongkai.requests.models import RequestCase
from gongkai.requests.tests.test_public import APPLY, LOOKUP, _form

pytestmark = pytest.mark.django_db

PROXY = {"REMOTE_ADDR": "10.0.0.2"}


@pytest.fixture(autouse=True)
def _setup(settings):
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0
    settings.GONGKAI_TRUSTED_PROXIES = ["10.0.0.0/24"]


def _lookup(client, **extra):
    return client.post(LOOKUP, {"tracking_number": "SQ-2020-000001", "query_code": "AAAA-BBBB-CCCC"}, **extra)


def test_visitors_behind_the_proxy_have_their_own_allowance(client, settings):
    settings.GONGKAI_REQUEST_RATE_LIMITS = {**spam.DEFAULT_LIMITS, "lookup": (3, 600)}
    statuses = [_lookup(client, HTTP_X_FORWARDED_FOR="198.51.100.66", **PROXY).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]
    # Another citizen coming through the same proxy is not refused because of the first one.
    assert _lookup(client, HTTP_X_FORWARDED_FOR="203.0.113.7", **PROXY).status_code == 400


def test_a_direct_visitor_cannot_reset_the_limit_with_a_forged_header(client, settings):
    settings.GONGKAI_REQUEST_RATE_LIMITS = {**spam.DEFAULT_LIMITS, "lookup": (2, 600)}
    statuses = [_lookup(client, REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code
                for n in range(3)]
    assert statuses == [400, 400, 429]


def test_the_application_limit_counts_each_visitor_behind_the_proxy(client, org, settings):
    settings.GONGKAI_REQUEST_RATE_LIMITS = {**spam.DEFAULT_LIMITS, "apply": (1, 3600)}
    first = {"HTTP_X_FORWARDED_FOR": "198.51.100.66", **PROXY}
    assert client.post(APPLY, _form(client, org), **first).status_code == 302
    assert client.post(APPLY, _form(client, org), **first).status_code == 429
    other = {"HTTP_X_FORWARDED_FOR": "203.0.113.7", **PROXY}
    assert client.post(APPLY, _form(client, org), **other).status_code == 302
    assert RequestCase.objects.count() == 2
    assert reverse("requests_public:done")
