"""Reading and writing 台账 files (shared/spec/request-ledger.md): XLSX through openpyxl, CSV in UTF-8
(a BOM is accepted on reading and written on export, as Excel and WPS expect)."""

import datetime as dt
from pathlib import PurePath

from gongkai.core import exports, sheets

# The columns of shared/spec/request-ledger.md, in its order …
CONTRACT_HEADERS = [
    "申请编号", "受理机关", "申请人类型", "申请人", "证件号码", "联系方式", "申请方式", "收到申请日期", "申请内容",
    "补正告知日期", "收到补正日期", "征求意见发出日期", "征求意见答复日期", "征求意见期间", "延期工作日", "答复期限",
    "答复日期", "办理结果", "收费金额", "行政复议", "行政诉讼", "诉讼类型", "是否逾期", "备注",
]
# … then the optional columns the platform adds (docs/requests.md): files without them import as before.
FEE_COLUMNS = ("收费通知日期", "缴费日期")
REMEDY_DATE_COLUMNS = {"行政复议": ("行政复议申请日期", "行政复议决定日期"), "行政诉讼": ("行政诉讼起诉日期", "行政诉讼裁判日期")}
EXTRA_HEADERS = ["适用条例", *FEE_COLUMNS, *[c for pair in REMEDY_DATE_COLUMNS.values() for c in pair]]
HEADERS = CONTRACT_HEADERS + EXTRA_HEADERS
REQUIRED = ["受理机关", "申请人类型", "申请人", "申请方式", "收到申请日期", "申请内容"]
# Computed on export, ignored on import. 适用条例 says which 条例's reply period applied (docs/requests.md).
EXPORT_ONLY = {"适用条例", "答复期限", "是否逾期"}
MAX_ROWS = 20000
MAX_COLUMNS = 100  # the contract's columns and room for unknown ones, kept in 备注


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
    """(headers, [(row number as the user sees it, {header: value})]); empty rows are skipped.

    The file is streamed by `gongkai.core.sheets`, which stops at the row limit (the header and blank
    rows between records count) and bounds the time spent reading."""
    extension = PurePath(name or "").suffix.lower()
    if extension not in (".xlsx", ".csv"):
        raise LedgerFileError("台账文件须为 .xlsx 或 .csv 格式。")
    reader = sheets.read_xlsx if extension == ".xlsx" else sheets.read_csv
    try:
        rows = reader(data, max_rows=MAX_ROWS + 1, max_columns=MAX_COLUMNS)
    except sheets.SheetError as exc:
        message = f"一次最多导入 {MAX_ROWS} 行，请分批导入。" if exc.too_many_rows else str(exc)
        raise LedgerFileError(message) from exc
    if not rows:
        raise LedgerFileError("文件是空的：第一行应为表头。")
    headers = [str(h if h is not None else "").strip() for h in rows[0]]
    if len(set(h for h in headers if h)) != len([h for h in headers if h]):
        raise LedgerFileError("表头中有重复的列名。")
    missing = [h for h in REQUIRED if h not in headers]
    if missing:
        raise LedgerFileError(f"缺少必需的列：{'、'.join(missing)}。")
    body = []
    for number, row in sheets.numbered(rows):
        values = {h: _cell(v) for h, v in zip(headers, list(row) + [""] * (len(headers) - len(row)), strict=False)
                  if h}
        if all(str(v).strip() == "" for v in values.values()):
            continue
        body.append((number, values))
    return headers, body


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
