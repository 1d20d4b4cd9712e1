"""The information provided: attached while the reply is drafted, listed as 附件 in the 答复书,
downloaded by the applicant from the lookup page within the configured period, every download logged."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.services import ActionRefused
from gongkai.core.tests.compound_files import doc, project, xls
from gongkai.publishing.factories import published_item
from gongkai.requests.choices import State
from gongkai.requests.factories import TEST_QUERY_CODE, received_case
from gongkai.requests.models import DisclosureDownload
from gongkai.requests.services import disclosure, replies
from gongkai.requests.tests.conftest import pdf_text

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _answered(org, editor, reviewer):
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    disclosure.attach_file(editor, case, SimpleUploadedFile("补助发放名单.pdf", PDF))
    replies.draft_reply(editor, case, {"outcome": "予以公开", "reply_content": "现提供补助发放名单（见附件）。"})
    replies.approve_reply(reviewer, case, D("2020-03-10"))
    case.refresh_from_db()
    return case


def _look_up(client, case):
    client.post(reverse("requests_public:lookup"), {"tracking_number": case.tracking_number,
                                                    "query_code": TEST_QUERY_CODE})


def test_the_applicant_downloads_within_the_period_and_each_download_is_logged(client, org, editor, reviewer,
                                                                               settings):
    settings.GONGKAI_DISCLOSURE_DOWNLOAD_DAYS = 100000  # the reply is of 2020: keep it open for this test
    case = _answered(org, editor, reviewer)
    letter = case.documents.get().document
    assert "附件：补助发放名单.pdf" in pdf_text(letter.pdf)
    _look_up(client, case)
    page = client.get(reverse("requests_public:case")).content.decode()
    (document,) = case.disclosed.all()
    url = reverse("requests_public:disclosed", kwargs={"document_id": document.pk})
    assert url in page and "下载：补助发放名单.pdf" in page
    for _time in range(2):
        response = client.get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    downloads = DisclosureDownload.objects.filter(document=document)
    assert downloads.count() == 2 and all(d.client and "127.0.0.1" not in d.client for d in downloads)


def test_after_the_period_the_download_is_refused_and_logged_nowhere(client, org, editor, reviewer, settings):
    settings.GONGKAI_DISCLOSURE_DOWNLOAD_DAYS = 30
    case = _answered(org, editor, reviewer)
    _look_up(client, case)
    assert "下载期限已于 2020-04-09 届满" in client.get(reverse("requests_public:case")).content.decode()
    document = case.disclosed.get()
    assert client.get(reverse("requests_public:disclosed", kwargs={"document_id": document.pk})).status_code == 410
    assert DisclosureDownload.objects.count() == 0


def test_a_published_item_is_linked_and_only_published_ones(org, editor, reviewer, client, settings):
    settings.GONGKAI_DISCLOSURE_DOWNLOAD_DAYS = 100000
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    item = published_item(org, editor, reviewer, title="2019年度财政预算执行情况报告")
    with pytest.raises(ActionRefused, match="索引号"):
        disclosure.attach_item(editor, case, "000-2020-99999")
    document = disclosure.attach_item(editor, case, item.index_no)
    with pytest.raises(ActionRefused, match="添加过"):
        disclosure.attach_item(editor, case, item.index_no)
    replies.draft_reply(editor, case, {"outcome": "予以公开", "reply_content": "见附件。"})
    with pytest.raises(ActionRefused):  # the reply is under review: what it provides is settled
        disclosure.remove(editor, case, document)
    replies.approve_reply(reviewer, case, D("2020-03-10"))
    _look_up(client, case)
    response = client.get(reverse("requests_public:disclosed", kwargs={"document_id": document.pk}))
    assert response.status_code == 302 and response.url == reverse("portal:item", kwargs={"item_id": item.pk})
    assert DisclosureDownload.objects.filter(document=document).count() == 1


def test_staff_attach_and_remove_on_the_case_page(client, org, editor):
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    client.force_login(editor)
    url = reverse("requests:disclose", kwargs={"case_id": case.pk})
    assert client.post(url, {"file": SimpleUploadedFile("名单.pdf", PDF)}).status_code == 302
    assert client.post(url, {}).status_code == 400  # neither a file nor a 索引号
    assert client.post(url, {"file": SimpleUploadedFile("名单.pdf", b"MZ\x90\x00 not a pdf")}).status_code == 302
    assert case.disclosed.count() == 1  # the disguised file was refused with a message
    page = client.get(reverse("requests:detail", kwargs={"case_id": case.pk})).content.decode()
    assert "名单.pdf" in page and "下载 0 次" in page
    document = case.disclosed.get()
    client.post(reverse("requests:undisclose", kwargs={"case_id": case.pk}), {"target": document.pk})
    assert case.disclosed.count() == 0


@pytest.mark.parametrize(("name", "content", "message"), [
    ("名单.xls", xls(macros=True), "附件“名单.xls”含有宏，不能上传；请另存为不含宏的 .xls 文件后再上传。"),
    ("名单.doc", doc(extra=project("ObjectPool/_1/_VBA_PROJECT_CUR")), "附件“名单.doc”中嵌入的Excel 工作簿含有宏"),
    ("名单.xls", xls()[:600], "附件“名单.xls”已损坏或不完整，无法读取"),
], ids=["xls-macros", "embedded-workbook", "truncated"])
def test_an_office_97_file_with_macros_or_damaged_is_not_provided(client, org, editor, name, content, message):
    """The information provided is downloaded by the applicant: a .xls with macros would run in their Excel."""
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    client.force_login(editor)
    url = reverse("requests:disclose", kwargs={"case_id": case.pk})
    response = client.post(url, {"file": SimpleUploadedFile(name, content)}, follow=True)
    assert response.status_code == 200 and message in response.content.decode()
    assert case.disclosed.count() == 0
    assert client.post(url, {"file": SimpleUploadedFile("名单.xls", xls())}).status_code == 302
    assert case.disclosed.count() == 1  # a clean .xls is provided
