"""政府公报: import from a folder and from the staff form, the public pages and downloads, search."""

import io
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from gongkai.core.services import ActionRefused
from gongkai.gazette import importer, services
from gongkai.gazette.events import issue_changed
from gongkai.gazette.models import GazetteEntry, GazetteIssue
from gongkai.publishing.factories import published_item

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CONTENTS = (
    "序号,栏目,标题,文号,发文机关,页码,索引号,正文文件,正文\n"
    "1,县政府文件,沂源县人民政府关于印发沂源县2020年政务公开工作要点的通知,源政发〔2020〕8号,沂源县人民政府,1,,yaodian.txt,\n"
    "2,县政府办公室文件,沂源县人民政府办公室关于做好春季农业生产工作的通知,源政办字〔2020〕10号,沂源县人民政府办公室,5,,,"
    "\"各镇人民政府，各街道办事处：\n现将有关事项通知如下。\"\n"
)


def make_issue_folder(root, folder="2020-01", contents=CONTENTS, encoding="utf-8-sig"):
    path = root / folder
    path.mkdir(parents=True)
    (path / "沂源政报2020年第1期.pdf").write_bytes(PDF)
    (path / "contents.csv").write_bytes(contents.encode(encoding))
    (path / "yaodian.txt").write_text("一、总体要求\n\n二、主要任务\n", encoding="utf-8")
    return path


def write_index(root, rows):
    lines = ["folder,year,number,total_number,published_on", *rows]
    (root / "issues.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def imported(tmp_path, org):
    make_issue_folder(tmp_path)
    write_index(tmp_path, ["2020-01,2020,1,125,2020-01-15"])
    out = StringIO()
    call_command("import_gazette", str(tmp_path), "--organization", org.name, stdout=out)
    assert "imported 1" in out.getvalue()
    return GazetteIssue.objects.get()


def test_command_imports_and_publishes_an_issue_in_order(imported, tmp_path, org):
    assert (imported.year, imported.number, imported.total_number, str(imported.published_on)) == (2020, 1, 125, "2020-01-15")
    assert imported.state == GazetteIssue.State.PUBLISHED and imported.pdf.read() == PDF
    entries = list(imported.entries.all())
    assert [(e.position, e.section, e.page) for e in entries] == [(1, "县政府文件", 1), (2, "县政府办公室文件", 5)]
    assert entries[0].body == "<p>一、总体要求</p><p>二、主要任务</p>"
    assert "现将有关事项通知如下。" in entries[1].body
    out = StringIO()
    call_command("import_gazette", str(tmp_path), "--organization", org.credit_code, stdout=out)
    assert "skipped 1" in out.getvalue() and GazetteIssue.objects.count() == 1


def test_a_bad_issue_is_reported_and_leaves_nothing(tmp_path, org, settings):
    bad = CONTENTS + "3,,,,,,,,有正文没标题\n4,附件,页码错误,,,abc,,,正文\n5,附件,越界,,,,,../../etc/passwd,\n"
    make_issue_folder(tmp_path, "2020-02", contents=bad)
    make_issue_folder(tmp_path, "2020-03", encoding="gb18030")
    write_index(tmp_path, ["2020-02,2020,2,126,2020-02-15", "2020-03,2020,3,127,2020-03-15", "nowhere,2020,4,128,2020-04-15"])
    err = StringIO()
    with pytest.raises(CommandError, match="2 issue"):
        call_command("import_gazette", str(tmp_path), "--organization", org.name, stdout=StringIO(), stderr=err)
    messages = err.getvalue()
    # Row numbers as a spreadsheet program shows them (the quoted text of row 2 spans two lines, one row).
    assert "第4行：请填写标题" in messages and "第5行：“页码错误”：页码须为正整数" in messages
    assert "第6行：正文文件“../../etc/passwd”不存在或不在该期公报的文件夹内" in messages
    assert "nowhere" in messages
    assert list(GazetteIssue.objects.values_list("number", flat=True)) == [3]  # the GB18030 CSV imported
    stored = list((settings.MEDIA_ROOT / "gazette").rglob("*.pdf"))
    assert len(stored) == 1  # the failed issue's PDF was removed


def test_staff_form_imports_one_issue(client, org, reviewer):
    client.force_login(reviewer)
    csv_text = "标题,正文,文号\n沂源县人民政府关于公布2020年规范性文件清理结果的通知,经清理，继续有效12件。,源政发〔2020〕30号\n"
    response = client.post(reverse("gazette_staff:import"), {
        "organization": org.pk, "year": 2020, "number": 4, "total_number": 128, "published_on": "2020-04-15",
        "pdf": SimpleUploadedFile("2020-4.pdf", PDF), "secrecy_checked": "on", "opinion": "经审查，同意公开。", "contents": SimpleUploadedFile("contents.csv", csv_text.encode()),
    })
    assert response.status_code == 302
    issue = GazetteIssue.objects.get(number=4)
    assert issue.state == GazetteIssue.State.PUBLISHED and issue.entries.get().doc_number == "源政发〔2020〕30号"


def test_staff_form_refuses_a_fake_pdf_and_keeps_nothing(client, org, reviewer, editor):
    client.force_login(reviewer)
    response = client.post(reverse("gazette_staff:import"), {
        "organization": org.pk, "year": 2020, "number": 5, "total_number": 129, "published_on": "2020-05-15",
        "pdf": SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>"),
        "secrecy_checked": "on", "opinion": "经审查，同意公开。", "contents": SimpleUploadedFile("c.csv", "标题,正文\n甲,乙\n".encode())})
    assert response.status_code == 200 and "内容与扩展名不符" in response.content.decode()
    assert not GazetteIssue.objects.exists()
    client.force_login(editor)  # editors prepare issues; importing publishes, which is for reviewers
    assert client.get(reverse("gazette_staff:import")).status_code == 403


def test_public_pages_archive_issue_article_and_downloads(client, imported):
    archive = client.get(reverse("gazette:archive")).content.decode()
    assert "2020年第1期（总第125期）" in archive
    issue_url = reverse("gazette:issue", kwargs={"issue_id": imported.pk})
    assert issue_url in archive
    page = client.get(issue_url).content.decode()
    assert "县政府办公室文件" in page and "沂源县人民政府关于印发沂源县2020年政务公开工作要点的通知" in page
    entry = imported.entries.get(position=2)
    article = client.get(reverse("gazette:article", kwargs={"entry_id": entry.pk})).content.decode()
    assert "现将有关事项通知如下。" in article and "源政办字〔2020〕10号" in article
    pdf = client.get(reverse("gazette:issue_pdf", kwargs={"issue_id": imported.pk}))
    assert pdf["Content-Type"] == "application/pdf" and pdf["X-Content-Type-Options"] == "nosniff"
    assert pdf["Content-Disposition"].startswith("attachment;") and b"".join(pdf.streaming_content) == PDF
    download = client.get(reverse("gazette:article_download", kwargs={"entry_id": entry.pk}))
    assert download["Content-Disposition"].startswith("attachment;")
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(download.content)).paragraphs)
    assert "沂源县人民政府办公室关于做好春季农业生产工作的通知" in text and "现将有关事项通知如下。" in text
    assert client.get(reverse("gazette:year", kwargs={"year": 2019})).status_code == 404


def test_draft_issues_are_not_public_and_publishing_needs_contents(client, org, editor, reviewer):
    issue = services.create_issue(editor, org, {"year": 2020, "number": 6, "total_number": 130,
                                                "published_on": "2020-06-15"}, SimpleUploadedFile("6.pdf", PDF))
    assert client.get(reverse("gazette:issue", kwargs={"issue_id": issue.pk})).status_code == 404
    assert client.get(reverse("gazette:issue_pdf", kwargs={"issue_id": issue.pk})).status_code == 404
    with pytest.raises(ActionRefused, match="目录为空"):
        services.publish_issue(reviewer, issue, secrecy_checked=True, opinion="经审查，不涉及国家秘密，同意公开。")
    with pytest.raises(ActionRefused, match="权限"):
        services.publish_issue(editor, issue, secrecy_checked=True, opinion="经审查，不涉及国家秘密，同意公开。")
    with pytest.raises(ActionRefused, match="已存在"):
        services.create_issue(editor, org, {"year": 2020, "number": 6, "total_number": 131,
                                            "published_on": "2020-06-15"}, SimpleUploadedFile("6.pdf", PDF))


def test_entry_linked_to_an_item_shows_the_item_text_while_public(client, org, editor, reviewer):
    item = published_item(org, editor, reviewer, title="沂源县人民政府关于表彰2019年度先进集体的决定",
                          body="<p>经研究，决定表彰。</p>")
    issue = services.create_issue(editor, org, {"year": 2020, "number": 7, "total_number": 131,
                                                "published_on": "2020-07-15"}, SimpleUploadedFile("7.pdf", PDF))
    entry = services.add_entry(editor, issue, {"title": item.title, "index_no": item.index_no})
    with pytest.raises(ActionRefused, match="不能另填正文"):
        services.add_entry(editor, issue, {"title": "x", "index_no": item.index_no, "body": "<p>y</p>"})
    with pytest.raises(ActionRefused, match="没有索引号"):
        services.add_entry(editor, issue, {"title": "x", "index_no": "nope"})
    services.publish_issue(reviewer, issue, secrecy_checked=True, opinion="经审查，不涉及国家秘密，同意公开。")
    url = reverse("gazette:article", kwargs={"entry_id": entry.pk})
    assert "经研究，决定表彰。" in client.get(url).content.decode()
    from gongkai.publishing import services as publishing

    publishing.delete(reviewer, item, "误发")
    body = client.get(url).content.decode()
    assert "经研究" not in body and "不再公开" in body
    assert client.get(reverse("gazette:article_download", kwargs={"entry_id": entry.pk})).status_code == 404


def test_searchable_articles_and_change_signal(imported, org, editor, reviewer, django_capture_on_commit_callbacks):
    articles = list(services.searchable_articles())
    assert [a.title for a in articles][0] == "沂源县人民政府关于印发沂源县2020年政务公开工作要点的通知"
    assert articles[1].text.startswith("各镇人民政府") and articles[1].url == reverse(
        "gazette:article", kwargs={"entry_id": articles[1].entry_id})
    heard = []
    issue_changed.connect(receiver := lambda sender, issue_id, **kw: heard.append(issue_id))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.add_entry(reviewer, imported, {"title": "补充文件", "body": "<p>补充</p>"}, secrecy_checked=True, opinion="经审查，不涉及国家秘密，同意公开。")
    finally:
        issue_changed.disconnect(receiver)
    assert heard == [imported.pk]
    assert len(list(services.searchable_articles(imported.pk))) == 3


def test_csv_needs_a_title_column():
    with pytest.raises(ActionRefused, match="缺少必需的列"):
        importer.read_rows("名称,正文\n甲,乙\n".encode(), importer.CONTENT_COLUMNS, ("title",))
    assert GazetteEntry.objects.count() == 0


def test_site_search_finds_gazette_articles_by_any_substring(client, imported):
    # "春季农业" cuts across jieba's words; "有关事项" is only in the article's text.
    for query, expected in [("春季农业", "关于做好春季农业生产工作的通知"), ("有关事项", "关于做好春季农业生产工作的通知"),
                            ("主要任务", "2020年政务公开工作要点")]:
        page = client.get(reverse("search:results"), {"q": query}).content.decode()
        assert "政府公报中的文章" in page and expected in page, query
    page = client.get(reverse("search:results"), {"q": "href"}).content.decode()
    assert "政府公报中的文章" not in page  # markup of the stored HTML is not searched
    assert services.search_articles(["春季农业"], organization_ids=[imported.organization_id + 999]) == []


def test_gazette_articles_count_in_the_search_pages_type_facet(client, imported):
    page = client.get(reverse("search:results"), {"q": "春季农业"}).content.decode()
    assert "公报文章" in page and "type=gazette" in page
    only = client.get(reverse("search:results"), {"q": "春季农业", "type": "gazette"}).content.decode()
    assert "关于做好春季农业生产工作的通知" in only and "没有找到相关信息" not in only
    other = client.get(reverse("search:results"), {"q": "春季农业", "type": "normative"}).content.decode()
    assert "政府公报中的文章" not in other


def test_csv_rows_are_numbered_as_the_sheet_shows_them_under_blank_lines_and_with_multi_line_cells():
    raw = "\ufeff\r\n\r\n标题,正文\r\n甲,\"第一段\r\n第二段\"\r\n乙,二\r\n".encode()
    rows = importer.read_rows(raw, importer.CONTENT_COLUMNS, ("title",))
    assert [(number, values["title"]) for number, values in rows] == [(4, "甲"), (5, "乙")]
    with pytest.raises(ActionRefused, match="CSV 缺少必需的列：标题。"):
        importer.read_rows("\r\n名称,正文\n甲,乙\n".encode(), importer.CONTENT_COLUMNS, ("title",))
