"""A gazette article of a 规范性文件 published but not yet in force says so, in the words of the library's
document page (`regulations.status.not_yet_notice`): 「本文件自 … 起施行，目前尚未施行。」, with a link to the
register's page; its DOCX says it too. From the 施行日期 on the notice is gone (the document is simply 有效)."""

import datetime as dt
import io
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.gazette import services
from gongkai.gazette.tests.test_bounds_and_validity import new_issue
from gongkai.regulations.factories import normative_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(org, editor, reviewer):
    today = timezone.localdate()
    document = normative_document(org, editor, reviewer, title="沂源县农村公路养护办法", doc_number="源政办发〔2026〕3号",
                                  promulgated_on=str(today - dt.timedelta(days=3)),
                                  effective_from=str(today + dt.timedelta(days=30)),
                                  expires_on=str(today + dt.timedelta(days=900)))
    issue = new_issue(editor, org)
    entry = services.add_entry(editor, issue, {"title": document.title, "index_no": document.item.index_no})
    services.publish_issue(reviewer, issue, secrecy_checked=True, opinion="经审查，不涉及国家秘密，同意公开。")
    return document, entry


def test_the_article_of_a_document_not_yet_in_force_says_when_it_takes_effect(client, waiting):
    document, entry = waiting
    day = document.effective_from.isoformat()
    page = client.get(reverse("gazette:article", kwargs={"entry_id": entry.pk})).content.decode()
    assert f"本文件自 {day} 起施行，目前尚未施行。" in page
    assert reverse("regulations:detail", kwargs={"document_id": document.pk}) in page
    assert "仅供查阅" not in page and "现行文本请查阅" not in page
    # The library's page says it in the same words.
    library = client.get(reverse("regulations:detail", kwargs={"document_id": document.pk})).content.decode()
    assert f"本文件自 {day} 起施行，目前尚未施行。" in library
    english = client.get("/en" + reverse("gazette:article", kwargs={"entry_id": entry.pk})).content.decode()
    assert f"This document comes into force on {day} and is not yet in force." in english

    from docx import Document

    response = client.get(reverse("gazette:article_download", kwargs={"entry_id": entry.pk}))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert f"【尚未施行】本文件自 {day} 起施行，目前尚未施行。" in text


def test_from_its_effective_date_the_article_carries_no_notice(client, waiting):
    document, entry = waiting
    with mock.patch("django.utils.timezone.localdate", return_value=document.effective_from):
        page = client.get(reverse("gazette:article", kwargs={"entry_id": entry.pk})).content.decode()
    assert "尚未施行" not in page and 'class="notice"' not in page
