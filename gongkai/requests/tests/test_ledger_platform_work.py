"""A case imported from a 台账 and then handled on the platform is kept like a platform case when the ledger
is imported again: only 备注 is taken from its row, and a row that says otherwise is refused. Before, the
row replaced it: the 补正, extension and drafted reply were silently lost, and a consultation or a fee notice
made the import fail with a server error."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.requests.choices import State
from gongkai.requests.ledger import import_ledger
from gongkai.requests.ledger_activity import handled_on_platform
from gongkai.requests.models import ClockEvent, RequestCase
from gongkai.requests.services import fee_notices, handling, replies
from gongkai.requests.tests.test_ledger import as_csv, good_row

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat
K = ClockEvent.Kind
NUMBER = "TZ-2020-009"
HANDLED = "该申请由台账导入后已在平台上办理，时间节点和办理结果须在平台上修改（台账只能更新备注）。"


def open_row(org, **values) -> dict:
    """An open case in the unit's old ledger: received, no reply yet."""
    row = good_row(org, 申请编号=NUMBER, 补正告知日期="", 收到补正日期="", 征求意见发出日期="", 征求意见答复日期="",
                   征求意见期间="", 延期工作日="", 答复日期="", 办理结果="", 行政复议="")
    return {**row, **values}


def imported(actor, row: dict) -> RequestCase:
    report = import_ledger(actor, "ledger.csv", as_csv(row))
    assert report.ok, report.errors
    return RequestCase.objects.get(tracking_number=row["申请编号"])


def kinds(case) -> list[str]:
    return sorted(e.kind for e in case.clock_events.filter(voided_at__isnull=True))


# What staff do on the platform, the state and events it leaves, and what the unit's export then says of it.
WORK = {
    "补正告知": (lambda u, c: handling.request_correction(u, c, "请写明文件名称", 10, D("2020-03-03")),
             State.CORRECTION, [K.CORRECTION_NOTICE, K.RECEIVED], {"补正告知日期": "2020-03-03"}),
    "延期答复": (lambda u, c: handling.extend(u, c, 10, "王主任", D("2020-03-10"), "需要调档"),
             State.PROCESSING, [K.EXTENSION, K.RECEIVED], {"延期工作日": "10"}),
    "征求意见": (lambda u, c: handling.consult(u, c, "agency", "县财政局", "共同制作", D("2020-03-11")),
             State.AGENCY, [K.CONSULTATION, K.RECEIVED], {"征求意见发出日期": "2020-03-11"}),
    "收费通知": (lambda u, c: fee_notices.notify_fee(u, c, "by_page", 50, D("2020-03-11")),
             State.FEE, [K.FEE, K.RECEIVED], {}),
    "起草答复": (lambda u, c: replies.draft_reply(u, c, {"outcome": "予以公开", "reply_content": "见附件"}),
             State.REVIEW, [K.RECEIVED], {}),
}


@pytest.mark.parametrize("work", list(WORK))
def test_platform_work_on_an_imported_case_survives_a_reimport_that_changes_the_note(org, editor, work):
    do, state, events, shown = WORK[work]
    case = imported(editor, open_row(org))
    do(editor, case)
    # The old ledger again, only 备注 changed: refused where it contradicts the work, else only 备注 is taken.
    report = import_ledger(editor, "ledger.csv", as_csv(open_row(org, 备注="电话回访")))
    if shown:
        assert [(e.column, e.message) for e in report.errors] == [(column, HANDLED) for column in shown]
        assert RequestCase.objects.get(pk=case.pk).note == "历史台账"
        report = import_ledger(editor, "ledger.csv", as_csv(open_row(org, 备注="电话回访", **shown)))
    assert report.ok and report.updated == 1, report.errors
    case = RequestCase.objects.get(pk=case.pk)
    assert case.note == "电话回访" and case.state == state and kinds(case) == events
    if work == "起草答复":
        assert case.outcome == "予以公开" and case.reply_content == "见附件"
    audit = AuditEvent.objects.filter(action="request.ledger_import", object_id=str(case.pk)).first()
    assert audit.note == "更新" and audit.changes["columns"] == [None, ["备注"]]


def test_a_row_that_contradicts_the_platform_work_is_refused_and_the_file_changes_nothing(client, org, editor):
    case = imported(editor, open_row(org))
    handling.extend(editor, case, 10, "王主任", D("2020-03-10"), "需要调档")
    other = good_row(org, 申请编号="TZ-2020-010", 申请人="周八", 备注="新的一行")
    report = import_ledger(editor, "ledger.csv", as_csv(other, open_row(org, 延期工作日="5", 备注="电话回访")))
    assert not report.ok and [(e.row, e.column) for e in report.errors] == [(3, "延期工作日")]
    assert str(report.errors[0]) == f"第3行【延期工作日】{HANDLED}"
    assert not RequestCase.objects.filter(tracking_number="TZ-2020-010").exists()
    case = RequestCase.objects.get(pk=case.pk)
    assert case.note == "历史台账" and kinds(case) == [K.EXTENSION, K.RECEIVED]
    # The old ledger row (no 延期工作日) no longer says what the case says either; the staff page shows why.
    client.force_login(editor)
    response = client.post(reverse("requests:ledger_import"),
                           {"file": SimpleUploadedFile("ledger.csv", as_csv(open_row(org)))})
    assert response.status_code == 400 and f"第2行【延期工作日】{HANDLED}" in response.content.decode()


def test_a_correction_received_on_the_platform_is_kept_although_the_import_could_have_written_it(org, editor):
    """收到补正 leaves an event an import also writes: the audit log tells it was recorded on the platform."""
    case = imported(editor, open_row(org, 补正告知日期="2020-03-03"))
    assert case.state == State.CORRECTION and not handled_on_platform(case)
    handling.receive_correction(editor, case, D("2020-03-06"))
    assert handled_on_platform(case)
    report = import_ledger(editor, "ledger.csv", as_csv(open_row(org, 补正告知日期="2020-03-03", 备注="电话回访")))
    assert not report.ok and report.errors[0].column == "收到补正日期" and report.errors[0].message == HANDLED
    assert RequestCase.objects.get(pk=case.pk).state == State.PROCESSING
    row = open_row(org, 补正告知日期="2020-03-03", 收到补正日期="2020-03-06", 备注="电话回访")
    assert import_ledger(editor, "ledger.csv", as_csv(row)).updated == 1
    case = RequestCase.objects.get(pk=case.pk)
    assert case.state == State.PROCESSING and case.note == "电话回访"


def test_a_remedy_recorded_on_the_platform_for_an_imported_answered_case_is_kept(org, editor):
    answered = good_row(org, 申请编号=NUMBER)
    case = imported(editor, answered)
    replies.record_remedy(editor, case, {"kind": "litigation", "result": "pending", "litigation_type": "direct",
                                         "filed_on": D("2020-05-10"), "authority": "沂源县人民法院"})
    report = import_ledger(editor, "ledger.csv", as_csv({**answered, "备注": "已起诉"}))
    assert [(e.column, e.message) for e in report.errors] == [("行政诉讼", HANDLED)]
    row = {**answered, "行政诉讼": "尚未审结", "诉讼类型": "直接起诉", "备注": "已起诉"}
    report = import_ledger(editor, "ledger.csv", as_csv(row))
    assert report.ok and report.updated == 1, report.errors
    case = RequestCase.objects.get(pk=case.pk)
    assert case.note == "已起诉" and case.state == State.ARCHIVED
    assert sorted(r.kind for r in case.remedies.all()) == ["litigation", "review"]


def test_an_imported_case_nobody_touched_is_still_replaced_by_its_row(org, editor):
    case = imported(editor, open_row(org))
    imported(None, open_row(org, 备注="第二次导入"))
    assert not handled_on_platform(RequestCase.objects.get(pk=case.pk))
    case = imported(editor, open_row(org, 补正告知日期="2020-03-03", 备注="第三次导入"))
    assert case.state == State.CORRECTION and kinds(case) == [K.CORRECTION_NOTICE, K.RECEIVED]


def test_platform_records_without_an_audit_event_count_too(org, editor):
    """Work written past the services (a data fix, a script) still keeps the case: what the import never
    writes is platform work."""
    case = imported(editor, open_row(org))
    ClockEvent.objects.create(case=case, kind=K.DELAYED, on=D("2020-03-20"), until=D("2020-04-30"))
    assert handled_on_platform(case)
    case = imported(editor, open_row(org, 申请编号="TZ-2020-011"))
    RequestCase.objects.filter(pk=case.pk).update(handler=editor)
    assert handled_on_platform(case)
