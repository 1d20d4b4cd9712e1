"""Hostile text in 清单: control characters refused at every way in (form, import, services), and stored text
from before that still downloads; NUL in public query strings answered 400, not a database error; links that
only look internal refused."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.core.services import ActionRefused
from gongkai.lists import cells, services
from gongkai.lists.factories import D, draft_version, make_list, power_row, published_version
from gongkai.lists.forms import ListForm, RowForm, VersionForm
from gongkai.lists.models import Row
from gongkai.lists.tests.helpers import HEADER, names

pytestmark = pytest.mark.django_db


def test_a_control_character_in_a_cell_is_refused_by_the_cell_check_and_the_row_form(unit):
    lst = make_list(unit["org"], unit["editor"])
    version = draft_version(lst, unit["editor"])
    with pytest.raises(services.RowInvalid) as refused:
        services.add_row(unit["editor"], version, power_row("食品\x1b生产许可", unit["org"].name))
    assert "控制字符" in refused.value.errors["name"]
    assert cells.clean({"key": "note", "kind": "text"}, "第一行\n第二行\t完") == "第一行\n第二行\t完"
    form = RowForm(data={**power_row("食品\x00生产许可", unit["org"].name)}, columns=lst.list_type.columns,
                   organizations=[unit["org"].name])
    assert not form.is_valid() and "控制字符" in form.errors["name"][0]


def test_list_and_version_texts_refuse_control_characters_in_forms_and_services(unit):
    form = ListForm(data={"list_type": "", "organization": "", "title": "清单\x1b"})
    assert "控制字符" in form.errors["title"][0]
    assert "控制字符" in VersionForm(data={"label": "2020\x00年版", "effective_from": "2020-01-01"}).errors["label"][0]
    with pytest.raises(ActionRefused, match="控制字符"):
        make_list(unit["org"], unit["editor"], title="某局\x1b权责清单")
    lst = make_list(unit["org"], unit["editor"])
    with pytest.raises(ActionRefused, match="控制字符"):
        services.update_list(unit["editor"], lst, "名称", "说明\x07")
    with pytest.raises(ActionRefused, match="控制字符"):
        services.create_version(unit["editor"], lst, "2020\x1b年版", D("2020-01-01"))
    version = draft_version(lst, unit["editor"])
    with pytest.raises(ActionRefused, match="控制字符"):
        services.update_version(unit["editor"], version, "2020年版", D("2020-01-01"), "调整\x00说明")


def test_a_nul_after_the_first_8_kb_of_a_csv_is_refused_by_row_and_column(client, unit):
    lst = make_list(unit["org"], unit["editor"])
    version = draft_version(lst, unit["editor"], rows=[power_row("原有职权", unit["org"].name)])
    client.force_login(unit["editor"])
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(HEADER)
    for number in range(1, 101):
        writer.writerow([number, "行政许可", f"许可事项{number}", "", "法" * 80, unit["org"].name, "", "受理", "追责", ""])
    writer.writerow([101, "行政许可", "尾部\x00事项", "", "法", unit["org"].name, "", "受理", "追责", ""])
    data = text.getvalue().encode("utf-8-sig")
    assert data.index(b"\x00") > 8192
    url = reverse("lists_staff:version_import", kwargs={"version_id": version.pk})
    response = client.post(url, {"table": SimpleUploadedFile("权责清单.csv", data, content_type="text/csv")})
    page = response.content.decode()
    assert response.status_code == 200 and "CSV 文件第102行含有空字符（NUL" in page  # core.sheets
    assert names(version) == ["原有职权"]


def test_stored_control_characters_still_download_as_xlsx(client, unit):
    lst = make_list(unit["org"], unit["editor"])
    version = published_version(lst, unit["editor"], unit["reviewer"])
    Row.objects.filter(version=version).update(cells={**power_row("旧\x1b数据", unit["org"].name)})
    url = reverse("lists:download", kwargs={"list_id": lst.pk, "version_id": version.pk, "fmt": "xlsx"})
    response = client.get(url)
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).worksheets[0]["C2"].value == "旧数据"


@pytest.mark.parametrize("text", ["/\\evil.example", "/\t/evil.example", "/ /evil.example", "//evil.example",
                                  "/\\/evil.example", "javascript:alert(1)", "http://"])
def test_a_link_that_would_lead_off_site_is_refused(text):
    with pytest.raises(cells.CellError):
        cells.clean({"key": "guide", "kind": "link"}, text)


@pytest.mark.parametrize("text", ["/qd/1/", "/zwgk/?q=1#a", "https://www.example.gov.cn/bszn/1.html"])
def test_internal_paths_and_web_addresses_are_links(text):
    assert cells.clean({"key": "guide", "kind": "link"}, text) == text


def test_a_stored_unsafe_link_shows_as_text_not_as_a_link(client, unit):
    lst = make_list(unit["org"], unit["editor"], code="zmsx")
    column = next(c for c in lst.list_type.columns if c["kind"] == "link")
    required = {c["key"]: unit["org"].name if c["kind"] == "organization" else (c.get("choices") or ["事项"])[0]
                for c in lst.list_type.columns if c.get("required")}
    version = published_version(lst, unit["editor"], unit["reviewer"], rows=[{**required, column["key"]: "/qd/1/"}])
    page = client.get(reverse("lists:detail", kwargs={"list_id": lst.pk})).content.decode()
    assert 'href="/qd/1/"' in page
    row = version.rows.get()
    Row.objects.filter(pk=row.pk).update(cells={**row.cells, column["key"]: "/\\evil.example"})
    page = client.get(reverse("lists:detail", kwargs={"list_id": lst.pk})).content.decode()
    assert "/\\evil.example" in page and 'href="/\\evil.example"' not in page


def test_nul_in_public_query_strings_is_a_400_not_a_database_error(client, unit):
    lst = make_list(unit["org"], unit["editor"])
    version = published_version(lst, unit["editor"], unit["reviewer"])
    for url in (reverse("lists:index") + "?type=%00", reverse("lists:detail", kwargs={"list_id": lst.pk}) + "?q=%00",
                reverse("lists:detail", kwargs={"list_id": lst.pk}) + "?f_power_type=%1b"):
        assert client.get(url).status_code == 400, url
    for url in ("/api/v1/lists?type=%00", f"/api/v1/lists/{lst.pk}/versions/{version.pk}/rows?q=a%00b"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert response.json()["detail"].startswith("请求参数不正确")
    assert client.get(f"/api/v1/lists/{lst.pk}/versions/{version.pk}/rows?q=食品").json()["count"] == 1


def test_a_staff_export_is_audited_only_once_the_file_is_built(client, unit, monkeypatch):
    from gongkai.audit.models import AuditEvent
    from gongkai.lists import views_staff

    lst = make_list(unit["org"], unit["editor"])
    version = published_version(lst, unit["editor"], unit["reviewer"])
    client.force_login(unit["editor"])
    url = reverse("lists_staff:version_export", kwargs={"version_id": version.pk})

    def failing(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(views_staff, "version_file", failing)
    with pytest.raises(OSError):
        client.get(url)
    assert not AuditEvent.objects.filter(action="lists.export").exists()
    monkeypatch.undo()
    assert client.get(url).status_code == 200
    assert AuditEvent.objects.filter(action="lists.export").count() == 1


@pytest.mark.parametrize("text, refused", [
    ("举报电话１３９１２３４５６７８", "个人手机号码"),
    ("联系人手机 １３９－１２３４－５６７８", "个人手机号码"),
    ("身份证号３７０３２３１９９００１０１１２３４", "居民身份证号码"),
])
def test_a_personal_number_typed_in_full_width_digits_is_refused_in_a_public_cell(text, refused):
    """Lists are public: a mobile number typed with an input method in full-width mode is still one."""
    with pytest.raises(cells.CellError) as refusal:
        cells.clean({"key": "note", "kind": "text"}, text)
    assert refused in str(refusal.value)


def test_a_units_landline_and_hotline_in_full_width_digits_stay_allowed():
    text = "咨询电话：０５３３－３２４１２３４，投诉热线１２３４５"
    assert cells.clean({"key": "note", "kind": "text"}, text) == text


@pytest.mark.parametrize("text, refused", [
    ("联系人身份证 370323 19900101 1234", "居民身份证号码"),
    ("身份证 3703 2319 9001 0112 34", "居民身份证号码"),
    ("经办人身份证号：370323900101123", "居民身份证号码"),
    ("举报电话139—1234—5678", "个人手机号码"),
    ("举报电话139\u00a01234\u00a05678", "个人手机号码"),
    ("举报电话١٣٩١٢٣٤٥٦٧٨", "个人手机号码"),
])
def test_a_personal_number_written_in_groups_or_other_digits_is_refused_in_a_public_cell(text, refused):
    """Lists are public: an ID number copied in groups, an old 15-digit one, a mobile number with em dashes, NBSPs
    or Arabic-Indic digits is still the person's number."""
    with pytest.raises(cells.CellError) as refusal:
        cells.clean({"key": "note", "kind": "text"}, text)
    assert refused in str(refusal.value)


@pytest.mark.parametrize("text", ["咨询电话：0533—3241234，投诉热线12345", "依据源政发〔2020〕3号，补贴 1 380 000 元",
                                  "注册号370323200012345"])
def test_a_units_landline_a_wen_hao_and_codes_stay_allowed_in_a_cell(text):
    assert cells.clean({"key": "note", "kind": "text"}, text) == text


def test_a_row_of_figures_in_a_cell_is_not_refused_as_a_mobile_number():
    """A 预算 row pasted into a note: `1500000 2000 3000` is figures, not a mobile number written 7-4."""
    text = "2026年预算（元）：1500000 2000 3000"
    assert cells.clean({"key": "note", "kind": "text"}, text) == text


def test_a_mobile_number_with_soft_hyphens_is_refused_in_a_public_cell():
    with pytest.raises(cells.CellError) as refusal:
        cells.clean({"key": "note", "kind": "text"}, "举报电话139\u00ad1234\u00ad5678")
    assert "个人手机号码" in str(refusal.value)
