"""Importing historical 政府公报 issues: the PDF and a CSV table of contents per issue (docs/gazette.md).

`import_issue` imports one issue, all or nothing, and publishes it; `import_folder` reads a folder of
issues (issues.csv + one sub-folder per issue) for the `import_gazette` command. An issue whose year
and 期号 the organization already has is skipped, so a folder can be imported again after fixing a bad
issue — a withdrawn one too (reported apart): running the folder again must not republish what was
withdrawn; the corrected reissue, which may carry the withdrawn issue's numbers, is made with the staff
form. An issue whose numbers another office of the same 政府公报 already used fails with a message that
says so (`_taken`).
"""

import html
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import sheets
from gongkai.core.sanitize import sanitize_html
from gongkai.core.services import ActionRefused
from gongkai.gazette import services
from gongkai.gazette.models import GazetteEntry, GazetteIssue

MAX_CSV_BYTES = 2 * 1024 * 1024
MAX_CSV_ROWS = 2000  # rows of one issue's 目录 or of the issues' index, the header included
MAX_CSV_COLUMNS = 16
MAX_TEXT_BYTES = 5 * 1024 * 1024
# Column names: English (canonical) or the Chinese header a clerk types in Excel.
CONTENT_COLUMNS = {
    "order": ("order", "序号"),
    "section": ("section", "栏目"),
    "title": ("title", "标题"),
    "doc_number": ("doc_number", "文号"),
    "issuer": ("issuer", "发文机关"),
    "page": ("page", "页码"),
    "index_no": ("index_no", "索引号"),
    "text_file": ("text_file", "正文文件"),
    "text": ("text", "正文"),
}
ISSUE_COLUMNS = {
    "folder": ("folder", "文件夹"),
    "year": ("year", "年份"),
    "number": ("number", "期号"),
    "total_number": ("total_number", "总期号"),
    "published_on": ("published_on", "出版日期"),
}


def decode(raw: bytes) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM), else GB18030 (what Chinese Excel saves)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ActionRefused(_("CSV 文件编码无法识别，请另存为 UTF-8 编码。"))


def read_rows(raw: bytes, columns: dict, required: tuple) -> list[tuple[int, dict]]:
    """(row number as a spreadsheet program shows it, {canonical column: value}) for each non-empty row,
    read by core.sheets (blank rows above the header skipped and counted, a cell spanning lines one row)."""
    if len(raw) > MAX_CSV_BYTES:
        raise ActionRefused(_("CSV 文件过大（上限 2 MB）。"))
    try:  # GB18030 (what Chinese Excel saves) is re-encoded for the shared reader, which reads UTF-8;
        sheets.refuse_utf16(raw)  # UTF-16 first, which GB18030 would read as other characters
        rows = sheets.read_csv(decode(raw).encode("utf-8"), max_rows=MAX_CSV_ROWS, max_columns=MAX_CSV_COLUMNS)
    except sheets.SheetError as exc:
        raise ActionRefused(str(exc)) from exc
    header = rows[0] if rows else []
    positions = {str(name or "").strip(): index for index, name in enumerate(header)}
    mapping = {}
    for canonical, names in columns.items():
        found = next((positions[n] for n in names if n in positions), None)
        if found is not None:
            mapping[canonical] = found
    missing = [columns[c][-1] for c in required if c not in mapping]  # the Chinese heading
    if missing:
        raise ActionRefused(_("CSV 缺少必需的列：%(columns)s。") % {"columns": "、".join(missing)})
    entries = []
    for number, record in sheets.numbered(rows):
        values = {c: str(record[i] if i < len(record) and record[i] is not None else "").strip()
                  for c, i in mapping.items()}
        if any(values.values()):
            entries.append((number, values))
    if not entries:
        raise ActionRefused(_("CSV 中没有目录条目。"))
    return entries


def text_to_html(text: str) -> str:
    return "".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


def _text_from_file(base_dir: Path | None, name: str) -> str:
    if base_dir is None:
        raise ActionRefused(_("网页导入不支持“正文文件”列，请把正文写在“正文”列。"))
    path = (base_dir / name).resolve()
    if base_dir.resolve() not in path.parents or not path.is_file():
        raise ActionRefused(_("正文文件“%(name)s”不存在或不在该期公报的文件夹内。") % {"name": name})
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise ActionRefused(_("正文文件“%(name)s”过大。") % {"name": name})
    content = decode(path.read_bytes())
    if path.suffix.lower() in (".html", ".htm"):
        return sanitize_html(content)
    if path.suffix.lower() == ".txt":
        return text_to_html(content)
    raise ActionRefused(_("正文文件“%(name)s”须为 .txt 或 .html。") % {"name": name})


def contents(raw_csv: bytes, issue, base_dir: Path | None) -> list[dict]:
    """The validated entries of a CSV table of contents, in order; every bad row is reported."""
    rows, errors = [], []
    for line, values in read_rows(raw_csv, CONTENT_COLUMNS, required=("title",)):
        try:
            if values.get("text_file"):
                if values.get("text"):
                    raise ActionRefused(_("“正文”和“正文文件”只能填一个。"))
                values["body"] = _text_from_file(base_dir, values["text_file"])
            else:
                values["body"] = text_to_html(values.get("text", ""))
            order = values.get("order")
            if order and not (order.isascii() and order.isdigit()):
                raise ActionRefused(_("序号须为正整数。"))
            rows.append((int(order) if order else line, line, services.entry_data(issue, values)))
        except ActionRefused as exc:
            errors.append(_("第%(line)s行：%(reason)s") % {"line": line, "reason": exc.reason})
    if errors:
        shown = errors[:10] + ([_("……另有%(n)s处错误") % {"n": len(errors) - 10}] if len(errors) > 10 else [])
        raise ActionRefused("；".join(shown))
    return [entry for _order, _line, entry in sorted(rows, key=lambda r: (r[0], r[1]))]


def import_issue(actor, organization, meta: dict, pdf, raw_csv: bytes, base_dir: Path | None = None,
                 request=None, secrecy_checked=False, opinion="") -> GazetteIssue:
    """One issue, all or nothing: created, its contents added, published with the 保密审查 record (the
    command, actor None, records the review done in the old system)."""
    with transaction.atomic():  # a failure rolls back the issue, and its PDF goes too (gongkai.core.files)
        issue = services.create_issue(actor, organization, meta, pdf, request=request)
        entries = contents(raw_csv, issue, base_dir)
        GazetteEntry.objects.bulk_create(
            [GazetteEntry(issue=issue, position=n, **values) for n, values in enumerate(entries, start=1)])
        return services.publish_issue(actor, issue, request=request, secrecy_checked=secrecy_checked,
                                      opinion=opinion)


@dataclass
class FolderReport:
    imported: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    skipped_withdrawn: list = field(default_factory=list)  # the organization's issue of that number was withdrawn
    failed: list = field(default_factory=list)  # (folder, reason)


def _taken(line: int, taken: services.IssueNumberTaken) -> str:
    """The report of an issue whose 期号 or 总期号 an issue of the same 政府公报 already has."""
    issue = taken.issue
    return _("issues.csv第%(line)s行：未导入。%(organization)s已有%(issue)s政府公报（%(state)s），同一政府公报的期号和"
             "总期号不能重复。如是同一期，无需再导入；否则请核对该行的年份、期号和总期号。") % {
        "line": line, "organization": issue.organization.name, "issue": str(issue), "state": issue.get_state_display()}


def import_folder(root: Path, organization, actor=None, progress=None) -> FolderReport:
    """Every issue listed in `root/issues.csv`, each from its sub-folder (one PDF and contents.csv)."""
    index = root / "issues.csv"
    if not index.is_file():
        raise ActionRefused(_("文件夹中没有 issues.csv。"))
    report = FolderReport()
    for line, row in read_rows(index.read_bytes(), ISSUE_COLUMNS, required=tuple(ISSUE_COLUMNS)):
        folder = (root / row["folder"]).resolve()
        label = row["folder"]
        try:
            if root.resolve() not in folder.parents or not folder.is_dir():
                raise ActionRefused(_("第%(line)s行：文件夹“%(folder)s”不存在。") % {"line": line, "folder": label})
            existing = set(GazetteIssue.objects.filter(organization=organization, year=_int(row["year"]),
                                                       number=_int(row["number"])).values_list("state", flat=True))
            if existing - {GazetteIssue.State.WITHDRAWN}:
                report.skipped.append(label)
                continue
            if existing:
                report.skipped_withdrawn.append(label)
                continue
            pdfs = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".pdf")
            if len(pdfs) != 1:
                raise ActionRefused(_("文件夹“%(folder)s”中须有且只有一个 PDF 文件。") % {"folder": label})
            toc = folder / "contents.csv"
            if not toc.is_file():
                raise ActionRefused(_("文件夹“%(folder)s”中没有 contents.csv。") % {"folder": label})
            with pdfs[0].open("rb") as handle:
                issue = import_issue(actor, organization, row, File(handle, name=pdfs[0].name), toc.read_bytes(),
                                     base_dir=folder)
            report.imported.append(issue)
        except services.IssueNumberTaken as exc:
            report.failed.append((label, _taken(line, exc)))
        except ActionRefused as exc:
            report.failed.append((label, exc.reason))
        if progress:
            progress(label)
    return report


def _int(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isascii() and value.isdigit() else None
