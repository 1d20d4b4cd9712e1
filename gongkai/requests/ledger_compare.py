"""Whether a 台账 row says what a case kept by the platform already says (ledger.import_ledger).

A kept case (ledger_activity) takes only 备注 from its row; any other column that says something else is
refused. A unit re-imports its own ledger, written in any form request-ledger.md accepts — 受理机关 as the
统一社会信用代码, one 征求意见 span in 征求意见期间, 「不予公开－…」 with a full-width dash, 收费金额 50.00,
延期工作日 05 or empty, a lower-case 申请编号 — so the row is compared as the import reads it (parse_row), in
the form the export writes, not cell by cell as typed.
"""

import datetime as dt

from gongkai.requests.ledger_io import EXPORT_ONLY, HEADERS

SPAN_COLUMNS = ("征求意见发出日期", "征求意见答复日期", "征求意见期间")
COMPARED = [h for h in HEADERS if h not in EXPORT_ONLY and h not in ("备注", "证件号码", "联系方式", *SPAN_COLUMNS)]


def _text(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value if value is not None else "").strip()


def _day(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return text


def _spans(parsed: dict) -> tuple[str, str, str]:
    """The 征求意见 columns as the export writes the row's spans (ledger.export_row)."""
    spans = sorted(parsed["spans"], key=lambda span: span[0])
    if len(spans) == 1:
        return spans[0][0].isoformat(), _text(spans[0][1]), ""
    return "", "", ";".join(f"{start.isoformat()}~{_text(end)}" for start, end in spans)


def _read(values: dict, parsed: dict, number_text: str, column: str) -> str:
    if column == "申请编号":
        return number_text
    if column == "受理机关":
        return parsed["organization"].name
    if column == "延期工作日":
        return str(parsed["extension"])
    if column == "办理结果":
        return parsed["outcome"]
    if column == "收费金额":
        return "" if parsed["fee"] is None else str(parsed["fee"])
    return _shown(column, values.get(column, ""))


def _shown(column: str, value) -> str:
    text = _text(value)
    return _day(text) if column.endswith("日期") else text


def differing_column(values: dict, parsed: dict, number_text: str, current: dict) -> str | None:
    """The first column of the row that says something other than the case's export row `current`."""
    for column in COMPARED:
        if column in values and _read(values, parsed, number_text, column) != _shown(column, current.get(column)):
            return column
    if any(column in values for column in SPAN_COLUMNS):
        if _spans(parsed) != tuple(_text(current.get(column)) for column in SPAN_COLUMNS):
            return "征求意见期间" if _text(values.get("征求意见期间", "")) else "征求意见发出日期"
    return None
