"""The three statutory tables laid out as the national format prints them, from the spec's JSON.

One layout feeds every output (HTML page, DOCX, PDF), so the figures cannot differ between them. Each
header cell has an id and a scope; each data cell names its headers (WCAG 2.1 technique H43) and the
JSON path of its value (`key`).
"""

from dataclasses import dataclass, field

from gongkai.reports import formats


@dataclass
class Cell:
    text: str
    header: bool = False
    scope: str = ""  # col, colgroup, row, rowgroup (header cells)
    colspan: int = 1
    rowspan: int = 1
    id: str = ""
    headers: tuple[str, ...] = ()  # data cells: the ids of their header cells
    key: tuple[str, ...] = ()  # data cells: the path of the value in the report JSON


@dataclass
class Layout:
    id: str
    caption: str
    columns: int
    head: list[list[Cell]] = field(default_factory=list)
    bodies: list[list[list[Cell]]] = field(default_factory=list)  # row groups (tbody), each a list of rows


def _value(data: dict, key: tuple[str, ...]) -> str:
    value = data
    for part in key:
        value = value[part]
    return str(value)


def _data(data: dict, key: tuple[str, ...], headers: list[str], colspan: int = 1) -> Cell:
    return Cell(_value(data, key), colspan=colspan, headers=tuple(h for h in headers if h), key=key)


# --- Table 2 ------------------------------------------------------------------------------------------

DATA_COLUMNS_2 = 3


def proactive_layout(data: dict) -> Layout:
    layout = Layout("table-proactive", "二、主动公开政府信息情况", 1 + DATA_COLUMNS_2)
    for s, section in enumerate(formats.PROACTIVE_SECTIONS[data["format"]], start=1):
        section_id = f"t2-s{s}"
        title = Cell(section.title, header=True, scope="colgroup", colspan=layout.columns, id=section_id)
        content_id = f"t2-s{s}-content"
        header_row = [Cell("信息内容", header=True, scope="col", id=content_id)]
        spans = [1] * len(section.fields)
        spans[-1] += DATA_COLUMNS_2 - len(section.fields)
        field_ids = []
        for f, (spec, span) in enumerate(zip(section.fields, spans, strict=True), start=1):
            field_ids.append(f"t2-s{s}-f{f}")
            header_row.append(Cell(spec.label, header=True, scope="col", colspan=span, id=field_ids[-1]))
        rows = [[title], header_row]
        for r, row in enumerate(section.rows, start=1):
            row_id = f"t2-s{s}-r{r}"
            cells = [Cell(row.label, header=True, scope="row", id=row_id)]
            for spec, span, field_id in zip(section.fields, spans, field_ids, strict=True):
                cells.append(_data(data, ("proactive", row.key, spec.key), [section_id, field_id, row_id], span))
            rows.append(cells)
        layout.bodies.append(rows)
    return layout


# --- Table 3 ------------------------------------------------------------------------------------------

CORNER_2021 = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _request_head(fmt: str) -> list[list[Cell]]:
    corner = CORNER_2021 if fmt == formats.FORMAT_2021 else ""
    legal = [Cell(label, header=True, scope="col", id=f"t3-c-{key}") for key, label in formats.APPLICANT_COLUMNS[1:]]
    return [
        [Cell(corner, colspan=3, rowspan=3), Cell("申请人情况", header=True, scope="colgroup", colspan=7, id="t3-applicants")],
        [Cell("自然人", header=True, scope="col", rowspan=2, id="t3-c-natural_person"),
         Cell("法人或其他组织", header=True, scope="colgroup", colspan=5, id="t3-legal"),
         Cell("总计", header=True, scope="col", rowspan=2, id="t3-c-total")],
        legal,
    ]


def _column_headers(column: str) -> list[str]:
    return ["t3-applicants", "t3-legal" if column in formats.LEGAL_PERSON_KEYS else "", f"t3-c-{column}"]


def request_layout(data: dict) -> Layout:
    fmt = data["format"]
    layout = Layout("table-requests", "三、收到和处理政府信息公开申请情况", 3 + len(formats.REQUEST_COLUMNS),
                    head=_request_head(fmt))
    rows = formats.REQUEST_ROWS[fmt]
    results = [row for row in rows if row.outcome or row.key == "total_processed"]
    group_sizes: dict[str, int] = {}
    for row in results:
        if row.group:
            group_sizes[row.group] = group_sizes.get(row.group, 0) + 1
    before, body, after = [], [], []
    seen_groups: dict[str, str] = {}
    for row in rows:
        row_id = f"t3-r-{row.key}"
        row_headers: list[str] = []
        cells: list[Cell] = []
        if row.key in ("new", "carried_over", "carried_forward"):
            cells.append(Cell(row.label, header=True, scope="row", colspan=3, id=row_id))
            target = before if row.key != "carried_forward" else after
        else:
            target = body
            if not body:
                cells.append(Cell(formats.RESULTS_HEADING, header=True, scope="rowgroup", rowspan=len(results),
                                  id="t3-results"))
            row_headers.append("t3-results")
            if row.group:
                if row.group not in seen_groups:
                    seen_groups[row.group] = f"t3-g{len(seen_groups) + 1}"
                    cells.append(Cell(row.group, header=True, scope="rowgroup", rowspan=group_sizes[row.group],
                                      id=seen_groups[row.group]))
                row_headers.append(seen_groups[row.group])
                cells.append(Cell(row.label, header=True, scope="row", id=row_id))
            else:
                cells.append(Cell(row.label, header=True, scope="row", colspan=2, id=row_id))
        row_headers.append(row_id)
        for column in formats.REQUEST_COLUMNS:
            cells.append(_data(data, ("requests", row.key, column), [*_column_headers(column), *row_headers]))
        target.append(cells)
    layout.bodies = [before, body, after]
    return layout


# --- Table 4 ------------------------------------------------------------------------------------------


def review_layout(data: dict) -> Layout:
    layout = Layout("table-reviews", "四、政府信息公开行政复议、行政诉讼情况", 15)
    review, direct, after = formats.REVIEW_GROUPS
    top = [Cell("行政复议", header=True, scope="colgroup", colspan=5, id="t4-review"),
           Cell("行政诉讼", header=True, scope="colgroup", colspan=10, id="t4-litigation")]
    middle = [Cell(label, header=True, scope="col", rowspan=2, id=f"t4-{review[0]}-{key}")
              for key, label in formats.REVIEW_COLUMNS]
    middle += [Cell(direct[1], header=True, scope="colgroup", colspan=5, id=f"t4-{direct[0]}"),
               Cell(after[1], header=True, scope="colgroup", colspan=5, id=f"t4-{after[0]}")]
    bottom = [Cell(label, header=True, scope="col", id=f"t4-{group}-{key}")
              for group in (direct[0], after[0]) for key, label in formats.REVIEW_COLUMNS]
    layout.head = [top, middle, bottom]
    cells = []
    for group, _label in formats.REVIEW_GROUPS:
        parents = ["t4-review"] if group == review[0] else ["t4-litigation", f"t4-{group}"]
        for key, _column in formats.REVIEW_COLUMNS:
            cells.append(_data(data, ("reviews", group, key), [*parents, f"t4-{group}-{key}"]))
    layout.bodies = [[cells]]
    return layout


def layouts(data: dict) -> list[Layout]:
    return [proactive_layout(data), request_layout(data), review_layout(data)]


def data_cells(layout: Layout) -> list[Cell]:
    """The data cells in reading order."""
    return [cell for body in layout.bodies for row in body for cell in row if cell.key]
