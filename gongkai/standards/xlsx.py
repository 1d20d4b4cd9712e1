"""标准目录 as XLSX, the way provinces, cities and units publish them.

A published catalog is one table per 领域: a title row (“（三）义务教育领域基层政务公开标准目录”), a two-row
header — 序号 | 公开事项 (一级事项, 二级事项) | 公开内容（要素） | 公开依据 | 公开时限 | 公开主体 | 公开渠道和载体 |
公开对象 (全社会, 特定群体) | 公开方式 (主动, 依申请) | 公开层级 (县级, 乡级) — the upper cells merged across
their sub-columns and the single ones merged down over both rows, then one row per 二级事项 with the
序号 and the 一级事项 merged down over its 二级事项, √ in the marked sub-columns, and the channels written
as a checklist (“■政府网站 □政府公报 ■两微一端”). Tables may follow each other on one sheet (each under its
title) or sit on sheets of their own (the sheet named after the 领域).

Import: the upload is first bounded by gongkai.core.sheets (the first sheet); then every sheet is streamed
once (openpyxl's read-only mode, `_survey`) within `GONGKAI_IMPORT_SECONDS`: a value beyond MAX_ROWS rows
or MAX_COLUMNS columns refuses the file before anything is loaded, and a formula or an error value (#REF!,
#N/A) in any cell is a problem by sheet, row and column (the values are read as saved, so a formula would be
read as an empty cell). Only then is every sheet read (openpyxl, not in read-only mode, for the merged
ranges), no further than the data the survey found; a merged cell gives its value to every cell it covers; a blank 一级事项
repeats the one above (tables written without merging); a blank 二级事项 is the 一级事项 itself. The result
is every table's rows and every problem found, by sheet, row and column: the service imports nothing
while there is one (all or nothing).

Export: the same shape (core.exports writes every cell).
"""

import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from gongkai.core.exports import save, set_cell
from gongkai.core.i18n import in_document_language
from gongkai.core.sheets import SheetError, check_deadline, import_deadline, read_xlsx

MAX_ROWS = 5000  # rows of one sheet (a published catalog has a few hundred)
MAX_COLUMNS = 40  # columns of one sheet (a published catalog has 14)
MARKS = {"√", "✓", "✔", "是", "■", "●", "☑", "Y", "y", "1", "V", "v"}
TITLE = re.compile(r"(?P<name>[^（）()\d、．.\s]+?)领域.*标准目录")
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")

# Header label (spaces removed) → field. Sub-column labels (the header's second row) come first.
SUB_LABELS = {
    "一级事项": "level1", "二级事项": "level2", "全社会": "audience_all", "特定群体": "audience_group",
    "特定群众": "audience_group", "特定对象": "audience_group", "主动": "mode_proactive", "依申请": "mode_request",
    "依申请公开": "mode_request", "县级": "county_level", "乡级": "township_level", "乡镇级": "township_level",
    "乡、村级": "township_level", "镇街乡": "township_level",
}
TOP_LABELS = (("公开内容", "content"), ("公开依据", "basis"), ("公开时限", "deadline_text"), ("公开主体", "subject"),
              ("公开渠道", "channels"))
LIMITS = {"level1": 100, "level2": 100, "deadline_text": 200, "subject": 200, "channels": 300}
FIELD_NAMES = {"level1": "一级事项", "level2": "二级事项", "content": "公开内容（要素）", "basis": "公开依据",
               "deadline_text": "公开时限", "subject": "公开主体", "channels": "公开渠道和载体"}


class CatalogFileError(ValueError):
    """The file cannot be read as a standard catalog at all; the message says why, in Chinese."""


@dataclass
class RowProblem:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self):
        where = _("“%(sheet)s”表第%(row)d行") % {"sheet": self.sheet, "row": self.row}
        if self.column:
            where += _("“%(column)s”列") % {"column": self.column}
        return f"{where}：{self.message}"


@dataclass
class Table:
    domain_name: str  # as the title or the sheet names it; "" when neither does
    sheet: str
    rows: list[dict] = field(default_factory=list)  # each with "_row" (the sheet's row number)


@dataclass
class ParsedCatalog:
    tables: list[Table] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def _text(value) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _label(value) -> str:
    return re.sub(r"\s+", "", _text(value))


def channels_text(text: str) -> str:
    """“■政府网站 □政府公报 ■两微一端” → “政府网站、两微一端”; text without boxes stays as written."""
    text = _text(text)
    if "■" not in text and "□" not in text and "☑" not in text:
        return text
    chosen = re.findall(r"[■☑]\s*([^■□☑]+)", text)
    return "、".join(part.strip(" 、，,;；\n") for part in chosen if part.strip(" 、，,;；\n"))


def domain_in(text: str, domain_names) -> str:
    """The longest known 领域 name that `text` contains, or ""."""
    text = _label(text)
    found = [name for name in domain_names if name in text]
    return max(found, key=len) if found else ""


class _Sheet:
    """A loaded sheet, read no further than `max_row` × `max_column` (the extent of its values: `_survey`)."""

    def __init__(self, sheet, max_row: int, max_column: int):
        self.sheet, self.max_row, self.max_column = sheet, max_row, max_column
        self.merged: dict[tuple[int, int], tuple[int, int]] = {}
        for cell_range in sheet.merged_cells.ranges:
            for row in range(cell_range.min_row, min(cell_range.max_row, max_row) + 1):
                for column in range(cell_range.min_col, min(cell_range.max_col, max_column) + 1):
                    self.merged[(row, column)] = (cell_range.min_row, cell_range.min_col)

    def value(self, row: int, column: int) -> str:
        row, column = self.merged.get((row, column), (row, column))
        return _text(self.sheet.cell(row, column).value)

    def row_values(self, row: int) -> list[str]:
        return [self.value(row, column) for column in range(1, self.max_column + 1)]


def _header_columns(sheet: _Sheet, row: int) -> dict[str, int] | None:
    """The columns of a header starting at `row` (one or two rows), or None when `row` is no header."""
    top = [_label(v) for v in sheet.row_values(row)]
    if not any(label.startswith("公开事项") or label == "一级事项" for label in top):
        return None
    if not any(label.startswith("公开内容") for label in top):
        return None
    below = [_label(v) for v in sheet.row_values(row + 1)] if row < sheet.max_row else []
    columns: dict[str, int] = {}
    for index, label in enumerate(top, start=1):
        sub = below[index - 1] if index - 1 < len(below) else ""
        for candidate in (sub, label):
            key = SUB_LABELS.get(candidate)
            if key and key not in columns:
                columns[key] = index
                break
        else:
            for prefix, key in TOP_LABELS:
                if label.startswith(prefix) and key not in columns:
                    columns[key] = index
    if "level1" not in columns:
        return None
    two_rows = any(SUB_LABELS.get(label) for label in below)
    columns["_body"] = row + (2 if two_rows else 1)
    return columns


def _mark(text: str) -> bool:
    return _label(text) in MARKS


def _read_row(sheet: _Sheet, row: int, columns: dict[str, int]) -> dict:
    values = {key: sheet.value(row, column) for key, column in columns.items() if not key.startswith("_")}
    record = {key: values.get(key, "") for key in ("level1", "level2", "content", "basis", "deadline_text", "subject")}
    record["channels"] = channels_text(values.get("channels", ""))
    all_, group = _mark(values.get("audience_all", "")), _mark(values.get("audience_group", ""))
    record["audience"] = "both" if all_ and group else "group" if group else "all"
    proactive, by_request = _mark(values.get("mode_proactive", "")), _mark(values.get("mode_request", ""))
    record["mode"] = "both" if proactive and by_request else "request" if by_request and not proactive else "proactive"
    if "county_level" in columns or "township_level" in columns:
        record["county_level"] = _mark(values.get("county_level", ""))
        record["township_level"] = _mark(values.get("township_level", ""))
    return record


def _survey(data: bytes, result: ParsedCatalog, deadline: float) -> dict[str, tuple[int, int]]:
    """Every sheet streamed once: {sheet title: (last row, last column) holding a value}. A value beyond
    MAX_ROWS or MAX_COLUMNS raises CatalogFileError; formula and error cells are added to the problems."""
    book = load_workbook(io.BytesIO(data), read_only=True)
    extents, read = {}, 0
    try:
        for worksheet in book.worksheets:
            worksheet.reset_dimensions()  # the file's own <dimension> may claim anything: read the rows
            last_row = last_column = 0
            for number, cells in enumerate(worksheet.iter_rows(), start=1):
                read += 1
                check_deadline(deadline, read)
                filled = [cell for cell in cells if cell.value is not None]
                if not filled:
                    continue
                if number > MAX_ROWS:
                    raise CatalogFileError(_("“%(sheet)s”表超过%(n)d行，请拆分后分批导入。")
                                           % {"sheet": worksheet.title, "n": MAX_ROWS})
                if filled[-1].column > MAX_COLUMNS:
                    raise CatalogFileError(_("“%(sheet)s”表第%(row)d行有内容超出第%(n)d列（%(column)s列），"
                                             "请删除多余的列后再导入。") % {
                        "sheet": worksheet.title, "row": number, "n": MAX_COLUMNS,
                        "column": get_column_letter(filled[-1].column)})
                last_row, last_column = number, max(last_column, filled[-1].column)
                for cell in filled:
                    if cell.data_type == "f":
                        result.problems.append(RowProblem(worksheet.title, number, get_column_letter(cell.column),
                                                          _("含公式，请粘贴为数值后再导入。")))
                    elif cell.data_type == "e":
                        result.problems.append(RowProblem(worksheet.title, number, get_column_letter(cell.column),
                                                          _("是错误值（%(value)s），请改正后再导入。")
                                                          % {"value": cell.value}))
            extents[worksheet.title] = (last_row, last_column)
    finally:
        book.close()
    return extents


def read_catalog(data: bytes, domain_names) -> ParsedCatalog:
    """Every table of every sheet. Raises CatalogFileError when the file is no readable XLSX, too large
    or too slow to read, or holds no table; problems of single cells and rows are collected in the result."""
    result = ParsedCatalog()
    deadline = import_deadline()
    try:
        read_xlsx(data, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS, sheets_streamed=False)
        extents = _survey(data, result, deadline)
        book = load_workbook(io.BytesIO(data), data_only=True)
    except SheetError as exc:
        raise CatalogFileError(str(exc)) from exc
    except CatalogFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise CatalogFileError(_("无法读取该文件，请上传 Excel 2007 及以上版本的 .xlsx 文件（WPS 请另存为 Excel 工作簿）。")) from exc
    try:
        check_deadline(deadline)
        for worksheet in book.worksheets:
            _read_sheet(_Sheet(worksheet, *extents.get(worksheet.title, (0, 0))), domain_names, result, deadline)
    except SheetError as exc:
        raise CatalogFileError(str(exc)) from exc
    if not result.tables:
        raise CatalogFileError(_("没有找到标准目录表头：表头须有“公开事项（一级事项、二级事项）”和“公开内容”列。"))
    return result


def _read_sheet(sheet: _Sheet, domain_names, result: ParsedCatalog, deadline: float) -> None:
    name = sheet.sheet.title
    title_domain = domain_in(name, domain_names)
    table, columns, previous_level1 = None, None, ""
    seen: set[tuple[str, str, str]] = set()
    row = 1
    while row <= sheet.max_row:
        check_deadline(deadline, row)
        values = [v for v in sheet.row_values(row) if v]
        distinct = list(dict.fromkeys(values))
        if len(distinct) == 1 and "标准目录" in distinct[0]:  # a title row (one merged cell)
            title_domain = domain_in(distinct[0], domain_names) or _title_name(distinct[0])
            table, columns = None, None
            row += 1
            continue
        header = _header_columns(sheet, row)
        if header:
            columns = header
            table = Table(title_domain, name)
            result.tables.append(table)
            previous_level1 = ""
            row = header["_body"]
            continue
        if table is None or not values:
            row += 1
            continue
        record = _read_row(sheet, row, columns)
        if not any(record[key] for key in ("level1", "level2", "content")):
            row += 1
            continue
        record["level1"] = record["level1"] or previous_level1
        if not record["level1"]:
            result.problems.append(RowProblem(name, row, _("一级事项"), _("一级事项不能为空。")))
            row += 1
            continue
        previous_level1 = record["level1"]
        record["level2"] = record["level2"] or record["level1"]
        for key, limit in LIMITS.items():
            if len(record[key]) > limit:
                result.problems.append(RowProblem(name, row, FIELD_NAMES[key],
                                                  _("不能超过%(n)d个字。") % {"n": limit}))
        identity = (table.domain_name, record["level1"], record["level2"])
        if identity in seen:
            result.problems.append(RowProblem(name, row, _("二级事项"), _("“%(matter)s”在本领域中重复。") % {
                "matter": f"{record['level1']}—{record['level2']}"}))
        seen.add(identity)
        record["_row"] = row
        table.rows.append(record)
        row += 1


def _title_name(title: str) -> str:
    match = TITLE.search(_label(title))
    return match.group("name") if match else ""


# --- export ----------------------------------------------------------------------------------------

HEADER_TOP = ("序号", "公开事项", None, "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象",
              None, "公开方式", None, "公开层级", None)
HEADER_SUB = (None, "一级事项", "二级事项", None, None, None, None, None, "全社会", "特定群体", "主动", "依申请", "县级",
              "乡级")
WIDTHS = (6, 14, 16, 36, 30, 18, 16, 20, 7, 7, 7, 7, 7, 7)


@in_document_language
def export_catalog(domains_with_matters, title_prefix: str = "") -> bytes:
    """`domains_with_matters`: [(domain, [matter, …])]; one sheet per domain, shaped as published."""
    book = Workbook()
    book.remove(book.active)
    for domain, matters in domains_with_matters:
        sheet = book.create_sheet(domain.name[:31])
        last = len(HEADER_TOP)
        set_cell(sheet, 1, 1, f"{title_prefix}{domain.name}领域基层政务公开标准目录").font = Font(bold=True, size=14)
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
        for column, (top, sub) in enumerate(zip(HEADER_TOP, HEADER_SUB, strict=True), start=1):
            if top:
                set_cell(sheet, 2, column, top)
            if sub:
                set_cell(sheet, 3, column, sub)
            elif top:
                sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
        for start in (2, 9, 11, 13):
            sheet.merge_cells(start_row=2, start_column=start, end_row=2, end_column=start + 1)
        row, number, group_start, group = 4, 0, None, None
        for matter in matters:
            if matter.level1 != group:
                if group_start is not None and row - 1 > group_start:
                    sheet.merge_cells(start_row=group_start, start_column=1, end_row=row - 1, end_column=1)
                    sheet.merge_cells(start_row=group_start, start_column=2, end_row=row - 1, end_column=2)
                number += 1
                group, group_start = matter.level1, row
                set_cell(sheet, row, 1, number)
                set_cell(sheet, row, 2, matter.level1)
            check = "√"
            values = (matter.level2, matter.content, matter.basis, matter.deadline_text, matter.subject,
                      matter.channels, check if matter.audience in ("all", "both") else "",
                      check if matter.audience in ("group", "both") else "",
                      check if matter.mode in ("proactive", "both") else "",
                      check if matter.mode in ("request", "both") else "",
                      check if matter.county_level else "", check if matter.township_level else "")
            for offset, value in enumerate(values, start=3):
                set_cell(sheet, row, offset, value)
            row += 1
        if group_start is not None and row - 1 > group_start:
            sheet.merge_cells(start_row=group_start, start_column=1, end_row=row - 1, end_column=1)
            sheet.merge_cells(start_row=group_start, start_column=2, end_row=row - 1, end_column=2)
        for cells in sheet.iter_rows(min_row=2, max_row=max(row - 1, 3), max_col=last):
            for cell in cells:
                cell.border, cell.alignment = BORDER, WRAP
                if cell.row <= 3:
                    cell.font = Font(bold=True)
        for column, width in enumerate(WIDTHS, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
    if not book.worksheets:
        book.create_sheet(_("标准目录"))
    return save(book)
