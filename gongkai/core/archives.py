"""A look inside an uploaded ZIP container (XLSX, DOCX) before any library opens it.

openpyxl reads a workbook's whole sharedStrings.xml (and styles, workbook), and mammoth a document's whole
document.xml, as soon as they open the file — before an import's row or time limits can act. A 250 KB
upload whose shared strings unpack to 100 MB ties up a worker for a minute and hundreds of megabytes. So
every import first reads the ZIP's directory (`zipfile.ZipFile.infolist`, no part is unpacked) and refuses
the file when:

- the XML parts read whole on opening, together or any one of them, unpack beyond the limits below. The
  worksheets are not among them: openpyxl (read-only) streams them row by row under the import's row and
  time limits, so a real 20,000-row 台账 (its sheet unpacks to 80 MB and more) is not refused for its size;
- any XML part, worksheets included, unpacks to more than MAX_RATIO times its packed size. Media (images
  in a document or workbook) are never unpacked by the importers and are not judged: a plain bitmap packs
  hundreds of times over.

The sizes are the ones the directory declares; Python's zipfile, which openpyxl and mammoth read through,
never unpacks a part past its declared size (it stops and fails the CRC check), so a file cannot lie its
way past them.
"""

import io
import re
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

MB = 1024 * 1024
# Any one part read whole, unpacked. The largest such part of a real workbook is its shared strings: a
# 20,000-row 台账 export with 300-character 申请内容 holds about 10 MB of them.
MAX_PART_MB = 48
# Unpacked size / packed size of one part. The XML of real workbooks and documents packs 5 to 30 times;
# 100 is Apache POI's limit for Office files (ZipSecureFile.MIN_INFLATE_RATIO = 0.01).
MAX_RATIO = 100
RATIO_GRACE = MB  # parts smaller than this unpacked are not judged by their ratio (tiny, repetitive XML)


STREAMED = re.compile(r"xl/worksheets/[^/]+\.xml", re.IGNORECASE)  # read row by row (openpyxl, read-only)
XML_PART = re.compile(r".+\.(xml|rels)", re.IGNORECASE)


class ArchiveError(ValueError):
    """The ZIP is refused before it is opened; the message says why, in Chinese."""


class NotAnArchive(ArchiveError):
    """Not a ZIP file at all, or a damaged one: the caller answers with its own message for its format."""


def _members(source) -> list[zipfile.ZipInfo]:
    if isinstance(source, bytes | bytearray):
        source = io.BytesIO(source)
    position = source.tell()
    try:
        with zipfile.ZipFile(source) as archive:
            return archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise NotAnArchive(_("文件已损坏或不是有效的压缩格式文件。")) from exc
    finally:
        source.seek(position)


def check_zip(source, *, sheets_streamed: bool = True) -> None:
    """Refuse `source` (bytes or a seekable binary file, left at its position) when it is not a ZIP, when its
    XML parts read whole unpack beyond `GONGKAI_IMPORT_UNPACKED_MB` in all or `MAX_PART_MB` in one, or when
    one XML part unpacks beyond `MAX_RATIO` times its packed size. `sheets_streamed=False` for a caller that
    then loads a workbook whole (not read-only): its worksheets count as read whole too."""
    members = [member for member in _members(source) if XML_PART.fullmatch(member.filename)]
    whole = [member for member in members if not (sheets_streamed and STREAMED.fullmatch(member.filename))]
    total_limit = settings.GONGKAI_IMPORT_UNPACKED_MB
    advice = _("请检查文件，删去多余内容或拆分后再导入。")
    if sum(member.file_size for member in whole) > total_limit * MB:
        raise ArchiveError(_("文件解压后超过 %(n)d MB，无法导入。") % {"n": total_limit} + advice)
    for member in whole:
        if member.file_size > MAX_PART_MB * MB:
            raise ArchiveError(_("文件中的“%(part)s”解压后超过 %(n)d MB，无法导入。")
                               % {"part": member.filename[:60], "n": MAX_PART_MB} + advice)
    for member in members:
        if member.file_size > RATIO_GRACE and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise ArchiveError(_("文件中的“%(part)s”压缩比异常（解压后超过压缩时的 %(n)d 倍），可能是恶意构造的文件，无法导入。")
                               % {"part": member.filename[:60], "n": MAX_RATIO})
