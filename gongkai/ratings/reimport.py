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
took place is older. Else the new version wins when its time (整改时间, or
else export time) is after the stored version's file was exported (or, unknown, imported). Anything else
cannot be ordered and the stored 整改情况 is kept. An empty stored 整改情况 is always filled in. A row not
written is reported with its reason, in the result and on the batch (`ImportBatch.skipped`: the outcome and
the times compared, worded in the reader's language by `describe`).
"""

import datetime as dt
import io
import re
import zipfile

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.ratings.models import Evaluation

CORE_PROPERTIES = "docProps/core.xml"
CORE_PROPERTIES_MAX_BYTES = 64 * 1024
CREATED = re.compile(r"<dcterms:created\b[^>]*>\s*([^<]+?)\s*</dcterms:created>")
NEWER, OLDER_EXPORT, OLDER_RECTIFIED, UNKNOWN = "newer", "older_export", "older_rectified", "unknown"


def export_time(filename: str, data: bytes, first_year: int, content_until: dt.datetime) -> dt.datetime | None:
    """An XLSX's document creation time, when it has a plausible one (not before `first_year`, not in the
    future, and not before `content_until`, the latest 评价时间 or 整改时间 in the file: a file is not written
    before what it holds — a system that fills a template keeps the template's creation time in every export,
    which tells nothing of the export's age); None for a CSV or a file without it."""
    if filename.lower().endswith(".csv"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(CORE_PROPERTIES)
            if info.file_size > CORE_PROPERTIES_MAX_BYTES:
                return None
            text = archive.read(info).decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError):
        return None
    match = CREATED.search(text)
    if not match:
        return None
    try:
        created = dt.datetime.fromisoformat(match.group(1).replace("Z", "+00:00"))
    except ValueError:
        return None
    if created.tzinfo is None:  # W3CDTF without a zone: Excel and the libraries that export write UTC
        created = created.replace(tzinfo=dt.UTC)
    if created.year < first_year or created > timezone.now() + dt.timedelta(minutes=5) or created < content_until:
        return None
    return created


def decide(new_rectified, new_exported, stored: Evaluation) -> str:
    """NEWER: write the row's 整改情况 over the stored one; otherwise why not (see the module's rule)."""
    batch = stored.rectification_batch
    old_rectified = stored.rectified_at
    old_exported = batch.exported_at if batch else None
    if new_rectified and old_rectified:
        return NEWER if new_rectified >= old_rectified else OLDER_RECTIFIED
    if new_exported and old_exported and new_exported != old_exported:  # equal: two files of one template?
        return NEWER if new_exported > old_exported else OLDER_EXPORT
    if new_exported and old_rectified and new_exported < old_rectified:
        return OLDER_EXPORT
    known = new_rectified or new_exported
    bound = old_exported or (batch.imported_at if batch else None)
    return NEWER if known and bound and known > bound else UNKNOWN


def _when(value: dt.datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


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
    return _("文件没有导出时间（CSV 不带导出时间）、该行也没有整改时间，无法判断是否比已导入的版本新，未覆盖；"
             "请导入好差评系统导出的 XLSX 原文件，或带“整改时间”列的文件")


def split_known(records: list[tuple[int, dict]], exported_at) -> tuple[list[dict], list[tuple], list[dict]]:
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
            skipped.append({"line": line, "organization_id": evaluation.organization_id,
                            "service": evaluation.service, "rated_at": _when(evaluation.rated_at),
                            "outcome": outcome, "new": new_time, "old": old_time})
    return new, updates, skipped
