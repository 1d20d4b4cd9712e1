"""The 台账 exactly as request-ledger.md: export, a round trip that changes nothing, imports that create and
update, and rejected files that change nothing and say why, per row and column, in Chinese."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gongkai.requests.choices import State
from gongkai.requests.factories import received_case
from gongkai.requests.ledger import export_rows, import_ledger
from gongkai.requests.ledger_io import CONTRACT_HEADERS, HEADERS, read, write
from gongkai.requests.models import ClockEvent, RequestCase
from gongkai.requests.services import handling, replies

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat
K = ClockEvent.Kind


def csv_bytes(rows: list[list[str]], bom=True) -> bytes:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def good_row(org, **values) -> dict:
    row = {"受理机关": org.name, "申请人类型": "自然人", "申请人": "孙七", "证件号码": "11010519491231002X",
           "联系方式": "13700001111", "申请方式": "网络", "收到申请日期": "2020-03-02",
           "申请内容": "2019年度城乡低保资金发放情况", "征求意见期间": "2020-03-04~2020-03-11;2020-03-09~2020-03-13",
           "延期工作日": "5", "答复日期": "2020-04-20", "办理结果": "部分公开", "收费金额": "",
           "行政复议": "维持", "行政诉讼": "", "诉讼类型": "", "备注": "历史台账"}
    row.update(values)
    return row


def as_csv(*rows: dict, headers=None) -> bytes:
    headers = headers or list(dict.fromkeys(h for row in rows for h in row))
    return csv_bytes([headers] + [[str(r.get(h, "")) for h in headers] for r in rows])


def test_headers_are_exactly_those_of_the_contract_then_the_documented_optional_ones():
    assert HEADERS[:24] == CONTRACT_HEADERS
    assert HEADERS[24:] == ["适用条例", "收费通知日期", "缴费日期", "行政复议申请日期", "行政复议决定日期",
                            "行政诉讼起诉日期", "行政诉讼裁判日期"]
    assert CONTRACT_HEADERS == ["申请编号", "受理机关", "申请人类型", "申请人", "证件号码", "联系方式", "申请方式", "收到申请日期",
                       "申请内容", "补正告知日期", "收到补正日期", "征求意见发出日期", "征求意见答复日期", "征求意见期间",
                       "延期工作日", "答复期限", "答复日期", "办理结果", "收费金额", "行政复议", "行政诉讼", "诉讼类型",
                       "是否逾期", "备注"]


def test_a_good_csv_with_bom_creates_cases_with_their_clock_events(org):
    report = import_ledger(None, "ledger.csv", as_csv(good_row(org), good_row(org, 申请人="周八", 答复日期="",
                                                                             办理结果="", 行政复议="")))
    assert report.ok and report.created == 2 and report.summary() == "导入成功：新建 2 条，更新 0 条，未变化 0 条。"
    answered = RequestCase.objects.get(applicant_name="孙七")
    assert answered.state == State.ARCHIVED and answered.outcome == "部分公开" and answered.replied_on == D("2020-04-20")
    assert answered.id_number == "11010519491231002X" and answered.phone == "13700001111"
    spans = answered.clock_events.filter(kind=K.CONSULTATION).order_by("on")
    assert [(e.on, e.until) for e in spans] == [(D("2020-03-04"), D("2020-03-11")), (D("2020-03-09"), D("2020-03-13"))]
    assert answered.remedies.get().get_result_display() == "维持"
    row = export_rows(RequestCase.objects.filter(pk=answered.pk), lambda case: True, today=D("2020-12-31"))[0]
    # 20 + 5 + 7 (overlaps once) = 32 working days after 03-02 → 04-16 (清明 skipped); replied 04-20: late.
    assert row["答复期限"] == D("2020-04-16") and row["是否逾期"] == "是"
    assert RequestCase.objects.get(applicant_name="周八").state == State.PROCESSING
    # Waits and an extension: the due lists compute these cases from their events (RequestCase.clock_changed).
    assert answered.clock_changed and RequestCase.objects.get(applicant_name="周八").clock_changed
    report = import_ledger(None, "ledger.csv", as_csv(good_row(org, 申请编号=answered.tracking_number,
                                                                征求意见期间="", 延期工作日="")))
    assert report.ok and not RequestCase.objects.get(pk=answered.pk).clock_changed


def test_round_trip_changes_nothing(org, editor, reviewer, tmp_path):
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    handling.request_correction(editor, case, "请写明文件名称", 10, D("2020-03-03"))
    handling.receive_correction(editor, case, D("2020-03-05"))
    handling.extend(editor, case, 10, "王主任", D("2020-03-10"), "需要调档")
    handling.consult(editor, case, "agency", "县财政局", "共同制作", D("2020-03-11"))
    import_ledger(None, "a.csv", as_csv(good_row(org)))
    first = tmp_path / "ledger.xlsx"
    call_command("export_ledger", "-o", str(first), "--include-personal-data")
    before = list(RequestCase.objects.order_by("pk").values())
    call_command("import_ledger", str(first))
    assert list(RequestCase.objects.order_by("pk").values()) == before
    second = tmp_path / "again.xlsx"
    call_command("export_ledger", "-o", str(second), "--include-personal-data")
    rows = lambda path: [list(r) for r in load_workbook(path).active.iter_rows(values_only=True)]  # noqa: E731
    assert rows(first) == rows(second)
    report = import_ledger(None, "ledger.xlsx", first.read_bytes())
    assert report.ok and report.created == 0 and report.updated == 0 and report.unchanged == 2


def test_reimport_updates_a_ledger_case_and_only_the_note_of_a_platform_case(org, editor):
    import_ledger(None, "a.csv", as_csv(good_row(org, 申请编号="TZ-2020-001")))
    changed = good_row(org, 申请编号="TZ-2020-001", 答复日期="2020-04-21", 备注="已更正答复日期")
    report = import_ledger(None, "a.csv", as_csv(changed))
    assert report.ok and report.updated == 1
    assert RequestCase.objects.get(tracking_number="TZ-2020-001").replied_on == D("2020-04-21")
    platform = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    row = export_rows(RequestCase.objects.filter(pk=platform.pk), lambda c: False)[0]
    report = import_ledger(None, "b.csv", as_csv({**row, "备注": "电话回访"}))
    assert report.ok and report.updated == 1
    assert RequestCase.objects.get(pk=platform.pk).note == "电话回访"
    report = import_ledger(None, "b.csv", as_csv({**row, "延期工作日": "3"}))
    assert not report.ok and "在平台上修改" in str(report.errors[0]) and report.errors[0].column == "延期工作日"


@pytest.mark.parametrize("values, column, reason", [
    ({"受理机关": "不存在的局"}, "受理机关", "找不到机关"),
    ({"申请人类型": "个人"}, "申请人类型", "应为 自然人"),
    ({"申请方式": "微信"}, "申请方式", "应为 当面"),
    ({"收到申请日期": "2020/3/2"}, "收到申请日期", "YYYY-MM-DD"),
    ({"证件号码": "110105194912310021"}, "证件号码", "身份证号码不正确"),
    ({"延期工作日": "21"}, "延期工作日", "0 至 20"),
    ({"办理结果": "不予公开"}, "办理结果", "不是年度报告规定的办理结果"),
    ({"答复日期": ""}, "答复日期", "填写了办理结果的必须填写答复日期"),
    ({"征求意见期间": "2020-03-04-2020-03-11"}, "征求意见期间", "格式不正确"),
    ({"征求意见发出日期": "2020-03-04"}, "征求意见期间", "只能填写一种"),
    ({"行政诉讼": "维持"}, "诉讼类型", "直接起诉"),
    ({"收费金额": "12.5"}, "收费金额", "整数元"),
    ({"补正告知日期": "", "收到补正日期": "2020-03-05"}, "收到补正日期", "没有补正告知日期"),
])
def test_a_bad_row_rejects_the_whole_file_with_a_chinese_reason(org, values, column, reason):
    report = import_ledger(None, "bad.csv", as_csv(good_row(org, 申请人="好的一行"), good_row(org, **values)))
    assert not report.ok and not RequestCase.objects.exists()
    assert [(e.row, e.column) for e in report.errors] == [(3, column)]
    assert reason in report.errors[0].message and str(report.errors[0]).startswith(f"第3行【{column}】")


def test_short_outcome_forms_and_ascii_quotes_are_accepted(org):
    rows = [good_row(org, 办理结果="其他处理-逾期不补正", 补正告知日期="2020-03-03", 征求意见期间="", 行政复议=""),
            good_row(org, 申请人="吴九", 办理结果='不予公开-危及"三安全一稳定"', 征求意见期间="", 行政复议="")]
    report = import_ledger(None, "a.csv", as_csv(*rows))
    assert report.ok
    assert set(RequestCase.objects.values_list("outcome", flat=True)) == {
        "其他处理-申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "不予公开-危及“三安全一稳定”"}


def test_unknown_columns_go_to_the_note_and_are_reported(org):
    report = import_ledger(None, "a.csv", as_csv(good_row(org, 经办人="刘"), headers=[*good_row(org), "经办人"]))
    assert report.ok and "经办人" in report.notes[0]
    assert "经办人：刘" in RequestCase.objects.get().note


def test_missing_required_columns_and_bad_files_are_refused(org):
    from gongkai.requests.ledger_io import LedgerFileError

    with pytest.raises(LedgerFileError, match="缺少必需的列：申请内容"):
        read("a.csv", csv_bytes([["受理机关", "申请人类型", "申请人", "申请方式", "收到申请日期"]]))
    with pytest.raises(LedgerFileError, match="UTF-8"):
        read("a.csv", "受理机关".encode("gbk"))
    with pytest.raises(LedgerFileError, match=".xlsx 或 .csv"):
        read("a.xls", b"whatever")
    with pytest.raises(LedgerFileError, match="无法读取"):
        read("a.xlsx", b"PK\x03\x04 not really")


def test_excel_date_cells_are_accepted(org):
    workbook = Workbook()
    sheet = workbook.active
    row = good_row(org, 征求意见期间="", 行政复议="")
    sheet.append(list(row))
    sheet.append([dt.datetime(2020, 3, 2) if h == "收到申请日期" else (dt.date(2020, 4, 20) if h == "答复日期" else v)
                  for h, v in row.items()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert import_ledger(None, "a.xlsx", buffer.getvalue()).ok
    assert RequestCase.objects.get().received_on == D("2020-03-02")


def test_export_leaves_out_personal_data_without_the_right(client, org, county, supervisor):
    from gongkai.organizations.factories import OrganizationFactory

    unit = OrganizationFactory(parent=county)
    received_case(unit, D("2020-03-02"))
    client.force_login(supervisor)
    response = client.get(reverse("requests:ledger_export"), {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200 and text.startswith("申请编号,受理机关")
    assert "370323199001011234" not in text and "13800001234" not in text and "张三" in text


def test_the_staff_import_page_reports_per_row(client, org, editor):
    client.force_login(editor)
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("bad.csv", as_csv(good_row(org, 申请方式="微信")))
    response = client.post(reverse("requests:ledger_import"), {"file": bad})
    assert response.status_code == 400 and "第2行【申请方式】" in response.content.decode()
    good = SimpleUploadedFile("good.csv", as_csv(good_row(org)))
    response = client.post(reverse("requests:ledger_import"), {"file": good})
    assert response.status_code == 200 and "新建 1 条" in response.content.decode()


def test_another_units_ledger_cannot_be_imported_from_the_staff_page(client, org, other_org, editor):
    client.force_login(editor)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(reverse("requests:ledger_import"),
                           {"file": SimpleUploadedFile("x.csv", as_csv(good_row(other_org)))})
    assert "没有导入该机关台账的权限" in response.content.decode() and not RequestCase.objects.exists()


def test_the_import_command_fails_with_the_report(org, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(as_csv(good_row(org, 申请人类型="个人")))
    with pytest.raises(CommandError, match="导入失败"):
        call_command("import_ledger", str(path))
    assert "第2行【申请人类型】" in capsys.readouterr().err


def test_written_files_read_back(org):
    rows = [{h: "" for h in HEADERS} | {"申请编号": "X-1", "证件号码": "110105194912310021"}]
    for name in ("t.csv", "t.xlsx"):
        headers, body = read(name, write(name, rows))
        assert headers == HEADERS and body[0][1]["证件号码"] == "110105194912310021"


def test_export_counts_an_open_case_against_today(org, editor, reviewer):
    case = received_case(org, D("2020-01-20"))
    row = export_rows(RequestCase.objects.filter(pk=case.pk), lambda c: True, today=D("2020-02-26"))[0]
    assert row["答复期限"] == D("2020-02-25") and row["是否逾期"] == "是"
    replies.draft_reply(editor, case, {"outcome": "予以公开", "reply_content": "见附件"})
    replies.approve_reply(reviewer, case, D("2020-02-24"))
    row = export_rows(RequestCase.objects.filter(pk=case.pk), lambda c: True, today=D("2020-12-31"))[0]
    assert row["是否逾期"] == "否" and row["办理结果"] == "予以公开"


def test_an_export_without_personal_data_masks_numbers_typed_into_text_and_round_trips(org, editor):
    """Whoever may not see personal numbers gets 申请内容 and 备注 masked; importing that file back changes
    nothing (the cases keep what was typed), for a platform case and a ledger case alike."""
    typed = "请公开低保名单。本人身份证370323199001011234，电话13800001234"
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING, info_description=typed)
    import_ledger(None, "a.csv", as_csv(good_row(org, 申请内容=typed, 备注="申请人来电13900002222")))
    rows = export_rows(RequestCase.objects.all(), lambda case: False, today=D("2020-06-01"))
    text = str(rows)
    assert "370323199001011234" not in text and "13800001234" not in text and "13900002222" not in text
    assert "3703**********1234" in text and "139****2222" in text
    before = list(RequestCase.objects.order_by("pk").values())
    report = import_ledger(None, "ledger.xlsx", write("ledger.xlsx", rows))
    assert report.ok and report.created == 0 and report.updated == 0, report.errors
    assert list(RequestCase.objects.order_by("pk").values()) == before
    case.refresh_from_db()
    assert case.info_description == typed


@pytest.mark.django_db
def test_an_imported_row_cannot_give_a_case_to_a_party_office():
    """The import is one more path that gives a unit a case: a 党委工作机关 takes none (intake.takes_requests)."""
    from gongkai.organizations.factories import OrganizationFactory
    from gongkai.organizations.models import Organization

    party = OrganizationFactory(kind=Organization.Kind.PARTY, name="中共沂源县委宣传部")
    report = import_ledger(None, "ledger.csv", as_csv(good_row(party)))
    assert not report.ok and not RequestCase.objects.exists()
    assert report.errors[0].column == "受理机关" and "党委工作机关" in report.errors[0].message


def test_a_drafted_outcome_is_no_result_in_the_ledger_until_the_reply_is_issued(org, editor, reviewer):
    """办理结果 goes with 答复日期: a reply awaiting review is exported without one, so the unit's own export
    imports back (it said 「填写了办理结果的必须填写答复日期」)."""
    case = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    replies.draft_reply(editor, case, {"outcome": "予以公开", "reply_content": "见附件"})
    assert RequestCase.objects.get(pk=case.pk).state == State.REVIEW
    row = export_rows(RequestCase.objects.filter(pk=case.pk), lambda c: True, today=D("2020-03-10"))[0]
    assert row["答复日期"] == "" and row["办理结果"] == ""
    report = import_ledger(None, "a.csv", as_csv(row))
    assert report.ok and report.unchanged == 1, report.errors
    replies.approve_reply(reviewer, RequestCase.objects.get(pk=case.pk), D("2020-03-12"))
    row = export_rows(RequestCase.objects.filter(pk=case.pk), lambda c: True, today=D("2020-03-20"))[0]
    assert row["答复日期"] == D("2020-03-12") and row["办理结果"] == "予以公开"


def test_an_application_not_yet_confirmed_is_no_ledger_row_and_the_export_imports_back(org):
    """A 待确认 online application has no 收到申请日期 (第三十一条), which every ledger row requires."""
    from gongkai.requests.factories import RequestCaseFactory

    pending = RequestCaseFactory(organization=org, state=State.PENDING, tracking_number="SQ-2020-000001")
    received = received_case(org, D("2020-03-02"), state=State.PROCESSING)
    rows = export_rows(RequestCase.objects.all(), lambda c: True, today=D("2020-03-10"))
    assert [row["申请编号"] for row in rows] == [received.tracking_number]
    assert pending.tracking_number not in [row["申请编号"] for row in rows]
    report = import_ledger(None, "a.csv", as_csv(*rows))
    assert report.ok and report.unchanged == 1, report.errors
