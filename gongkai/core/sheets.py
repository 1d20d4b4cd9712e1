"""The one reader of uploaded spreadsheets (XLSX and CSV) for every import of the platform.

An upload is hostile until read: a 10 MB XLSX can hold two million rows, and loading it whole with
openpyxl takes minutes and gigabytes. This reader streams the first sheet (openpyxl's read-only mode,
one row at a time), stops as soon as the file has more rows than the import accepts, keeps at most
`max_columns` cells per row, and gives up after `GONGKAI_IMPORT_SECONDS` of reading. Before openpyxl opens
an XLSX, `core.archives.check_zip` refuses one that unpacks too large (a ZIP bomb: openpyxl reads the
shared strings whole on opening, before any of these limits could act). Every refusal is a
`SheetError` with a Chinese message the import shows as is.

Rows are counted as the sheet numbers them, blank rows included (openpyxl fills gaps between the row
numbers of the file), so a file cannot slip past the limit with blank rows; leading blank rows are
skipped and trailing blank cells dropped. The rows come as `Rows`, a list that also knows the sheet's
number of its first row (`first_row`), so an import names the row staff see in Excel (`numbered`), not
its position after the skipped blank rows. CSV cells go through `exports.uncsv_cell`, the inverse of the
export's formula escaping.

A CSV holding a NUL character is refused at reading, naming its row (「CSV 文件第N行含有空字符（NUL）…」):
PostgreSQL cannot store NUL in a text, so an import that forgot to check a cell would fail with a database
error (a 500) or, on SQLite, store text the production database refuses. NUL is the one such character a
CSV can bring: the UTF-8 decoding refuses surrogates, and an XLSX cannot hold NUL (XML 1.0).

A UTF-16 file (Excel's 「Unicode 文本」, Notepad's 「Unicode」) is refused before it is decoded, with what to do
(「…看起来是 UTF-16 编码…请另存为“CSV UTF-8（逗号分隔）”…」), with or without its BOM (`looks_utf16`): read as UTF-8,
one without a BOM gave every ASCII character a NUL beside it and was refused as 「含有空字符」, which sent staff
looking for a character that is not in their file. It is not decoded: without a BOM the encoding is a guess,
and Excel's 「Unicode 文本」 is separated by tabs, so read as CSV every row would land in one column.

A cell holding a bidi embedding, override or isolate character (core.forms.BIDI_CONTROLS) is refused, with its
row and column heading (「第N行「标题」：含有看不见的文字方向控制字符…」), in XLSX and CSV alike: every form
refuses them in a title or a name (core.forms.install_single_line_bidi_refusal), and an import that wrote
one published a title reordered in every list (「通知\u202e…」) that could then not be saved again in its
own form. Right-to-left text itself and the marks U+200E/U+200F pass, as in the forms.

An XLSX cell holding a formula is refused, with its row and column heading (「第N行「列名」：含公式…」):
without a value cached by the program that saved it the cell would read as empty and be dropped, and
with one the platform would publish a value the file no longer shows once something it depends on
changes. Staff paste the values (选择性粘贴 → 数值) and import what they see.
"""

import codecs
import csv
import io
import re
import time

from django.conf import settings
from django.utils.translation import gettext as _

from gongkai.core import archives
from gongkai.core.exports import uncsv_cell
from gongkai.core.forms import BIDI_CONTROLS

CHECK_EVERY = 256  # rows between two looks at the clock
UNSTORABLE = "\x00"  # what no database of the platform can store in a text (PostgreSQL: NUL)
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-32's BOMs begin with these too
UTF16_SAMPLE = 4096  # bytes looked at for a UTF-16 file without its BOM


class SheetError(ValueError):
    """The file cannot be read within the limits; the message says why, in Chinese."""

    def __init__(self, message: str, rows_read: int = 0, too_many_rows: bool = False):
        super().__init__(message)
        self.rows_read = rows_read  # how far the reader got before it stopped
        self.too_many_rows = too_many_rows


class Rows(list):
    """The rows read (a list of lists) and `first_row`: the sheet's number of the first of them (the
    header), 1 unless blank rows came before it."""

    first_row = 1


def first_row(rows) -> int:
    """The sheet's number of `rows[0]` (1 for a plain list)."""
    return getattr(rows, "first_row", 1)


def numbered(rows):
    """(number in the sheet, row) of each row after the header, blank rows between records included."""
    return enumerate(rows[1:], start=first_row(rows) + 1)


def too_many_rows(max_rows: int, rows_read: int = 0) -> SheetError:
    return SheetError(_("表格超过%(n)d行，请拆分后分批导入。") % {"n": max_rows}, rows_read, too_many_rows=True)


def _deadline(seconds: float | None) -> float:
    limit = settings.GONGKAI_IMPORT_SECONDS if seconds is None else seconds
    return time.monotonic() + limit


def _too_slow(rows_read: int) -> SheetError:
    return SheetError(_("读取表格用时过长（超过%(n)d秒），请拆分后分批导入。")
                      % {"n": settings.GONGKAI_IMPORT_SECONDS}, rows_read)


def _trim(values, max_columns: int) -> list:
    row = list(values[:max_columns])
    while row and (row[-1] is None or str(row[-1]).strip() == ""):
        row.pop()
    return row


def _take(rows: list[list], row: list, blank: int, max_rows: int, read: int) -> int:
    """Add `row` after the blank rows seen since the last one; the number of blank rows now pending.

    Leading and trailing blank rows are not counted (a sheet's dimension may run past its data); blank
    rows between records are, and a record beyond `max_rows` stops the reading."""
    if not row:
        return blank + 1 if rows else 0
    if len(rows) + blank >= max_rows:
        raise too_many_rows(max_rows, read)
    rows.extend([] for _ in range(blank))
    rows.append(row)
    return 0


def _place(rows: list[list], row: int, index: int) -> str:
    """「第3行「金额」」: a cell by its sheet row and its column's heading (or letter)."""
    from openpyxl.utils import get_column_letter

    heading = rows[0] if rows else []
    label = str(heading[index]).strip() if index < len(heading) and heading[index] is not None else ""
    return _("第%(row)d行「%(column)s」") % {"row": row, "column": label or get_column_letter(index + 1)}


def _bidi_cells(row: list, number: int) -> list[tuple[int, int]]:
    """(sheet row, column index) of each text cell of `row` holding a bidi control (core.forms.BIDI_CONTROLS)."""
    return [(number, index) for index, value in enumerate(row) if isinstance(value, str) and BIDI_CONTROLS.search(value)]


def _bidi_error(cells: list[tuple[int, int]], rows: list[list]) -> SheetError:
    row, index = cells[0]
    if len(cells) == 1:
        return SheetError(_("%(where)s：含有看不见的文字方向控制字符（会打乱文字的显示顺序，常随网页或手机中的内容"
                            "复制而来），请重新输入该单元格的文字后再导入。") % {"where": _place(rows, row, index)})
    return SheetError(_("%(where)s等%(n)d个单元格含有看不见的文字方向控制字符（会打乱文字的显示顺序，常随网页或"
                        "手机中的内容复制而来），请重新输入这些单元格的文字后再导入。")
                      % {"where": _place(rows, row, index), "n": len(cells)})


def _formula_error(formulas: list[tuple[int, int]], rows: list[list]) -> SheetError:
    def where(row: int, index: int) -> str:
        return _place(rows, row, index)

    row, index = formulas[0]
    if len(formulas) == 1:
        return SheetError(_("%(where)s：含公式，请粘贴为数值后再导入。") % {"where": where(row, index)})
    return SheetError(_("%(where)s等%(n)d个单元格含公式，请粘贴为数值后再导入。")
                      % {"where": where(row, index), "n": len(formulas)})


def read_xlsx(source, *, max_rows: int, max_columns: int = 64, seconds: float | None = None,
              sheets_streamed: bool = True) -> Rows:
    """The rows of the first sheet (values; a formula cell is refused), leading blank rows skipped
    (`first_row`: the sheet's number of the first row returned).

    `source`: bytes or a binary file. `max_rows` counts the rows after the first non-blank one (the
    header included); reading stops at the first row beyond it. `sheets_streamed=False` when the caller
    then loads the workbook whole (its worksheets fall under the archive size limits too).
    """
    from openpyxl import load_workbook

    handle = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    try:
        archives.check_zip(handle, sheets_streamed=sheets_streamed)  # openpyxl reads the shared strings whole on opening, before the clock
        book = load_workbook(handle, read_only=True)
        sheet = book.worksheets[0]
    except archives.NotAnArchive as exc:
        raise SheetError(_("无法读取该文件，请上传 Excel 2007 及以上版本的 .xlsx 文件（WPS 请另存为 Excel 工作簿）。")) from exc
    except archives.ArchiveError as exc:
        raise SheetError(str(exc)) from exc
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise SheetError(_("无法读取该文件，请上传 Excel 2007 及以上版本的 .xlsx 文件（WPS 请另存为 Excel 工作簿）。")) from exc
    deadline = _deadline(seconds)
    rows = Rows()
    formulas: list[tuple[int, int]] = []  # (sheet row, column index) of each formula cell
    errors: list[tuple[int, int, str]] = []  # (sheet row, column index, "#REF!") of each error cell
    bidi: list[tuple[int, int]] = []  # (sheet row, column index) of each text cell with a bidi control
    read = blank = 0
    try:
        for cells in sheet.iter_rows():
            read += 1
            if read % CHECK_EVERY == 0 and time.monotonic() > deadline:
                raise _too_slow(read)
            cells = cells[:max_columns]
            formulas += [(cell.row, index) for index, cell in enumerate(cells) if cell.data_type == "f"]
            errors += [(cell.row, index, cell.value) for index, cell in enumerate(cells) if cell.data_type == "e"]
            row = _trim([shown_value(cell) for cell in cells], max_columns)
            if row and not rows:  # the first non-blank row: a value cell knows its row number
                rows.first_row = next((c.row for c in cells if getattr(c, "row", None)), read)
            if row:
                bidi += _bidi_cells(row, next((c.row for c in cells if getattr(c, "row", None)), read))
            blank = _take(rows, row, blank, max_rows, read)
    except SheetError:
        raise
    except Exception as exc:  # a broken part of the file, found while streaming
        raise SheetError(_("无法读取该文件，请上传 Excel 2007 及以上版本的 .xlsx 文件（WPS 请另存为 Excel 工作簿）。"),
                         read) from exc
    finally:
        book.close()
    if formulas:
        raise _formula_error(formulas, rows)
    if errors:
        raise error_cells(errors, rows)
    if bidi:
        raise _bidi_error(bidi, rows)
    return rows


def looks_utf16(data: bytes) -> bool:
    """Whether `data` is UTF-16 text: its BOM, or — without one — NUL bytes on one side of the byte pairs (each
    ASCII character, a comma, a digit, a line end, is its byte and a NUL). A UTF-8 file holding a stray NUL
    or two is not taken for one: NULs must be at least a tenth of that side's bytes and nearly all on it."""
    if data.startswith(UTF16_BOMS):
        return True
    sample = data[:UTF16_SAMPLE]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    many, few = max(even, odd), min(even, odd)
    return many >= max(2, len(sample) // 20) and few * 4 <= many


def refuse_utf16(data: bytes) -> None:
    """A SheetError when `data` is UTF-16 text (looks_utf16), saying how to save it as UTF-8."""
    if looks_utf16(data):
        raise SheetError(_("该文件看起来是 UTF-16 编码（如 Excel 另存的“Unicode 文本”），无法读取，请用 Excel "
                           "另存为“CSV UTF-8（逗号分隔）”后再导入。"))


def read_csv(data: bytes, *, max_rows: int, max_columns: int = 64, seconds: float | None = None) -> Rows:
    """The rows of a UTF-8 CSV file (a BOM accepted), formula escaping undone, leading blank rows skipped
    (`first_row`: the number of the first record returned, as a spreadsheet program shows it). A UTF-16 file
    is refused saying so (refuse_utf16)."""
    refuse_utf16(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SheetError(_("CSV 文件须为 UTF-8 编码（Excel 请选择“CSV UTF-8”另存）。")) from exc
    deadline = _deadline(seconds)
    rows = Rows()
    read = blank = 0
    bidi: list[tuple[int, int]] = []  # (row, column index) of each cell with a bidi control
    try:
        for values in csv.reader(io.StringIO(text)):
            read += 1
            if read % CHECK_EVERY == 0 and time.monotonic() > deadline:
                raise _too_slow(read)
            if any(UNSTORABLE in value for value in values):
                raise SheetError(_("CSV 文件第%(n)d行含有空字符（NUL，一种不可见的控制字符），"
                                   "数据库无法保存，请删除后再导入。") % {"n": read}, read)
            row = _trim([uncsv_cell(v) for v in values[:max_columns]], max_columns)
            if row and not rows:
                rows.first_row = read
            bidi += _bidi_cells(row, read)
            blank = _take(rows, row, blank, max_rows, read)
    except csv.Error as exc:
        raise SheetError(_("CSV 文件格式有误（第%(n)d行）。") % {"n": read}, read) from exc
    if bidi:
        raise _bidi_error(bidi, rows)
    return rows


def import_deadline(seconds: float | None = None) -> float:
    """When an import reading a file on its own (beyond `read_xlsx`) must stop: `GONGKAI_IMPORT_SECONDS` from now."""
    return _deadline(seconds)


def check_deadline(deadline: float, rows_read: int = 0) -> None:
    """A SheetError (「读取表格用时过长」) once `deadline` (import_deadline) has passed."""
    if time.monotonic() > deadline:
        raise _too_slow(rows_read)


_LITERALS = re.compile(r'"[^"]*"|\\.')


def shown_value(cell):
    """A cell's value as staff see it: a number formatted as a percentage (5% is stored 0.05) is the text
    Excel shows ("5%", "12.50%"), rounded half up as Excel does; any other value as stored."""
    value = cell.value
    # The positive section, without quoted text ("%") or escaped characters (\\%), which Excel shows as they
    # are without scaling the number.
    number_format = _LITERALS.sub("", (getattr(cell, "number_format", "") or "").split(";")[0])
    if isinstance(value, bool) or not isinstance(value, int | float) or "%" not in number_format:
        return value
    from decimal import ROUND_HALF_UP, Decimal

    places = re.search(r"\.([0#?]+)", number_format.split("%")[0])
    decimals = len(places.group(1)) if places else 0
    shown = (Decimal(str(value)) * 100).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{shown}%"


def error_cells(errors: list[tuple[int, int, str]], rows: list[list]) -> SheetError:
    """The refusal of a sheet with error values (#REF!, #N/A …): an import would publish them as text."""
    from openpyxl.utils import get_column_letter

    row, index, value = errors[0]
    heading = rows[0] if rows else []
    label = str(heading[index]).strip() if index < len(heading) and heading[index] is not None else ""
    where = _("第%(row)d行「%(column)s」") % {"row": row, "column": label or get_column_letter(index + 1)}
    if len(errors) == 1:
        return SheetError(_("%(where)s：是错误值（%(value)s），请改正后再导入。") % {"where": where, "value": value})
    return SheetError(_("%(where)s等%(n)d个单元格是错误值（如%(value)s），请改正后再导入。")
                      % {"where": where, "n": len(errors), "value": value})
