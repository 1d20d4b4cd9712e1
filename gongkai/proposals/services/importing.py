"""Import of the congress's (or CPPCC's) 交办 list: XLSX or CSV, all rows or none."""

import datetime as dt
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import organization_ids_with
from gongkai.audit.services import record
from gongkai.core import sheets
from gongkai.core.forms import CONTROL_CHARS
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.proposals.models import MAX_NUMBER, Kind, Proposal
from gongkai.proposals.services.common import check_values, is_keeper, purge_public, save_new

MAX_IMPORT_ROWS = 2000
KIND_WORDS = {"人大代表建议": Kind.SUGGESTION, "代表建议": Kind.SUGGESTION, "建议": Kind.SUGGESTION,
              "政协提案": Kind.PROPOSAL, "委员提案": Kind.PROPOSAL, "提案": Kind.PROPOSAL}
# Import columns: header text → field. 「协办单位」「涉及面广」 may be missing.
COLUMNS = {"类别": "kind", "编号": "number", "标题": "title", "代表/委员": "proposers", "提出人": "proposers",
           "主办单位": "lead_unit", "协办单位": "co_units", "交办日期": "assigned_on", "涉及面广": "complex"}
REQUIRED_COLUMNS = ("kind", "number", "title", "proposers", "lead_unit", "assigned_on")
LABELS = {field: name for name, field in reversed(COLUMNS.items())}  # 「代表/委员」 rather than 「提出人」
NUMBER = re.compile(rf"\d{{1,{len(str(MAX_NUMBER))}}}", re.ASCII)  # no 「²」 or 「３」, no 3000000000
UNIT_SEPARATORS = re.compile(r"[、，,；;\s]+")
# 涉及面广 as written in a list: yes or no; anything else is refused with its row (blank is no).
YES_WORDS = ("是", "1", "Y", "YES", "TRUE", "√", "✓")
NO_WORDS = ("否", "0", "N", "NO", "FALSE", "×", "✗", "")


@dataclass
class ImportResult:
    created: int = 0
    errors: list[str] = None


def _unit_index() -> dict[str, Organization]:
    index = {}
    for org in Organization.objects.all():
        index.setdefault(org.name, org)
        if org.short_name:
            index.setdefault(org.short_name, org)
    return index


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _parse_number(text: str) -> int | None:
    """编号 as the hand form takes it: 1 to MAX_NUMBER, in ASCII digits."""
    if not NUMBER.fullmatch(text):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_NUMBER else None


def _parse_date(text: str) -> dt.date | None:
    text = text.strip().replace("/", "-").replace(".", "-")
    match = re.fullmatch(r"(\d{4})[-年](\d{1,2})[-月](\d{1,2})日?", text)
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def read_rows(filename: str, data: bytes) -> list[list]:
    try:
        if filename.lower().endswith(".csv"):
            return sheets.read_csv(data, max_rows=MAX_IMPORT_ROWS + 1, max_columns=16)
        return sheets.read_xlsx(data, max_rows=MAX_IMPORT_ROWS + 1, max_columns=16)
    except sheets.SheetError as exc:
        raise ActionRefused(str(exc)) from exc


@transaction.atomic
def import_register(actor, year: int, filename: str, data: bytes, request=None) -> ImportResult:
    """The congress's (or CPPCC's) 交办 list as XLSX/CSV: all rows or none. Any bad row refuses the whole
    file, and every bad row is reported with its line number in the sheet."""
    if actor is not None and not is_keeper(actor):
        raise ActionRefused(_("建议提案登记册由县政府办公室（政务公开办）维护。"))
    allowed = organization_ids_with(actor, "proposal.register") if actor is not None else None
    rows = read_rows(filename, data)
    if not rows:
        raise ActionRefused(_("表格是空的。"))
    header = [_cell(v) for v in rows[0]]
    positions = {}
    for index, name in enumerate(header):
        if name in COLUMNS and COLUMNS[name] not in positions:
            positions[COLUMNS[name]] = index
    missing = [name for name in REQUIRED_COLUMNS if name not in positions]
    if missing:
        labels = {v: k for k, v in reversed(COLUMNS.items())}
        raise ActionRefused(_("表头缺少列：%(cols)s。") % {"cols": "、".join(labels[m] for m in missing)})
    units = _unit_index()
    errors, values_list, seen = [], [], set()
    for line, row in sheets.numbered(rows):
        cells = {field: _cell(row[i]) if i < len(row) else "" for field, i in positions.items()}
        if not any(cells.values()):
            continue
        problems = []
        kind = KIND_WORDS.get(cells["kind"])
        if kind is None:
            problems.append(_("类别“%(v)s”应为“人大代表建议”或“政协提案”") % {"v": cells["kind"]})
        bad_text = [LABELS[field] for field, text in cells.items() if CONTROL_CHARS.search(text)]
        if bad_text:  # NUL cannot be stored in PostgreSQL text at all; ESC or BEL are no part of a title
            problems.append(_("“%(cols)s”不能包含控制字符") % {"cols": "”“".join(bad_text)})
        number = _parse_number(cells["number"])
        if number is None:
            problems.append(_("编号须为1至%(max)d的整数") % {"max": MAX_NUMBER})
        assigned_on = _parse_date(cells["assigned_on"])
        if assigned_on is None:
            problems.append(_("交办日期“%(v)s”应形如 %(year)s-03-15") % {"v": cells["assigned_on"], "year": year})
        lead = units.get(cells["lead_unit"])
        if lead is None:
            problems.append(_("没有名为“%(v)s”的主办单位") % {"v": cells["lead_unit"]})
        elif allowed is not None and lead.pk not in allowed:
            problems.append(_("“%(v)s”不在您的登记范围内") % {"v": cells["lead_unit"]})
        co_units = []
        for name in filter(None, UNIT_SEPARATORS.split(cells.get("co_units", ""))):
            if name not in units:
                problems.append(_("没有名为“%(v)s”的协办单位") % {"v": name})
            else:
                co_units.append(units[name])
        if not cells["title"] or not cells["proposers"]:
            problems.append(_("标题和代表/委员不能为空"))
        complex_word = cells.get("complex", "").strip().upper()
        if complex_word not in YES_WORDS + NO_WORDS:
            problems.append(_("涉及面广“%(v)s”应填写“是”或“否”（也可写1/0、Y/N、√/×）") % {"v": cells["complex"][:20]})
        if kind and number and (kind, number) in seen:
            problems.append(_("编号与本表前面的行重复"))
        elif kind and number and Proposal.objects.filter(year=year, kind=kind, number=number).exists():
            problems.append(_("%(kind)s第%(n)s号已在登记册中") % {"kind": Kind(kind).label, "n": number})
        if not problems:
            # The checks of the hand form (交办日期 within the year, lengths…), reported on this line.
            try:
                values = check_values({"year": year, "kind": kind, "number": number, "title": cells["title"],
                                       "proposers": cells["proposers"], "lead_unit": lead, "co_units": co_units,
                                       "assigned_on": assigned_on,
                                       "complex": complex_word in YES_WORDS})
            except ActionRefused as exc:
                problems.append(str(exc).rstrip("。"))
        if problems:
            errors.append(_("第%(line)d行：%(problems)s。") % {"line": line, "problems": "；".join(problems)})
            continue
        seen.add((kind, number))
        values_list.append(values)
    if errors:
        return ImportResult(0, errors)
    if not values_list:
        raise ActionRefused(_("表格中没有数据行。"))
    created = []
    for values in values_list:
        try:
            created.append(save_new(values))
        except ActionRefused as exc:
            transaction.set_rollback(True)
            return ImportResult(0, [str(exc)])
    record(actor, "proposal.import", None, organization=None, object_type="proposals.import",
           object_repr=_("%(year)s年建议提案交办清单（%(n)d件）") % {"year": year, "n": len(created)},
           after={"year": year, "count": len(created), "file": filename[:100]}, request=request)
    purge_public(year)
    return ImportResult(len(created), [])
