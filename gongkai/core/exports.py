"""The one writer of spreadsheet cells for every XLSX and CSV export of the platform.

A cell typed by an applicant or a unit must stay text when the file is opened in Excel, WPS or
LibreOffice: `=HYPERLINK("http://…","点此")` in a 申请内容 must not become a live formula, and neither
must a cell starting with `+ - @`, a tab or a carriage return, which spreadsheet programs also read as
the start of a formula (CSV injection, OWASP).

- XLSX: openpyxl turns any string starting with "=" into a formula (`Cell._bind_value` sets the data
  type "f"). `set_cell` forces the data type back to "s" (a plain string, written as text) for every
  string, and marks a cell starting with a formula character with the "quote prefix" style, so that
  editing the cell in Excel keeps it text. The text itself is unchanged (an import reads back exactly
  what was exported), except for the characters XLSX (XML 1.0) cannot hold at all — NUL, ESC and the other
  control characters but tab and line breaks (core.sanitize.NOT_XML): openpyxl refuses them with
  IllegalCharacterError, so stored text from before the forms refused them, or written by an import,
  would turn every download holding it into a 500. They are dropped.
- CSV has no types, so a cell starting with a formula character — or with the quote itself, so that the
  escaping can be undone exactly — gets a single quote in front (`csv_cell`). `uncsv_cell` removes it
  again on import (`gongkai.core.sheets`), so a CSV round trip changes nothing.
"""

import csv
import datetime as dt
import io

from gongkai.core.sanitize import xml_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


# --- CSV ---------------------------------------------------------------------------------------------


def csv_cell(value) -> str:
    """The text of a CSV cell: dates in ISO form, None empty, formula-like text behind a single quote."""
    text = as_text(value)
    if is_formula_like(text) or text.startswith(QUOTE):
        return QUOTE + text
    return text


def uncsv_cell(text: str) -> str:
    """The inverse of `csv_cell` for cells read from a CSV file."""
    if text.startswith(QUOTE) and (is_formula_like(text[1:]) or text[1:].startswith(QUOTE)):
        return text[1:]
    return text


def write_csv(header: list[str], rows) -> bytes:
    """UTF-8 with a BOM (as Excel and WPS expect), every cell through `csv_cell`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_text(value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


# --- XLSX --------------------------------------------------------------------------------------------


def set_cell(sheet, row: int, column: int, value):
    """Write `value` into the cell and return the cell; a string is always text, never a formula, and loses
    the characters an XLSX cannot hold."""
    cell = sheet.cell(row, column)
    if isinstance(value, str):
        value = xml_text(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would have made "=…" a formula and "#N/A" an error
        if is_formula_like(value):
            cell.quotePrefix = True
    return cell


def write_row(sheet, row: int, values) -> None:
    """Write `values` into row `row` from column A, each through `set_cell`."""
    for column, value in enumerate(values, start=1):
        set_cell(sheet, row, column, value)


def save(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
