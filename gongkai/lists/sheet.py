"""A list version as a spreadsheet: export (XLSX, CSV), the blank template per type, and the import.

The sheet's first row holds the column headings (the type's labels, as in the template); every
further row is one entry. The import matches headings by label (a 「序号」 column is ignored), checks
every cell (cells.py) and answers either all the rows or all the errors, each with its sheet row and
column heading: nothing is saved from a sheet with one bad cell.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from gongkai.core.exports import save, write_csv, write_row
from gongkai.core.sheets import SheetError, first_row, numbered, read_csv, read_xlsx
from gongkai.lists import cells as cellcheck
from gongkai.lists.registry import CHOICE, DATE, LINK, ORGANIZATION

MAX_ROWS = 5000  # entries of one version (a county's 权责清单 has a few hundred to two thousand)
MAX_COLUMNS = 40
NUMBER_HEADINGS = ("序号", "编号")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
KIND_LABELS = {"text": "文字", DATE: "日期（2020-08-10）", ORGANIZATION: "单位全称", LINK: "网址", CHOICE: "选项"}


@dataclass
class ImportError_:
    row: int  # the sheet's row number, as Excel shows it (0: the whole file)
    column: str  # the column heading, or "" for the whole row / the sheet
    message: str

    def __str__(self):
        where = _("第%(row)d行") % {"row": self.row} if self.row else _("表头")
        if self.column:
            where += _("「%(column)s」列") % {"column": self.column}
        return f"{where}：{self.message}"


class ImportFailed(ValueError):
    def __init__(self, errors: list[ImportError_]):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors[:5]))


# --- export ----------------------------------------------------------------------------------------


def _header(columns) -> list[str]:
    return [_("序号"), *(column["label"] for column in columns)]


def _widths(sheet, columns) -> None:
    sheet.column_dimensions["A"].width = 6
    for index, column in enumerate(columns, start=2):
        sheet.column_dimensions[get_column_letter(index)].width = 40 if column.get("long") else 18


def export_xlsx(version, rows) -> bytes:
    columns = version.disclosure_list.list_type.columns
    book = Workbook()
    sheet = book.active
    sheet.title = version.disclosure_list.list_type.name[:31]
    write_row(sheet, 1, _header(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for offset, row in enumerate(rows, start=2):
        write_row(sheet, offset, [row.position, *row.values(columns)])
        for cell in sheet[offset]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    _widths(sheet, columns)
    sheet.freeze_panes = "B2"
    info = book.create_sheet(_("版本信息"))
    lst = version.disclosure_list
    for index, (label, value) in enumerate([
        (_("清单名称"), lst.title), (_("清单类型"), lst.list_type.full_name), (_("公布单位"), lst.organization.name),
        (_("版本"), version.label), (_("施行日期"), version.effective_from),
        (_("适用至"), version.effective_to or _("现行")), (_("调整说明"), version.note)], start=1):
        write_row(info, index, [label, value])
    info.column_dimensions["A"].width = 12
    info.column_dimensions["B"].width = 60
    return save(book)


def export_csv(version, rows) -> bytes:
    columns = version.disclosure_list.list_type.columns
    return write_csv(_header(columns), ([row.position, *row.values(columns)] for row in rows))


def template_xlsx(list_type) -> bytes:
    """The blank sheet of a type: headings (required ones marked in the notes sheet), drop-downs for
    choice columns, and a sheet explaining each column."""
    columns = list_type.columns
    book = Workbook()
    sheet = book.active
    sheet.title = list_type.name[:31]
    write_row(sheet, 1, _header(columns))
    required = PatternFill("solid", fgColor="FDE9D9")
    for index, column in enumerate(columns, start=2):
        cell = sheet.cell(1, index)
        cell.font = Font(bold=True)
        if column.get("required"):
            cell.fill = required
        if column.get("kind") == CHOICE:
            letter = get_column_letter(index)
            options = ",".join(column["choices"])
            if len(options) <= 250:  # Excel's limit for an inline list
                check = DataValidation(type="list", formula1=f'"{options}"', allow_blank=not column.get("required"))
                check.error = _("请从下拉列表中选择。")
                sheet.add_data_validation(check)
                check.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
    _widths(sheet, columns)
    sheet.freeze_panes = "B2"
    notes = book.create_sheet(_("填写说明"))
    write_row(notes, 1, [_("列"), _("类型"), _("必填"), _("可填写的值"), _("说明")])
    for index, column in enumerate(columns, start=2):
        write_row(notes, index, [column["label"], KIND_LABELS.get(column.get("kind"), ""),
                                 _("是") if column.get("required") else _("否"), "、".join(column.get("choices", [])),
                                 column.get("help", "")])
    write_row(notes, len(columns) + 3, [_("第一个工作表的第1行是表头，请勿修改；从第2行起每行一条。填红色底的列必须填写。"
                                          "导入时任何一格有误，整表都不导入，并列出出错的行和列。")])
    for letter, width in zip("ABCDE", (22, 18, 8, 40, 50), strict=True):
        notes.column_dimensions[letter].width = width
    return save(book)


# --- import ----------------------------------------------------------------------------------------


def read_upload(upload) -> list[list]:
    name = (upload.name or "").lower()
    try:
        if name.endswith(".csv"):
            return read_csv(upload.read(), max_rows=MAX_ROWS + 1, max_columns=MAX_COLUMNS)
        if name.endswith(".xlsx"):
            return read_xlsx(upload, max_rows=MAX_ROWS + 1, max_columns=MAX_COLUMNS)
    except SheetError as exc:
        raise ImportFailed([ImportError_(0, "", str(exc))]) from exc
    raise ImportFailed([ImportError_(0, "", _("请上传 .xlsx 或 .csv 文件（可先下载本类清单的模板）。"))])


def parse(list_type, sheet_rows: list[list]) -> list[dict]:
    """The cells of every row, or ImportFailed with every error found (by row and column)."""
    columns = list_type.columns
    by_label = {column["label"]: column for column in columns}
    if not sheet_rows:
        raise ImportFailed([ImportError_(0, "", _("表格是空的。"))])
    headings = [cellcheck.as_text(value) for value in sheet_rows[0]]
    header_row = first_row(sheet_rows)
    errors: list[ImportError_] = []
    positions: dict[int, dict] = {}
    for index, heading in enumerate(headings):
        if not heading or heading in NUMBER_HEADINGS:
            continue
        column = by_label.get(heading)
        if column is None:
            errors.append(ImportError_(header_row, heading, _("不是「%(type)s」的列，请使用本类清单的模板。")
                                       % {"type": list_type.name}))
        elif column in positions.values():
            errors.append(ImportError_(header_row, heading, _("表头重复。")))
        else:
            positions[index] = column
    for column in columns:
        if column.get("required") and column not in positions.values():
            errors.append(ImportError_(header_row, column["label"], _("缺少必填列。")))
    if errors:
        raise ImportFailed(errors)
    organizations = cellcheck.OrganizationNames()
    parsed = []
    for number, values in numbered(sheet_rows):
        if not any(cellcheck.as_text(v) for v in values):
            continue  # a blank row between entries
        raw = {column["key"]: values[index] if index < len(values) else None for index, column in positions.items()}
        cells, row_errors = cellcheck.clean_row(columns, raw, organizations)
        labels = {column["key"]: column["label"] for column in columns}
        errors += [ImportError_(number, labels.get(key, ""), message) for key, message in row_errors.items()]
        parsed.append(cells)
    if not parsed and not errors:
        errors.append(ImportError_(0, "", _("表格中没有数据行。")))
    if errors:
        raise ImportFailed(errors)
    return parsed
