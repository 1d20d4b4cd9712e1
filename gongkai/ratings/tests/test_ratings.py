"""好差评: import all-or-nothing with line numbers, monthly figures per department (checked by hand), the
public page with its table, chart and the 差评 with their 整改, without personal data."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.services import ActionRefused
from gongkai.ratings import services
from gongkai.ratings.models import Evaluation, ImportBatch

pytestmark = pytest.mark.django_db

HEADER = "事项,部门,渠道,评价时间,等级,差评内容,整改情况\n"
GOOD = HEADER + (
    "义务教育入学登记,测试县教育和体育局,政务服务网,2026-03-02 09:15,非常满意,,\n"
    "义务教育入学登记,测试县教育和体育局,大厅评价器,2026-03-03 10:00,满意,,\n"
    "教师资格认定,县教体局,大厅评价器,2026-03-04 11:00,基本满意,,\n"
    "教师资格认定,测试县教育和体育局,短信,2026-03-05 15:30,不满意,窗口等候时间长，联系电话13812345678,已增设窗口，等候时间缩短到10分钟内\n"
    "道路运输证,测试县交通运输局,爱山东APP,2026-03-06 08:00,非常不满意,材料要求反复变化,\n"
    "道路运输证,测试县交通运输局,爱山东APP,2026-04-01 08:00,满意,,\n"
)


def test_import_and_monthly_figures_checked_by_hand(keeper, unit, unit2):
    result = services.import_records(keeper, "2026-03.csv", GOOD.encode())
    assert result.created == 6 and not result.errors
    import datetime as dt

    rows, county = services.monthly_rows(dt.date(2026, 3, 1))
    by_name = {row.organization.name: row for row in rows}
    education = by_name["测试县教育和体育局"]
    assert education.cells == [1, 1, 1, 1, 0] and education.total == 4 and education.good == 3
    assert education.rate == "75.0%"
    transport = by_name["测试县交通运输局"]
    assert transport.cells == [0, 0, 0, 0, 1] and transport.rate == "0.0%"  # April's is another month
    assert county.total == 5 and county.rate == "60.0%"
    assert services.months() == [dt.date(2026, 4, 1), dt.date(2026, 3, 1)]


def test_bad_rows_are_refused_with_their_line_numbers_and_nothing_is_stored(keeper, unit):
    data = HEADER + (
        "义务教育入学登记,测试县教育和体育局,政务服务网,2026-03-02 09:15,非常满意,,\n"
        "义务教育入学登记,没有这个局,政务服务网,2026-03-02 09:15,非常满意,,\n"
        ",测试县教育和体育局,政务服务网,03/02/2026,很好,,\n"
        "教师资格认定,测试县教育和体育局,短信,2026-03-05 15:30,不满意,,\n"
        "义务教育入学登记,测试县教育和体育局,政务服务网,2026-03-02 09:15,非常满意,,\n"
    )
    result = services.import_records(keeper, "bad.csv", data.encode())
    assert result.created == 0 and not Evaluation.objects.exists() and not ImportBatch.objects.exists()
    assert [e.split("：")[0] for e in result.errors] == ["第3行", "第4行", "第5行", "第6行"]
    assert "没有名为“没有这个局”的部门" in result.errors[0]
    assert "事项不能为空" in result.errors[1] and "评价时间" in result.errors[1] and "等级“很好”" in result.errors[1]
    assert "差评须有差评内容" in result.errors[2]
    assert "完全相同" in result.errors[3]


def test_line_numbers_count_the_blank_rows_above_the_header(keeper, unit):
    import io

    from openpyxl import Workbook

    book = Workbook()
    for row in ([], [], HEADER.strip().split(","),
                ["义务教育入学登记", "测试县教育和体育局", "政务服务网", "2026-03-02 09:15", "非常满意"],
                ["义务教育入学登记", "没有这个局", "政务服务网", "2026-03-02 09:15", "非常满意"]):
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    result = services.import_records(keeper, "blank-top.xlsx", buffer.getvalue())
    assert [e.split("：")[0] for e in result.errors] == ["第5行"]  # the sheet's row 5, where staff look
    data = "\n" + HEADER + "义务教育入学登记,没有这个局,政务服务网,2026-03-02 09:15,非常满意,,\n"
    result = services.import_records(keeper, "blank-top.csv", data.encode())
    assert [e.split("：")[0] for e in result.errors] == ["第3行"]


def test_a_record_or_a_file_is_imported_once(keeper, unit, unit2):
    services.import_records(keeper, "a.csv", GOOD.encode())
    with pytest.raises(ActionRefused, match="已经导入过"):
        services.import_records(keeper, "again.csv", GOOD.encode())
    overlapping = HEADER + "道路运输证,测试县交通运输局,爱山东APP,2026-04-01 08:00,满意,,\n" \
                           "道路运输证,测试县交通运输局,爱山东APP,2026-04-02 08:00,满意,,\n"
    result = services.import_records(keeper, "b.csv", overlapping.encode())
    assert (result.created, result.updated, result.unchanged) == (1, 0, 1)  # the overlap is skipped, never doubled
    assert Evaluation.objects.count() == 7
    with pytest.raises(ActionRefused, match="都已导入过"):
        services.import_records(keeper, "c.csv", (overlapping + "\n").encode())


def test_missing_columns_and_unit_staff_are_refused(keeper, unit, unit_editor):
    with pytest.raises(ActionRefused, match="表头缺少列：等级"):
        services.import_records(keeper, "x.csv", "事项,部门,渠道,评价时间\n".encode())
    with pytest.raises(ActionRefused):
        services.import_records(unit_editor, "a.csv", GOOD.encode())


def test_public_page_shows_table_chart_and_bad_ones_without_personal_data(client, keeper, unit, unit2):
    services.import_records(keeper, "a.csv", GOOD.encode())
    page = client.get(reverse("ratings:month", kwargs={"year": 2026, "month": 3})).content.decode()
    assert "75.0%" in page and "60.0%" in page and 'class="bar-list"' in page and "<table" in page
    assert "窗口等候时间长" in page and "已增设窗口" in page and "材料要求反复变化" in page and "整改中" in page
    assert "13812345678" not in page and "138****5678" in page
    assert Evaluation.objects.filter(complaint__contains="13812345678").count() == 0
    assert client.get(reverse("ratings:month", kwargs={"year": 2026, "month": 13})).status_code == 404
    assert client.get(reverse("ratings:month", kwargs={"year": 2025, "month": 1})).status_code == 404
    assert "2026年4月" in client.get(reverse("ratings:index")).content.decode()


def test_import_page(client, keeper, unit, unit2, unit_editor):
    client.force_login(keeper)
    bad = HEADER + "事项,没有这个局,渠道,2026-03-02,满意,,\n"
    response = client.post(reverse("ratings_staff:import"), {"file": SimpleUploadedFile("a.csv", bad.encode())})
    assert "第2行" in response.content.decode()
    response = client.post(reverse("ratings_staff:import"), {"file": SimpleUploadedFile("b.csv", GOOD.encode())})
    assert response.status_code == 302 and Evaluation.objects.count() == 6
    client.force_login(unit_editor)
    assert client.get(reverse("ratings_staff:import")).status_code == 403


def test_english_page_writes_the_month_in_english(client, keeper, unit, unit2):
    services.import_records(keeper, "a.csv", GOOD.encode())
    page = client.get("/en/hcp/2026/3/").content.decode()
    assert "Ratings by department, March 2026" in page and ">April 2026</a>" in page
    assert "2026年" not in page


def test_an_evaluation_time_before_the_rating_system_began_is_a_row_error(keeper, unit):
    data = HEADER + (
        "义务教育入学登记,测试县教育和体育局,政务服务网,0001-01-01 00:00,非常满意,,\n"
        "义务教育入学登记,测试县教育和体育局,政务服务网,1900-03-02 09:15,满意,,\n"
        "义务教育入学登记,测试县教育和体育局,政务服务网,2019-12-31 09:15,满意,,\n"
    )
    result = services.import_records(keeper, "old.csv", data.encode())
    assert result.created == 0 and not Evaluation.objects.exists()
    assert [e.split("：")[0] for e in result.errors] == ["第2行", "第3行"]
    assert "评价时间“0001-01-01 00:00”早于2019年" in result.errors[0]
    assert "评价时间“1900-03-02 09:15”早于2019年" in result.errors[1]


def test_control_characters_and_overlong_texts_are_row_errors_not_stored_or_cut(keeper, unit):
    data = HEADER + (
        "义务教育入学登记,测试县教育和体育局,政务服务网,2026-03-02 09:15,非常满意,,\n"
        "义务\x01教育入学登记,测试县教育和体育局,政务服务网,2026-03-02 09:16,非常满意,,\n"
        "教师资格认定,测试县教育和体育局,短信\x1b,2026-03-05 15:30,不满意,等候\x07时间长,\n"
        + "事" * 201 + ",测试县教育和体育局,政务服务网,2026-03-02 09:17,满意,,\n"
        "教师资格认定,测试县教育和体育局," + "渠" * 51 + ",2026-03-05 15:31,满意,,\n"
        "教师资格认定,测试县教育和体育局,短信,2026-03-05 15:32,不满意," + "长" * 2001 + ",\n"
    )
    result = services.import_records(keeper, "bad.csv", data.encode())
    assert result.created == 0 and not Evaluation.objects.exists()
    assert [e.split("：")[0] for e in result.errors] == ["第3行", "第4行", "第5行", "第6行", "第7行"]
    assert "“事项”含控制字符" in result.errors[0]
    assert "“渠道”含控制字符" in result.errors[1] and "“差评内容”含控制字符" in result.errors[1]
    assert "“事项”超过200个字" in result.errors[2] and "“渠道”超过50个字" in result.errors[3]
    assert "“差评内容”超过2000个字" in result.errors[4]
    with pytest.raises(ActionRefused, match="CSV 文件第3行含有空字符"):  # core.sheets: PostgreSQL cannot store NUL
        services.import_records(keeper, "bad.csv", data.replace("\x01", "\x00").encode())
    assert not Evaluation.objects.exists()


def test_numbers_in_the_service_and_channel_are_masked(keeper, unit):
    data = HEADER + "为13812345678办理入学登记,测试县教育和体育局,经办人13912345678,2026-03-02 09:15,满意,,\n"
    services.import_records(keeper, "a.csv", data.encode())
    evaluation = Evaluation.objects.get()
    assert "13812345678" not in evaluation.service and "13912345678" not in evaluation.channel


def test_the_import_page_checks_the_table_and_audits_a_refused_import(client, keeper, unit, unit2):
    from gongkai.audit.models import AuditEvent

    client.force_login(keeper)
    response = client.post(reverse("ratings_staff:import"),
                           {"file": SimpleUploadedFile("a.csv", b"PK\x03\x04 not a text file")})
    assert "UTF-8" in response.content.decode() and not ImportBatch.objects.exists()
    bad = HEADER + "事项,没有这个局,渠道,2026-03-02,满意,,\n"
    client.post(reverse("ratings_staff:import"), {"file": SimpleUploadedFile("b.csv", bad.encode())})
    refused = AuditEvent.objects.filter(action="ratings.import_refused").order_by("id")
    assert [event.object_repr for event in refused] == ["a.csv", "b.csv"]


def test_a_parallel_import_of_the_same_file_is_a_clear_refusal(keeper, unit, unit2, monkeypatch):
    from django.db import IntegrityError

    def clash(*args, **kwargs):
        raise IntegrityError("UNIQUE constraint failed: ratings_importbatch.sha256")

    monkeypatch.setattr(ImportBatch.objects, "create", clash)
    with pytest.raises(ActionRefused, match="另一次导入"):
        services.import_records(keeper, "a.csv", GOOD.encode())
    assert not Evaluation.objects.exists()


def test_a_number_in_groups_stored_before_it_was_masked_is_masked_on_the_public_page(client, keeper, unit):
    """Imports mask what they store (core.masking); an evaluation imported before an ID number in groups or a
    mobile number with em dashes was read as one still holds it, and the public page masks it as it shows it."""
    data = HEADER + "不动产登记,测试县教育和体育局,窗口,2026-03-02 09:15,不满意,办理太慢,\n"
    services.import_records(keeper, "a.csv", data.encode())
    Evaluation.objects.update(complaint="办理太慢，我的身份证370323 19900101 1234，电话139—1234—5678",
                              service="为139 12345678办理登记")
    body = client.get(reverse("ratings:month", kwargs={"year": 2026, "month": 3})).content.decode()
    assert "办理太慢" in body and "3703************1234" in body and "139******5678" in body
    assert "19900101" not in body and "1234—5678" not in body and "12345678" not in body
