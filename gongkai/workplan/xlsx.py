"""任务分解表 as XLSX, the way units write them: columns 工作任务 / 具体要求 / 责任单位 / 完成时限, the task
hierarchy spread over several columns with merged cells.

Export: one row per requirement (leaf); each level of the tree is a column; a task's cell is merged
down over the rows of its requirements, and a requirement shallower than the deepest one is merged
across to the last hierarchy column. The header 工作任务 spans the plan's `task_levels` columns and
具体要求 the rest.

Import reads any such sheet: the header row is the first row with a cell "工作任务"; the columns from it
to "责任单位" are the hierarchy. A merged cell gives its value to every cell it covers; an empty cell
before the row's first value repeats the cell above (tables written without merging). A row's path is
its distinct hierarchy cells from left to right; its last cell is the requirement.
"""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from gongkai.core.exports import save, set_cell
from gongkai.core.i18n import in_document_language
from gongkai.core.sheets import SheetError, read_xlsx
from gongkai.workplan.tabletext import TableRow

HEADERS = ("工作任务", "具体要求", "责任单位", "完成时限")
MAX_ROWS = 5000
MAX_COLUMNS = 30  # hierarchy levels, 责任单位 and 完成时限, with room to spare
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")


class TableError(ValueError):
    """The sheet cannot be read as a 任务分解表; the message says why, in Chinese."""


# --- export ----------------------------------------------------------------------------------------


@in_document_language
def export_plan(plan, tasks, deadline_text) -> bytes:
    """`tasks`: the plan's tasks in order; `deadline_text(task)`: the 完成时限 cell of a requirement."""
    children: dict[int | None, list] = {}
    for task in tasks:
        children.setdefault(task.parent_id, []).append(task)
    leaves: list[list] = []  # each: the path of tasks from the root to the leaf

    def walk(task, path):
        path = [*path, task]
        kids = children.get(task.id, [])
        if not kids:
            leaves.append(path)
        for kid in kids:
            walk(kid, path)

    for root in children.get(None, []):
        walk(root, [])
    depth = max((len(p) for p in leaves), default=1)
    task_columns = max(1, min(plan.task_levels, depth - 1)) if depth > 1 else 1
    book = Workbook()
    sheet = book.active
    sheet.title = "任务分解表"
    last = depth + 2
    set_cell(sheet, 1, 1, f"{plan.title}任务分解表").font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    header = 2
    set_cell(sheet, header, 1, HEADERS[0])
    if task_columns > 1:
        sheet.merge_cells(start_row=header, start_column=1, end_row=header, end_column=task_columns)
    if depth > task_columns:
        set_cell(sheet, header, task_columns + 1, HEADERS[1])
        if depth > task_columns + 1:
            sheet.merge_cells(start_row=header, start_column=task_columns + 1, end_row=header, end_column=depth)
    set_cell(sheet, header, depth + 1, HEADERS[2])
    set_cell(sheet, header, depth + 2, HEADERS[3])
    first_row: dict[int, int] = {}
    last_row: dict[int, int] = {}
    for offset, path in enumerate(leaves):
        row = header + 1 + offset
        for level, task in enumerate(path):
            first_row.setdefault(task.id, row)
            last_row[task.id] = row
            if first_row[task.id] == row:
                set_cell(sheet, row, level + 1, task.text)
        leaf = path[-1]
        if len(path) < depth:
            sheet.merge_cells(start_row=row, start_column=len(path), end_row=row, end_column=depth)
        set_cell(sheet, row, depth + 1, leaf.responsibility_text)
        set_cell(sheet, row, depth + 2, deadline_text(leaf))
    levels = {task.id: level for path in leaves for level, task in enumerate(path)}
    for task_id, start in first_row.items():
        end = last_row[task_id]
        if end > start:
            column = levels[task_id] + 1
            sheet.merge_cells(start_row=start, start_column=column, end_row=end, end_column=column)
    for row in sheet.iter_rows(min_row=header, max_row=header + len(leaves), max_col=last):
        for cell in row:
            cell.border, cell.alignment = BORDER, WRAP
            if cell.row == header:
                cell.font = Font(bold=True)
    for column in range(1, last + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 40 if column == depth else 22
    return save(book)


# --- import ----------------------------------------------------------------------------------------


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def read_table(handle) -> tuple[list[TableRow], int]:
    """The rows of the first sheet and the number of 工作任务 columns."""
    # First a streamed pass (gongkai.core.sheets) that stops at the row limit and bounds the time; only
    # a sheet within the limits is then loaded whole, for its merged cells (not kept in read-only mode).
    data = handle.read()
    try:
        read_xlsx(data, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS, sheets_streamed=False)
        book = load_workbook(io.BytesIO(data), data_only=True)
    except SheetError as exc:
        raise TableError(str(exc)) from exc
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise TableError(_("无法读取该文件，请上传 Excel 2007 及以上版本的 .xlsx 文件。")) from exc
    sheet = book.worksheets[0]
    merged: dict[tuple[int, int], tuple] = {}
    for cell_range in sheet.merged_cells.ranges:
        top_left = sheet.cell(cell_range.min_row, cell_range.min_col).value
        for row in range(cell_range.min_row, cell_range.max_row + 1):
            for column in range(cell_range.min_col, cell_range.max_col + 1):
                merged[(row, column)] = (cell_range.coord, top_left)

    def value(row: int, column: int) -> tuple[str, str]:
        """(identity of the cell or its merged range, text)."""
        if (row, column) in merged:
            coord, top_left = merged[(row, column)]
            return coord, _text(top_left)
        return f"{row}:{column}", _text(sheet.cell(row, column).value)

    header_row, columns = _find_header(sheet, value)
    task_start, requirement_start = columns["工作任务"], columns.get("具体要求")
    unit_column = columns["责任单位"]
    deadline_column = columns.get("完成时限")
    levels = (requirement_start - task_start) if requirement_start else 1
    rows: list[TableRow] = []
    previous: list[str] = []
    for row in range(header_row + 1, sheet.max_row + 1):
        cells = []
        seen_ranges = set()
        for column in range(task_start, unit_column):
            identity, text = value(row, column)
            if identity in seen_ranges:
                continue
            seen_ranges.add(identity)
            cells.append(text)
        if _text(cells[0] if cells else "") in HEADERS:
            continue  # a repeated header
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        path = [text or (previous[i] if i < len(previous) else "") for i, text in enumerate(cells)]
        if not all(path):
            raise TableError(_("第%(row)d行的任务层级不完整（左侧有空白单元格）。") % {"row": row})
        responsible = value(row, unit_column)[1]
        deadline = value(row, deadline_column)[1] if deadline_column else ""
        rows.append(TableRow(tuple(path), responsible, deadline=deadline))
        previous = path
    if not rows:
        raise TableError(_("表格中没有任务行。"))
    return rows, max(1, levels)


def _find_header(sheet, value) -> tuple[int, dict[str, int]]:
    for row in range(1, min(sheet.max_row, 20) + 1):
        columns: dict[str, int] = {}
        for column in range(1, sheet.max_column + 1):
            identity, text = value(row, column)
            text = text.replace(" ", "").replace("\u3000", "")
            if text in HEADERS and text not in columns:
                columns[text] = column
        if "工作任务" in columns:
            if "责任单位" not in columns:
                raise TableError(_("表头须有“责任单位”列。"))
            if columns["责任单位"] <= columns["工作任务"]:
                raise TableError(_("“责任单位”列须在“工作任务”“具体要求”列之后。"))
            return row, columns
    raise TableError(_("没有找到表头：表格前20行中须有“工作任务”“具体要求”“责任单位”列。"))
