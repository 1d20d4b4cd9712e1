"""Reading a 任务分解表 from the text of a published PDF (e.g. the seed, 源政办字〔2020〕66号's annex).

Text extraction keeps one line per table row, cells separated by tabs, and repeats the column header
on every page. Merged cells are what makes it hard:

- a cell merged downwards (rowspan) appears only in the first row; the rows below start with empty
  cells or, often, lose those empty cells altogether and shift left;
- a page starts by repeating the open cells of the previous page (sometimes in slightly different
  words: "政府工作报告重点任务进展情况" / "…执行情况"), and a row cut by a page break appears twice;
- the 责任单位 cell may be merged over several requirements: those rows have no unit cell.

The rules, in order (each tested against the seed in tests/test_tabletext.py):
1. The first row after a header lists the whole path from the first column. Its cells are matched to the
   open path level by level (the same words, or ≥ 85 % similar); from the first cell that does not match,
   the cells are new. A row all of whose cells match is the repeated half of a row split by the page
   break and is skipped.
2. Any other row lists the last cells of its path. It starts at the deeper of: the column its first cell
   sits in (the number of empty cells before it), and the depth that puts its last cell at the depth of
   the previous row's last cell. A row can never start deeper than the previous row's last cell.
3. The last cell is the 责任单位 when it names units (it starts with 各镇/县/市/区); otherwise the row shares
   the 责任单位 of the row above (a merged cell).
"""

import difflib
import re
from dataclasses import dataclass, field

HEADER_FIRST = "工作任务"
REQUIREMENT_HEADER = "具体要求"
TABLE_END = ("注：", "注:", "抄送：", "抄送:")
UNIT_CELL_STARTS = ("各镇", "各乡镇", "县", "市", "区")
SIMILAR = 0.85

_CJK = "\u4e00-\u9fff"
_SPACE_IN_CJK = re.compile(rf"(?<=[{_CJK}“”（），,、])\s+|\s+(?=[{_CJK}“”（），,、])")


def tidy(text: str) -> str:
    """Drop the spaces extraction put into Chinese text ("2020 年" → "2020年", "推进管理和服 务公开")."""
    return _SPACE_IN_CJK.sub("", (text or "").strip())


def tidy_units(text: str) -> str:
    """A 责任单位 cell keeps spaces between labels ("县总体预案：县应急局 县自然灾害类…")."""
    return re.sub(r"\s+", " ", re.sub(rf"(?<=[{_CJK}])\s+(?=[\d])|(?<=[\d])\s+(?=[{_CJK}])", "", text.strip()))


def comparable(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）").replace(",", "，")


def similar(a: str, b: str) -> bool:
    a, b = comparable(a), comparable(b)
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= SIMILAR


def is_unit_cell(text: str) -> bool:
    return comparable(text).startswith(UNIT_CELL_STARTS)


@dataclass(frozen=True)
class TableRow:
    path: tuple[str, ...]  # 工作任务 … 具体要求, the last one is the row's own requirement
    responsible: str  # 责任单位 as written
    shares_responsible: bool = False  # the row had no unit cell: it shares the one above
    deadline: str = ""  # 完成时限 as written (tables that have the column)


@dataclass
class ParsedTable:
    rows: list[TableRow] = field(default_factory=list)
    task_levels: int = 2  # columns under the 工作任务 header
    skipped: list[str] = field(default_factory=list)  # repeated rows of page breaks (for the report)
    notes: list[str] = field(default_factory=list)  # the lines after the table (注：…)


def table_lines(text: str) -> list[str]:
    """The lines of the table, from its first header row (工作任务 …) on."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if tidy(line.split("\t")[0]) == HEADER_FIRST), len(lines))
    return lines[start:]


def parse_table_text(text: str) -> ParsedTable:
    table = ParsedTable()
    path: list[str] = []
    after_header = True
    shared = ""
    for line in table_lines(text):
        stripped = line.strip()
        if stripped.startswith(TABLE_END) or (table.rows and table.notes):
            if stripped:
                table.notes.append(tidy(stripped))
            continue
        cells = [(index, cell) for index, cell in enumerate(line.split("\t")) if cell.strip()]
        if not cells:
            continue
        if tidy(cells[0][1]) == HEADER_FIRST:
            after_header = True
            headers = [tidy(c) for _i, c in cells]
            if REQUIREMENT_HEADER in headers:
                table.task_levels = max(1, cells[headers.index(REQUIREMENT_HEADER)][0])
            continue
        responsible = ""
        if len(cells) >= 2 and is_unit_cell(cells[-1][1]):
            responsible = tidy_units(cells.pop()[1])
        labels = [tidy(cell) for _index, cell in cells]
        if after_header or not path:
            matched = 0
            while matched < min(len(labels), len(path)) and similar(labels[matched], path[matched]):
                matched += 1
            if matched == len(labels) and table.rows:
                table.skipped.append(labels[-1])
                after_header = False
                continue
            new_path = path[:matched] + labels[matched:]
        else:
            last_depth = len(path) - 1
            by_column = min(cells[0][0], last_depth)
            by_alignment = last_depth - (len(labels) - 1)
            start = max(0, min(last_depth, max(by_column, by_alignment)))
            new_path = path[:start] + labels
        shares = not responsible
        if responsible:
            shared = responsible
        table.rows.append(TableRow(tuple(new_path), shared, shares_responsible=shares))
        path = new_path
        after_header = False
    return table
