"""清单: versions and what applied on a date, the review cycle, import with errors by row and column
(all or nothing), exports, the API, the public pages and unit isolation."""

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.lists import services, sheet
from gongkai.lists.cells import looks_like_id_number
from gongkai.lists.factories import D, draft_version, list_type, make_list, power_row, published_version
from gongkai.lists.models import Row, Version
from gongkai.lists.registry import TYPES

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(org):
    return {"org": org, "editor": user_with_role(org, Role.EDITOR), "reviewer": user_with_role(org, Role.REVIEWER)}


def two_versions(unit):
    """A 权责清单 with 2019年版 (from 2019-06-01, three powers) and 2020年版 (from 2020-09-01: one removed,
    one changed, one added)."""
    name = unit["org"].name
    lst = make_list(unit["org"], unit["editor"])
    first = published_version(lst, unit["editor"], unit["reviewer"], "2019年版", "2019-06-01", [
        power_row("食品生产许可", name), power_row("食品经营许可", name), power_row("企业年报抽查", name, kind="行政检查")])
    second = published_version(lst, unit["editor"], unit["reviewer"], "2020年版", "2020-09-01", [
        power_row("食品生产许可", name), power_row("食品经营许可", name, basis="《食品安全法实施条例》第十五条"),
        power_row("特种设备监督检查", name, kind="行政检查")])
    first.refresh_from_db()
    return lst, first, second


def names(version):
    return [row.cells["name"] for row in version.rows.order_by("position")]


# --- versions and dates -------------------------------------------------------------------------------


def test_publishing_a_new_version_keeps_the_old_one_with_its_dates(unit):
    lst, first, second = two_versions(unit)
    assert first.state == second.state == Version.State.PUBLISHED
    assert first.effective_to == D("2020-08-31")  # the day before the new version takes effect
    assert second.effective_to is None
    assert lst.version_on(D("2019-05-31")) is None
    assert lst.version_on(D("2019-06-01")) == first
    assert lst.version_on(D("2020-08-31")) == first
    assert lst.version_on(D("2020-09-01")) == second
    assert lst.version_on(D("2026-01-01")) == second
    assert "企业年报抽查" in names(first) and "企业年报抽查" not in names(second)


def test_a_new_version_cannot_take_effect_before_the_current_one(unit):
    lst, _first, second = two_versions(unit)
    late = draft_version(lst, unit["editor"], "回溯版", "2020-09-01")
    with pytest.raises(ActionRefused, match="施行日期须晚于"):
        services.submit(unit["editor"], late)


def test_the_public_page_answers_what_applied_on_a_date(client, unit):
    lst, first, second = two_versions(unit)
    url = reverse("lists:detail", kwargs={"list_id": lst.pk})
    today = client.get(url).content.decode()
    assert "特种设备监督检查" in today and "企业年报抽查" not in today
    old = client.get(url, {"date": "2020-01-15"}).content.decode()
    assert "企业年报抽查" in old and "特种设备监督检查" not in old
    assert "2020-01-15 适用的是这一版本" in old
    assert "没有适用的版本" in client.get(url, {"date": "2018-01-01"}).content.decode()
    assert client.get(url, {"date": "2020-13-45"}).status_code == 400
    history = client.get(reverse("lists:version", kwargs={"list_id": lst.pk, "version_id": first.pk})).content.decode()
    assert "2019年版" in history and "已失效" in history and "2020-08-31" in history


def test_review_cycle_and_unit_reviewer(unit, other_org):
    lst = make_list(unit["org"], unit["editor"])
    version = draft_version(lst, unit["editor"])
    with pytest.raises(ActionRefused):
        services.approve(unit["reviewer"], version)  # not submitted yet
    services.submit(unit["editor"], version)
    with pytest.raises(ActionRefused):
        services.approve(unit["editor"], version)  # an editor does not review
    with pytest.raises(ActionRefused):
        services.approve(user_with_role(other_org, Role.REVIEWER), version)  # another unit's reviewer
    with pytest.raises(ActionRefused, match="审核意见"):
        services.return_version(unit["reviewer"], version, "")
    services.return_version(unit["reviewer"], version, "依据条款不全")
    version.refresh_from_db()
    assert version.state == Version.State.RETURNED and version.is_editable
    services.submit(unit["editor"], version)
    services.approve(unit["reviewer"], version, "同意")
    version.refresh_from_db()
    assert version.state == Version.State.PUBLISHED and version.published_at
    with pytest.raises(ActionRefused):
        services.add_row(unit["editor"], version, power_row("新增", unit["org"].name))  # published: frozen
    actions = set(AuditEvent.objects.filter(organization=unit["org"]).values_list("action", flat=True))
    assert {"lists.create_list", "lists.create_version", "lists.import_rows", "lists.submit", "lists.return",
            "lists.publish"} <= actions


def test_a_reviewer_does_not_approve_a_version_they_submitted_or_wrote_in_this_round(unit):
    """Four eyes, as for information items: a 审核员 who is also allowed to edit cannot publish alone."""
    lst = make_list(unit["org"], unit["reviewer"])
    version = draft_version(lst, unit["reviewer"])
    services.submit(unit["reviewer"], version)
    with pytest.raises(ActionRefused, match="送审人不能审核自己送审的版本"):
        services.approve(unit["reviewer"], version)
    services.return_version(unit["reviewer"], version, "补充依据")
    services.add_row(unit["reviewer"], version, power_row("食品生产许可", unit["org"].name))
    services.submit(unit["editor"], version)
    with pytest.raises(ActionRefused, match="您修改过这次送审版本的条目"):
        services.approve(unit["reviewer"], version)
    second = user_with_role(unit["org"], Role.REVIEWER)
    services.return_version(second, version, "再核对一遍")  # a new round: earlier authors may approve
    services.update_row(unit["editor"], version.rows.first(), power_row("食品经营许可", unit["org"].name))
    services.submit(unit["editor"], version)
    services.approve(unit["reviewer"], version, "同意")
    version.refresh_from_db()
    assert version.state == Version.State.PUBLISHED and Version.objects.filter(state="submitted").count() == 0


def test_drafts_are_not_public(client, unit):
    lst = make_list(unit["org"], unit["editor"])
    draft = draft_version(lst, unit["editor"], rows=[power_row("未公开职权", unit["org"].name)])
    assert client.get(reverse("lists:detail", kwargs={"list_id": lst.pk})).status_code == 404
    assert client.get(reverse("lists:download", kwargs={"list_id": lst.pk, "version_id": draft.pk,
                                                        "fmt": "csv"})).status_code == 404
    assert client.get("/api/v1/lists").json()["count"] == 0
    assert "未公开职权" not in client.get(reverse("lists:index")).content.decode()


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


def xlsx(rows) -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("权责清单.xlsx", buffer.getvalue())


HEADER = ["序号", "职权类型", "职权名称", "职权编码", "依据", "实施主体", "承办机构", "责任事项", "追责情形", "备注"]


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


# --- public pages, search, unit isolation ----------------------------------------------------------------


def test_public_list_filters_and_search_within(client, unit):
    lst, first, second = two_versions(unit)
    url = reverse("lists:detail", kwargs={"list_id": lst.pk})
    page = client.get(url, {"f_power_type": "行政检查"}).content.decode()
    assert "特种设备监督检查" in page and "食品生产许可</th>" not in page
    page = client.get(url, {"q": "经营"}).content.decode()
    assert "食品经营许可" in page and "特种设备监督检查" not in page
    index = client.get(reverse("lists:index"), {"type": "qzqd"}).content.decode()
    assert lst.title in index and "2020年版" in index


def test_english_pages_name_types_headings_and_choices_in_english(client, unit):
    from django.utils import translation

    lst, first, second = two_versions(unit)
    with translation.override("zh-hans"):
        chinese_url = reverse("lists:detail", kwargs={"list_id": lst.pk})
        url = "/en" + chinese_url
        index = client.get("/en" + reverse("lists:index")).content.decode()
    assert "List of powers and responsibilities" in index and "权责清单</h2>" not in index
    page = client.get(url).content.decode()
    assert "List of powers and responsibilities" in page and "Type of power" in page and "Legal basis" in page
    assert "Administrative inspection" in page and "职权类型" not in page
    assert '<th scope="col">No. / Power</th>' in page  # (not 「No.　Power」 with an ideographic space)
    assert '<option value="行政检查">Administrative inspection</option>' in page  # filters by the stored value
    page = client.get(url, {"f_power_type": "行政检查"}).content.decode()
    assert "特种设备监督检查" in page and "食品生产许可</th>" not in page
    # The Chinese pages are unchanged.
    chinese = client.get(chinese_url).content.decode()
    assert "权责清单" in chinese and "职权类型" in chinese and "行政检查" in chinese
    assert "Type of power" not in chinese
    # The import matches the Chinese headings and choices whatever the language.
    version = draft_version(lst, unit["editor"])
    with translation.override("en"):
        from gongkai.lists.registry import load_types

        assert load_types() == 0  # the types stay stored in Chinese
        rows = sheet.parse(lst.list_type, sheet.read_upload(xlsx([HEADER, [
            1, "行政许可", "食品生产许可", "", "法", unit["org"].name, "", "受理", "追责", ""]])))
        services.replace_rows(unit["editor"], version, rows)
        assert names(version) == ["食品生产许可"] and version.rows.get().cells["power_type"] == "行政许可"
        template = sheet.read_upload(SimpleUploadedFile("t.xlsx", sheet.template_xlsx(lst.list_type)))
        assert template[0][1:] == HEADER[1:]  # the template keeps the Chinese headings the import reads


def test_site_search_finds_rows_of_lists_in_force(client, unit):
    two_versions(unit)
    page = client.get(reverse("search:results"), {"q": "特种设备"}).content.decode()
    assert "清单中的条目" in page and "特种设备监督检查" in page
    # 企业年报抽查 was removed in 2020年版: the old version is no longer in force, so its rows are not listed.
    assert "清单中的条目" not in client.get(reverse("search:results"), {"q": "企业年报抽查"}).content.decode()


def test_staff_of_another_unit_neither_see_nor_change_a_list(client, unit, other_org):
    lst = make_list(unit["org"], unit["editor"])
    version = draft_version(lst, unit["editor"], rows=[power_row("内部草稿职权", unit["org"].name)])
    row = version.rows.get()
    stranger = user_with_role(other_org, Role.REVIEWER)
    client.force_login(stranger)
    assert client.get(reverse("lists_staff:version", kwargs={"version_id": version.pk})).status_code == 404
    assert client.post(reverse("lists_staff:row_delete", kwargs={"row_id": row.pk})).status_code == 404
    assert client.post(reverse("lists_staff:version_submit", kwargs={"version_id": version.pk})).status_code == 404
    assert "内部草稿职权" not in client.get(reverse("lists_staff:index")).content.decode()
    with pytest.raises(ActionRefused):
        services.add_row(stranger, version, power_row("越权", unit["org"].name))
    assert Row.objects.filter(version=version).count() == 1


def test_todo_shows_versions_waiting_for_the_units_reviewer(client, unit):
    lst = make_list(unit["org"], unit["editor"])
    version = draft_version(lst, unit["editor"])
    services.submit(unit["editor"], version)
    client.force_login(unit["reviewer"])
    page = client.get(reverse("workbench:home")).content.decode()
    assert "待审核的清单版本" in page and str(version) in page
    response = client.post(reverse("lists_staff:version_review", kwargs={"version_id": version.pk}),
                           {"decision": "approve", "opinion": "同意"})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.state == Version.State.PUBLISHED


def test_staff_row_form_validates_by_column(client, unit):
    lst = make_list(unit["org"], unit["editor"], code="zmsx")
    version = services.create_version(unit["editor"], lst, "2020年版", D("2020-07-31"))
    client.force_login(unit["editor"])
    url = reverse("lists_staff:row_add", kwargs={"version_id": version.pk})
    page = client.post(url, {"name": "收入证明", "matter": "低保审批", "basis": "《社会救助暂行办法》",
                             "requester": unit["org"].name, "issuer": "村委会", "pledge": "是",
                             "guide": "javascript:alert(1)"}).content.decode()
    assert "http://" in page and not version.rows.exists()
    response = client.post(url, {"name": "收入证明", "matter": "低保审批", "basis": "《社会救助暂行办法》",
                                 "requester": unit["org"].name, "issuer": "村委会", "pledge": "是",
                                 "guide": "https://zwfw.example.cn/guide/1"})
    assert response.status_code == 302
    assert version.rows.get().cells["pledge"] == "是"


def test_every_builtin_type_is_loaded_with_typed_columns():
    list_type("qzqd")
    from gongkai.lists.models import ListType

    assert ListType.objects.filter(builtin=True).count() == len(TYPES)
    power = ListType.objects.get(code="qzqd").column_map()["power_type"]
    assert power["choices"] == ["行政许可", "行政处罚", "行政强制", "行政征收", "行政给付", "行政检查", "行政确认", "行政奖励",
                                "行政裁决", "其他"]
    assert ListType.objects.get(code="zmsx").column_map()["pledge"]["choices"] == ["是", "否"]
    assert dt.date  # noqa: B018


def test_demo_loads_the_county_lists_once(db):
    from gongkai.accounts.models import User
    from gongkai.lists import demo
    from gongkai.lists.models import DisclosureList
    from gongkai.organizations.factories import OrganizationFactory

    demo.load()  # without 沂源县's units and an administrator: nothing, no error
    assert DisclosureList.objects.count() == 0
    for name in (demo.SCJG, demo.WLJ, demo.MZJ, demo.SPJ, demo.ZHZF):
        OrganizationFactory(name=name)
    User.objects.create_superuser("admin", password="x")
    demo.load()
    demo.load()  # idempotent
    assert DisclosureList.objects.count() == 7
    powers = DisclosureList.objects.get(title="沂源县市场监督管理局权责清单")
    assert [v.label for v in powers.published_versions()] == ["2020年版", "2019年版"]
    assert powers.version_on(D("2020-08-31")).label == "2019年版"
    proofs = DisclosureList.objects.get(list_type__code="zmsx").published_versions().get()
    assert {row.cells["pledge"] for row in proofs.rows.all()} == {"是", "否"}
    assert Version.objects.filter(state=Version.State.SUBMITTED).count() == 1


def test_publishing_purges_the_stored_public_pages(client, unit, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.GONGKAI_PAGE_CACHE_DIR = str(tmp_path / "pages")
    lst, _first, _second = two_versions(unit)
    client.get(reverse("lists:detail", kwargs={"list_id": lst.pk}))  # stored as a file for the next visitors
    stored = list((tmp_path / "pages").rglob("index.html"))
    assert any("qd" in str(path) for path in stored)
    version = draft_version(lst, unit["editor"], "2021年版", "2021-01-01", [power_row("新职权", unit["org"].name)])
    services.submit(unit["editor"], version)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(unit["reviewer"], version)
    assert not [path for path in (tmp_path / "pages").rglob("index.html") if "qd" in str(path)]
    assert "新职权" in client.get(reverse("lists:detail", kwargs={"list_id": lst.pk})).content.decode()


@pytest.mark.parametrize("url", ["/api/v1/lists?org=99999999999999999999", "/api/v1/lists?date=2020-02-30",
                                 "/api/v1/lists/99999999999999999999", "/api/v1/lists/1/versions/x/rows",
                                 "/api/v1/lists?page_size=1000"])
def test_api_bad_parameters_are_400_in_chinese(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("请求参数不正确")


def test_home_panel_shows_each_list_once_in_its_current_version(client, unit):
    lst, _first, _second = two_versions(unit)
    page = client.get(reverse("portal:home")).content.decode()
    assert "政务公开清单" in page and page.count(lst.title) == 1 and "2020年版" in page
