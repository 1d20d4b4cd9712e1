"""Hostile OLE2 uploads must not tie up a worker: a header declaring millions of FAT sectors (olefile would
read them, each at a cost growing with those before, round a DIFAT chain that loops) is refused as damaged
before olefile reads it; a storage of many streams is looked into without searching every path again."""

import io
import struct

import olefile
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core import compound
from gongkai.core.tests.compound_files import MAGIC, compound_file, doc, project
from gongkai.core.tests.test_compound import damaged, macro_message, refusal
from gongkai.core.uploads import check_upload

END, FREE, FATSECT, DIFSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFC, 0xFFFFFFFF


def difat_loop(difat_sectors: int) -> bytes:
    """Four sectors (2.5 KB): a FAT sector, a DIFAT sector listing that FAT sector 127 times and naming itself
    as the next DIFAT sector, an empty directory; the header declares 109 + 127 × `difat_sectors` FAT sectors."""
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", MAGIC, b"\0" * 16, 0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6, 0,
                         109 + 127 * difat_sectors, 2, 0, 4096, END, 0, 1, difat_sectors)
    header += struct.pack("<109I", *[0] * 109)
    fat = struct.pack("<128I", FATSECT, DIFSECT, END, *[FREE] * 125)
    difat = struct.pack("<128I", *[0] * 127, 1)
    root = "Root Entry".encode("utf-16-le")
    directory = struct.pack("<64sHBBIII16sIQQIQ", root, len(root) + 2, 5, 1, NOSTREAM, NOSTREAM, NOSTREAM,
                            b"\0" * 16, 0, 0, 0, END, 0)
    return header + fat + difat + directory.ljust(512, b"\0") + b"\0" * 512


class CountingFile(io.BytesIO):
    def __init__(self, data: bytes):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size=-1):
        data = super().read(size)
        self.bytes_read += len(data)
        return data


def test_a_header_declaring_thousands_of_fat_sectors_is_refused_before_olefile_reads_them():
    content = difat_loop(20)  # old code: 2,649 FAT sectors read from a 2.5 KB file (millions hang it for hours)
    source = CountingFile(content)
    try:
        compound.find_macros(source)
    except compound.DamagedFile:
        pass
    assert source.bytes_read <= 4 * len(content)
    assert refusal("通知.doc", difat_loop(2**24)) == damaged("通知.doc")


def test_a_real_sized_fat_is_read():
    assert check_upload(SimpleUploadedFile("通知.doc", doc(extra={"Data": b"\0" * 200_000}))).name == "通知.doc"


def test_many_streams_are_looked_into_without_searching_each_path(monkeypatch):
    """olefile's listdir/openstream/get_size find a path by a linear search among its siblings: 50,000
    streams in one storage (6 MB) took minutes. The macros behind them are still found."""
    searches = []
    find = olefile.OleFileIO._find
    monkeypatch.setattr(olefile.OleFileIO, "_find", lambda ole, path: searches.append(path) or find(ole, path))
    streams = {f"ObjectPool/S{index}": b"x" for index in range(600)} | project("ObjectPool/_1/_VBA_PROJECT_CUR")
    content = compound_file({"WordDocument": b"\0" * 100} | streams)
    assert refusal("通知.doc", content) == [
        "附件“通知.doc”中嵌入的Excel 工作簿含有宏，不能上传；请删去这个嵌入的文件，或把它另存为不含宏的文件后重新插入，再上传。"]
    assert refusal("通知.doc", doc(macros=True)) == macro_message("通知.doc")
    assert len(searches) < 10


def test_a_workbook_stream_of_endless_empty_records_is_refused_as_damaged():
    """A million 4-byte records and no EOF: the look read them all, half a second a megabyte."""
    from gongkai.core.tests.compound_files import compound_file

    records = struct.pack("<HH", 0x0001, 0) * (compound.MAX_GLOBALS_RECORDS + 1)
    assert refusal("明细.xls", compound_file({"Workbook": records})) == damaged("明细.xls")


def with_name_lengths(content: bytes, names: tuple[str, ...], length: int) -> bytes:
    """`content` with the directory entries called `names` declaring a name length of `length` bytes."""
    patched = bytearray(content)
    for name in names:
        start = 0
        while (found := patched.find(name.encode("utf-16-le") + b"\0\0", start)) >= 0:
            struct.pack_into("<H", patched, found + 64, length)  # the entry's name length field
            start = found + 1
    return bytes(patched)


def test_project_names_are_read_up_to_their_nul_whatever_length_the_entry_declares():
    """A name declared 64 bytes long is 「VBA」 and 30 NULs to olefile; declared 4 bytes long, 「V」: the
    names are read up to their NUL, as the 64-byte field holds them."""
    names = ("Macros", "VBA", "_VBA_PROJECT", "PROJECT", "dir")
    assert refusal("通知.doc", with_name_lengths(doc(macros=True), names, 64)) == macro_message("通知.doc")
    assert refusal("通知.doc", with_name_lengths(doc(macros=True), names, 4)) == macro_message("通知.doc")
    assert check_upload(SimpleUploadedFile("通知.doc", with_name_lengths(doc(), ("WordDocument",), 64))).name
