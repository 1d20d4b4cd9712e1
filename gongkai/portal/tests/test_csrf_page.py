"""An expired form (CSRF failure) gets the site's own page, Chinese first, not Django's English one."""

import pytest
from django.test import Client


@pytest.fixture
def strict(settings):
    settings.DEBUG = False
    return Client(enforce_csrf_checks=True)


@pytest.mark.django_db
def test_an_expired_form_gets_a_chinese_page_in_the_site_layout(strict):
    response = strict.post("/accounts/login/", {"username": "a", "password": "b"})
    page = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="zh-Hans">' in page
    assert "页面已过期或表单已失效，请返回上一页刷新后重新提交。" in page
    assert "DEBUG" not in page and "CSRF" not in page  # no developer's hint, nor the technical reason
    assert 'class="error-links"' in page  # in the site's layout, with a way back


@pytest.mark.django_db
def test_the_english_site_gets_it_in_english(strict):
    response = strict.post("/en/accounts/login/", {"username": "a", "password": "b"})
    page = response.content.decode()
    assert response.status_code == 403 and '<html lang="en">' in page
    assert "This page has expired or the form is no longer valid" in page
