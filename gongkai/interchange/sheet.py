"""「批量导入」 on the web: the XLSX template staff fill in, and reading it back row by row with a reason
in Chinese for every row that cannot be imported. The command-line JSONL import (importer.py) is for
migrating published documents; this sheet makes drafts of new ones.

Values are read the way the JSONL import reads them: 主题分类 and 有效性 by label or code
(records.TOPIC_BY_LABEL, VALIDITY_BY_LABEL), 目录栏目 as the path of names below the organization's
catalog root (importer.catalog_paths).
"""

import datetime as dt
import html
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from gongkai.core import exports, sheets
from gongkai.interchange.importer import catalog_paths
from gongkai.interchange.records import (
    MAX_DOC_NUMBER,
    MAX_KEYWORDS,
    MAX_SUMMARY,
    MAX_TITLE,
    TOPIC_BY_LABEL,
    VALIDITY_BY_LABEL,
)
from gongkai.publishing.choices import DocType, Topic, Validity
from gongkai.publishing.dates import formed_on_problem

MAX_ROWS = 500
# (key, header, width); a header ending in * is required.
COLUMNS = [
    ("title", "名称*", 40), ("doc_number", "发文字号", 22), ("doc_type", "文种", 8), ("written_on", "成文日期", 12),
    ("formed_on", "形成或变更日期*", 14), ("topic", "主题分类", 14), ("keywords", "主题词", 18),
    ("catalog", "目录栏目", 34), ("validity", "有效性", 8), ("summary", "内容概述", 30), ("body", "正文", 60),
]
HEADERS = {header.rstrip("*"): key for key, header, _width in COLUMNS}
PATH_SEPARATORS = re.compile(r"[;；\n]+")
DOC_TYPE_BY_LABEL = {str(label): value for value, label in DocType.choices} | {v: v for v in DocType.values}


class SheetError(ValueError):
    """The file cannot be read as the template; the message says why."""


@dataclass
class Row:
    number: int  # the spreadsheet's row number
    data: dict = field(default_factory=dict)  # item fields, JSON-serializable (dates as ISO strings)
    node_ids: list[int] = field(default_factory=list)
    node_paths: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def template(organizations) -> bytes:
    """The template: a header row and an example on the first sheet; the allowed values and each
    organization's catalog paths on the second."""
    book = Workbook()
    sheet = book.active
    sheet.title = "信息"
    sheet.append([header for _key, header, _width in COLUMNS])
    sheet.append(["关于开展2020年政务公开培训的通知", "源教体字〔2020〕12号", "通知", "2020-03-05", "2020-03-05",
                   "综合政务", "政务公开 培训", "法定主动公开内容/通知公告", "", "定于3月举办全县政务公开培训。",
                   "各学校：\n定于3月举办全县政务公开培训，请按时参加。"])
    for index, (_key, _header, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.cell(row=2, column=index).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("填写说明")
    lines = [["带 * 的列必填；日期写作 2020-03-05；第 2 行是示例，导入前请删除或改写。"],
             ["目录栏目写完整路径，多个栏目用分号分开；正文按行分段。"],
             [],
             ["文种", "、".join(str(label) for label in DocType.labels)],
             ["主题分类", "、".join(str(label) for label in Topic.labels)],
             ["有效性", "、".join(str(label) for label in Validity.labels) + "（仅规范性文件填写）"]]
    for organization in organizations:
        lines += [[], [f"{organization.name}的目录栏目"], *([path] for path in sorted(catalog_paths(organization)))]
    for number, values in enumerate(lines, start=1):  # names and paths staff typed: text, never formulas
        exports.write_row(notes, number, values)
    notes.column_dimensions["A"].width = 50
    notes.column_dimensions["B"].width = 80
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value, label: str, errors: list[str]) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = re.sub(r"\s+", "", _text(value))
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    try:
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        pass
    errors.append(_("%(label)s“%(value)s”无法识别，应写作 2020-03-05。") % {"label": label, "value": text[:20]})
    return None


def _limited(value: str, label: str, limit: int, errors: list[str]) -> str:
    if len(value) > limit:
        errors.append(_("%(label)s超过 %(n)d 个字。") % {"label": label, "n": limit})
    return value[:limit]


def _row(number: int, cells: dict, paths: dict) -> Row:
    row, errors = Row(number=number), []
    title = _limited(" ".join(_text(cells.get("title")).split()), _("名称"), MAX_TITLE, errors)
    if not title:
        errors.append(_("缺少名称。"))
    unreadable = len(errors)
    formed_on = _date(cells.get("formed_on"), _("形成或变更日期"), errors)
    if formed_on is None and len(errors) == unreadable:
        errors.append(_("缺少形成或变更日期（条例第二十六条的起算日）。"))
    elif formed_on is not None and (problem := formed_on_problem(dt.date.fromisoformat(formed_on))):
        errors.append(problem)
    written_on = _date(cells.get("written_on"), _("成文日期"), errors)
    # The same span as the 形成或变更日期 (and the JSONL import's 成文日期): a 9999-12-31 would be published as is.
    if written_on is not None and (problem := formed_on_problem(dt.date.fromisoformat(written_on), _("成文日期"))):
        errors.append(problem)
    data = {
        "title": title, "formed_on": formed_on, "written_on": written_on,
        "doc_number": _limited(_text(cells.get("doc_number")), _("发文字号"), MAX_DOC_NUMBER, errors),
        "keywords": _limited(" ".join(_text(cells.get("keywords")).split()), _("主题词"), MAX_KEYWORDS, errors),
        "summary": _limited(_text(cells.get("summary")), _("内容概述"), MAX_SUMMARY, errors),
    }
    for key, label, table in (("doc_type", _("文种"), DOC_TYPE_BY_LABEL),
                              ("topic", _("主题分类"), TOPIC_BY_LABEL | {v: v for v in Topic.values}),
                              ("validity", _("有效性"), VALIDITY_BY_LABEL | {v: v for v in Validity.values})):
        value = _text(cells.get(key))
        if value:
            if value in table:
                data[key] = table[value]
            else:
                errors.append(_("%(label)s“%(value)s”不是可选的值（见模板的“填写说明”）。") % {"label": label,
                                                                                        "value": value[:20]})
    body = _text(cells.get("body"))
    data["body"] = "".join(f"<p>{html.escape(line.strip())}</p>" for line in body.splitlines() if line.strip())
    for path in (p.strip() for p in PATH_SEPARATORS.split(_text(cells.get("catalog"))) if p.strip()):
        key = "/".join(part.strip() for part in path.split("/") if part.strip())
        node = paths.get(key)
        if node is None:
            errors.append(_("目录中没有栏目“%(path)s”。") % {"path": path[:60]})
        elif node.id not in row.node_ids:
            row.node_ids.append(node.id)
            row.node_paths.append(key)
    row.data, row.errors = data, errors
    return row


def read(fileobj, organization) -> list[Row]:
    """Rows of a filled-in template for `organization`; raises SheetError when it is not the template.

    The file is streamed by `gongkai.core.sheets` like every spreadsheet upload: it stops at the row
    limit (the header and blank rows between records count), caps the columns and bounds the time."""
    try:
        table = sheets.read_xlsx(fileobj, max_rows=MAX_ROWS + 1)
    except sheets.SheetError as exc:
        if exc.too_many_rows:
            raise SheetError(_("一次至多导入 %(n)d 条，请分成几个文件。") % {"n": MAX_ROWS}) from exc
        raise SheetError(str(exc)) from exc
    header = table[0] if table else ()
    columns = {index: HEADERS.get(_text(cell).rstrip("*")) for index, cell in enumerate(header)}
    if "title" not in columns.values() or "formed_on" not in columns.values():
        raise SheetError(_("第一行应为模板的表头（名称、形成或变更日期……），请使用下载的模板。"))
    paths = catalog_paths(organization)
    found: list[Row] = []
    for number, values in sheets.numbered(table):
        cells = {columns[i]: v for i, v in enumerate(values) if columns.get(i)}
        if any(_text(v) for v in cells.values()):
            found.append(_row(number, cells, paths))
    if not found:
        raise SheetError(_("表格中没有要导入的信息。"))
    return found
