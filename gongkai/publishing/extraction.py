"""The text of an attachment, for search: PDF (pypdf), DOCX (mammoth), XLSX (openpyxl).

A PDF whose pages carry (almost) no text is a scan: 「扫描件，无法检索」 (no OCR here). OFD (GB/T 33190) is
not extracted: no parser with a maintenance record exists on PyPI or Debian (easyofd, ofdkit and
ofdreader are single-author packages a few months old); the attachment is marked as a format whose
text is not extracted. So are DOC/XLS/WPS/ET (binary Office formats), images and ZIP archives.
"""

import logging
import re
import zipfile

from gongkai.core import archives
from gongkai.publishing.models import Attachment

logger = logging.getLogger(__name__)

MAX_CHARS = 300_000  # the text kept per attachment (a long annex of tables); the rest is not indexed
MAX_XLSX_CELLS = 200_000
# Fewer visible characters than this per page on average: a scan (stamps, page numbers only).
SCANNED_CHARS_PER_PAGE = 10
Status = Attachment.TextStatus


def _pdf(fileobj) -> tuple[str, str]:
    from pypdf import PdfReader

    reader = PdfReader(fileobj)
    pages, parts, size = len(reader.pages), [], 0
    for page in reader.pages:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size > MAX_CHARS:
            break
    text = "\n".join(parts)
    visible = len(re.sub(r"\s+", "", text))
    if pages and visible < SCANNED_CHARS_PER_PAGE * pages:
        return Status.SCANNED, ""
    return Status.EXTRACTED, text


def _docx(fileobj) -> tuple[str, str]:
    import mammoth

    return Status.EXTRACTED, mammoth.extract_raw_text(fileobj).value


def _xlsx(fileobj) -> tuple[str, str]:
    from openpyxl import load_workbook

    workbook = load_workbook(fileobj, read_only=True, data_only=True)
    lines, cells = [], 0
    try:
        for sheet in workbook.worksheets:
            lines.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                values = [str(v) for v in row if v not in (None, "")]
                cells += len(row)
                if values:
                    lines.append(" ".join(values))
                if cells > MAX_XLSX_CELLS:
                    break
    finally:
        workbook.close()
    return Status.EXTRACTED, "\n".join(lines)


EXTRACTORS = {
    "application/pdf": _pdf,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _docx,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _xlsx,
}


def extract(attachment: Attachment) -> tuple[str, str]:
    """(status, text) of an attachment's file; never raises on a damaged or hostile file."""
    extractor = EXTRACTORS.get(attachment.content_type)
    if extractor is None:
        return Status.UNSUPPORTED, ""
    try:
        with attachment.file.open("rb") as fileobj:
            if extractor is not _pdf:  # DOCX and XLSX: mammoth and openpyxl unpack whole parts on opening
                archives.check_zip(fileobj, sheets_streamed=extractor is _xlsx)
            status, text = extractor(fileobj)
    except archives.ArchiveError as exc:
        logger.warning("text extraction refused for attachment %s: %s", attachment.pk, exc)
        return Status.FAILED, ""
    except (Exception, zipfile.BadZipFile, RecursionError):  # pypdf/openpyxl raise many kinds on bad input
        logger.warning("text extraction failed for attachment %s", attachment.pk, exc_info=True)
        return Status.FAILED, ""
    text = re.sub(r"[ \t\u3000]+", " ", text.replace("\x00", ""))
    text = re.sub(r"\n\s*\n+", "\n", text).strip()
    return status, text[:MAX_CHARS]
