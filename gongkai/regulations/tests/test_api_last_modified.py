"""The open API's Last-Modified counts the day a document's state changes with time alone (尚未施行 → 有效 on
its 施行日期) and a correction of its register data: the item's row does not change then, and a client that
asks again with If-Modified-Since got 304 and kept 「尚未施行」 for a document in force."""

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from gongkai.regulations import services
from gongkai.regulations.factories import normative_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def ahead(org, editor, reviewer):
    today = timezone.localdate()
    return normative_document(org, editor, reviewer, title="沂源县农村公路养护办法", doc_number="源政办发〔2026〕3号",
                              promulgated_on=str(today - dt.timedelta(days=3)),
                              effective_from=str(today + dt.timedelta(days=30)),
                              expires_on=str(today + dt.timedelta(days=900)))


@pytest.fixture
def in_force(org, editor, reviewer):
    today = timezone.localdate()
    return normative_document(org, editor, reviewer, title="沂源县城市道路养护管理办法", doc_number="源政办发〔2025〕7号",
                              promulgated_on=str(today - dt.timedelta(days=60)),
                              effective_from=str(today - dt.timedelta(days=30)),
                              expires_on=str(today + dt.timedelta(days=900)))


def _again(client, url, first):
    return client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])


@pytest.mark.parametrize("url", ["/api/v1/documents/{id}", "/api/v1/documents", "/api/v1/documents?validity=valid"])
def test_a_document_taking_effect_is_not_answered_not_modified(client, ahead, in_force, url):
    url = url.format(id=ahead.item_id)
    first = client.get(url)
    assert first.status_code == 200 and first.has_header("Last-Modified")
    with mock.patch("django.utils.timezone.localdate", return_value=ahead.effective_from), \
            mock.patch("django.utils.timezone.now",
                       return_value=timezone.make_aware(dt.datetime.combine(ahead.effective_from, dt.time(9)))):
        again = _again(client, url, first)
    assert again.status_code == 200
    assert "not_yet" not in again.content.decode() and f'"id": {ahead.item_id}' in again.content.decode()


def test_a_corrected_effective_date_is_not_answered_not_modified(client, ahead, reviewer):
    url = f"/api/v1/documents/{ahead.item_id}"
    first = client.get(url)
    assert first.json()["validity"] == "not_yet"
    later = timezone.now() + dt.timedelta(seconds=5)  # Last-Modified has whole seconds
    with mock.patch("django.utils.timezone.now", return_value=later):
        services.update_document(reviewer, ahead, {"effective_from": timezone.localdate()})
    again = _again(client, url, first)
    assert again.status_code == 200 and again.json()["validity"] == "valid"
