"""A look inside an uploaded ZIP container (XLSX, DOCX) before any library opens it.

openpyxl reads a workbook's whole sharedStrings.xml (and styles, workbook), and mammoth a document's whole
document.xml, as soon as they open the file — before an import's row or time limits can act. A 250 KB
upload whose shared strings unpack to 100 MB ties up a worker for a minute and hundreds of megabytes. So
every import first reads the ZIP's directory (`zipfile.ZipFile.infolist`) and its [Content_Types].xml, and
refuses the file when:

- the parts read whole on opening, together or any one of them, unpack beyond the limits below. Every part
  counts except, for a reader that streams them (openpyxl in read-only mode), the parts the package declares
  as worksheets: those are read row by row under the import's row and time limits, so a real 20,000-row 台账
  (its sheet unpacks to 80 MB and more) is not refused for its size. Parts are told apart by their declared
  content type, never by their names, which a hostile file chooses freely;
- any part unpacks to more than MAX_RATIO times its packed size, unless it begins as an image (an XML parser
  stops at its first byte; a plain bitmap packs hundreds of times over).

The sizes are the ones the directory declares; Python's zipfile, which openpyxl and mammoth read through,
never unpacks a part past its declared size (it stops and fails the CRC check), so a file cannot lie its
way past them.
"""

import io
import shutil
import tempfile
import zipfile
import zlib

from django.conf import settings
from django.utils.translation import gettext as _

from gongkai.core import compound, executables, zipdirectory
from gongkai.core.compound import Macros

MB = 1024 * 1024
# Any one part read whole, unpacked. The largest such part of a real workbook is its shared strings: a
# 20,000-row 台账 export with 300-character 申请内容 holds about 22 MB of them, with 600 characters about 40 MB;
# a file of longer texts on average must be split.
MAX_PART_MB = 48
# Unpacked size / packed size of one part. The XML of real workbooks and documents packs 5 to 30 times;
# 100 is Apache POI's limit for Office files (ZipSecureFile.MIN_INFLATE_RATIO = 0.01).
MAX_RATIO = 100
RATIO_GRACE = MB  # parts smaller than this unpacked are not judged by their ratio (tiny, repetitive XML)

# Which parts are worksheets is read from the package's declared content types, never from part names:
# openpyxl finds the shared strings, and mammoth the document, by the package's declarations, so a renamed
# part must not escape the limits.
CONTENT_TYPES_PART = "[content_types].xml"
MAX_CONTENT_TYPES_BYTES = MB
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
# The leading bytes of the images Office files embed (PNG, JPEG, GIF, BMP, TIFF, EMF, WMF). An XML parser stops
# at such a first byte, so such a part is never read as XML; it is not judged by its ratio (a plain bitmap
# packs hundreds of times over).
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*", b"\x01\x00\x00\x00",
               b"\xd7\xcd\xc6\x9a")


# The parts that make a ZIP the package its extension names (a name ending in "/" is a folder some part lies
# in): an Office Open XML file (ECMA-376 Part 2) declares its parts in [Content_Types].xml and keeps its main
# part under word/, xl/ or ppt/; an OFD file (GB/T 33190-2016 §7.2) has its entry file OFD.xml at the root.
# ZIP part names are compared lower-cased (OPC part names are case-insensitive).
PACKAGE_PARTS = {
    ".docx": (CONTENT_TYPES_PART, "word/"),
    ".xlsx": (CONTENT_TYPES_PART, "xl/"),
    ".pptx": (CONTENT_TYPES_PART, "ppt/"),
    ".ofd": ("ofd.xml",),
}


class ArchiveError(ValueError):
    """The ZIP is refused before it is opened; the message says why, in Chinese."""


class NotAnArchive(ArchiveError):
    """Not a ZIP file at all, or a damaged one: the caller answers with its own message for its format."""


def _worksheets(archive: zipfile.ZipFile) -> set[str]:
    """The (lower-cased) names of the parts declared only as worksheets in [Content_Types].xml."""
    from xml.etree import ElementTree

    info = next((m for m in archive.infolist() if m.filename.lower() == CONTENT_TYPES_PART), None)
    if info is None or info.file_size > MAX_CONTENT_TYPES_BYTES:
        return set()
    try:
        root = ElementTree.fromstring(archive.read(info))
    except ElementTree.ParseError:
        return set()
    declared: dict[str, set[str]] = {}
    for element in root:
        if element.tag.rsplit("}", 1)[-1] == "Override":
            name = (element.get("PartName") or "").lstrip("/").lower()
            declared.setdefault(name, set()).add(element.get("ContentType") or "")
    return {name for name, types in declared.items() if types == {WORKSHEET_TYPE}}


def lacks_package_parts(source, extension: str) -> bool:
    """Whether `source` (a seekable binary file, left at its position) is a readable ZIP without the parts
    PACKAGE_PARTS names for `extension`: a plain ZIP renamed to .docx is not a Word document. A damaged
    ZIP is not judged here: the reader that opens it says it cannot read it (无法读取该 Word 文档…)."""
    position = source.tell()
    try:
        with zipfile.ZipFile(source) as archive:
            names = {member.filename.lower() for member in archive.infolist()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return False
    finally:
        source.seek(position)
    return not all(any(name.startswith(part) for name in names) if part.endswith("/") else part in names
               for part in PACKAGE_PARTS[extension])


# A macro-enabled Office file (.docm, .xlsm, .pptm and their templates) renamed to .docx/.xlsx/.pptx: Word and
# Excel open it by its content and offer to run its VBA project. ECMA-376 has no macros; Microsoft's extension
# (MS-OFFMACRO2) keeps the project in a part (word/vbaProject.bin, xl/…, ppt/…) that the main part's
# relationships name (type …/vbaProject), declared application/vnd.ms-office.vbaProject, with the main part
# declared macroEnabled (application/vnd.ms-word.document.macroEnabled.main+xml …); Excel 4.0 macro sheets are
# parts declared vnd.ms-excel.macrosheet. The XML is read as XML (a content type written
# 「macro&#69;nabled」 is what an XML parser, and Office, reads as macroEnabled), and the project is found by
# the relationship as well as by its usual name (the name is the file's to choose).
MACRO_PART = "vbaproject.bin"
MACRO_CONTENT_TYPES = ("macroenabled", "application/vnd.ms-office.vbaproject", "application/vnd.ms-excel.macrosheet",
                       "application/vnd.ms-excel.intlmacrosheet")
MACRO_RELATIONSHIPS = ("/vbaproject", "/xlmacrosheet", "/xlintlmacrosheet")
# The OLE2 parts (embedded Office 97–2003 files) unpacked at most, together, to be looked into.
MAX_EMBEDDED_MB = 200
# The relationship parts read at most, unpacked, together (a real package's are kilobytes; a workbook with
# thousands of hyperlinks a few megabytes): beyond, the file is not one to offer for download.
MAX_RELATIONSHIPS_BYTES = 32 * MB


def _xml_attributes(archive: zipfile.ZipFile, member: zipfile.ZipInfo, names: tuple[str, ...]):
    """For each element of a part's XML with any of the attributes `names`, their values (lower-cased, character
    references resolved; None where absent), streamed. A part that is not well-formed XML yields what came
    before the error (Office refuses it)."""
    from xml.parsers import expat

    found: list[tuple[str | None, ...]] = []
    parser = expat.ParserCreate()

    def start(_tag, attributes):
        if any(name in attributes for name in names):
            found.append(tuple(attributes[name].lower() if name in attributes else None for name in names))

    parser.StartElementHandler = start
    with archive.open(member) as part:
        try:
            while chunk := part.read(64 * 1024):
                parser.Parse(chunk, False)
                yield from found
                found.clear()
            parser.Parse(b"", True)
        except expat.ExpatError:
            pass
    yield from found


# Where an Office package keeps the files embedded in it (word/embeddings/, xl/embeddings/, ppt/embeddings/): a
# macro-enabled workbook embedded in a .docx is declared there with its own content type (…macroEnabled.12).
EMBEDDINGS_FOLDER = "embeddings"
# The application a macro-enabled content type names (application/vnd.ms-excel.sheet.macroEnabled.12 …).
MACRO_KINDS = (("vnd.ms-excel", "excel"), ("vnd.ms-word", "word"), ("vnd.ms-powerpoint", "powerpoint"))


def _embedded(name: str) -> bool:
    return EMBEDDINGS_FOLDER in name.lower().lstrip("/").split("/")[:-1]


def _declared_macros(archive: zipfile.ZipFile, info: zipfile.ZipInfo, names: list[str]) -> Macros | None:
    """The macros [Content_Types].xml declares: an Override of a part in an embeddings folder, or a Default for
    an extension only such parts have, is an embedded file's; any other the document's own."""
    # Whether the parts with each extension (whatever follows any dot of a name) all lie in an embeddings
    # folder, worked out once: per Default, a search of every name took minutes (thousands of each).
    only_embedded: dict[str, bool] = {}
    for name in names:
        embedded = _embedded(name)
        base = name.rsplit("/", 1)[-1]
        for index, character in enumerate(base):
            if character == ".":
                suffix = base[index + 1:]
                only_embedded[suffix] = only_embedded.get(suffix, True) and embedded
    found = []
    for content_type, part, extension in _xml_attributes(archive, info, ("ContentType", "PartName", "Extension")):
        if not content_type or not any(marker in content_type for marker in MACRO_CONTENT_TYPES):
            continue
        if part is not None:
            embedded = _embedded(part)
        else:
            embedded = bool(extension) and only_embedded.get(extension, False)
        kind = next((kind for marker, kind in MACRO_KINDS if marker in content_type), "")
        found.append(Macros(embedded=embedded, kind=kind))
    return next((macros for macros in found if not macros.embedded), found[0] if found else None)


def find_macros(source, _search=None) -> Macros | None:
    """The macros of `source` (a seekable binary file, left at its position), None when it has none or is not
    a readable ZIP: a VBA project (a vbaProject.bin part, or a part a relationship names as the project or an
    Excel 4.0 macro sheet), or a macro-enabled content type declared in [Content_Types].xml — the document's
    own, or, declared for a part in an embeddings folder, an embedded file's (a .xlsm inside a .docx); a ZIP or
    OLE2 part with macros is an embedded file's too (_embedded_macros). A ZIP that cannot be opened is not
    judged here (see lacks_package_parts); one with a part that cannot be unpacked raises compound.DamagedFile.
    A [Content_Types].xml beyond MAX_CONTENT_TYPES_BYTES, or relationships beyond
    MAX_RELATIONSHIPS_BYTES, which no real document has, count as macros (they were a way around the look)."""
    search = _search or _Search()
    position = source.tell()
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
        source.seek(position)
        return None
    try:
        with archive:
            return _package_macros(archive, search)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, ValueError,
            NotImplementedError, IndexError) as exc:
        # A part that cannot be unpacked (a bad CRC, a broken deflate stream): the parts after it could not be
        # looked into, and it was a 500.
        raise compound.DamagedFile(str(exc)) from exc
    finally:
        source.seek(position)


def _package_macros(archive: zipfile.ZipFile, search: "_Search") -> Macros | None:
    members = archive.infolist()
    if (locked := next((m for m in members if m.flag_bits & ENCRYPTED_FLAG), None)) is not None:
        raise compound.Encrypted(locked.filename)  # zipfile cannot open it: nothing in it could be looked at
    own = Macros(embedded=False, kind=_package_kind(members))
    if any(member.filename.lower().rsplit("/", 1)[-1] == MACRO_PART for member in members):
        return own
    relationships = [m for m in members if m.filename.lower().endswith(".rels")]
    if sum(m.file_size for m in relationships) > MAX_RELATIONSHIPS_BYTES:
        return own
    # The XML read here counts against the upload's budget too: a thousand small embedded packages each
    # unpacking to MAX_RELATIONSHIPS_BYTES would otherwise be read in full, one after another.
    search.budget -= sum(m.file_size for m in members
                         if m in relationships or m.filename.lower() == CONTENT_TYPES_PART)
    if search.budget < 0:
        return Macros(embedded=True)
    for member in relationships:
        if any(kind and kind.endswith(MACRO_RELATIONSHIPS)
               for (kind,) in _xml_attributes(archive, member, ("Type",))):
            return own
    info = next((m for m in members if m.filename.lower() == CONTENT_TYPES_PART), None)
    if info is not None and info.file_size > MAX_CONTENT_TYPES_BYTES:
        return own
    declared = None if info is None else _declared_macros(archive, info, [m.filename.lower() for m in members])
    return declared or _embedded_macros(archive, members, search)


def _package_kind(members: list[zipfile.ZipInfo]) -> str:
    """The application an Office package is for, by the folder of its main part (PACKAGE_PARTS)."""
    folders = {member.filename.lower().split("/", 1)[0] for member in members}
    return next((kind for folder, kind in (("word", "word"), ("xl", "excel"), ("ppt", "powerpoint"))
                 if folder in folders), "")


def compound_macros(source) -> Macros | None:
    """core.compound.find_macros for an uploaded OLE2 file, looking into the files its streams keep whole (a
    .xlsm embedded in a .doc) as into an Office package's parts. Raises compound.DamagedFile."""
    search = _Search()
    return compound.find_macros(source, inner=search.inner)


# ZIP general purpose bit 0 (APPNOTE.TXT §4.4.4): the member is encrypted; zipfile cannot open it without the
# password, so what it holds cannot be looked into.
ENCRYPTED_FLAG = 0x1

# Files (ZIP members) looked at, at every level together: a real archive of a few hundred documents, each of
# tens of parts, holds thousands; a .zip of .zip files of 10,000 tiny files each took 45 seconds to read
# through, a part at a time.
MAX_FILES_READ = 20_000
# Office files and archives inside the upload opened and looked into, at every level together: each costs a
# few milliseconds (a 4 MB .zip of 10,000 small .doc files took 20 seconds); a real archive holds tens.
MAX_FILES_OPENED = 1_000


# Files within files looked into at most (a .docx holding a .doc holding a .xlsm is 2): deeper, which no real
# document goes, counts as macros (it was a way around the look).
MAX_NESTING = 4


class _Search:
    """One upload's look into its embedded files: the unpacked bytes left (MAX_EMBEDDED_MB, shared by every
    level) and how deep it is."""

    def __init__(self):
        self.budget = MAX_EMBEDDED_MB * MB
        self.depth = 0
        self.files_read = 0
        self.files_opened = 0

    def read(self) -> None:
        """Count one more file looked at; raise compound.TooManyFiles beyond MAX_FILES_READ."""
        self.files_read += 1
        if self.files_read > MAX_FILES_READ:
            raise compound.TooManyFiles(MAX_FILES_READ)

    def inner(self, content, name: str = "") -> Macros | None:
        """The macros of an embedded file (bytes or a seekable file), its own or its embedded files'. Raises
        executables.Executable when it is a program or a script (by `name`, its name where the container gives
        one, or by its content)."""
        source = io.BytesIO(content) if isinstance(content, bytes) else content
        head = source.read(executables.HEAD_BYTES)
        size = source.seek(0, 2)
        source.seek(0)
        for each in name.split("\n"):
            executables.refuse(each, head, size)
        if self.depth >= MAX_NESTING:
            return Macros(embedded=True)
        if head.startswith((compound.ZIP_MAGIC, compound.OLE2_MAGIC)):
            self.files_opened += 1
            if self.files_opened > MAX_FILES_OPENED:
                raise compound.TooManyFiles(MAX_FILES_OPENED, office=True)
        self.depth += 1
        try:
            if head.startswith(compound.ZIP_MAGIC):
                if zipdirectory.too_many_members(source, MAX_FILES_READ - self.files_read):
                    raise compound.TooManyFiles(MAX_FILES_READ)  # before zipfile lists them all
                return find_macros(source, self)
            if head.startswith(compound.OLE2_MAGIC):
                try:
                    return compound.find_macros(source, inner=self.inner)
                except compound.DamagedFile:
                    return None  # Office cannot open it either
            return None
        finally:
            self.depth -= 1


def _embedded_macros(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], search: _Search) -> Macros | None:
    """The macros of the OLE2 compound files and ZIP packages among the parts (Office keeps an embedded Office
    97–2003 workbook or document whole, as word/embeddings/oleObject1.bin …, and an embedded .xlsx/.xlsm as a
    package part; found by content, whatever the name or declared type), looked into like an uploaded one from
    an unpacked copy. One that cannot be read is not judged (Office cannot open it either); beyond
    MAX_EMBEDDED_MB unpacked together, which no real document embeds, they count as macros (they were a way
    around the look)."""
    for member in members:
        if not member.filename or member.filename.endswith("/"):  # ZipInfo.is_dir fails on an empty name
            continue
        search.read()
        names = zipdirectory.member_names(member)
        for name in names:
            executables.refuse(name)
        if member.file_size < len(compound.OLE2_MAGIC):
            continue
        with archive.open(member) as part:  # unpacks only the first block or two
            head = part.read(executables.HEAD_BYTES)
        for name in names:
            executables.refuse(name, head, member.file_size)
        if not head.startswith((compound.OLE2_MAGIC, compound.ZIP_MAGIC)):
            continue
        search.budget -= member.file_size
        if search.budget < 0:
            return Macros(embedded=True)
        with tempfile.SpooledTemporaryFile(max_size=8 * MB) as copy:
            with archive.open(member) as part:
                shutil.copyfileobj(part, copy)
            copy.seek(0)
            found = search.inner(copy)
        if found is not None:
            return Macros(embedded=True, kind=found.kind,
                          part=f"{names[0]}/{found.part}" if found.part else names[0])
    return None


def has_macros(source) -> bool:
    """Whether `source` holds macros, its own or an embedded file's (find_macros)."""
    return find_macros(source) is not None


def is_image(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    with archive.open(member) as part:  # unpacks only the first block
        return part.read(8).startswith(IMAGE_MAGIC)


def check_zip(source, *, sheets_streamed: bool = True) -> None:
    """Refuse `source` (bytes or a seekable binary file, left at its position) when it is not a ZIP, when its
    parts read whole unpack beyond `GONGKAI_IMPORT_UNPACKED_MB` in all or `MAX_PART_MB` in one, or when one
    part (not an image) unpacks beyond `MAX_RATIO` times its packed size. With `sheets_streamed` (openpyxl in
    read-only mode) the parts declared as worksheets are left to the import's row and time limits; a caller
    that loads a workbook whole, and every DOCX, passes False."""
    if isinstance(source, bytes | bytearray):
        source = io.BytesIO(source)
    position = source.tell()
    try:
        with zipfile.ZipFile(source) as archive:
            _judge(archive, _worksheets(archive) if sheets_streamed else set())
    except ArchiveError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, ValueError, IndexError,
            NotImplementedError, RuntimeError) as exc:  # RuntimeError: a part under a password
        raise NotAnArchive(_("文件已损坏或不是有效的压缩格式文件。")) from exc
    finally:
        source.seek(position)


def _judge(archive: zipfile.ZipFile, streamed: set[str]) -> None:
    members = archive.infolist()
    whole = [member for member in members if member.filename.lower() not in streamed]
    total_limit = settings.GONGKAI_IMPORT_UNPACKED_MB
    advice = _("请检查文件，删去多余内容或拆分后再导入。")
    if sum(member.file_size for member in whole) > total_limit * MB:
        raise ArchiveError(_("文件解压后超过 %(n)d MB，无法导入。") % {"n": total_limit} + advice)
    for member in whole:
        if member.file_size > MAX_PART_MB * MB:
            raise ArchiveError(_("文件中的“%(part)s”解压后超过 %(n)d MB，无法导入。")
                               % {"part": member.filename[:60], "n": MAX_PART_MB} + advice)
    for member in members:
        if (member.file_size > RATIO_GRACE and member.file_size > MAX_RATIO * max(member.compress_size, 1)
                and not is_image(archive, member)):
            raise ArchiveError(_("文件中的“%(part)s”压缩比异常（解压后超过压缩时的 %(n)d 倍），可能是恶意构造的文件，无法导入。")
                               % {"part": member.filename[:60], "n": MAX_RATIO})
