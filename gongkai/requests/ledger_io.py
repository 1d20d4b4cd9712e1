"""Reading and writing 台账 files (shared/spec/request-ledger.md): XLSX through openpyxl, CSV in UTF-8
(a BOM is accepted on reading and written on export, as Excel and WPS expect)."""

import csv
import datetime as dt
import io
from pathlib import PurePath

from gongkai.core import exports

HEADERS = [
    "申请编号", "受理机关", "申请人类型", "申请人", "证件号码", "联系方式", "申请方式", "收到申请日期", "申请内容",
    "补正告知日期", "收到补正日期", "征求意见发出日期", "征求意见答复日期", "征求意见期间", "延期工作日", "答复期限",
    "答复日期", "办理结果", "收费金额", "行政复议", "行政诉讼", "诉讼类型", "是否逾期", "备注",
]
REQUIRED = ["受理机关", "申请人类型", "申请人", "申请方式", "收到申请日期", "申请内容"]
EXPORT_ONLY = {"答复期限", "是否逾期"}
MAX_ROWS = 20000


class LedgerFileError(Exception):
    """The file as a whole cannot be read (format, encoding, headers); the message is Chinese."""


def _cell(value) -> object:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value is None:
        return ""
    return value


def read(name: str, data: bytes) -> tuple[list[str], list[tuple[int, dict]]]:
    """(headers, [(row number as the user sees it, {header: value})]); empty rows are skipped."""
    extension = PurePath(name or "").suffix.lower()
    if extension == ".xlsx":
        rows = _read_xlsx(data)
    elif extension == ".csv":
        rows = _read_csv(data)
    else:
        raise LedgerFileError("台账文件须为 .xlsx 或 .csv 格式。")
    if not rows:
        raise LedgerFileError("文件是空的：第一行应为表头。")
    headers = [str(h).strip() for h in rows[0]]
    if len(set(h for h in headers if h)) != len([h for h in headers if h]):
        raise LedgerFileError("表头中有重复的列名。")
    missing = [h for h in REQUIRED if h not in headers]
    if missing:
        raise LedgerFileError(f"缺少必需的列：{'、'.join(missing)}。")
    body = []
    for number, row in enumerate(rows[1:], start=2):
        values = {h: _cell(v) for h, v in zip(headers, list(row) + [""] * (len(headers) - len(row)), strict=False)
                  if h}
        if all(str(v).strip() == "" for v in values.values()):
            continue
        body.append((number, values))
    if len(body) > MAX_ROWS:
        raise LedgerFileError(f"一次最多导入 {MAX_ROWS} 行，请分批导入。")
    return headers, body


def _read_xlsx(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise LedgerFileError("无法读取该 Excel 文件，请确认是 .xlsx 格式（WPS 请另存为 Excel 工作簿）。") from exc
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    while rows and all(v is None or str(v).strip() == "" for v in rows[0]):
        rows.pop(0)
    return rows


def _read_csv(data: bytes) -> list[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LedgerFileError("CSV 文件须为 UTF-8 编码（Excel 请选择“CSV UTF-8”另存）。") from exc
    return [[exports.uncsv_cell(cell) for cell in row] for row in csv.reader(io.StringIO(text))]


def write(name: str, rows: list[dict]) -> bytes:
    extension = PurePath(name or "").suffix.lower()
    if extension == ".xlsx":
        return _write_xlsx(rows)
    if extension == ".csv":
        # Formula-like cells behind a single quote (gongkai.core.exports), undone on reading.
        return exports.write_csv(HEADERS, ([row.get(h, "") for h in HEADERS] for row in rows))
    raise LedgerFileError("导出文件名须以 .xlsx 或 .csv 结尾。")


def _write_xlsx(rows: list[dict]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "依申请公开台账"
    exports.write_row(sheet, 1, HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        # Everything as text, never a formula: IDs and numbers keep their digits, dates their ISO form.
        exports.write_row(sheet, number, [exports.as_text(row.get(h, "")) for h in HEADERS])
    sheet.freeze_panes = "A2"
    return exports.save(workbook)
