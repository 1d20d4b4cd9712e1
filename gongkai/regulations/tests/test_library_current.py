"""The library's default filter 「现行有效（有效、已修改）」 lists the documents in force today: a document
published and waiting for its 施行日期 (尚未施行) is not among them, its count not in the heading's; it is one
link away (「另有 1 件已公布、尚未施行的规范性文件」, the filter 尚未施行). The staff list offers the same filter
under the same name and lists the same documents."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _listed(page: str) -> str:
    return page[page.index('id="results-heading"'):]


def _has(page: str, document) -> bool:
    return f">{document.title}</a>" in page


def test_the_default_filter_lists_documents_in_force_today(client, ahead, in_force, ended):
    page = client.get(reverse("regulations:library")).content.decode()
    assert '<option value="current" selected>现行有效（有效、已修改）</option>' in page
    listed = _listed(page)
    assert "现行有效的规范性文件" in listed and "（共 2 件）" in listed  # in_force, and the repealing one of ended
    assert _has(listed, in_force) and not _has(listed, ahead) and not _has(listed, ended)
    assert "另有 1 件已公布、尚未施行的规范性文件" in listed and "validity=not_yet" in listed

    waiting = _listed(client.get(reverse("regulations:library"), {"validity": "not_yet"}).content.decode())
    assert _has(waiting, ahead) and not _has(waiting, in_force) and "（共 1 件）" in waiting
    assert "另有" not in waiting


def test_the_waiting_link_keeps_the_other_filters(client, ahead, in_force):
    page = client.get(reverse("regulations:library"), {"q": "农村", "page": "1"}).content.decode()
    assert "（共 0 件）" in page and "另有 1 件" in page
    assert "q=%E5%86%9C%E6%9D%91" in page and "page=" not in page[page.index("另有") - 200:page.index("另有")]
    assert "另有" not in client.get(reverse("regulations:library"), {"q": "城市道路"}).content.decode()


def test_english_names_the_waiting_documents(client, ahead, in_force):
    page = client.get("/en" + reverse("regulations:library")).content.decode()
    assert "1 more published document not yet in force" in page


def test_the_staff_list_offers_the_same_filter(client, editor, ahead, in_force, ended):
    client.force_login(editor)
    page = client.get(reverse("regulations_staff:list"), {"validity": "current"}).content.decode()
    assert '<option value="current" selected>现行有效（有效、已修改）</option>' in page
    assert _has(page, in_force) and not _has(page, ahead) and not _has(page, ended)
