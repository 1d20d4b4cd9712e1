"""「批量导入」 on the web: template, upload, preview with per-row errors, import to drafts or to review."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gongkai.audit.models import AuditEvent
from gongkai.catalog.services import ensure_catalog
from gongkai.interchange import sheet
from gongkai.organizations.factories import OrganizationFactory
from gongkai.publishing.choices import State
from gongkai.publishing.models import InformationItem

pytestmark = pytest.mark.django_db
HEADER = [h for _k, h, _w in sheet.COLUMNS]


def xlsx(rows: list[list], header=HEADER) -> SimpleUploadedFile:
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("信息.xlsx", out.getvalue())


def row(title="关于开展政务公开培训的通知", formed_on="2020-03-05", catalog="法定主动公开内容/通知公告", **extra):
    values = {"title": title, "doc_number": "源教体字〔2020〕12号", "doc_type": "通知", "written_on": dt.date(2020, 3, 5),
              "formed_on": formed_on, "topic": "综合政务", "keywords": "培训", "catalog": catalog, "validity": "",
              "summary": "", "body": "各学校：\n定于3月举办培训。"}
    values.update(extra)
    return [values[key] for key, _h, _w in sheet.COLUMNS]


@pytest.fixture
def catalog(org):
    ensure_catalog(org)
    return org


def test_the_template_lists_the_columns_the_choices_and_the_units_catalog(client, catalog, editor):
    client.force_login(editor)
    response = client.get(reverse("interchange:template"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["信息"][1]] == HEADER
    notes = [r[0] for r in book["填写说明"].iter_rows(values_only=True)]
    assert "法定主动公开内容/通知公告" in notes


def test_upload_preview_and_import_as_drafts(client, catalog, editor):
    client.force_login(editor)
    upload = xlsx([row(), row(title="", formed_on=""), row(title="坏栏目", catalog="不存在的栏目"),
                   row(title="坏日期", formed_on="2020-13-45"), [None] * len(HEADER), row(title="第二条", doc_type="公文")])
    response = client.post(reverse("interchange:upload"), {"organization": catalog.pk, "sheet": upload})
    assert response.status_code == 302 and response["Location"] == reverse("interchange:preview")
    page = client.get(reverse("interchange:preview")).content.decode()
    assert "1 行可以导入" in page and "4 行有错误" in page
    assert "缺少名称" in page and "缺少形成或变更日期" in page and "目录中没有栏目“不存在的栏目”" in page
    assert "形成或变更日期“2020-13-45”无法识别" in page and "文种“公文”不是可选的值" in page
    assert not InformationItem.objects.exists()  # a preview saves nothing

    token = client.session["gongkai.batch_import"]
    response = client.post(reverse("interchange:preview"), {"token": token, "target": "draft"})
    assert response.status_code == 302
    item = InformationItem.objects.get()
    assert (item.title, item.state, item.formed_on, item.written_on, item.doc_type, item.topic) == (
        "关于开展政务公开培训的通知", State.DRAFT, dt.date(2020, 3, 5), dt.date(2020, 3, 5), "通知", "01")
    assert item.body == "<p>各学校：</p><p>定于3月举办培训。</p>" and item.created_by == editor
    assert [n.name for n in item.catalog_nodes.all()] == ["通知公告"]
    assert AuditEvent.objects.filter(action="item.create", object_id=str(item.pk)).exists()
    assert "gongkai.batch_import" not in client.session


def test_import_straight_to_review_is_all_or_nothing(client, catalog, editor):
    client.force_login(editor)
    client.post(reverse("interchange:upload"), {"organization": catalog.pk,
                                                 "sheet": xlsx([row(), row(title="没有栏目", catalog="")])})
    token = client.session["gongkai.batch_import"]
    response = client.post(reverse("interchange:preview"), {"token": token, "target": "review"})
    page = response.content.decode()
    assert response.status_code == 200 and "第 3 行" in page and "本次未导入任何信息" in page
    assert not InformationItem.objects.exists()

    client.post(reverse("interchange:upload"), {"organization": catalog.pk, "sheet": xlsx([row(), row(title="二")])})
    token = client.session["gongkai.batch_import"]
    client.post(reverse("interchange:preview"), {"token": token, "target": "review"})
    assert list(InformationItem.objects.values_list("state", flat=True)) == [State.SUBMITTED] * 2


@pytest.mark.parametrize(("name", "content", "message"), [
    ("信息.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 50, "请上传 .xlsx 格式的表格"),
    ("信息.xlsx", b"%PDF-1.4 fake", "内容与扩展名不符"),
    ("信息.xlsx", b"PK\x03\x04 broken", "无法读取该文件"),
])
def test_files_that_are_not_the_template_are_refused(client, catalog, editor, name, content, message):
    client.force_login(editor)
    response = client.post(reverse("interchange:upload"),
                           {"organization": catalog.pk, "sheet": SimpleUploadedFile(name, content)})
    assert response.status_code == 200 and message in response.content.decode()


def test_a_sheet_without_the_header_or_rows_is_refused(client, catalog, editor):
    client.force_login(editor)
    response = client.post(reverse("interchange:upload"),
                           {"organization": catalog.pk, "sheet": xlsx([["x"]], header=["甲", "乙"])})
    assert "第一行应为模板的表头" in response.content.decode()
    response = client.post(reverse("interchange:upload"), {"organization": catalog.pk, "sheet": xlsx([])})
    assert "表格中没有要导入的信息" in response.content.decode()


def test_another_units_organization_cannot_be_chosen(client, catalog, editor):
    other = OrganizationFactory(name="别的单位")
    client.force_login(editor)
    response = client.post(reverse("interchange:upload"), {"organization": other.pk, "sheet": xlsx([row()])})
    assert "无权为该机构起草信息" in response.content.decode()
    assert "gongkai.batch_import" not in client.session


def test_the_upload_is_read_within_the_import_time_limit(catalog, settings):
    """Issue #19 item 3 for the web 「批量导入」: the upload goes through core.sheets like every spreadsheet
    import, so the time spent reading it is bounded (GONGKAI_IMPORT_SECONDS; 0 here, so the first look at
    the clock stops it) with a Chinese message instead of reading on."""
    settings.GONGKAI_IMPORT_SECONDS = 0
    upload = xlsx([row(title=f"第{n}条") for n in range(300)])
    with pytest.raises(sheet.SheetError, match="读取表格用时过长"):
        sheet.read(upload.file, catalog)


def test_a_catalog_path_that_looks_like_a_formula_stays_text_in_the_template(catalog):
    """Issue #19 item 2: the template lists the unit's catalog paths, which staff typed; a node titled
    like a formula is written as text (core.exports), never as a live formula."""
    from gongkai.catalog.models import CatalogNode

    CatalogNode.objects.filter(organization=catalog, parent=None, name="法定主动公开内容").update(
        name='=HYPERLINK("http://evil.example","点击")')
    notes = load_workbook(io.BytesIO(sheet.template([catalog])))["填写说明"]
    cells = [cell for row in notes.iter_rows() for cell in row if "HYPERLINK" in str(cell.value or "")]
    assert any(str(cell.value).startswith("=HYPERLINK") for cell in cells)
    assert all(cell.data_type == "s" for cell in cells)
