"""A unit re-imports its own 台账 after staff worked on some of its cases on the platform: a row that says what
the case says, in any form request-ledger.md accepts, only updates 备注 — it is not refused for how a cell
is typed. Before, each of these rows was refused 「该申请由台账导入后已在平台上办理…」 and, the import being
all or nothing, so was the whole ledger. An export round trip after edits also still works."""

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.requests.ledger import import_ledger
from gongkai.requests.ledger_activity import handled_on_platform
from gongkai.requests.models import RequestCase
from gongkai.requests.services import handling, replies
from gongkai.requests.tests.test_ledger import as_csv, good_row
from gongkai.requests.tests.test_ledger_platform_work import HANDLED, NUMBER, open_row

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat

# How the unit's own ledger may write a cell the export writes otherwise.
FORMS = {
    "credit code": lambda org: {"受理机关": org.credit_code},
    "one span in 征求意见期间": lambda org: {"征求意见期间": "2020-03-04~2020-03-11"},
    "spans out of order": lambda org: {"征求意见期间": "2020-03-09~2020-03-13; 2020-03-04~2020-03-11"},
    "fee with decimals": lambda org: {"收费金额": "50.00"},
    "lower-case number": lambda org: {"申请编号": NUMBER.lower()},
    "extension 05": lambda org: {"延期工作日": "05"},
}


@pytest.mark.parametrize("form", list(FORMS))
def test_the_units_own_ledger_is_taken_for_a_case_worked_on_since(org, editor, form):
    row = open_row(org, **FORMS[form](org))
    assert import_ledger(editor, "ledger.csv", as_csv(row)).ok
    case = RequestCase.objects.get(tracking_number=NUMBER)
    replies.draft_reply(editor, case, {"outcome": "予以公开", "reply_content": "见附件"})
    assert handled_on_platform(case)
    report = import_ledger(editor, "ledger.csv", as_csv({**row, "备注": "电话回访"}))
    assert report.ok and report.updated == 1, [str(e) for e in report.errors]
    case = RequestCase.objects.get(pk=case.pk)
    assert case.note == "电话回访" and case.reply_content == "见附件"


def test_an_outcome_with_a_full_width_dash_is_the_same_outcome(org, editor):
    row = good_row(org, 申请编号=NUMBER, 办理结果="不予公开－保护第三方合法权益", 行政复议="")
    assert import_ledger(editor, "ledger.csv", as_csv(row)).ok
    case = RequestCase.objects.get(tracking_number=NUMBER)
    replies.record_remedy(editor, case, {"kind": "review", "result": "pending", "filed_on": D("2020-05-10"),
                                         "authority": "沂源县人民政府"})
    report = import_ledger(editor, "ledger.csv", as_csv({**row, "行政复议": "尚未审结", "备注": "已申请复议"}))
    assert report.ok and report.updated == 1, [str(e) for e in report.errors]


def test_what_really_differs_is_still_refused_whatever_its_form(org, editor):
    row = open_row(org, 受理机关=org.credit_code, 征求意见期间="2020-03-04~2020-03-11")
    assert import_ledger(editor, "ledger.csv", as_csv(row)).ok
    case = RequestCase.objects.get(tracking_number=NUMBER)
    handling.extend(editor, case, 10, "王主任", D("2020-03-10"), "需要调档")
    for changed, column in (({"征求意见期间": "2020-03-04~2020-03-12"}, "征求意见期间"),
                            ({"延期工作日": "10", "收费金额": "50"}, "收费金额")):
        report = import_ledger(editor, "ledger.csv", as_csv({**row, "延期工作日": "10", **changed}))
        assert [(e.column, e.message) for e in report.errors] == [(column, HANDLED)]
    assert import_ledger(editor, "ledger.csv", as_csv({**row, "延期工作日": "10", "备注": "电话回访"})).updated == 1


def test_import_export_edit_reimport_replaces_a_case_nobody_worked_on(client, org, editor):
    """Exporting is audited (request.ledger_export, on the ledger, not the case): it is no platform work."""
    assert import_ledger(editor, "ledger.csv", as_csv(open_row(org))).ok
    client.force_login(editor)
    exported = client.get(reverse("requests:ledger_export"), {"organization": org.pk, "year": "", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert not handled_on_platform(RequestCase.objects.get(tracking_number=NUMBER))
    rows[0].update({"答复日期": "2020-03-20", "办理结果": "予以公开"})
    edited = io.StringIO()
    writer = csv.DictWriter(edited, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    response = client.post(reverse("requests:ledger_import"),
                           {"file": SimpleUploadedFile("ledger.csv", edited.getvalue().encode())})
    assert response.status_code == 200
    case = RequestCase.objects.get(tracking_number=NUMBER)
    assert case.replied_on == D("2020-03-20") and case.outcome == "予以公开"
