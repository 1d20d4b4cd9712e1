"""Rows imported before, met again in a later file: is its 整改情况 new, and is it newer than the one stored?

The 好差评 system's exports are imported in whatever order staff happen to upload them, so an export from
before a 整改情况 was corrected may come after the export holding the correction. A different 整改情况 replaces a
stored one only when the file shows it is the newer (`decide`), from these times:

- the row's 整改时间 (an optional column: 整改时间, 整改日期 or 整改完成时间), when the 整改 was recorded;
- the file's export time: an XLSX's document creation time, which the system writes when it exports and a
  re-save in Excel or WPS keeps (`export_time`; none when it is before the latest time the file holds, as a
  template's is); a CSV has none;
- the stored version's import time: its file was exported before it was imported.

Both 整改时间 known: the later wins. Else both export times known and different: the later file wins (one
time in two files is a template's, not their export's). Else the new file exported before the stored 整改
took place (a date-only 整改时间: before its day began) is older. Else the new version wins when either of its times (整改时间, export time) is after the
stored version's file was exported (or, unknown, imported). Anything else cannot be ordered and the stored
整改情况 is kept, and the row says why (what the file and the row lack). A date-only 整改时间 is the end of its day
(DAY_END). An empty stored 整改情况 is always filled in. A row not
written is reported with its reason, in the result and on the batch (`ImportBatch.skipped`: the outcome and
the times compared, worded in the reader's language by `describe`).
"""

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gongkai.ratings.models import Evaluation

CORE_PROPERTIES = "docProps/core.xml"
CORE_PROPERTIES_MAX_BYTES = 64 * 1024
CREATED = re.compile(r"<dcterms:created\b[^>]*>\s*([^<]+?)\s*</dcterms:created>")
NEWER, OLDER_EXPORT, OLDER_RECTIFIED, UNKNOWN = "newer", "older_export", "older_rectified", "unknown"
# A date-only 整改时间 (a CSV's 2026-03-20, an XLSX date cell) is stored as the end of its day: the 整改 was done
# that day, so it is later than anything before the day ends (services._rectified_time).
DAY_END = dt.time.max


# Why a file has no export time (ImportBatch.skipped keeps the code; `describe` words it).
NO_EXPORT_CSV, NO_EXPORT_MISSING, NO_EXPORT_IMPLAUSIBLE, NO_EXPORT_TEMPLATE = "csv", "missing", "implausible", "template"


@dataclass(frozen=True)
class ExportTime:
    at: dt.datetime | None  # the export time, None when the file has none that can be one
    missing: str = ""  # why not: NO_EXPORT_* ("" when `at` is known)
    created: dt.datetime | None = None  # the document's creation time, when it was read but not taken
    content_until: dt.datetime | None = None  # the latest time the file holds (NO_EXPORT_TEMPLATE)

    def note(self) -> dict:
        """What a row not written keeps of it, for `describe` (times as shown)."""
        return {"file": self.missing, "created": _when(self.created), "latest": _when(self.content_until)}


def read_export_time(filename: str, data: bytes, first_year: int, content_until: dt.datetime) -> ExportTime:
    """An XLSX's document creation time, when it has a plausible one (not before `first_year`, not in the
    future, and not before `content_until`, the latest 评价时间 or 整改时间 in the file: a file is not written
    before what it holds — a system that fills a template keeps the template's creation time in every export,
    which tells nothing of the export's age); none for a CSV or a file without it, with the reason."""
    if filename.lower().endswith(".csv"):
        return ExportTime(None, NO_EXPORT_CSV)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(CORE_PROPERTIES)
            if info.file_size > CORE_PROPERTIES_MAX_BYTES:
                return ExportTime(None, NO_EXPORT_MISSING)
            text = archive.read(info).decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError):
        return ExportTime(None, NO_EXPORT_MISSING)
    match = CREATED.search(text)
    if not match:
        return ExportTime(None, NO_EXPORT_MISSING)
    try:
        created = dt.datetime.fromisoformat(match.group(1).replace("Z", "+00:00"))
    except ValueError:
        return ExportTime(None, NO_EXPORT_MISSING)
    if created.tzinfo is None:  # W3CDTF without a zone: Excel and the libraries that export write UTC
        created = created.replace(tzinfo=dt.UTC)
    if created.year < first_year or created > timezone.now() + dt.timedelta(minutes=5):
        return ExportTime(None, NO_EXPORT_IMPLAUSIBLE, created)
    if created < content_until:
        return ExportTime(None, NO_EXPORT_TEMPLATE, created, content_until)
    return ExportTime(created)


def export_time(filename: str, data: bytes, first_year: int, content_until: dt.datetime) -> dt.datetime | None:
    """The export time of read_export_time, or None."""
    return read_export_time(filename, data, first_year, content_until).at


def decide(new_rectified, new_exported, stored: Evaluation) -> str:
    """NEWER: write the row's 整改情况 over the stored one; otherwise why not (see the module's rule)."""
    batch = stored.rectification_batch
    old_rectified = stored.rectified_at
    old_exported = batch.exported_at if batch else None
    if new_rectified and old_rectified:
        return NEWER if new_rectified >= old_rectified else OLDER_RECTIFIED
    if new_exported and old_exported and new_exported != old_exported:  # equal: two files of one template?
        return NEWER if new_exported > old_exported else OLDER_EXPORT
    if new_exported and old_rectified and new_exported < _earliest(old_rectified):
        return OLDER_EXPORT
    bound = _bound(stored)
    return NEWER if bound and any(known and known > bound for known in (new_rectified, new_exported)) else UNKNOWN


def _bound(stored: Evaluation) -> dt.datetime | None:
    """When the stored version's file was exported (or, not known, imported): a time after it is newer."""
    batch = stored.rectification_batch
    return (batch.exported_at or batch.imported_at) if batch else None


def _earliest(rectified: dt.datetime) -> dt.datetime:
    """The earliest the stored 整改 can have taken place: a date-only 整改时间 (stored as DAY_END) from its day's
    start. A file exported that day, after the stored version's file, is not older than that 整改."""
    local = timezone.localtime(rectified)
    if local.time() != DAY_END:
        return rectified
    return timezone.make_aware(dt.datetime.combine(local.date(), dt.time(0)))


def end_of_day(day: dt.date) -> dt.datetime:
    """A date-only 整改时间: the 整改 was done some time that day, at the latest at its end (DAY_END)."""
    return timezone.make_aware(dt.datetime.combine(day, DAY_END))


def _when(value: dt.datetime | None) -> str:
    if not value:
        return ""
    local = timezone.localtime(value)
    return local.strftime("%Y-%m-%d") if local.time() == DAY_END else local.strftime("%Y-%m-%d %H:%M")


def times(outcome: str, new_rectified, new_exported, stored: Evaluation) -> tuple[str, str]:
    """The two times an OLDER_* outcome compares, as shown (the row's or file's, the stored version's)."""
    batch = stored.rectification_batch
    if outcome == OLDER_RECTIFIED:
        return _when(new_rectified), _when(stored.rectified_at)
    if outcome == OLDER_EXPORT:
        return _when(new_exported), _when((batch.exported_at if batch else None) or stored.rectified_at)
    return "", ""


def describe(entry: dict) -> str:
    """The reason of a row not written, in the reader's language (the batch keeps the outcome and times)."""
    if entry["outcome"] == OLDER_RECTIFIED:
        return _("整改时间（%(new)s）早于已导入的版本（%(old)s），未覆盖") % entry
    if entry["outcome"] == OLDER_EXPORT:
        return _("导出时间（%(new)s）早于已导入的版本（%(old)s），未覆盖") % entry
    advice = _("请导入好差评系统导出的 XLSX 原文件，或带“整改时间”列的文件")
    if "file" not in entry:  # kept before the reasons were (2026-12-05)
        return _("无法判断是否比已导入的版本新，未覆盖；%(advice)s") % {"advice": advice}
    return _("无法判断是否比已导入的版本新，未覆盖：%(file)s，%(row)s；%(advice)s") % {
        "file": _file_reason(entry), "row": _row_reason(entry), "advice": advice}


def _file_reason(entry: dict) -> str:
    reasons = {
        NO_EXPORT_CSV: _("CSV 文件不带导出时间"),
        NO_EXPORT_MISSING: _("文件没有记录创建时间，无从得知导出时间"),
        NO_EXPORT_IMPLAUSIBLE: _("文件的创建时间（%(created)s）不可信（早于好差评制度建立或晚于现在），不作为导出时间"),
        NO_EXPORT_TEMPLATE: _("文件的创建时间（%(created)s）早于表中最晚的评价或整改时间（%(latest)s），"
                              "是模板的时间而非导出时间"),
    }
    if entry["file"] in reasons:
        return reasons[entry["file"]] % entry
    return _("文件的导出时间（%(exported)s）不晚于已导入版本的%(bound_label)s（%(bound)s）") % _bound_words(entry)


def _row_reason(entry: dict) -> str:
    if not entry.get("row"):
        return _("该行也没有整改时间")
    return _("该行的整改时间（%(row)s）不晚于已导入版本的%(bound_label)s（%(bound)s）") % _bound_words(entry)


def _bound_words(entry: dict) -> dict:
    label = (pgettext("time compared", "导出时间") if entry.get("bound_kind") == "exported"
             else pgettext("time compared", "导入时间"))
    return entry | {"bound_label": label, "bound": entry.get("bound") or "—"}


def split_known(records: list[tuple[int, dict]], export) -> tuple[list[dict], list[tuple], list[dict]]:
    """The rows never imported; the evaluations whose 整改情况 this file fills in or replaces (evaluation,
    values); and the rows whose different 整改情况 was not written (line, unit, 事项, 评价时间, reason).

    The digest leaves 整改情况 out: a re-export after the 整改 is the same evaluation. An empty 整改情况 in the
    file never clears one already recorded; an unchanged row is skipped, and so is a good rating's (整改情况
    is a 差评's: text such as “无需整改” beside good ratings is neither 补录 nor audited)."""
    # Only the evaluations are locked (of=self): select_related would lock the units' rows as well, and every
    # write referring to a unit (FOR KEY SHARE) would wait for the whole import.
    known = {e.digest: e for e in Evaluation.objects.select_for_update(of=("self",))
             .filter(digest__in=[values["digest"] for _line, values in records])
             .select_related("organization", "rectification_batch")}
    if not isinstance(export, ExportTime):  # a time or None (tests, callers that know only the time)
        export = ExportTime(export)
    exported_at = export.at
    new, updates, skipped = [], [], []
    for line, values in records:
        evaluation = known.get(values["digest"])
        if evaluation is None:
            new.append(values)
            continue
        text = values["rectification"]
        if not evaluation.is_bad or not text or text == evaluation.rectification:
            continue
        outcome = NEWER if not evaluation.rectification else decide(values["rectified_at"], exported_at, evaluation)
        if outcome == NEWER:
            updates.append((evaluation, values))
        else:
            new_time, old_time = times(outcome, values["rectified_at"], exported_at, evaluation)
            entry = {"line": line, "organization_id": evaluation.organization_id,
                     "service": evaluation.service, "rated_at": _when(evaluation.rated_at),
                     "outcome": outcome, "new": new_time, "old": old_time}
            if outcome == UNKNOWN:  # what was known and why it did not order them (describe)
                batch = evaluation.rectification_batch
                entry |= export.note() | {
                    "exported": _when(exported_at), "row": _when(values["rectified_at"]),
                    "bound": _when(_bound(evaluation)),
                    "bound_kind": "exported" if batch and batch.exported_at else "imported"}
            skipped.append(entry)
    return new, updates, skipped
