"""The JSON equals the HTML table equals the DOCX table; the PDF carries the same text; the command's formats.

The HTML is read with the standard library's html.parser and the DOCX with python-docx, each row by its
official label, so a cell drawn in the wrong place fails.
"""

import io
import json
from html.parser import HTMLParser

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from pypdf import PdfReader

from gongkai.reports import formats, services
from gongkai.reports.tests.helpers import make_case, make_remedy, row
from gongkai.reports.tests.test_reports import publish_report

pytestmark = pytest.mark.django_db


class Tables(HTMLParser):
    """Every <table>: its rows as lists of (tag, attributes, text)."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[tuple[str, dict, str]]]] = {}
        self._table = self._row = self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._table = self.tables.setdefault(attrs.get("id", f"t{len(self.tables)}"), [])
        elif tag == "tr" and self._table is not None:
            self._row = []
            self._table.append(self._row)
        elif tag in ("th", "td") and self._row is not None:
            self._cell = [tag, attrs, ""]

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[2] += data

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self._row.append((self._cell[0], self._cell[1], self._cell[2].strip()))
            self._cell = None
        elif tag == "table":
            self._table = None


def html_rows(rows) -> dict[str, list[str]]:
    """Row label (its last <th>) → the texts of its data cells."""
    found = {}
    for cells in rows:
        headers = [text for tag, _a, text in cells if tag == "th"]
        data = [text for tag, _a, text in cells if tag == "td" and "corner" not in _a.get("class", "")]
        if headers and data:
            found[headers[-1]] = data
    return found


def docx_rows(table) -> list[list[str]]:
    """Each row's cells, a merged cell once."""
    result = []
    for docx_row in table.rows:
        seen, cells = set(), []
        for cell in docx_row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append(cell.text)
        result.append(cells)
    return result


def docx_by_label(rows, labels: list[str], width: int) -> dict[str, list[str]]:
    found = {}
    for cells in rows:
        for label in labels:
            if label in cells:
                found[label] = cells[cells.index(label) + 1:][:width]
    return found


def expected_rows(data: dict) -> dict[str, dict[str, list[str]]]:
    """Row label → expected texts, per table, straight from the JSON."""
    fmt = data["format"]
    proactive = {}
    for section in formats.PROACTIVE_SECTIONS[fmt]:
        for r in section.rows:
            proactive[r.label] = [str(data["proactive"][r.key][f.key]) for f in section.fields]
    requests = {r.label: [str(data["requests"][r.key][c]) for c in formats.REQUEST_COLUMNS]
                for r in formats.REQUEST_ROWS[fmt]}
    reviews = [str(data["reviews"][g][c]) for g, _l in formats.REVIEW_GROUPS for c, _c in formats.REVIEW_COLUMNS]
    return {"proactive": proactive, "requests": requests, "reviews": reviews}


@pytest.fixture
def published(org, editor, reviewer):
    make_case(org, "2020-12-20", "2021-01-08", "granted", "natural_person")
    make_case(org, "2020-12-28", None, "", "commercial")
    partial = make_case(org, "2021-03-01", "2021-03-22", "partially_granted", "commercial")
    make_case(org, "2021-04-02", "2021-04-22", "partially_granted", "legal_services")
    make_case(org, "2021-12-25", "2022-01-10", "withheld_third_party", "research")
    make_case(org, "2021-05-06", "2021-05-10", "other_other", "other_org")
    make_remedy(partial, "review", "2021-04-01", "corrected", "2021-06-01")
    make_remedy(partial, "litigation", "2021-07-01", "pending", litigation_type="direct")
    report = services.create_report(editor, org, 2021)
    services.update_figures(editor, report, {"licensing.decisions": "48", "penalty.decisions": "6",
                                             "coercion.decisions": "2", "fees.amount_10k_yuan": "3.07"})
    return publish_report(org, editor, reviewer, 2021)


def test_json_html_and_docx_tables_are_the_same(client, published):
    data = json.loads(client.get(reverse("reports:json", kwargs={"org_id": published.organization_id,
                                                                  "year": 2021})).content)
    assert data == published.data
    # Hand-counted: 部分公开 is 商业企业 1 and 法律服务机构 1, counted nowhere else.
    assert data["requests"]["partially_granted"] == row(commercial=1, legal=1)
    assert data["requests"]["withheld_third_party"] == row()
    assert data["reviews"]["administrative_review"]["corrected"] == 1
    assert data["reviews"]["litigation_direct"]["pending"] == 1
    expected = expected_rows(data)

    page = client.get(reverse("reports:report", kwargs={"org_id": published.organization_id, "year": 2021}))
    parser = Tables()
    parser.feed(page.content.decode())
    assert html_rows(parser.tables["table-proactive"]) == expected["proactive"]
    assert html_rows(parser.tables["table-requests"]) == expected["requests"]
    assert [text for tag, _a, text in parser.tables["table-reviews"][-1] if tag == "td"] == expected["reviews"]
    assert expected["requests"]["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"] == ["0", "1", "0", "0", "1", "0", "2"]
    assert expected["proactive"]["行政事业性收费"] == ["3.07"]

    document = docx.Document(io.BytesIO(client.get(reverse("reports:docx", kwargs={
        "org_id": published.organization_id, "year": 2021})).getvalue()))
    proactive, requests, reviews = (docx_rows(t) for t in document.tables)
    assert docx_by_label(proactive, list(expected["proactive"]), 3) == expected["proactive"]
    assert docx_by_label(requests, list(expected["requests"]), 7) == expected["requests"]
    assert reviews[-1] == expected["reviews"]


def test_html_tables_have_real_headers(client, published):
    page = client.get(reverse("reports:report", kwargs={"org_id": published.organization_id, "year": 2021}))
    parser = Tables()
    parser.feed(page.content.decode())
    for table_id in ("table-proactive", "table-requests", "table-reviews"):
        cells = [cell for row_cells in parser.tables[table_id] for cell in row_cells]
        header_ids = {attrs["id"] for tag, attrs, _t in cells if tag == "th"}
        assert all(attrs.get("scope") in ("col", "colgroup", "row", "rowgroup") for tag, attrs, _t in cells
                   if tag == "th"), table_id
        data_cells = [attrs for tag, attrs, _t in cells if tag == "td" and "data-key" in attrs]
        assert data_cells and all(set(attrs["headers"].split()) <= header_ids for attrs in data_cells)
    # A 部分公开 cell names its column and its row.
    cell = next(attrs for tag, attrs, _t in (c for r in parser.tables["table-requests"] for c in r)
                if attrs.get("data-key") == "requests.partially_granted.commercial")
    assert cell["headers"].split() == ["t3-applicants", "t3-legal", "t3-c-commercial", "t3-results",
                                       "t3-r-partially_granted"]


def test_pdf_is_rendered_for_real(org, editor, reviewer, real_pdf):
    make_case(org, "2021-03-01", "2021-03-22", "partially_granted", "commercial")
    report = publish_report(org, editor, reviewer, 2021)
    with report.pdf.open("rb") as handle:
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
    text = text.replace("\n", "").replace(" ", "")
    assert report.title in text
    assert "收到和处理政府信息公开申请情况" in text and "部分公开" in text


def test_command_writes_every_format(tmp_path, org, editor, reviewer, capsys):
    make_case(org, "2021-03-01", "2021-03-22", "granted", "research")
    call_command("annual_report", "--org", org.credit_code, "--year", "2021", "--format", "json")
    draft = json.loads(capsys.readouterr().out)
    assert draft["requests"]["granted"] == row(research=1)
    call_command("annual_report", "--org", org.name, "--year", "2021", "--format", "html")
    html = capsys.readouterr().out
    assert "（草稿，未公布）" in html and 'data-key="requests.granted.research">1<' in html
    call_command("annual_report", "--org", org.name, "--year", "2021", "--format", "docx", "-o", str(tmp_path / "r.docx"))
    assert docx.Document(str(tmp_path / "r.docx")).tables
    with pytest.raises(CommandError, match="-o"):
        call_command("annual_report", "--org", org.name, "--year", "2021", "--format", "pdf")
    with pytest.raises(CommandError, match="没有找到机构"):
        call_command("annual_report", "--org", "不存在的局", "--year", "2021", "--format", "json")
    # Once published, the command writes the frozen report, not a recount.
    published = publish_report(org, editor, reviewer, 2021)
    make_case(org, "2021-05-01", "2021-05-02", "granted", "research")
    call_command("annual_report", "--org", org.credit_code, "--year", "2021", "--format", "json")
    assert json.loads(capsys.readouterr().out) == published.data


def test_trial_format_2020_json_html_and_docx_are_the_same(client, org, editor, reviewer):
    make_case(org, "2020-02-01", "2020-02-20", "other_no_correction", "natural_person")
    make_case(org, "2020-03-01", "2020-03-20", "other_unpaid_fee", "commercial")
    make_case(org, "2020-04-01", "2020-04-20", "partially_granted", "commercial")
    report = services.create_report(editor, org, 2020)
    services.update_figures(editor, report, {"licensing.previous_items": "40", "licensing.change": "-2",
                                             "licensing.decisions": "300", "other_services.decisions": "12",
                                             "procurement.projects": "3", "procurement.amount_10k_yuan": "45.6"})
    published = publish_report(org, editor, reviewer, 2020)
    data = published.data
    # By hand: the two 其他处理 cases share the trial format's single row.
    assert data["format"] == "2019" and data["requests"]["other_processing"] == row(natural=1, commercial=1)
    expected = expected_rows(data)
    assert expected["proactive"]["行政许可"] == ["40", "-2", "300"]
    assert expected["proactive"]["政府集中采购"] == ["3", "45.60"]
    assert expected["requests"]["（六）其他处理"] == ["1", "1", "0", "0", "0", "0", "2"]

    page = client.get(reverse("reports:report", kwargs={"org_id": org.id, "year": 2020}))
    parser = Tables()
    parser.feed(page.content.decode())
    assert html_rows(parser.tables["table-proactive"]) == expected["proactive"]
    assert html_rows(parser.tables["table-requests"]) == expected["requests"]
    document = docx.Document(io.BytesIO(client.get(reverse("reports:docx", kwargs={
        "org_id": org.id, "year": 2020})).getvalue()))
    proactive, requests, reviews = (docx_rows(t) for t in document.tables)
    assert docx_by_label(proactive, list(expected["proactive"]), 3) == expected["proactive"]
    assert docx_by_label(requests, list(expected["requests"]), 7) == expected["requests"]
    assert reviews[-1] == expected["reviews"]
    assert "本年新制作数量" in page.content.decode() and "（国办公开办函〔2019〕60号）" in page.content.decode()
