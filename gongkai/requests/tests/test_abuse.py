"""The public forms under attack (issue #19): limits per visitor behind the proxy, single-use form
tokens, an atomic rate limit, and no session fixation."""

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from gongkai.core.services import ActionRefused
from gongkai.requests import spam
from gongkai.requests.models import RequestCase, Throttle, UsedFormToken
from gongkai.requests.services import intake
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


def test_a_form_token_files_one_application_only(client, org):
    data = _form(client, org)
    assert client.post(APPLY, data).status_code == 302
    again = client.post(APPLY, data)  # a double-click, or the form posted again later
    assert again.status_code == 409
    assert "已经提交过" in again.content.decode()
    assert RequestCase.objects.count() == 1
    # The page offers a fresh form: filling it in again files a new application.
    assert client.post(APPLY, _form(client, org)).status_code == 302
    assert RequestCase.objects.count() == 2


def test_a_refused_application_leaves_its_token_usable(client, org, monkeypatch):
    def refuse(*args, **kwargs):
        raise ActionRefused("该机关暂不接收网上申请。")

    data = _form(client, org)
    monkeypatch.setattr(intake, "submit_online", refuse)
    assert client.post(APPLY, data).status_code == 400
    assert not UsedFormToken.objects.exists()
    monkeypatch.undo()
    assert client.post(APPLY, data).status_code == 302


def test_the_rate_limit_counts_in_one_row_per_window(rf, settings):
    settings.GONGKAI_REQUEST_RATE_LIMITS = {**spam.DEFAULT_LIMITS, "apply": (3, 3600)}
    request = rf.post("/", REMOTE_ADDR="198.51.100.66")
    assert [spam.allow(request, "apply") for _ in range(5)] == [True, True, True, False, False]
    assert Throttle.objects.get().hits == 3
    assert spam.allow(rf.post("/", REMOTE_ADDR="198.51.100.67"), "apply")


POSTS = 10


def _in_parallel(work, count):
    start = threading.Barrier(count)
    results, errors = [], []

    def run(n):
        try:
            start.wait(timeout=30)
            results.append(work(n))
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: the in-memory SQLite test database cannot be shared by threads")


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_applications_cannot_race_past_the_limit(org, settings):
    settings.GONGKAI_REQUEST_RATE_LIMITS = {**spam.DEFAULT_LIMITS, "apply": (5, 3600)}
    clients = [Client() for _ in range(POSTS)]
    forms = [_form(c, org) for c in clients]  # ten forms, each with its own token, from one address

    statuses = _in_parallel(lambda n: clients[n].post(APPLY, forms[n]).status_code, POSTS)
    assert sorted(statuses) == [302] * 5 + [429] * 5
    assert RequestCase.objects.count() == 5


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_token_posted_in_parallel_files_one_application(org, settings):
    settings.GONGKAI_REQUEST_RATE_LIMITS = {**spam.DEFAULT_LIMITS, "apply": (100, 3600)}
    browser = Client()
    data = _form(browser, org)
    cookies = browser.cookies
    clients = []
    for _ in range(POSTS):
        c = Client()
        c.cookies = cookies
        clients.append(c)
    statuses = _in_parallel(lambda n: clients[n].post(APPLY, data).status_code, POSTS)
    assert sorted(statuses) == [302] + [409] * (POSTS - 1)
    assert RequestCase.objects.count() == 1


def _planted_session(client) -> str:
    """A session id an attacker obtained and planted in the applicant's browser."""
    store = SessionStore()
    store["planted"] = True
    store.create()
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    return store.session_key


def test_filing_an_application_gives_the_session_a_new_id(client, org):
    data = _form(client, org)
    planted = _planted_session(client)
    assert client.post(APPLY, data).status_code == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != planted
    attacker = Client()
    attacker.cookies[settings.SESSION_COOKIE_NAME] = planted
    assert attacker.get(reverse("requests_public:case")).status_code == 302  # sent to the lookup form
    assert attacker.get(reverse("requests_public:done")).status_code == 302
    assert "申请编号" in client.get(reverse("requests_public:done")).content.decode()


def test_looking_up_a_case_gives_the_session_a_new_id(client, org):
    from gongkai.requests.factories import TEST_QUERY_CODE, received_case

    case = received_case(org, dt.date(2026, 3, 2))
    planted = _planted_session(client)
    response = client.post(LOOKUP, {"tracking_number": case.tracking_number, "query_code": TEST_QUERY_CODE})
    assert response.status_code == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != planted
    attacker = Client()
    attacker.cookies[settings.SESSION_COOKIE_NAME] = planted
    assert attacker.get(reverse("requests_public:case")).status_code == 302


def test_correcting_ones_own_fields_does_not_use_up_the_allowance(client, org, settings):
    """Three tries with a mistyped ID number and a missing contact, then the application is filed: only posts
    that would file (or that get the question wrong) count against the 5 an hour."""
    settings.GONGKAI_REQUEST_RATE_LIMITS = {**spam.DEFAULT_LIMITS, "apply": (1, 3600)}
    for mistake in ({"id_number": "11010519491231002"}, {"phone": "", "email": "", "address": ""},
                    {"id_number": "123"}):
        page = client.post(APPLY, _form(client, org, **mistake))
        assert page.status_code == 400 and "过于频繁" not in page.content.decode()
    assert client.post(APPLY, _form(client, org)).status_code == 302
    assert RequestCase.objects.count() == 1
    assert client.post(APPLY, _form(client, org)).status_code == 429


def test_a_wrong_answer_to_the_question_still_counts(client, org, settings):
    settings.GONGKAI_REQUEST_RATE_LIMITS = {**spam.DEFAULT_LIMITS, "apply": (1, 3600)}
    assert client.post(APPLY, _form(client, org, challenge_answer="999")).status_code == 400
    assert client.post(APPLY, _form(client, org)).status_code == 429
    assert not RequestCase.objects.exists()
