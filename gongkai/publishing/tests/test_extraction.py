"""Attachment text extraction: PDF, DOCX and XLSX give their text; scans and other formats say why not."""


import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.tests.compound_files import xls
from gongkai.core.tests.test_uploads import zip_of
from gongkai.publishing import services
from gongkai.publishing.extraction import extract
from gongkai.publishing.models import Attachment
from gongkai.publishing.tasks import enqueue_pending, extract_attachment_text
from gongkai.publishing.tests.samples import TABLE_CELL, notice_docx, pdf_with_text, scanned_pdf, workbook

pytestmark = pytest.mark.django_db
Status = Attachment.TextStatus
PHRASE = "乡村振兴衔接资金分配明细"


@pytest.fixture
def upload(org, editor, django_capture_on_commit_callbacks):
    from gongkai.publishing.factories import ItemFactory

    item = ItemFactory(organization=org, created_by=editor)

    def add(name: str, content: bytes) -> Attachment:
        with django_capture_on_commit_callbacks(execute=True):
            attachment = services.add_attachment(editor, item, SimpleUploadedFile(name, content))
        attachment.refresh_from_db()
        return attachment

    return add


def test_pdf_docx_and_xlsx_text_is_extracted_when_uploaded(upload):
    pdf = upload("附件1.pdf", pdf_with_text(f"2020年{PHRASE}如下。", "第二段文字。"))
    assert pdf.text_status == Status.EXTRACTED and PHRASE in pdf.text.replace(" ", "")
    docx = upload("附件2.docx", notice_docx())
    assert docx.text_status == Status.EXTRACTED and TABLE_CELL in docx.text
    xlsx = upload("附件3.xlsx", workbook([["项目", "金额（万元）"], [PHRASE, 120.5]]))
    assert xlsx.text_status == Status.EXTRACTED and PHRASE in xlsx.text and "120.5" in xlsx.text


def test_a_pdf_without_text_is_marked_as_a_scan(upload):
    scan = upload("扫描件.pdf", scanned_pdf())
    assert (scan.text_status, scan.text) == (Status.SCANNED, "")
    assert scan.get_text_status_display() == "扫描件，无法检索"


@pytest.mark.parametrize(("name", "content", "status"), [
    ("公文.ofd", zip_of("OFD.xml", "Doc_0/Document.xml"), Status.UNSUPPORTED),
    ("旧表.xls", xls(), Status.UNSUPPORTED),
    ("照片.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, Status.UNSUPPORTED),
    ("损坏.pdf", b"%PDF-1.4\nnot really a pdf", Status.FAILED),
    ("损坏.docx", zip_of("[Content_Types].xml", "word/document.xml"), Status.FAILED),  # its parts are not XML
])
def test_other_formats_and_damaged_files_are_marked_never_raise(upload, name, content, status):
    assert upload(name, content).text_status == status


def test_pending_attachments_are_picked_up_by_run_periodic(upload, django_capture_on_commit_callbacks):
    attachment = upload("附件.xlsx", workbook([[PHRASE]]))
    Attachment.objects.filter(pk=attachment.pk).update(text="", text_status=Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        assert enqueue_pending() == 1
    attachment.refresh_from_db()
    assert attachment.text_status == Status.EXTRACTED and enqueue_pending() == 0


def test_extraction_of_a_removed_attachment_is_a_no_op():
    assert extract_attachment_text(987654) is None


def test_extract_reads_the_stored_file(upload):
    attachment = upload("附件.xlsx", workbook([["甲", None, "乙"]]))
    status, text = extract(attachment)
    assert status == Status.EXTRACTED and text == "明细\n甲 乙"


def test_a_zip_bomb_attachment_is_marked_failed_without_being_unpacked(upload, monkeypatch):
    import openpyxl

    from gongkai.core.tests.test_archives import bomb

    opened = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *args, **kwargs: opened.append(1))
    assert upload("统计表.xlsx", bomb(5)).text_status == Status.FAILED
    assert opened == []
