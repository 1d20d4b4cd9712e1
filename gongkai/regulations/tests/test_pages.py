"""The public library and document pages: what a citizen sees and can follow."""

import re

import pytest
from django.urls import reverse

from gongkai.publishing.choices import Topic
from gongkai.regulations import services, views_public
from gongkai.regulations.factories import D, normative_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(org, editor, reviewer):
    old = normative_document(org, editor, reviewer, title="沂源县城乡居民医疗救助办法", doc_number="源政办发〔2019〕5号",
                             promulgated_on="2019-03-01", effective_from="2019-04-01", expires_on="2024-03-31")
    amending = normative_document(org, editor, reviewer, title="关于修改《沂源县城乡居民医疗救助办法》的决定",
                                  doc_number="源政发〔2020〕12号", promulgated_on="2020-09-01",
                                  effective_from="2020-10-01", expires_on="2025-09-30")
    repealed = normative_document(org, editor, reviewer, title="沂源县城区养犬管理暂行办法", doc_number="源政办发〔2019〕9号",
                                  topic=Topic.PUBLIC_SECURITY, promulgated_on="2019-05-01",
                                  effective_from="2019-05-01", expires_on="2021-04-30")
    services.amend(reviewer, amending, old, note="修改第三条救助标准")
    services.repeal(reviewer, amending, repealed, effective_on=D("2020-10-01"))
    draft = services.create_document(editor, org, {"title": "未发布的草稿办法", "doc_number": "源政办发〔2020〕99号",
                                                   "formed_on": D("2020-11-01"), "body": "<p>草稿</p>"},
                                     {"promulgated_on": D("2020-11-01"), "effective_from": D("2020-12-01"),
                                      "expires_on": D("2025-11-30"), "legality_reviewer": "沂源县司法局",
                                      "legality_reviewed_on": D("2020-10-25"), "legality_opinion": "合法"})
    return {"old": old, "amending": amending, "repealed": repealed, "draft": draft}


def titles(response) -> list[str]:
    return re.findall(r'<a href="/gfxwj/\d+/">([^<]+)</a>', response.content.decode())


def test_library_shows_current_documents_by_default(client, library):
    response = client.get(reverse("regulations:library"))
    assert response.status_code == 200
    shown = titles(response)
    assert "沂源县城乡居民医疗救助办法" in shown and "关于修改《沂源县城乡居民医疗救助办法》的决定" in shown
    assert "沂源县城区养犬管理暂行办法" not in shown
    assert "未发布的草稿办法" not in response.content.decode()


@pytest.mark.parametrize("query, expected", [
    ({"validity": "repealed"}, ["沂源县城区养犬管理暂行办法"]),
    ({"validity": "all", "year": "2019"}, ["沂源县城区养犬管理暂行办法", "沂源县城乡居民医疗救助办法"]),
    ({"validity": "all", "topic": Topic.PUBLIC_SECURITY}, ["沂源县城区养犬管理暂行办法"]),
    ({"validity": "amended"}, ["沂源县城乡居民医疗救助办法"]),
    ({"q": "源政发〔2020〕12号"}, ["关于修改《沂源县城乡居民医疗救助办法》的决定"]),
])
def test_library_filters(client, library, query, expected):
    assert titles(client.get(reverse("regulations:library"), query)) == expected


def test_filter_by_issuing_organization(client, library, org, other_org):
    assert len(titles(client.get(reverse("regulations:library"), {"organization": org.pk}))) == 2
    response = client.get(reverse("regulations:library"), {"organization": other_org.pk})
    assert "筛选条件有误" in response.content.decode()  # not an issuer: refused, defaults shown


def test_hostile_filters_fall_back_to_defaults(client, library):
    response = client.get(reverse("regulations:library"), {"validity": "<script>", "year": "abc", "page": "999"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()
    assert "沂源县城乡居民医疗救助办法" in titles(response)


def test_pagination_keeps_the_filters(client, library, monkeypatch):
    monkeypatch.setattr(views_public, "PER_PAGE", 1)
    response = client.get(reverse("regulations:library"), {"validity": "all"})
    body = response.content.decode()
    assert "共 3 条" in body
    assert "?validity=all&amp;page=2" in body


def test_amended_document_links_to_amending_document_and_back(client, library):
    old, amending = library["old"], library["amending"]
    body = client.get(reverse("regulations:detail", kwargs={"document_id": old.pk})).content.decode()
    link = reverse("regulations:detail", kwargs={"document_id": amending.pk})
    assert "本文件已修改（2020-10-01）" in body
    assert f'<a href="{link}">关于修改《沂源县城乡居民医疗救助办法》的决定</a>' in body
    assert "现行文本" in body and "文件沿革" in body and "沂源县司法局" in body
    body = client.get(link).content.decode()
    back = reverse("regulations:detail", kwargs={"document_id": old.pk})
    assert f'<a href="{back}">沂源县城乡居民医疗救助办法</a>' in body
    assert "本页即为现行有效文本" in body


def test_repealed_document_says_so(client, library):
    body = client.get(reverse("regulations:detail", kwargs={"document_id": library["repealed"].pk})).content.decode()
    assert "本文件已废止（2020-10-01）" in body and "以下内容仅供查阅" in body


def test_unpublished_documents_are_not_found(client, library):
    assert client.get(reverse("regulations:detail", kwargs={"document_id": library["draft"].pk})).status_code == 404


def test_withdrawn_documents_leave_the_list_but_keep_their_page(client, library, reviewer):
    from gongkai.publishing import services as publishing

    publishing.withdraw(reviewer, library["amending"].item, "文件有误，重新印发")
    assert "关于修改《沂源县城乡居民医疗救助办法》的决定" not in titles(client.get(reverse("regulations:library")))
    body = client.get(reverse("regulations:detail", kwargs={"document_id": library["amending"].pk})).content.decode()
    assert "文件有误，重新印发" in body
