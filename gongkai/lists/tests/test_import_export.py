"""清单 in and out: cells refused (ID numbers, personal mobile numbers), import with errors by row and column
(all or nothing), the template, exports per version and the open API."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.core.masking import looks_like_id_number
from gongkai.lists import services, sheet
from gongkai.lists.factories import D, draft_version, make_list, power_row, published_version
from gongkai.lists.tests.helpers import HEADER, names, two_versions, xlsx

pytestmark = pytest.mark.django_db


# --- cells and import ---------------------------------------------------------------------------------


def test_id_numbers_are_refused_and_enforcement_certificate_numbers_accepted(unit):
    assert looks_like_id_number("身份证 11010519491231002X")
    assert not looks_like_id_number("3716031001")  # 执法证号
    assert not looks_like_id_number("11370323MB2850001X")  # a 统一社会信用代码
    lst = make_list(unit["org"], unit["editor"], code="zfry")
    version = services.create_version(unit["editor"], lst, "2020年版", D("2020-01-01"))
    row = services.add_row(unit["editor"], version, {"name": "张伟", "subject": unit["org"].name,
                                                     "certificate": "3716031001"})
    assert row.cells["certificate"] == "3716031001"
    with pytest.raises(services.RowInvalid) as refused:
        services.add_row(unit["editor"], version, {"name": "李明", "subject": unit["org"].name,
                                                   "certificate": "11010519491231002X"})
    assert "身份证" in refused.value.errors["certificate"]


def test_a_personal_mobile_number_is_refused_by_row_and_column_and_a_landline_accepted(unit):
    lst = make_list(unit["org"], unit["editor"], code="jgzn")
    heading = ["机构名称", "机构类别", "主要职责", "负责人", "联系电话"]
    with pytest.raises(sheet.ImportFailed) as failed:
        sheet.parse(lst.list_type, sheet.read_upload(xlsx([
            heading, ["办公室", "内设机构", "综合协调", "张伟", "0533-3241234"],
            ["财务科", "内设机构", "财务管理", "李明", "139 1234 5678"],
            ["法规科", "内设机构", "法制审核", "王芳", "12345"],
            ["信访科", "内设机构", "信访接待", "赵强", "联系人手机13812345678"]])))
    refused = {(e.row, e.column): e.message for e in failed.value.errors}
    assert set(refused) == {(3, "联系电话"), (5, "联系电话")}
    assert "手机号码" in refused[(3, "联系电话")]
    rows = sheet.parse(lst.list_type, sheet.read_upload(xlsx([heading, ["办公室", "内设机构", "综合协调", "张伟", "0533-3241234"]])))
    assert rows == [{"unit": "办公室", "category": "内设机构", "duties": "综合协调", "head": "张伟", "phone": "0533-3241234"}]


def test_import_reports_every_error_by_row_and_column_and_saves_nothing(unit):
    lst = make_list(unit["org"], unit["editor"])
    version = draft_version(lst, unit["editor"], rows=[power_row("原有职权", unit["org"].name)])
    name = unit["org"].name
    upload = xlsx([HEADER,
                   [1, "行政许可", "食品生产许可", "", "《食品安全法》第三十五条", name, "", "受理", "追责", ""],
                   [2, "行政审核", "某某审核", "", "依据", name, "", "受理", "追责", ""],
                   [3, "行政处罚", "", "", "依据", "不存在的局", "", "受理", "追责", ""]])
    with pytest.raises(sheet.ImportFailed) as failed:
        rows = sheet.parse(lst.list_type, sheet.read_upload(upload))
        services.replace_rows(unit["editor"], version, rows)
    found = {(e.row, e.column) for e in failed.value.errors}
    assert found == {(3, "职权类型"), (4, "职权名称"), (4, "实施主体")}
    assert "行政许可、行政处罚" in next(e.message for e in failed.value.errors if e.column == "职权类型")
    assert names(version) == ["原有职权"]  # nothing saved


def test_import_names_the_sheet_row_under_leading_blank_rows(unit):
    lst = make_list(unit["org"], unit["editor"])
    name = unit["org"].name
    good = [1, "行政许可", "食品生产许可", "", "法", name, "", "受理", "追责", ""]
    bad = [2, "行政审核", "某某审核", "", "法", name, "", "受理", "追责", ""]
    # Two blank rows above the heading: the heading is on row 3, the bad entry on row 5, as Excel shows.
    with pytest.raises(sheet.ImportFailed) as failed:
        sheet.parse(lst.list_type, sheet.read_upload(xlsx([[], [], HEADER, good, bad])))
    assert [(e.row, e.column) for e in failed.value.errors] == [(5, "职权类型")]
    assert str(failed.value.errors[0]).startswith("第5行「职权类型」列")
    text = io.StringIO()
    csv.writer(text).writerows([[], HEADER, bad])
    upload = SimpleUploadedFile("权责清单.csv", text.getvalue().encode("utf-8-sig"), content_type="text/csv")
    with pytest.raises(sheet.ImportFailed) as failed:
        sheet.parse(lst.list_type, sheet.read_upload(upload))
    assert [(e.row, e.column) for e in failed.value.errors] == [(3, "职权类型")]
    with pytest.raises(sheet.ImportFailed) as failed:  # a heading error names the heading's own row
        sheet.parse(lst.list_type, sheet.read_upload(xlsx([[], ["职权名称", "权力来源"], ["许可", "法"]])))
    assert (2, "权力来源") in {(e.row, e.column) for e in failed.value.errors}


def test_import_refuses_unknown_and_missing_headings(unit):
    lst = make_list(unit["org"], unit["editor"])
    with pytest.raises(sheet.ImportFailed) as failed:
        sheet.parse(lst.list_type, sheet.read_upload(xlsx([["职权名称", "权力来源"], ["许可", "法"]])))
    messages = {(e.row, e.column): e.message for e in failed.value.errors}
    assert (1, "权力来源") in messages and (1, "职权类型") in messages and (1, "依据") in messages


def test_staff_import_page_lists_errors_and_a_good_file_replaces_all_rows(client, unit):
    lst = make_list(unit["org"], unit["editor"])
    version = draft_version(lst, unit["editor"], rows=[power_row("原有职权", unit["org"].name)])
    client.force_login(unit["editor"])
    url = reverse("lists_staff:version_import", kwargs={"version_id": version.pk})
    bad = xlsx([HEADER, [1, "行政许可", "食品生产许可", "", "", unit["org"].name, "", "受理", "追责", ""]])
    page = client.post(url, {"table": bad}).content.decode()
    assert "未导入任何条目" in page and "依据" in page and "必须填写" in page
    assert names(version) == ["原有职权"]
    good = xlsx([HEADER, [1, "行政许可", "食品生产许可", "", "法", unit["org"].short_name, "", "受理", "追责", ""],
                 [], [2, "行政处罚", "无证经营的处罚", "", "法", unit["org"].name, "", "立案", "追责", ""]])
    response = client.post(url, {"table": good})
    assert response.status_code == 302
    assert names(version) == ["食品生产许可", "无证经营的处罚"]
    assert version.rows.first().cells["subject"] == unit["org"].name  # the short name resolved to the full name


def test_staff_import_takes_a_csv_table_and_refuses_a_disguised_one_speaking_of_the_table(client, unit):
    lst = make_list(unit["org"], unit["editor"])
    version = draft_version(lst, unit["editor"], rows=[power_row("原有职权", unit["org"].name)])
    client.force_login(unit["editor"])
    url = reverse("lists_staff:version_import", kwargs={"version_id": version.pk})
    text = io.StringIO()
    csv.writer(text).writerows([HEADER, [1, "行政许可", "食品生产许可", "", "法", unit["org"].name, "", "受理", "追责", ""]])
    upload = SimpleUploadedFile("权责清单.csv", text.getvalue().encode("utf-8-sig"), content_type="text/csv")
    assert client.post(url, {"table": upload}).status_code == 302
    assert names(version) == ["食品生产许可"]
    for name, content in (("权责清单.csv", b"PK\x03\x04 not text"), ("权责清单.xlsx", "序号,职权名称".encode()),
                          ("权责清单.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
        page = client.post(url, {"table": SimpleUploadedFile(name, content)}).content.decode()
        assert "表格" in page and "附件" not in page, name
    assert names(version) == ["食品生产许可"]


def test_template_round_trip(client, unit):
    lst = make_list(unit["org"], unit["editor"])
    client.force_login(unit["editor"])
    response = client.get(reverse("lists_staff:template", kwargs={"type_id": lst.list_type.pk}))
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book.worksheets[0][1]] == HEADER
    assert "填写说明" in book.sheetnames
    assert book.worksheets[0].data_validations.dataValidation  # 职权类型 as a drop-down


# --- exports and API ----------------------------------------------------------------------------------


def test_exports_per_version_as_xlsx_and_csv_with_formulas_neutralised(client, unit):
    lst, first, second = two_versions(unit)
    services_row = power_row("=HYPERLINK(\"http://x\")", unit["org"].name)
    third = published_version(lst, unit["editor"], unit["reviewer"], "2021年版", "2021-01-01", [services_row])
    url = reverse("lists:download", kwargs={"list_id": lst.pk, "version_id": first.pk, "fmt": "xlsx"})
    response = client.get(url)
    assert response["Content-Disposition"].startswith("attachment")
    sheet_rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert sheet_rows[0][:3] == ("序号", "职权类型", "职权名称")
    assert [r[2] for r in sheet_rows[1:]] == ["食品生产许可", "食品经营许可", "企业年报抽查"]
    text = client.get(reverse("lists:download", kwargs={"list_id": lst.pk, "version_id": third.pk,
                                                        "fmt": "csv"})).content.decode("utf-8-sig")
    cells = list(csv.reader(io.StringIO(text)))
    assert cells[1][2] == "'=HYPERLINK(\"http://x\")"
    book = load_workbook(io.BytesIO(client.get(reverse("lists:download", kwargs={
        "list_id": lst.pk, "version_id": third.pk, "fmt": "xlsx"})).content))
    assert book.worksheets[0]["C2"].data_type == "s"


def test_api_lists_versions_dates_and_rows(client, unit):
    lst, first, second = two_versions(unit)
    data = client.get("/api/v1/lists", {"type": "qzqd"}).json()
    assert data["count"] == 1
    entry = data["results"][0]
    assert entry["type"] == "权责清单" and entry["organization"]["name"] == unit["org"].name
    assert [(v["label"], v["effective_from"], v["effective_to"]) for v in entry["versions"]] == [
        ("2020年版", "2020-09-01", None), ("2019年版", "2019-06-01", "2020-08-31")]
    on_date = client.get(f"/api/v1/lists/{lst.pk}", {"date": "2020-03-01"}).json()["version_on_date"]
    assert on_date["label"] == "2019年版"
    rows = client.get(f"/api/v1/lists/{lst.pk}/versions/{first.pk}/rows", {"q": "年报"}).json()
    assert rows["count"] == 1 and rows["results"][0]["cells"]["name"] == "企业年报抽查"
    assert client.get(f"/api/v1/lists/{lst.pk}", {"date": "not-a-date"}).status_code == 400
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/lists" in schema["paths"] and "/api/v1/lists/{list_id}/versions/{version_id}/rows" in schema["paths"]


def test_api_hides_unpublished_versions(client, unit):
    lst, first, second = two_versions(unit)
    draft = draft_version(lst, unit["editor"], "2021年版", "2021-01-01")
    assert client.get(f"/api/v1/lists/{lst.pk}/versions/{draft.pk}/rows").status_code == 404
    labels = [v["label"] for v in client.get(f"/api/v1/lists/{lst.pk}").json()["versions"]]
    assert labels == ["2020年版", "2019年版"]


@pytest.mark.parametrize("url", ["/api/v1/lists?org=99999999999999999999", "/api/v1/lists?date=2020-02-30",
                                 "/api/v1/lists/99999999999999999999", "/api/v1/lists/1/versions/x/rows",
                                 "/api/v1/lists?page_size=1000"])
def test_api_bad_parameters_are_400_in_chinese(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("请求参数不正确")
