"""好差评 services: the import of the 政务服务 system's evaluation records (all rows or none, every bad row
reported with its line number), and the monthly figures per department that the public pages show.

好评率 = (非常满意 + 满意 + 基本满意) / all evaluations, the 差评 being 不满意 and 非常不满意
(国办发〔2019〕51号, workdays.statute.RATING_BAD_LEVELS).
"""

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gongkai.accounts.permissions import organization_ids_with
from gongkai.audit.services import record
from gongkai.core import sheets
from gongkai.core.forms import CONTROL_CHARS
from gongkai.core.masking import mask_numbers
from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.ratings import reimport
from gongkai.ratings.digests import digest as _digest
from gongkai.ratings.digests import normalise
from gongkai.ratings.models import Evaluation, ImportBatch, Level
from gongkai.workdays import statute

MAX_ROWS = 20000
MAX_BYTES = 10 * 1024 * 1024
COLUMNS = {"事项": "service", "事项名称": "service", "部门": "organization", "渠道": "channel", "评价渠道": "channel",
           "评价时间": "rated_at", "等级": "level", "评价等级": "level", "差评内容": "complaint", "整改情况": "rectification",
           "整改结果": "rectification",
           "整改时间": "rectified_at", "整改日期": "rectified_at", "整改完成时间": "rectified_at"}
REQUIRED = ("service", "organization", "channel", "rated_at", "level")
LEVELS = {str(label): value for value, label in Level.choices}
# The 好差评 system began with 国办发〔2019〕51号 (关于建立政务服务“好差评”制度提高政务服务水平的意见,
# December 2019): no genuine evaluation is older, so an earlier 评价时间 is a typing or export error.
FIRST_RATING_YEAR = 2019
GOOD_LEVELS = tuple(v for v in Level.values if v not in statute.RATING_BAD_LEVELS)
# The longest text of each column, as its database column holds it (refused beyond, never cut silently).
MAX_CHARS = {"service": 200, "channel": 50, "complaint": 2000, "rectification": 2000}


def can_import(user) -> bool:
    """The 政务公开办 (`ratings.import` on the units below the county government)."""
    return bool(organization_ids_with(user, "ratings.import"))


@dataclass
class ImportResult:
    created: int = 0
    errors: list[str] = field(default_factory=list)
    batch: ImportBatch | None = None
    updated: int = 0  # evaluations imported before whose 整改情况 this file filled in or changed
    unchanged: int = 0  # evaluations imported before, nothing new: skipped
    # Rows whose different 整改情况 was not written, not shown to be newer (reimport.split_known).
    skipped: list[dict] = field(default_factory=list)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):  # an XLSX date cell reads as the day's 00:00: a date, as a CSV writes it
        return value.date().isoformat() if value.time() == dt.time(0) else value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _text_problems(cells: dict[str, str]) -> list[str]:
    """A control character in any cell (PostgreSQL cannot store NUL; pages and exports cannot hold the others),
    or a text longer than its column, named by the column's heading."""
    labels = {"service": pgettext("government service", "事项"), "organization": _("部门"), "channel": _("渠道"),
              "rated_at": _("评价时间"), "level": _("等级"), "complaint": _("差评内容"), "rectification": _("整改情况"),
              "rectified_at": _("整改时间")}
    problems = [_("“%(col)s”含控制字符") % {"col": labels[name]} for name, text in cells.items()
                if CONTROL_CHARS.search(text)]
    problems += [_("“%(col)s”超过%(n)d个字") % {"col": labels[name], "n": limit} for name, limit in MAX_CHARS.items()
                 if len(cells.get(name, "")) > limit]
    return problems


TIME = re.compile(r"(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")


def _parse_time(text: str) -> dt.datetime | None:
    """A time, or a date (its day's start: a 评价时间 given as a date)."""
    match = TIME.fullmatch(text.strip())
    if not match:
        return None
    parts = [int(p) if p else 0 for p in match.groups()]
    try:
        naive = dt.datetime(*parts)
    except ValueError:
        return None
    return timezone.make_aware(naive)


def _rectified_time(text: str) -> tuple[dt.datetime | None, dt.datetime | None]:
    """A 整改时间: (the time stored, the earliest it can be). A date alone is stored as the end of its day
    (reimport.DAY_END) — the 整改 was done that day, so it is later than a file exported that day or another
    time that day — and can be as early as the day's start (not in the future when it is today)."""
    start = _parse_time(text)
    if start is None:
        return None, None
    if TIME.fullmatch(text.strip()).group(4) is None:
        return reimport.end_of_day(start.date()), start
    return start, start


def _units() -> dict[str, Organization]:
    index = {}
    for org in Organization.objects.all():
        index.setdefault(org.name, org)
        if org.short_name:
            index.setdefault(org.short_name, org)
    return index


@transaction.atomic
def import_records(actor, filename: str, data: bytes, request=None) -> ImportResult:
    """Import an XLSX/CSV export. Nothing is stored unless every row is good; the result lists each bad row as
    「第N行：…」 with N the row number in the sheet (the header is row 1)."""
    if actor is not None and not can_import(actor):
        raise ActionRefused(_("您没有权限执行此操作（仅限有相应岗位的人员）。"))
    if len(data) > MAX_BYTES:
        raise ActionRefused(_("文件过大（上限 10 MB）。"))
    sha = hashlib.sha256(data).hexdigest()
    if ImportBatch.objects.filter(sha256=sha).exists():
        raise ActionRefused(_("这个文件已经导入过。"))
    try:
        if filename.lower().endswith(".csv"):
            rows = sheets.read_csv(data, max_rows=MAX_ROWS + 1, max_columns=16)
        else:
            rows = sheets.read_xlsx(data, max_rows=MAX_ROWS + 1, max_columns=16)
    except sheets.SheetError as exc:
        raise ActionRefused(str(exc)) from exc
    if not rows:
        raise ActionRefused(_("表格是空的。"))
    positions = {}
    for index, name in enumerate(_cell(v) for v in rows[0]):
        if name in COLUMNS and COLUMNS[name] not in positions:
            positions[COLUMNS[name]] = index
    missing = [name for name in REQUIRED if name not in positions]
    if missing:
        labels = {v: k for k, v in reversed(COLUMNS.items())}
        raise ActionRefused(_("表头缺少列：%(cols)s。表头应为：事项、部门、渠道、评价时间、等级、差评内容、整改情况。")
                            % {"cols": "、".join(labels[m] for m in missing)})
    allowed = organization_ids_with(actor, "ratings.import") if actor is not None else None
    units, errors, records, seen = _units(), [], [], set()
    content_until = None  # the latest 评价时间 or 整改时间 the file holds
    now = timezone.now()
    for line, row in sheets.numbered(rows):
        cells = {name: _cell(row[i]) if i < len(row) else "" for name, i in positions.items()}
        if not any(cells.values()):
            continue
        problems = _text_problems(cells)
        if not cells["service"]:
            problems.append(_("事项不能为空"))
        org = units.get(cells["organization"])
        if org is None:
            problems.append(_("没有名为“%(v)s”的部门") % {"v": cells["organization"]})
        elif allowed is not None and org.pk not in allowed:
            problems.append(_("“%(v)s”不在您的导入范围内") % {"v": cells["organization"]})
        if not cells["channel"]:
            problems.append(_("渠道不能为空"))
        rated_at = _parse_time(cells["rated_at"])
        if rated_at is None:
            problems.append(_("评价时间“%(v)s”应形如 2026-03-15 09:30") % {"v": cells["rated_at"]})
        elif rated_at > now:
            problems.append(_("评价时间晚于现在"))
        elif rated_at.year < FIRST_RATING_YEAR:
            problems.append(_("评价时间“%(v)s”早于%(year)d年（好差评制度自国办发〔2019〕51号起建立）")
                            % {"v": cells["rated_at"], "year": FIRST_RATING_YEAR})
        level = LEVELS.get(cells["level"])
        if level is None:
            problems.append(_("等级“%(v)s”应为非常满意、满意、基本满意、不满意或非常不满意之一") % {"v": cells["level"]})
        complaint = normalise(mask_numbers(cells.get("complaint", "")))
        if level in statute.RATING_BAD_LEVELS and not complaint:
            problems.append(_("差评须有差评内容"))
        rectified_at = rectified_from = None
        if cells.get("rectified_at"):
            rectified_at, rectified_from = _rectified_time(cells["rectified_at"])
            if rectified_at is None:
                problems.append(_("整改时间“%(v)s”应形如 2026-03-20 或 2026-03-20 10:00") % {"v": cells["rectified_at"]})
            elif rectified_from > now:
                problems.append(_("整改时间晚于现在"))
            elif rated_at is not None and rectified_at < rated_at.replace(hour=0, minute=0, second=0):
                problems.append(_("整改时间早于评价时间"))
        if problems:
            errors.append(_("第%(line)d行：%(problems)s。") % {"line": line, "problems": "；".join(problems)})
            continue
        # Every public text masked: an ID or mobile number typed into 事项 or 渠道 is as personal as in a 差评.
        # Line breaks and trailing spaces normalised (digests.normalise): a CSV's CR LF is an XLSX's LF.
        rectification = normalise(mask_numbers(cells.get("rectification", "")))
        values = {"service": normalise(mask_numbers(cells["service"])), "organization_id": org.pk,
                  "channel": normalise(mask_numbers(cells["channel"])),
                  "rated_at": rated_at, "level": level, "complaint": complaint,
                  "rectification": rectification, "rectified_at": rectified_at if rectification else None}
        digest = _digest(values)
        if digest in seen:
            errors.append(_("第%(line)d行：与本表前面的一行完全相同。") % {"line": line})
            continue
        seen.add(digest)
        records.append((line, values | {"digest": digest}))
        # A file is written after what it holds (reimport.read_export_time): a date-only 整改时间 counts from its
        # day's start here, or a file exported that very day would lose its export time.
        held = rectified_from if values["rectified_at"] else None
        content_until = max(t for t in (content_until, rated_at, held) if t is not None)
    if errors:
        errors.sort(key=lambda e: int(re.match(r"\D*(\d+)", e).group(1)))
        return ImportResult(0, errors)
    if not records:
        raise ActionRefused(_("表格中没有数据行。"))
    export = reimport.read_export_time(filename, data, FIRST_RATING_YEAR, content_until)
    exported_at = export.at
    new, updates, skipped = reimport.split_known(records, export)
    if not new and not updates:
        raise ActionRefused(_("表格中的评价都已导入过，整改情况也没有新内容，未导入。") + _skipped_text(skipped))
    try:  # a second import of the same file or rows running at the same time: the unique columns decide
        with transaction.atomic():
            batch = ImportBatch.objects.create(filename=filename[:200], sha256=sha, rows=len(new), updated=len(updates),
                                               exported_at=exported_at, skipped=skipped,
                                               imported_by=actor if getattr(actor, "is_authenticated", False) else None)
            Evaluation.objects.bulk_create([Evaluation(batch=batch, rectification_batch=batch if v["rectification"]
                                                       else None, **v) for v in new])
    except IntegrityError as exc:
        raise ActionRefused(_("这个文件或其中的评价刚刚已由另一次导入导入（可能重复点击了导入按钮），本次未导入。")) from exc
    # The units this file touched see it in their list: a file that only filled in 整改情况 too, and one that held
    # a unit's 整改情况 not written (the unit sees the row and why).
    batch.organizations.set({v["organization_id"] for v in new} | {e.organization_id for e, _v in updates}
                            | {s["organization_id"] for s in skipped})
    for evaluation, values in updates:
        before = {"rectification": evaluation.rectification, "rectified_at": evaluation.rectified_at}
        evaluation.rectification, evaluation.rectified_at = values["rectification"], values["rectified_at"]
        evaluation.rectification_batch = batch
        evaluation.save(update_fields=["rectification", "rectified_at", "rectification_batch"])
        record(actor, "ratings.rectify", evaluation, organization=evaluation.organization, before=before,
               after={"rectification": evaluation.rectification, "rectified_at": evaluation.rectified_at},
               note=filename[:100], request=request)
    record(actor, "ratings.import", batch, organization=None,
           after={"rows": len(new), "updated": len(updates), "skipped": len(skipped), "file": filename[:100]},
           request=request)
    _purge()
    return ImportResult(len(new), [], batch, len(updates), len(records) - len(new) - len(updates) - len(skipped),
                        skipped)


def _skipped_text(skipped: list[dict], shown: int = 10) -> str:
    """The rows not written, for a refusal: 「其中N行的整改情况未覆盖：第3行：…；…」."""
    if not skipped:
        return ""
    lines = "；".join(_("第%(line)d行：%(reason)s") % {"line": s["line"], "reason": reimport.describe(s)}
                     for s in skipped[:shown])
    more = _("等%(n)d行") % {"n": len(skipped)} if len(skipped) > shown else ""
    return _("其中%(n)d行的整改情况与已导入的不同但未覆盖：%(lines)s%(more)s。") % {
        "n": len(skipped), "lines": lines, "more": more}


def _purge() -> None:
    """The stored home pages (their 好差评 panel) and /hcp/ pages, in every language the site serves (/en/ too,
    whichever language the import was made in), are removed after the commit (core.pagecache)."""
    from gongkai.core import pagecache

    def purge():
        if pagecache.enabled():
            pagecache.purge(pagecache.in_every_language("portal:home"), pagecache.in_every_language("ratings:index"))

    transaction.on_commit(purge)


# --- Figures ------------------------------------------------------------------------------------------------------


def good_rate(good: int, total: int) -> str:
    if not total:
        return "—"
    value = (Decimal(good) * 100 / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{value:f}%"


@dataclass
class Row:
    organization: Organization | None  # None: the county total
    counts: dict[int, int]  # level → count
    total: int
    good: int
    rate: str
    bar: int = 0  # 好评率 in tenths of a percent, for the chart

    @property
    def cells(self) -> list[int]:
        return [self.counts.get(level, 0) for level in Level.values]


def months() -> list[dt.date]:
    """The first day of every month with evaluations, newest first (in the site's time zone)."""
    found = Evaluation.objects.annotate(m=TruncMonth("rated_at")).values_list("m", flat=True).distinct()
    return sorted({m.date() if isinstance(m, dt.datetime) else m for m in found}, reverse=True)


def month_range(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime(month.year, month.month, 1))
    following = dt.datetime(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return start, timezone.make_aware(following)


def monthly_rows(month: dt.date) -> tuple[list[Row], Row]:
    """Per department: counts by level, total, good ones, 好评率; and the county total."""
    start, end = month_range(month)
    found = (Evaluation.objects.filter(rated_at__gte=start, rated_at__lt=end)
             .values("organization_id", "level").annotate(n=Count("id")))
    per_org: dict[int, dict[int, int]] = {}
    for entry in found:
        per_org.setdefault(entry["organization_id"], {})[entry["level"]] = entry["n"]
    orgs = Organization.objects.in_bulk(list(per_org))
    rows = []
    totals = dict.fromkeys(Level.values, 0)
    for org_id, counts in per_org.items():
        counts = {level: counts.get(level, 0) for level in Level.values}
        for level, n in counts.items():
            totals[level] += n
        total, good = sum(counts.values()), sum(counts[level] for level in GOOD_LEVELS)
        rows.append(Row(orgs[org_id], counts, total, good, good_rate(good, total), round(1000 * good / total)))
    rows.sort(key=lambda r: (-r.total, r.organization.name))
    total, good = sum(totals.values()), sum(totals[level] for level in GOOD_LEVELS)
    county = Row(None, totals, total, good, good_rate(good, total), round(1000 * good / total) if total else 0)
    return rows, county


def bad_evaluations(month: dt.date):
    start, end = month_range(month)
    return (Evaluation.objects.filter(rated_at__gte=start, rated_at__lt=end, level__in=statute.RATING_BAD_LEVELS)
            .select_related("organization").order_by("organization__name", "rated_at"))


def unrectified_count(organization_ids: set[int] | None = None) -> int:
    """差评 without 整改情况: all of them, or those of the given units."""
    found = Evaluation.objects.filter(Q(rectification="") & Q(level__in=statute.RATING_BAD_LEVELS))
    if organization_ids is not None:
        found = found.filter(organization_id__in=organization_ids)
    return found.count()
