"""A look inside an uploaded OLE2 compound file (.doc, .xls, .ppt, .wps, .et) for macros, read with olefile.

Office 97–2003 keeps a document's VBA project in storages of the compound file ([MS-OVBA] §2.2): a project
storage holding a PROJECT stream and a storage named VBA, which holds the _VBA_PROJECT and dir streams and a
stream per module. Word names the project storage Macros, Excel _VBA_PROJECT_CUR; a document embedded in
another (Word's ObjectPool/_…, Excel's MBD… storages) carries its own, one level deeper. PowerPoint keeps its
project compressed inside the PowerPoint Document stream, announced by a VBAInfoContainer record ([MS-PPT]
§2.4.10); Excel 4.0 (XLM) macros are sheets of their own, a BoundSheet8 record of type macro sheet and a BOF
record of type 0x0040 in the Workbook stream ([MS-XLS] §2.4.28, §2.4.21). This is the look oletools'
olevba and oleid document (a VBA storage anywhere in the file; the PowerPoint and XLM records), written here
by name and record type, never by running or decompressing anything.

A file olefile cannot read, or one whose streams are shorter than its directory declares (a truncated
upload), is refused as damaged: its macros could not be looked for, and nobody could open it anyway. So is
one whose header declares more FAT sectors than its size needs (_fat_fits): olefile would spend hours on a
2 KB file. The directory is walked here, entry by entry: olefile finds a path by a linear search among the
siblings, quadratic in a storage of thousands of streams.
"""

import re
import struct
from dataclasses import dataclass

import olefile

from gongkai.core.executables import Executable

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# A file kept whole in a stream: Word and Excel keep an embedded Office 2007+ file (a .xlsm in a .doc) as its
# object storage's Package stream, a ZIP; the Packager keeps any file in an \x01Ole10Native stream, after a
# header of its names and paths ([MS-OLEDS] §2.3.6), read however long (a label of 5,000 characters hid a
# program's name and pushed its start out of sight); where that header does not parse, a ZIP or OLE2 file is
# looked for within the first NATIVE_HEADER_MAX bytes.
NATIVE_STREAM = "\x01ole10native"
NATIVE_HEADER_MAX = 4096
# [MS-CFB] §2.2: the header's sector shift (9: 512-byte sectors, 12: 4,096) and its count of FAT sectors.
HEADER_SIZE, SECTOR_SHIFTS = 512, (9, 12)
# FAT sectors a file may declare beyond those its size needs, doubled (a writer leaving spare ones), and at
# least the 109 the header itself lists: olefile reads each at a cost growing with those read before.
HEADER_FAT_SECTORS = 109
# [MS-OVBA] §2.2: the storage of a project's modules; Word's and Excel's names for the storage holding it.
VBA_STORAGE = "vba"
PROJECT_STORAGES = {"macros": "word", "_vba_project_cur": "excel"}
VBA_STREAM = "_vba_project"
# [MS-PPT] §2.4.10: a VBAInfoContainer (recVer 0xF, recType 0x03FF) whose first child is a VBAInfoAtom
# (recVer 0x2, recType 0x0400). Looked for anywhere in the stream: PowerPoint finds its records through the
# persist directory, not by their order.
POWERPOINT_STREAM = "powerpoint document"
PPT_VBA_INFO = re.compile(rb"\x0f\x00\xff\x03.{4}[\x00-\x0f]\x00\x00\x04", re.DOTALL)
# [MS-XLS]: the Workbook stream (BIFF8; Book in BIFF5) is a run of records: type (2 bytes), size (2 bytes), data.
WORKBOOK_STREAMS = ("workbook", "book")
BOF, EOF, BOUNDSHEET, FILEPASS = 0x0809, 0x000A, 0x0085, 0x002F
# BoundSheet8.dt: 1 a macro sheet, 6 a VBA module sheet (BIFF5); BOF.dt: 0x0040 a macro sheet, 0x0006 a module.
MACRO_SHEET_TYPES = {1, 6}
MACRO_SUBSTREAM_TYPES = {0x0040, 0x0006}
LOOKED_FOR = {VBA_STORAGE, *PROJECT_STORAGES, VBA_STREAM, POWERPOINT_STREAM, *WORKBOOK_STREAMS, NATIVE_STREAM}
# Records of the workbook globals read at most: a real workbook's are tens of thousands (64,000 cell formats at
# most, the shared strings in 8 KB records); a stream of 4-byte empty records without an EOF took 0.5 s a MB.
MAX_GLOBALS_RECORDS = 1_000_000


class DamagedFile(ValueError):
    """The compound file cannot be read whole."""


class Encrypted(Exception):  # noqa: N818 — a finding, raised through the look
    """A file inside the upload is kept under a password (a ZIP member), so it cannot be looked into; `name` is
    its name inside the upload."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


class TooManyFiles(Exception):  # noqa: N818 — a finding, raised through the look
    """The upload holds more files, counting those inside the archives and Office files in it, than are looked
    into (core.archives.MAX_FILES_READ), or more Office files and archives (MAX_FILES_OPENED)."""

    def __init__(self, limit: int, office: bool = False):
        super().__init__(limit)
        self.limit = limit
        self.office = office  # Office files and archives opened (core.archives.MAX_FILES_OPENED)


@dataclass(frozen=True)
class Macros:
    """Where macros were found: in the uploaded document itself, or in a file embedded in it (`kind`:
    "word", "excel", "powerpoint" or "" when unknown)."""
    embedded: bool
    kind: str = ""
    part: str = ""  # the embedded file's name inside a ZIP upload, where known


def find_macros(source, inner=None) -> Macros | None:
    """The macros of `source` (a seekable binary file holding an OLE2 compound file, left at its position):
    None when there are none. Raise DamagedFile when the file cannot be read whole. `inner`, given a file kept
    whole in a stream (_kept_file), returns its macros (core.archives looks into a ZIP or OLE2 file again)."""
    position = source.tell()
    try:
        size = source.seek(0, 2)
        if not _fat_fits(source, size):
            raise DamagedFile("FAT sectors")
        source.seek(0)
        with olefile.OleFileIO(source) as ole:
            return _look(ole, size, inner)
    except (DamagedFile, Executable, Encrypted, TooManyFiles):
        raise
    except Exception as exc:  # noqa: BLE001 — whatever olefile meets in a hostile or broken file
        raise DamagedFile(str(exc)) from exc
    finally:
        source.seek(position)


def _fat_fits(source, size: int) -> bool:
    """Whether the header's count of FAT sectors fits the file's size. olefile joins the FAT sector by sector
    into a new copy of the whole (quadratic in their count) and follows the DIFAT chain as many times as that
    count asks, however the chain loops: a 2 KB file declaring millions of FAT sectors ties a worker up for
    hours. A real file's FAT covers its own sectors, 128 (1,024) to a FAT sector."""
    source.seek(0)
    header = source.read(HEADER_SIZE)
    if len(header) < HEADER_SIZE:
        return False
    (shift,) = struct.unpack_from("<H", header, 30)
    if shift not in SECTOR_SHIFTS:
        return True  # olefile refuses it itself, at once
    sector = 1 << shift
    (fat_sectors,) = struct.unpack_from("<I", header, 0x2C)
    sectors = -(-size // sector)
    needed = -(-sectors // (sector // 4))
    return fat_sectors <= max(HEADER_FAT_SECTORS, 2 * needed)


def _name(entry) -> str:
    """An entry's name, lower-cased, as whichever reader looks for it: up to the name's first NUL however
    long the entry says it is (a name declared longer than written reads 「VBA\\0\\0…」 in olefile), or, where
    the 64-byte field holds one of the names looked for before its first NUL, that name."""
    declared = entry.name.split("\0", 1)[0].lower()
    written = entry.name_raw.decode("utf-16-le", "replace").split("\0", 1)[0].lower()
    return written if written in LOOKED_FOR else declared


def _entries(ole: olefile.OleFileIO):
    """(path, entry) for every stream and storage under the root, its names lower-cased (_name), walking the tree
    olefile built (its listdir and openstream find each path again by a linear search among siblings). olefile
    lets no other entry be reached twice, but it lets the root be its own child (a root entry typed as a
    storage, found by mutating uploads: the walk never ended): an entry already walked is not walked again."""
    storages = [([], ole.root)]
    seen = {id(ole.root)}
    while storages:
        path, storage = storages.pop()
        for kid in storage.kids:
            if id(kid) in seen:
                continue
            seen.add(id(kid))
            kid_path = [*path, _name(kid)]
            yield kid_path, kid
            if kid.entry_type == olefile.STGTY_STORAGE:
                storages.append((kid_path, kid))


def _declared_sizes_fit(ole: olefile.OleFileIO, streams: list, size: int) -> bool:
    """Whether the streams' declared sizes fit in the file. olefile reads a stream sector by sector up to its
    declared size, following the FAT as written: a stream declared 4 GB on a looping chain would be read to
    4 GB. Streams share no sectors, so those in the FAT add up to less than the file, those in the mini
    stream (under the cutoff) to less than the mini stream, itself in the file."""
    sizes = [entry.size for _path, entry in streams]
    big = sum(n for n in sizes if n >= ole.minisectorcutoff)
    small = sum(n for n in sizes if n < ole.minisectorcutoff)
    return big + ole.root.size <= size and small <= ole.root.size


def _kept_file(data: memoryview) -> bytes | None:
    """The file a Package stream keeps whole (a ZIP or an OLE2 file), or None."""
    head = bytes(data[:len(OLE2_MAGIC)])
    return bytes(data) if head.startswith((ZIP_MAGIC, OLE2_MAGIC)) else None


def _text(name: bytes) -> str:
    """A Packager name: in the writer's ANSI code page (GBK on a Chinese Windows), or UTF-8."""
    try:
        return name.decode("utf-8")
    except UnicodeDecodeError:
        return name.decode("gbk", "replace")


def packaged_file(data: memoryview) -> tuple[str, bytes]:
    """The name and content of the file a Packager keeps in an \x01Ole10Native stream ([MS-OLEDS] §2.3.6 and
    the Packager's own layout): the stream's size (4 bytes), flags (2), the label and the source path
    (NUL-terminated), 4 bytes, the temporary path (its length in 4 bytes, then the path), the file's size (4),
    the file. The names are the label, the source path and the temporary path joined, so that a check by
    extension sees each; a header that does not parse leaves the names found so far and the bytes after them,
    and a ZIP or OLE2 file found within the first NATIVE_HEADER_MAX bytes is the content."""
    raw = bytes(data)
    names, position = [], 6
    for _field in range(2):
        end = raw.find(b"\0", position)
        if end < 0:
            break
        names.append(_text(raw[position:end]))
        position = end + 1
    else:
        position += 4
        if position + 4 <= len(raw):
            (length,) = struct.unpack_from("<I", raw, position)
            if position + 4 + length + 4 <= len(raw):
                names.append(_text(raw[position + 4:position + 4 + length].split(b"\0", 1)[0]))
                position += 4 + length
                (size,) = struct.unpack_from("<I", raw, position)
                position += 4
                if 0 < size <= len(data) - position:
                    return "\n".join(names), bytes(data[position:position + size])
    starts = [start for start in (raw.find(ZIP_MAGIC, 0, NATIVE_HEADER_MAX), raw.find(OLE2_MAGIC, 0, NATIVE_HEADER_MAX))
              if start >= 0]
    return "\n".join(names), bytes(data[min(starts) if starts else position:])


def _look(ole: olefile.OleFileIO, size: int, inner) -> Macros | None:
    entries = list(_entries(ole))
    streams = [(path, entry) for path, entry in entries if entry.entry_type == olefile.STGTY_STREAM]
    if not _declared_sizes_fit(ole, streams, size):
        raise DamagedFile("stream sizes")
    found: list[Macros] = []
    for path, entry in entries:
        if entry.entry_type != olefile.STGTY_STORAGE:
            continue
        if path[-1] == VBA_STORAGE:
            found.append(_project(path[:-1]))
        elif path[-1] in PROJECT_STORAGES:
            found.append(_project(path))
    for path, entry in streams:
        data = ole._open(entry.isectStart, entry.size).getbuffer()  # openstream, less its search by path
        if len(data) < entry.size:  # the whole stream: a truncated file reads short
            raise DamagedFile("/".join(path))
        if path[-1] == VBA_STREAM:
            found.append(_project(path[:-2] if len(path) > 1 and path[-2] == VBA_STORAGE else path[:-1]))
        elif path[-1] == POWERPOINT_STREAM and PPT_VBA_INFO.search(data):
            found.append(Macros(embedded=len(path) > 1, kind="powerpoint"))
        elif path[-1] in WORKBOOK_STREAMS and _has_macro_sheet(data):
            found.append(Macros(embedded=len(path) > 1, kind="excel"))
        elif inner is not None and path[-1] == NATIVE_STREAM:
            packaged_name, content = packaged_file(data)
            if (macros := inner(content, packaged_name)) is not None:
                found.append(Macros(embedded=True, kind=macros.kind))
        elif inner is not None and (kept := _kept_file(data)) is not None:
            if (macros := inner(kept)) is not None:
                found.append(Macros(embedded=True, kind=macros.kind))
    if not found:
        return None
    own = [macros for macros in found if not macros.embedded]
    return own[0] if own else found[0]


def _project(storage: list[str]) -> Macros:
    """The macros of a project kept in `storage` (its path, lower-cased): the document's own when the storage
    is the root or one of its children, an embedded document's when deeper."""
    kind = PROJECT_STORAGES.get(storage[-1], "") if storage else ""
    return Macros(embedded=len(storage) > 1, kind=kind)


def _has_macro_sheet(stream: memoryview) -> bool:
    """Whether the workbook globals (the records up to the first EOF) list a macro sheet: by the BoundSheet8
    record's sheet type, or — that type is encrypted in a workbook with a FilePass record, its position is
    not — by the type in the BOF record that begins the sheet's own records."""
    offset, encrypted, records = 0, False, 0
    while offset + 4 <= len(stream):
        records += 1
        if records > MAX_GLOBALS_RECORDS:
            raise DamagedFile("workbook records")
        kind, size = struct.unpack_from("<HH", stream, offset)
        if kind == EOF:
            break
        if kind == FILEPASS:
            encrypted = True
        elif kind == BOUNDSHEET and size >= 6 and (data := stream[offset + 4:offset + 4 + size]) and len(data) >= 6:
            (start,) = struct.unpack_from("<I", data)
            if not encrypted and data[5] in MACRO_SHEET_TYPES:
                return True
            if start + 8 <= len(stream):
                record, _size, _version, sheet = struct.unpack_from("<HHHH", stream, start)
                if record == BOF and sheet in MACRO_SUBSTREAM_TYPES:
                    return True
        offset += 4 + size
    return False
