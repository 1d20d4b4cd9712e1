"""政府公报 audit fixes: who may publish, 保密审查 on publication and on additions to a published issue,
withdrawal of entries and issues, control characters and over-long values, future dates."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.gazette import importer, services
from gongkai.gazette.models import GazetteEntry, GazetteIssue
from gongkai.organizations.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
REVIEW = {"secrecy_checked": True, "opinion": "经审查，不涉及国家秘密，同意公开。"}


def meta(number=1, total=125, date="2020-01-15"):
    return {"year": int(date[:4]), "number": number, "total_number": total, "published_on": date}


def published(editor, reviewer, org, number=1):
    issue = services.create_issue(editor, org, meta(number, 124 + number), SimpleUploadedFile("1.pdf", PDF))
    services.add_entry(editor, issue, {"title": "沂源县人民政府关于印发工作要点的通知", "body": "<p>正文</p>"})
    return services.publish_issue(reviewer, issue, **REVIEW)


def test_editor_cannot_add_to_a_published_issue_and_the_reviewer_adds_with_secrecy_review(client, org, editor, reviewer):
    issue = published(editor, reviewer, org)
    client.force_login(editor)
    url = reverse("gazette_staff:entry_add", kwargs={"issue_id": issue.pk})
    page = client.post(url, {"title": "未经审查的文章", "body": "<p>泄露内容</p>"}).content.decode()
    assert "保密审查" in page and issue.entries.count() == 1
    assert "未经审查的文章" not in client.get(reverse("gazette:issue", kwargs={"issue_id": issue.pk})).content.decode()
    client.force_login(reviewer)
    detail = client.get(reverse("gazette_staff:detail", kwargs={"issue_id": issue.pk})).content.decode()
    assert "立即在网站和搜索中公开" in detail
    client.post(url, {"title": "未勾选保密审查", "body": "<p>正文</p>"})
    assert issue.entries.count() == 1
    client.post(url, {"title": "补充文件", "body": "<p>补充正文</p>", "secrecy_checked": "on", "opinion": "同意公开。"})
    assert issue.entries.filter(title="补充文件").exists()
    event = AuditEvent.objects.filter(action="gazette.add_entry").latest("pk")
    assert "同意公开。" in str(event.changes) and event.actor == reviewer


def test_publisher_withdraws_a_wrong_entry_with_a_reason(client, org, editor, reviewer):
    issue = published(editor, reviewer, org)
    wrong = services.add_entry(reviewer, issue, {"title": "误加的文件", "body": "<p>误加正文</p>"}, **REVIEW)
    client.force_login(editor)
    withdraw = reverse("gazette_staff:entry_withdraw", kwargs={"issue_id": issue.pk, "entry_id": wrong.pk})
    client.post(withdraw, {"reason": "误加"})
    assert GazetteEntry.objects.get(pk=wrong.pk).withdrawn_at is None  # editors cannot
    client.force_login(reviewer)
    client.post(withdraw, {"reason": ""})
    assert GazetteEntry.objects.get(pk=wrong.pk).withdrawn_at is None  # a reason is required
    client.post(withdraw, {"reason": "误加了未经审定的文件"})
    assert GazetteEntry.objects.get(pk=wrong.pk).withdrawn_reason == "误加了未经审定的文件"
    page = client.get(reverse("gazette:issue", kwargs={"issue_id": issue.pk})).content.decode()
    assert "误加的文件" not in page and "印发工作要点" in page
    assert client.get(reverse("gazette:article", kwargs={"entry_id": wrong.pk})).status_code == 404
    assert services.search_articles(["误加正文"]) == []
    assert AuditEvent.objects.filter(action="gazette.withdraw_entry").count() == 1


def test_only_the_gazette_office_creates_and_publishes_issues(client, org, editor):
    county = OrganizationFactory(kind="government", name="测试县人民政府")
    office = OrganizationFactory(parent=county, name="测试县人民政府办公室")
    bureau = OrganizationFactory(parent=county, name="测试县文化和旅游局")
    bureau_editor = user_with_role(bureau, Role.EDITOR)
    with pytest.raises(ActionRefused, match="县政府办公室统一编辑出版"):
        services.create_issue(bureau_editor, bureau, meta(), SimpleUploadedFile("1.pdf", PDF))
    client.force_login(bureau_editor)
    assert client.get(reverse("gazette_staff:create")).status_code == 403
    assert "新建一期" not in client.get(reverse("gazette_staff:list")).content.decode()
    office_editor, office_reviewer = user_with_role(office, Role.EDITOR), user_with_role(office, Role.REVIEWER)
    published(office_editor, office_reviewer, office)
    reviewer = user_with_role(org, Role.REVIEWER)  # a second publisher (a top-level organization)
    published(editor, reviewer, org, number=2)
    archive = client.get(reverse("gazette:year", kwargs={"year": 2020})).content.decode()
    assert "测试县人民政府办公室" in archive and org.name in archive  # each issue names its 编辑出版单位


def test_two_publishers_cannot_both_make_an_issue_of_the_same_number(client):
    """One 政府公报 per government: its 期号 (per year) and 总期号 are the publication's, not each office's
    (review); another county hosted on the same platform has its own gazette and its own 第1期."""
    county = OrganizationFactory(kind="government", name="测试县人民政府")
    office = OrganizationFactory(parent=county, name="测试县人民政府办公室")
    office_editor, county_editor = user_with_role(office, Role.EDITOR), user_with_role(county, Role.EDITOR)
    first = services.create_issue(office_editor, office, meta(), SimpleUploadedFile("1.pdf", PDF))
    with pytest.raises(ActionRefused, match="2020年第1期政府公报已存在（测试县人民政府办公室，编辑中）"):
        services.create_issue(county_editor, county, meta(1, 200), SimpleUploadedFile("1.pdf", PDF))
    with pytest.raises(ActionRefused, match="总第125期政府公报已存在"):
        services.create_issue(county_editor, county, meta(2, 125), SimpleUploadedFile("1.pdf", PDF))
    client.force_login(county_editor)
    response = client.post(reverse("gazette_staff:create"), {
        "organization": county.pk, "year": 2020, "number": 1, "total_number": 300, "published_on": "2020-01-15",
        "pdf": SimpleUploadedFile("1.pdf", PDF)})
    assert response.status_code == 200 and "同一年内期号不能重复" in response.content.decode()
    assert list(GazetteIssue.objects.all()) == [first]

    neighbour = OrganizationFactory(kind="government", name="邻县人民政府")
    neighbour_office = OrganizationFactory(parent=neighbour, name="邻县人民政府办公室")
    other = services.create_issue(user_with_role(neighbour_office, Role.EDITOR), neighbour_office, meta(),
                                  SimpleUploadedFile("1.pdf", PDF))
    assert (other.year, other.number, other.total_number) == (first.year, first.number, first.total_number)


def test_settings_name_the_gazette_office(org, editor, settings):
    settings.GONGKAI_GAZETTE_ORGANIZATIONS = ["某县人民政府办公室"]
    with pytest.raises(ActionRefused, match="县政府办公室统一编辑出版"):
        services.create_issue(editor, org, meta(), SimpleUploadedFile("1.pdf", PDF))
    settings.GONGKAI_GAZETTE_ORGANIZATIONS = [org.credit_code]
    assert services.create_issue(editor, org, meta(), SimpleUploadedFile("1.pdf", PDF)).pk


def test_control_characters_are_refused_and_stored_ones_do_not_break_the_docx(client, org, editor, reviewer):
    issue = published(editor, reviewer, org)
    client.force_login(reviewer)
    url = reverse("gazette_staff:entry_add", kwargs={"issue_id": issue.pk})
    page = client.post(url, {"title": "第一行\x0b第二行", "body": "<p>正文</p>", "secrecy_checked": "on",
                             "opinion": "同意。"}).content.decode()
    assert "不能包含控制字符" in page and issue.entries.count() == 1
    with pytest.raises(ActionRefused, match="控制字符"):
        services.add_entry(reviewer, issue, {"title": "标题\x01", "body": "<p>正文</p>"}, **REVIEW)
    stored = issue.entries.get()
    GazetteEntry.objects.filter(pk=stored.pk).update(title="旧数据\x0b标题", body="<p>正文\x01内容</p>")
    download = client.get(reverse("gazette:article_download", kwargs={"entry_id": stored.pk}))
    assert download.status_code == 200
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(download.content)).paragraphs)
    assert "旧数据标题" in text and "正文内容" in text


@pytest.mark.parametrize("column", ["标题", "栏目", "文号", "索引号"])
def test_csv_with_a_nul_or_control_character_is_refused_naming_the_row(org, reviewer, column):
    values = {"标题": "文件", "栏目": "", "文号": "", "索引号": ""}
    values[column] += "坏\x1b值"
    csv = "标题,栏目,文号,索引号,正文\n甲,,,,正文一\n" + ",".join(values.values()) + ",正文二\n"
    with pytest.raises(ActionRefused, match=f"第3行：“{column}”不能包含控制字符"):
        importer.import_issue(reviewer, org, meta(), SimpleUploadedFile("1.pdf", PDF), csv.encode(), **REVIEW)
    # A NUL (which PostgreSQL cannot store) is refused by the shared reader (core.sheets), by row.
    with pytest.raises(ActionRefused, match="CSV 文件第3行含有空字符"):
        importer.import_issue(reviewer, org, meta(), SimpleUploadedFile("1.pdf", PDF),
                              csv.replace("\x1b", "\x00").encode(), **REVIEW)
    assert not GazetteIssue.objects.exists()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16"])  # without and with its BOM
def test_a_utf16_table_of_contents_is_refused_as_utf16(org, reviewer, encoding):
    """Read as UTF-8 (or GB18030) a UTF-16 目录 without its BOM was refused as holding NUL (or read as other
    characters); the refusal now says what the file is and how to save it."""
    csv = "标题,正文\n关于2020年预算的通知,正文一\n"
    with pytest.raises(ActionRefused, match="UTF-16 编码"):
        importer.import_issue(reviewer, org, meta(), SimpleUploadedFile("1.pdf", PDF), csv.encode(encoding), **REVIEW)
    assert not GazetteIssue.objects.exists()


def test_csv_title_over_300_characters_is_refused_not_cut(org, reviewer):
    csv = f"标题,正文\n{'长' * 301},正文\n"
    with pytest.raises(ActionRefused, match="第2行：“标题”不能超过300个字"):
        importer.import_issue(reviewer, org, meta(), SimpleUploadedFile("1.pdf", PDF), csv.encode(), **REVIEW)
    assert not GazetteEntry.objects.exists()


def test_future_publication_date_is_refused(org, editor):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ActionRefused, match="出版日期不能晚于今天"):
        services.create_issue(editor, org, meta(date=tomorrow.isoformat()), SimpleUploadedFile("1.pdf", PDF))
    with pytest.raises(ActionRefused, match="出版日期不能晚于今天"):
        services.create_issue(editor, org, meta(date="2100-12-31"), SimpleUploadedFile("1.pdf", PDF))


def test_publishing_records_the_secrecy_review(client, org, editor, reviewer):
    issue = services.create_issue(editor, org, meta(), SimpleUploadedFile("1.pdf", PDF))
    services.add_entry(editor, issue, {"title": "文件", "body": "<p>正文</p>"})
    with pytest.raises(ActionRefused, match="保密审查"):
        services.publish_issue(reviewer, issue)
    client.force_login(reviewer)
    client.post(reverse("gazette_staff:publish", kwargs={"issue_id": issue.pk}), {"opinion": "同意"})
    assert GazetteIssue.objects.get(pk=issue.pk).state == GazetteIssue.State.DRAFT
    client.post(reverse("gazette_staff:publish", kwargs={"issue_id": issue.pk}),
                {"secrecy_checked": "on", "opinion": "经审查，同意公开。"})
    issue.refresh_from_db()
    assert issue.state == GazetteIssue.State.PUBLISHED
    assert (issue.secrecy_reviewer, issue.secrecy_opinion) == (reviewer, "经审查，同意公开。")
    assert issue.secrecy_reviewed_at is not None


def test_publisher_withdraws_a_published_issue(client, org, editor, reviewer):
    issue = published(editor, reviewer, org)
    entry = issue.entries.get()
    client.force_login(editor)
    client.post(reverse("gazette_staff:withdraw", kwargs={"issue_id": issue.pk}), {"reason": "PDF 含个人信息"})
    assert GazetteIssue.objects.get(pk=issue.pk).state == GazetteIssue.State.PUBLISHED
    client.force_login(reviewer)
    client.post(reverse("gazette_staff:withdraw", kwargs={"issue_id": issue.pk}), {"reason": "PDF 含个人信息"})
    issue.refresh_from_db()
    assert issue.state == GazetteIssue.State.WITHDRAWN and issue.withdrawn_reason == "PDF 含个人信息"
    client.logout()
    for url in (reverse("gazette:issue", kwargs={"issue_id": issue.pk}),
                reverse("gazette:issue_pdf", kwargs={"issue_id": issue.pk}),
                reverse("gazette:article", kwargs={"entry_id": entry.pk})):
        assert client.get(url).status_code == 404
    assert "总第125期" not in client.get(reverse("gazette:archive")).content.decode()
    assert services.search_articles(["正文"]) == [] and list(services.searchable_articles(issue.pk)) == []
    assert AuditEvent.objects.filter(action="gazette.withdraw_issue").count() == 1


def test_a_withdrawn_issue_is_neither_published_again_nor_emptied(org, editor, reviewer):
    """Withdrawal keeps the issue and its reason for the record (review): no republication, no deleted entries."""
    issue = published(editor, reviewer, org)
    services.withdraw_issue(reviewer, issue, "PDF 含个人信息")
    with pytest.raises(ActionRefused, match="已撤回，不能再次发布"):
        services.publish_issue(reviewer, issue, **REVIEW)
    entry = issue.entries.first()
    with pytest.raises(ActionRefused, match="留档备查"):
        services.remove_entry(editor, entry)
    issue.refresh_from_db()
    assert issue.state == GazetteIssue.State.WITHDRAWN and issue.entries.filter(pk=entry.pk).exists()
