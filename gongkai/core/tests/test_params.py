"""Numbers in staff and public URLs: a bad value is the client's mistake, answered 400 in Chinese,
never a 500 and never logged as an error (issue #19, item 6)."""

import logging

import pytest
from django.test import Client

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role

pytestmark = pytest.mark.django_db

URLS = ["/staff/requests/templates/", "/staff/requests/templates/edit/", "/staff/requests/templates/seal/",
        "/staff/requests/", "/staff/requests/due/", "/staff/catalog/", "/yisqgk/apply/"]


@pytest.mark.parametrize("value", ["x", "-1", "9999999999999999999999", "1.5"])
def test_a_bad_org_parameter_is_a_400_page_in_chinese(org, value, caplog):
    client = Client(raise_request_exception=False)
    client.force_login(user_with_role(org, Role.ORG_ADMIN))
    for url in URLS:
        with caplog.at_level(logging.INFO):
            response = client.get(url, {"org": value, "key": "x"})
        assert response.status_code == 400, url
        assert "网址参数不正确" in response.content.decode(), url
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


def test_good_org_parameters_still_work(client, org):
    client.force_login(user_with_role(org, Role.ORG_ADMIN))
    assert client.get("/staff/requests/templates/", {"org": org.pk}).status_code == 200
    assert client.get("/staff/requests/templates/seal/", {"org": org.pk}).status_code == 200
    assert client.get("/staff/requests/templates/seal/", {"org": org.pk + 1000}).status_code == 404
    assert client.get("/staff/requests/", {"org": org.pk}).status_code == 200
    assert client.get("/staff/catalog/", {"org": org.pk}).status_code == 200
    assert client.get("/yisqgk/apply/", {"org": org.pk}).status_code == 200
    assert client.get("/staff/catalog/", {"org": org.pk + 1000}).status_code == 404


@pytest.mark.parametrize("url", ["/staff/mailbox/", "/staff/requests/"])
def test_a_nul_in_a_staff_list_keyword_is_a_400_page_not_a_database_error(org, url, caplog):
    """PostgreSQL cannot even compare a text with NUL: the keyword filter of the 留言 and 依申请公开 lists
    answered 500 (DataError) to ?q=%00; SQLite searched it. It is the client's mistake on both."""
    client = Client(raise_request_exception=False)
    client.force_login(user_with_role(org, Role.ORG_ADMIN))
    assert client.get(url, {"q": "供暖"}).status_code == 200
    with caplog.at_level(logging.INFO):
        response = client.get(url, {"q": "供暖\x00"})
    assert response.status_code == 400
    assert "网址参数不正确" in response.content.decode()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
