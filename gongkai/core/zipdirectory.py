"""What a ZIP's central directory says before zipfile builds its list of members: how many there are, and
the names an unpacker writes each under."""

import struct
import zipfile

# The Info-ZIP Unicode Path extra field (APPNOTE.TXT §4.6.9): the member's name in UTF-8, which 7-Zip, WinRAR
# and Bandizip write the file under instead of the name in the header (that zipfile reads).
UNICODE_PATH_EXTRA = 0x7075


def too_many_members(source, limit: int) -> bool:
    """Whether the central directory of `source` (a seekable binary file, left at its position) lists more than
    `limit` members, counted by walking its headers before zipfile parses it: zipfile builds an object for every
    one (a 48 MB upload of 550,000 empty members took 10 seconds and 400 MB, each time a ZIP was opened). A file
    that is not a readable ZIP is left to the check that opens it."""
    position = source.tell()
    try:
        end = zipfile._EndRecData(source)  # noqa: SLF001 — zipfile's own reading of the end record, Zip64 too
        if end is None:
            return False
        start = end[zipfile._ECD_LOCATION] - end[zipfile._ECD_SIZE]  # noqa: SLF001
        if end[zipfile._ECD_SIGNATURE] == zipfile.stringEndArchive64:  # noqa: SLF001 — as zipfile finds it
            start -= zipfile.sizeEndCentDir64 + zipfile.sizeEndCentDir64Locator
        if start < 0:
            return False
        source.seek(start)
        directory = source.read(end[zipfile._ECD_SIZE])  # noqa: SLF001
    except (zipfile.BadZipFile, OSError, ValueError, OverflowError, struct.error):  # a disk spanning Zip64 record …
        return False
    finally:
        source.seek(position)
    offset, count = 0, 0
    while offset + 46 <= len(directory) and directory[offset:offset + 4] == b"PK\x01\x02":
        count += 1
        if count > limit:
            return True
        name, extra, comment = struct.unpack_from("<HHH", directory, offset + 28)
        offset += 46 + name + extra + comment
    return False


# General purpose bit 11 (APPNOTE.TXT §4.4.4): the name is UTF-8. Without it zipfile reads the name as CP437;
# Windows' own "send to compressed folder" and most Chinese unpackers write and read it in the system's code
# page, GBK on a Chinese Windows.
UTF8_FLAG = 0x800


def member_names(member: zipfile.ZipInfo) -> list[str]:
    """The names a ZIP member is unpacked under, the one to show first: its header's name (read as GBK where
    it is not flagged UTF-8 and reads as GBK, as a Chinese Windows unpacks it, and as zipfile reads it) and
    any Unicode Path extra field's."""
    names, extra, offset = [member.filename], member.extra, 0
    if not member.flag_bits & UTF8_FLAG and not member.filename.isascii():
        try:
            names.insert(0, member.filename.encode("cp437").decode("gbk"))
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    while offset + 4 <= len(extra):
        kind, size = struct.unpack_from("<HH", extra, offset)
        if kind == UNICODE_PATH_EXTRA and size > 5:
            names.append(extra[offset + 9:offset + 4 + size].decode("utf-8", "replace"))
        offset += 4 + size
    return names
