"""Minimal OLE2 compound files for the tests, written here ([MS-CFB], version 3, 512-byte sectors): olefile
reads compound files but cannot write new ones, and Office is not at hand. Each test file is a handful of
named streams, built in memory (a few kilobytes; nothing is committed):

- `compound_file({"WordDocument": b"…", "Macros/VBA/dir": b"…"})` lays out the streams (storages are the
  paths' folders): the FAT first, then the directory (every sibling chained to the right, all black — readers
  do not balance the tree), the MiniFAT and the mini stream holding streams under 4,096 bytes, then the
  larger streams, each in consecutive sectors. Cutting the file's tail therefore cuts a stream's data and
  leaves its directory readable (a truncated upload).
- `doc`, `xls`, `ppt` build the Office 97–2003 shapes the upload check looks at: Word's Macros storage,
  Excel's _VBA_PROJECT_CUR storage and Workbook stream (BIFF8 records: BOF, BoundSheet8, EOF), PowerPoint's
  PowerPoint Document stream with or without a VBAInfoContainer record.
"""

import struct

SECTOR, MINI, CUTOFF = 512, 64, 4096
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _sectors(data: bytes, size: int) -> int:
    return -(-len(data) // size)


def _pad(data: bytes, size: int) -> bytes:
    return data + b"\0" * (-len(data) % size)


def compound_file(streams: dict[str, bytes]) -> bytes:
    # The tree: every node is (name, children or stream bytes).
    root: dict = {}
    for path, data in streams.items():
        node = root
        *folders, name = path.split("/")
        for folder in folders:
            node = node.setdefault(folder, {})
        node[name] = data
    entries: list[dict] = [{"name": "Root Entry", "type": 5, "node": root}]

    def add(tree: dict) -> int:
        first = NOSTREAM
        indexes = []
        for name, value in tree.items():
            entries.append({"name": name, "type": 1 if isinstance(value, dict) else 2, "node": value})
            indexes.append(len(entries) - 1)
        for index, following in zip(indexes, indexes[1:] + [NOSTREAM], strict=True):
            entries[index]["right"] = following
        for index in indexes:
            if entries[index]["type"] == 1:
                entries[index]["child"] = add(entries[index]["node"])
        if indexes:
            first = indexes[0]
        return first

    entries[0]["child"] = add(root)
    mini_stream, minifat = b"", []
    big: list[tuple[dict, bytes]] = []
    for entry in entries:
        if entry["type"] != 2:
            continue
        data = entry["node"]
        entry["size"] = len(data)
        if not data:
            entry["start"] = END
        elif len(data) < CUTOFF:
            start = len(mini_stream) // MINI
            count = _sectors(data, MINI)
            minifat += [start + i + 1 for i in range(count - 1)] + [END]
            entry["start"] = start
            mini_stream += _pad(data, MINI)
        else:
            big.append((entry, data))
    directory = len(entries) * 128
    runs = [("dir", _sectors(b"\0" * directory, SECTOR)),
            ("minifat", _sectors(b"\0" * 4 * len(minifat), SECTOR)),
            ("ministream", _sectors(mini_stream, SECTOR))] + [(entry, _sectors(data, SECTOR)) for entry, data in big]
    used = sum(count for _label, count in runs)
    fat_sectors = 1
    while fat_sectors * (SECTOR // 4) < used + fat_sectors:
        fat_sectors += 1
    fat = [FATSECT] * fat_sectors
    starts = {}
    for label, count in runs:
        key = label if isinstance(label, str) else id(label)
        starts[key] = len(fat) if count else END
        fat += [len(fat) + i + 1 for i in range(count - 1)] + ([END] if count else [])
    fat += [FREE] * (fat_sectors * (SECTOR // 4) - len(fat))
    for entry, _data in big:
        entry["start"] = starts[id(entry)]
    entries[0]["start"], entries[0]["size"] = starts["ministream"], len(mini_stream)

    def direntry(entry: dict) -> bytes:
        name = entry["name"].encode("utf-16-le")
        return struct.pack("<64sHBBIII16sIQQIQ", name, len(name) + 2, entry["type"], 1, NOSTREAM,
                           entry.get("right", NOSTREAM), entry.get("child", NOSTREAM), b"\0" * 16, 0, 0, 0,
                           entry.get("start", 0), entry.get("size", 0))

    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", MAGIC, b"\0" * 16, 0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6, 0,
                         fat_sectors, starts["dir"], 0, CUTOFF, starts["minifat"], runs[1][1], END, 0)
    header += struct.pack("<109I", *(list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)))
    body = struct.pack(f"<{len(fat)}I", *fat)
    body += _pad(b"".join(direntry(entry) for entry in entries), SECTOR)
    body += _pad(struct.pack(f"<{len(minifat)}I", *minifat), SECTOR) if minifat else b""
    body += _pad(mini_stream, SECTOR)
    body += b"".join(_pad(data, SECTOR) for _entry, data in big)
    return header + body


VBA_PROJECT = {"PROJECT": b'ID="{00000000-0000-0000-0000-000000000000}"\r\nDocument=ThisDocument/&H00000000\r\n',
               "VBA/dir": b"\x01" + b"\0" * 40, "VBA/_VBA_PROJECT": b"\xcc\x61\xff\xff\x00",
               "VBA/ThisDocument": b"Attribute VB_Name = \"ThisDocument\"\r\nSub AutoOpen()\r\nEnd Sub\r\n"}


def project(storage: str) -> dict[str, bytes]:
    return {f"{storage}/{name}": data for name, data in VBA_PROJECT.items()}


def doc(*, macros: bool = False, extra: dict | None = None) -> bytes:
    """A Word 97–2003 document: its text streams, with a VBA project (Macros storage) when `macros`."""
    streams = {"WordDocument": b"\xec\xa5\xc1\x00" + b"\0" * 6000, "1Table": b"\0" * 800,
               "\x05SummaryInformation": b"\xfe\xff" + b"\0" * 200}
    return compound_file(streams | (project("Macros") if macros else {}) | (extra or {}))


def biff(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def workbook_stream(*, sheet_type: int = 0, substream_type: int = 0x0010, encrypted: bool = False) -> bytes:
    """A BIFF8 Workbook stream: the globals (BOF, [FilePass], one BoundSheet8, EOF), then the sheet's BOF and
    EOF. `sheet_type` is the BoundSheet8 dt (1 a macro sheet), `substream_type` the sheet BOF's (0x0040)."""
    globals_bof = biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6))
    filepass = biff(0x002F, b"\x01\x00" + b"\x5a" * 52) if encrypted else b""
    name = "Sheet1".encode("utf-16-le")
    head = globals_bof + filepass
    boundsheet_size = 4 + 8 + len(name) // 2
    sheet_start = len(head) + boundsheet_size + 4  # after the BoundSheet8 record and the EOF
    sheet_type_byte = 0x5A if encrypted else sheet_type  # encrypted: the byte Excel reads after decryption
    boundsheet = biff(0x0085, struct.pack("<IBBBB", sheet_start, 0, sheet_type_byte, 6, 0) + b"Sheet1")
    assert len(boundsheet) == boundsheet_size
    sheet = biff(0x0809, struct.pack("<HHHHII", 0x0600, substream_type, 0x0DBB, 0x07CC, 0, 6)) + biff(0x000A, b"")
    return head + boundsheet + biff(0x000A, b"") + sheet


def xls(*, macros: bool = False, macro_sheet: bool = False, encrypted: bool = False) -> bytes:
    """An Excel 97–2003 workbook: with a VBA project (_VBA_PROJECT_CUR) when `macros`, an Excel 4.0 macro
    sheet when `macro_sheet` (its BoundSheet8 type hidden by encryption when `encrypted`)."""
    workbook = workbook_stream(sheet_type=1 if macro_sheet else 0, substream_type=0x0040 if macro_sheet else 0x0010,
                               encrypted=encrypted)
    streams = {"Workbook": workbook + b"\0" * 4200}  # past the mini stream cutoff, as real workbooks are
    return compound_file(streams | (project("_VBA_PROJECT_CUR") if macros else {}))


def ppt(*, macros: bool = False) -> bytes:
    """A PowerPoint 97–2003 presentation: a DocumentContainer holding a DocumentAtom and, when `macros`, a
    DocInfoListContainer with a VBAInfoContainer (VBAInfoAtom: persist id, fHasMacros, version)."""
    def record(version: int, kind: int, data: bytes) -> bytes:
        return struct.pack("<HHI", version, kind, len(data)) + data

    children = record(0x1, 0x03E9, b"\0" * 40)
    if macros:
        vba_info = record(0xF, 0x03FF, record(0x2, 0x0400, struct.pack("<III", 3, 1, 2)))
        children += record(0xF, 0x07D0, vba_info)
    document = record(0xF, 0x03E8, children)
    return compound_file({"PowerPoint Document": document, "Current User": b"\0" * 40})
