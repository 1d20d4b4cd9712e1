"""An XLSX or DOCX that unpacks far beyond its size (a ZIP bomb) is refused before openpyxl or mammoth opens it."""

import io
import secrets
import zipfile

import openpyxl
import pytest

from gongkai.core import archives
from gongkai.core.sheets import SheetError, read_xlsx
from gongkai.core.tests.test_sheets import big_xlsx


def inflate(data: bytes, part: str, head: bytes, unit: bytes, tail: bytes, megabytes: int) -> bytes:
    """`data` (a ZIP) with `part` replaced by `head`, `unit` repeated to `megabytes` MB, and `tail`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as original, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for member in original.infolist():
            if member.filename != part:
                out.writestr(member.filename, original.read(member))
        with out.open(part, "w") as target:
            target.write(head)
            chunk = unit * (archives.MB // len(unit))
            for _ in range(megabytes):
                target.write(chunk)
            target.write(tail)
    return buffer.getvalue()


SPREADSHEET = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEETML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
SST_HEAD = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{SPREADSHEET}">'.encode()
WORKBOOK_PARTS = {  # the auditor's mkbomb.py: a sheet whose A2 is shared string 0, and the shared strings
    "[Content_Types].xml": f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    f'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    f'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.'
    f'xml" ContentType="{SHEETML}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="'
    f'{SHEETML}.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="{SHEETML}.sharedStrings+xml"'
    f'/></Types>',
    "_rels/.rels": f'<Relationships xmlns="{RELATIONSHIPS}"><Relationship Id="rId1" Type="{OFFICE}/officeDocument" '
    f'Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<workbook xmlns="{SPREADSHEET}" xmlns:r="{OFFICE}"><sheets><sheet name="S" sheetId="1" '
    f'r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{RELATIONSHIPS}"><Relationship Id="rId1" Type="{OFFICE}/'
    f'worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{OFFICE}/sharedStrings" '
    f'Target="sharedStrings.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{SPREADSHEET}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is>'
    f'<t>名称</t></is></c></row><row r="2"><c r="A2" t="s"><v>0</v></c></row></sheetData></worksheet>',
    "xl/sharedStrings.xml": SST_HEAD.decode() + "<si><t>x</t></si></sst>",
}


def bomb(megabytes: int) -> bytes:
    """A workbook whose sharedStrings.xml unpacks to `megabytes` MB (openpyxl reads it whole on opening)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, text in WORKBOOK_PARTS.items():
            out.writestr(name, text)
    if not megabytes:
        return buffer.getvalue()
    return inflate(buffer.getvalue(), "xl/sharedStrings.xml", SST_HEAD, b"<si><t>x</t></si>", b"</sst>", megabytes)


@pytest.fixture
def opened(monkeypatch):
    """How often openpyxl was asked to open a workbook."""
    calls = []
    original = openpyxl.load_workbook

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", counting)
    return calls


def test_a_shared_strings_bomb_is_refused_in_chinese_without_being_opened(opened):
    assert read_xlsx(bomb(0), max_rows=10) == [["名称"], ["x"]]  # the same workbook, small: read as usual
    opened.clear()
    data = bomb(5)
    assert len(data) < 100_000
    with pytest.raises(SheetError, match="压缩比异常") as refused:
        read_xlsx(data, max_rows=10)
    assert "sharedStrings.xml" in str(refused.value)
    assert opened == []


def plain_strings(megabytes: int) -> bytes:
    """A workbook whose shared strings unpack to `megabytes` MB of text that packs as real text does (about
    twice), not as a bomb: over the size limits, within the ratio."""
    unit = f"<si><t>{secrets.token_hex(40_000)}</t></si>".encode()  # beyond deflate's 32 KB window
    return inflate(bomb(0), "xl/sharedStrings.xml", SST_HEAD, unit, b"</sst>", megabytes)


def test_shared_strings_beyond_the_total_limit_are_refused(settings, opened):
    settings.GONGKAI_IMPORT_UNPACKED_MB = 1
    with pytest.raises(SheetError, match="解压后超过 1 MB"):
        read_xlsx(plain_strings(2), max_rows=10)
    assert opened == []


def test_one_part_read_whole_beyond_its_limit_is_refused(monkeypatch, opened):
    monkeypatch.setattr(archives, "MAX_PART_MB", 1)
    with pytest.raises(SheetError, match="“xl/sharedStrings.xml”解压后超过 1 MB"):
        read_xlsx(plain_strings(2), max_rows=10)
    assert opened == []


def test_a_large_worksheet_is_streamed_not_refused_for_its_size(settings, monkeypatch):
    # A full 台账 export's sheet unpacks to 80 MB and more; openpyxl reads it row by row under the row limit.
    settings.GONGKAI_IMPORT_UNPACKED_MB = 1
    monkeypatch.setattr(archives, "MAX_PART_MB", 1)
    data = big_xlsx(12_000)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size > archives.MB
    assert read_xlsx(data, max_rows=50_000)[-1] == [11_999, "第11999行"]


def test_a_caller_that_loads_the_workbook_whole_has_its_sheets_judged_by_size(monkeypatch, opened):
    # The 任务分解表 and the 标准目录 are loaded whole (merged cells) after the streamed pass.
    monkeypatch.setattr(archives, "MAX_PART_MB", 1)
    with pytest.raises(SheetError, match="“xl/worksheets/sheet1.xml”解压后超过 1 MB"):
        read_xlsx(big_xlsx(12_000), max_rows=50_000, sheets_streamed=False)
    assert opened == []


def test_an_image_that_packs_very_well_does_not_make_a_document_suspect():
    # A plain bitmap in word/media packs hundreds of times over; the importers never unpack it.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, text in WORKBOOK_PARTS.items():
            out.writestr(name, text)
        out.writestr("xl/media/image1.bmp", b"BM" + b"\xff" * (6 * archives.MB))
    archives.check_zip(buffer.getvalue())
    assert read_xlsx(buffer.getvalue(), max_rows=10) == [["名称"], ["x"]]


def test_a_real_workbook_passes_and_a_file_that_is_no_zip_gets_the_plain_message(opened):
    assert read_xlsx(big_xlsx(300), max_rows=500)[-1] == [299, "第299行"]
    for junk in (b"not a workbook", big_xlsx(10)[:-200]):
        with pytest.raises(SheetError, match="请上传 Excel 2007 及以上版本的 .xlsx 文件"):
            read_xlsx(junk, max_rows=10)
    assert opened == [1]


def test_a_file_object_is_left_where_it_was():
    upload = io.BytesIO(big_xlsx(3))
    archives.check_zip(upload)
    assert upload.tell() == 0


def test_shared_strings_under_another_name_count_as_what_the_package_declares_them(settings, opened):
    # openpyxl finds the shared strings by their declared content type, whatever the part is called: a
    # renamed part, or one named like a worksheet, is still judged by its size.
    settings.GONGKAI_IMPORT_UNPACKED_MB = 1
    for name in ("xl/ss.bin", "xl/worksheets/ss.xml"):
        data = plain_strings(2)
        buffer = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as original, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            for member in original.infolist():
                body = original.read(member)
                if member.filename == "[Content_Types].xml":
                    body = body.replace(b"/xl/sharedStrings.xml", f"/{name}".encode())
                if member.filename == "xl/_rels/workbook.xml.rels":
                    body = body.replace(b'Target="sharedStrings.xml"', f'Target="{name[3:]}"'.encode())
                out.writestr(name if member.filename == "xl/sharedStrings.xml" else member.filename, body)
        with pytest.raises(SheetError, match="解压后超过 1 MB"):
            read_xlsx(buffer.getvalue(), max_rows=10)
    assert opened == []


def test_a_document_is_judged_whole_whatever_its_parts_are_called(settings):
    settings.GONGKAI_IMPORT_UNPACKED_MB = 1
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Override PartName="/xl/worksheets/document.xml" ContentType="application/vnd.openxmlformats-'
                     'officedocument.spreadsheetml.worksheet+xml"/></Types>')
        out.writestr("xl/worksheets/document.xml", secrets.token_hex(archives.MB))
    with pytest.raises(archives.ArchiveError, match="解压后超过 1 MB"):
        archives.check_zip(buffer.getvalue(), sheets_streamed=False)  # how DOCX is checked
