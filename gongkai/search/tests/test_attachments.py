"""A phrase that stands only in an attachment finds the item, and the result names the attachment."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.publishing import services as publishing
from gongkai.publishing.tests.samples import pdf_with_text, workbook
from gongkai.search import services
from gongkai.search.query import SORT_DATE, SORT_RELEVANCE, SearchQuery

pytestmark = pytest.mark.django_db
PHRASE = "乡村振兴衔接资金分配明细"


def test_attachment_text_is_searchable_and_the_hit_names_the_attachment(
        publish_now, reviewer, client, django_capture_on_commit_callbacks):
    item = publish_now(title="关于下达2020年专项资金的通知", body="<p>详见附件。</p>")
    other = publish_now(title=f"{PHRASE}的说明", body="<p>正文。</p>")
    with django_capture_on_commit_callbacks(execute=True):
        publishing.add_attachment(reviewer, item, SimpleUploadedFile("资金明细.pdf", pdf_with_text(f"附件：{PHRASE}")))
    found = services.search(SearchQuery(q=PHRASE))
    assert [hit.item.id for hit in found.hits] == [other.id, item.id]  # a title match ranks first
    by_id = {hit.item.id: hit for hit in found.hits}
    assert by_id[other.id].attachment is None
    assert by_id[item.id].attachment.original_name == "资金明细.pdf"
    assert "<mark>" in by_id[item.id].snippet_html

    page = client.get(reverse("search:results"), {"q": PHRASE}).content.decode()
    assert "在附件《资金明细.pdf》中找到" in page
    api = client.get("/api/v1/search", {"q": PHRASE}).json()["results"]
    assert [(r["id"], r["attachment"]) for r in api] == [(other.id, None), (item.id, "资金明细.pdf")]


def test_removing_the_attachment_removes_its_text_from_the_index(publish_now, reviewer,
                                                                   django_capture_on_commit_callbacks):
    item = publish_now(title="关于下达2020年专项资金的通知")
    with django_capture_on_commit_callbacks(execute=True):
        attachment = publishing.add_attachment(reviewer, item, SimpleUploadedFile("明细.xlsx", workbook([[PHRASE]])))
    assert [hit.item.id for hit in services.search(SearchQuery(q=PHRASE)).hits] == [item.id]
    with django_capture_on_commit_callbacks(execute=True):
        publishing.remove_attachment(reviewer, attachment)
    assert services.search(SearchQuery(q=PHRASE)).hits == []


def test_a_replaced_attachment_is_extracted_again(publish_now, reviewer, client, django_capture_on_commit_callbacks):
    from gongkai.audit.models import AuditEvent
    from gongkai.publishing.models import Attachment

    item = publish_now(title="关于下达2020年专项资金的通知")
    with django_capture_on_commit_callbacks(execute=True):
        attachment = publishing.add_attachment(reviewer, item, SimpleUploadedFile("明细.xlsx", workbook([[PHRASE]])))
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("publishing:replace_attachment", args=[attachment.pk]),
                               {"file": SimpleUploadedFile("明细（更正）.xlsx", workbook([["更正后的资金安排表"]]))})
    assert response.status_code == 302
    attachment.refresh_from_db()
    assert attachment.original_name == "明细（更正）.xlsx"
    assert attachment.text_status == Attachment.TextStatus.EXTRACTED and "更正后的资金安排表" in attachment.text
    assert services.search(SearchQuery(q=PHRASE)).hits == []
    assert [hit.item.id for hit in services.search(SearchQuery(q="更正后的资金安排表")).hits] == [item.id]
    assert AuditEvent.objects.filter(action="item.replace_attachment", object_id=str(item.pk)).exists()


def test_a_term_in_the_summary_or_keywords_is_the_items_own_not_an_attachments(
        publish_now, reviewer, django_capture_on_commit_callbacks):
    """The service reads the summary, 文号 and 主题词 only for hits whose title and body lack a term:
    a term that stands there (and in an attachment too) is still the item's own."""
    item = publish_now(title="关于专项资金的通知", body="<p>详见附件。</p>", summary=f"摘要：{PHRASE}")
    keyworded = publish_now(title="关于衔接资金的说明", body="<p>正文。</p>", keywords=PHRASE)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.add_attachment(reviewer, item, SimpleUploadedFile("资金明细.pdf", pdf_with_text(f"附件：{PHRASE}")))
    found = services.search(SearchQuery(q=PHRASE))
    assert {hit.item.id: hit.attachment for hit in found.hits} == {item.id: None, keyworded.id: None}
    assert all(any(PHRASE in text for text in hit.own_texts) for hit in found.hits)


def test_a_title_that_holds_a_synonym_or_a_matching_number_is_not_an_attachment_hit(
        publish_now, reviewer, django_capture_on_commit_callbacks):
    """「预决算」 in a title is indexed with 「预算」 beside it (the shipped synonyms): a search for 预算 finds
    it by its title, not by the attachment that also says 预算; a search for its 文号 finds it by the
    number, whatever brackets were typed."""
    from gongkai.search import synonyms

    synonyms.forget()
    by_synonym = publish_now(title="县财政局2020年部门预决算公开", body="<p>部门收支总体情况。</p>")
    numbered = publish_now(title="关于印发工作要点的通知", body="<p>正文。</p>", doc_number="源政办字〔2020〕66号")
    with django_capture_on_commit_callbacks(execute=True):
        publishing.add_attachment(reviewer, by_synonym, SimpleUploadedFile("明细.pdf", pdf_with_text("2020年部门预算明细")))
        publishing.add_attachment(reviewer, numbered, SimpleUploadedFile("原文.pdf", pdf_with_text("源政办字[2020]66号 原文")))
    found = {hit.item.id: hit for hit in services.search(SearchQuery(q="预算")).hits}
    assert found[by_synonym.id].tier == 3 and found[by_synonym.id].attachment is None
    assert "<mark>预决算</mark>" in found[by_synonym.id].title_html
    for sort in (SORT_RELEVANCE, SORT_DATE):  # sorted by date, every hit is of one tier
        hits = services.search(SearchQuery(q="源政办字[2020]66号", sort=sort)).hits
        assert hits[0].item.id == numbered.id and hits[0].attachment is None, sort
