"""Numbers beyond the columns get a Chinese error; an article of a repealed 规范性文件 says so."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.services import ActionRefused
from gongkai.gazette import services
from gongkai.gazette.models import GazetteIssue
from gongkai.regulations import services as regulations
from gongkai.regulations.factories import normative_document

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def new_issue(editor, org, number=6):
    return services.create_issue(editor, org, {"year": 2020, "number": number, "total_number": 130 + number,
                                               "published_on": "2020-06-15"}, SimpleUploadedFile("6.pdf", PDF))


def test_huge_total_number_and_page_are_refused_in_chinese(client, org, editor):
    client.force_login(editor)
    response = client.post(reverse("gazette_staff:create"), {
        "organization": org.pk, "year": 2026, "number": 5, "total_number": 10**20, "published_on": "2026-12-01",
        "pdf": SimpleUploadedFile("a.pdf", PDF, "application/pdf")})
    assert response.status_code == 200 and "总期号不能大于99999" in response.content.decode()
    assert not GazetteIssue.objects.exists()
    issue = new_issue(editor, org)
    url = reverse("gazette_staff:entry_add", kwargs={"issue_id": issue.pk})
    for page in (10**20, 40000):
        response = client.post(url, {"title": "x", "body": "<p>正文</p>", "page": page}, follow=True)
        assert response.status_code == 200 and "页码不能大于9999" in response.content.decode()
    assert not issue.entries.exists()
    with pytest.raises(ActionRefused, match="页码不能大于9999"):
        services.add_entry(editor, issue, {"title": "x", "body": "<p>正文</p>", "page": "40000"})
    with pytest.raises(ActionRefused, match="总期号须在1至99999之间"):
        new_issue(editor, org, number=10**6)


def test_article_of_a_repealed_document_carries_the_validity_notice(client, org, editor, reviewer):
    old = normative_document(org, editor, reviewer)
    newer = normative_document(org, editor, reviewer, title="沂源县医疗救助实施办法", doc_number="源政办发〔2026〕3号",
                               promulgated_on="2026-01-01", effective_from="2026-01-01", expires_on="2030-12-31")
    issue = new_issue(editor, org)
    entry = services.add_entry(editor, issue, {"title": old.title, "index_no": old.item.index_no})
    services.publish_issue(reviewer, issue, secrecy_checked=True, opinion="经审查，不涉及国家秘密，同意公开。")
    url = reverse("gazette:article", kwargs={"entry_id": entry.pk})
    assert "本文件已废止" not in client.get(url).content.decode()
    regulations.repeal(reviewer, newer, old, effective_on=newer.effective_from)

    page = client.get(url).content.decode()
    assert "本文件已废止（2026-01-01）" in page and "仅供查阅" in page
    assert reverse("regulations:detail", kwargs={"document_id": old.pk}) in page
    from docx import Document

    response = client.get(reverse("gazette:article_download", kwargs={"entry_id": entry.pk}))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "【已废止】本文件已废止（2026-01-01）" in text


def test_the_word_file_of_an_article_with_a_300_character_title_downloads(client, org, editor, reviewer):
    """A 公报 title may hold 300 characters; the DOCX's title property holds 255 and python-docx raised: a 500 on
    the public download."""
    from docx import Document

    title = "关于印发" + "沂源县政务公开工作" * 32 + "的通知"
    issue = new_issue(editor, org)
    entry = services.add_entry(editor, issue, {"title": title, "body": "<p>正文。</p>"})
    services.publish_issue(reviewer, issue, secrecy_checked=True, opinion="经审查，不涉及国家秘密，同意公开。")
    response = client.get(reverse("gazette:article_download", kwargs={"entry_id": entry.pk}))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == title and len(title) <= 300
    assert document.core_properties.title == title[:255]
