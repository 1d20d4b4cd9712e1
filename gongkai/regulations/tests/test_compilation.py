"""汇编: DOCX that opens with its cover, contents and texts; a PDF whose text has the contents' titles."""

import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from gongkai.audit.models import AuditEvent
from gongkai.publishing.choices import Topic
from gongkai.regulations import services
from gongkai.regulations.factories import normative_document

pytestmark = pytest.mark.django_db

TITLES = ["沂源县城乡居民医疗救助办法", "沂源县农村公路养护管理办法"]


@pytest.fixture
def documents(org, editor, reviewer):
    first = normative_document(org, editor, reviewer, title=TITLES[0], doc_number="源政办发〔2020〕5号",
                               body="<p>第一条 为了规范医疗救助工作，制定本办法。</p><table><tr><td>救助对象</td><td>比例</td></tr>"
                                    "<tr><td>特困人员</td><td>100%</td></tr></table>")
    second = normative_document(org, editor, reviewer, title=TITLES[1], doc_number="源政办发〔2020〕6号",
                                topic=Topic.INDUSTRY_TRANSPORT, body="<h2>第一章 总则</h2><p>第一条 农村公路养护。</p>")
    gone = normative_document(org, editor, reviewer, title="已废止的旧办法", doc_number="源政办发〔2018〕1号",
                              promulgated_on="2018-01-01", effective_from="2018-01-01", expires_on="2022-12-31")
    services.repeal(reviewer, first, gone)
    return first, second


def test_docx_has_cover_contents_and_each_text(client, org, editor, documents):
    client.force_login(editor)
    response = client.get(reverse("regulations_staff:compile"), {"organization": org.pk, "format": "docx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"{org.name}现行有效规范性文件汇编" in text and "目录" in text
    assert f"1. {TITLES[0]}（源政办发〔2020〕5号）" in text and f"2. {TITLES[1]}（源政办发〔2020〕6号）" in text
    assert "第一条 为了规范医疗救助工作，制定本办法。" in text and "第一章 总则" in text
    assert "已废止的旧办法" not in text
    assert doc.tables[0].cell(1, 0).text == "特困人员"
    assert AuditEvent.objects.filter(action="regulations.compile").exists()


def test_pdf_text_has_the_contents_titles(client, org, editor, documents):
    client.force_login(editor)
    response = client.get(reverse("regulations_staff:compile"),
                          {"organization": org.pk, "format": "pdf", "title": "医疗交通政策汇编"})
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    pages = [page.extract_text() for page in reader.pages]
    assert "医疗交通政策汇编" in pages[0]
    contents = pages[1]
    assert "目录" in contents and TITLES[0] in contents and TITLES[1] in contents
    assert any("第一条 农村公路养护" in page for page in pages[2:])
    assert len(reader.pages) >= 4  # cover, contents, one page per document at least


def test_a_topic_selects_a_subset_and_an_empty_set_is_explained(client, org, editor, documents):
    client.force_login(editor)
    response = client.get(reverse("regulations_staff:compile"), {"topic": Topic.INDUSTRY_TRANSPORT, "format": "docx"})
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert TITLES[1] in text and TITLES[0] not in text
    response = client.get(reverse("regulations_staff:compile"), {"topic": Topic.DEFENCE, "format": "docx"})
    assert response.status_code == 200 and "没有符合条件" in response.content.decode()


def test_a_document_not_yet_in_force_is_not_compiled_as_current(client, org, editor, documents, ahead):
    """现行有效 means in force today, as in the library: one published but 尚未施行 is left out of the 汇编."""
    client.force_login(editor)
    response = client.get(reverse("regulations_staff:compile"), {"organization": org.pk, "format": "docx"})
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert TITLES[0] in text and TITLES[1] in text
    assert "沂源县农村公路养护办法" not in text
    assert "沂源县农村公路养护办法" not in client.get(reverse("regulations:library")).content.decode()


def test_a_title_with_a_control_character_is_refused_on_the_form(client, org, editor, documents):
    """The name typed for the 汇编 went onto its cover with the vertical tab silently dropped; it is refused with a
    Chinese message naming the field, and no file is made."""
    client.force_login(editor)
    response = client.get(reverse("regulations_staff:compile"),
                          {"organization": org.pk, "format": "docx", "title": "医疗\x0b政策汇编"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "“汇编名称”不能包含控制字符" in response.content.decode()
    assert not AuditEvent.objects.filter(action="regulations.compile").exists()
