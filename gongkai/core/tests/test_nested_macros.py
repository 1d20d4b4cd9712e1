"""Macros in a file inside a file inside the upload: Office opens an embedded file by its content, so a .xlsm
declared as a plain .xlsx inside a .docx, a .xlsm kept in a .doc's Package stream (as Word keeps an embedded
Excel 2007+ workbook), a .docm in a Packager object, or any of these one level deeper are refused, each named
as the embedded file's macros. Ordinary embedded files still pass."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core import archives
from gongkai.core.tests.compound_files import compound_file, doc
from gongkai.core.tests.test_macros import DOCM_MAIN, XLSX, rewritten, with_embedded_workbook, with_ole_object
from gongkai.core.tests.test_macros import XLSM as XLSM_TYPE
from gongkai.core.tests.test_uploads import WORD_MAIN, docx_bytes, xlsx_bytes
from gongkai.core.uploads import check_upload

XLSM = rewritten(xlsx_bytes(), {}, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 VBA"})
DOCM = rewritten(docx_bytes(), {"[Content_Types].xml": [(WORD_MAIN, DOCM_MAIN)]})


def packaged(name: str, content: bytes) -> bytes:
    """A Packager \\x01Ole10Native stream: size, flags, label, path, then the file ([MS-OLEDS] §2.3.6)."""
    label = name.encode() + b"\0" + f"C:\\{name}".encode() + b"\0"
    return len(content).to_bytes(4, "little") + b"\x02\x00" + label + b"\0\0\x03\x00" + b"\0" * 8 + content


def embedded_refusal(name: str, kind: str) -> list[str]:
    return [f"附件“{name}”中嵌入的{kind}含有宏，不能上传；请删去这个嵌入的文件，或把它另存为不含宏的文件后重新插入，再上传。"]


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("通知.docx", with_embedded_workbook("Microsoft_Excel_Worksheet.xlsx", f'<Default Extension="xlsx" '
                                                                       f'ContentType="{XLSX}"/>'), "Excel 工作簿"),
    ("通知.doc", doc(extra={"ObjectPool/_1/Package": XLSM, "ObjectPool/_1/\x01CompObj": b"\0" * 50}), "Excel 工作簿"),
    ("通知.docx", with_ole_object(compound_file({"Package": XLSM, "\x01CompObj": b"\0" * 50})), "Excel 工作簿"),
    ("通知.doc", doc(extra={"ObjectPool/_2/\x01Ole10Native": packaged("a.docm", DOCM)}), "Word 文档"),
    ("通知.docx", with_ole_object(compound_file({"\x01Ole10Native": packaged("b.doc", doc(macros=True))})),
     "Word 文档"),
], ids=["xlsm-declared-xlsx-in-docx", "xlsm-in-doc", "xlsm-in-ole-in-docx", "docm-packaged-in-doc",
        "doc-packaged-in-docx"])
def test_macros_in_a_file_inside_an_embedded_file_are_refused(name, content, kind):
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile(name, content))
    assert refused.value.messages == embedded_refusal(name, kind)


@pytest.mark.parametrize(("name", "content"), [
    ("通知.docx", with_embedded_workbook("Microsoft_Excel_Worksheet.xlsx", f'<Default Extension="xlsx" '
                                                                       f'ContentType="{XLSX}"/>', macros=False)),
    ("通知.doc", doc(extra={"ObjectPool/_1/Package": xlsx_bytes(), "ObjectPool/_1/\x01CompObj": b"\0" * 50})),
    ("通知.doc", doc(extra={"ObjectPool/_2/\x01Ole10Native": packaged("a.docx", docx_bytes())})),
    ("通知.docx", with_ole_object(compound_file({"Package": xlsx_bytes()}))),
], ids=["xlsx-in-docx", "xlsx-in-doc", "docx-packaged-in-doc", "xlsx-in-ole-in-docx"])
def test_ordinary_files_inside_embedded_files_pass(name, content):
    assert check_upload(SimpleUploadedFile(name, content)).name == name


def test_files_nested_deeper_than_any_document_goes_count_as_macros():
    content = docx_bytes()
    for _level in range(archives.MAX_NESTING + 1):
        content = with_ole_object(compound_file({"Package": content}))
    with pytest.raises(ValidationError, match="中嵌入的文件含有宏"):
        check_upload(SimpleUploadedFile("通知.docx", content))


def test_the_xml_of_embedded_packages_counts_against_the_unpacked_budget(monkeypatch):
    """Each embedded package's relationships are read whole: many small packages with large relationship
    parts (they pack a thousand times over) would be read one after another without end."""
    monkeypatch.setattr(archives, "MAX_EMBEDDED_MB", 1)
    padding = " " * (600 * 1024)
    inner = rewritten(xlsx_bytes(), {"_rels/.rels": [("</Relationships>", padding + "</Relationships>")]})
    content = rewritten(docx_bytes(), {}, {"word/embeddings/a.xlsx": inner, "word/embeddings/b.xlsx": inner})
    with pytest.raises(ValidationError, match="中嵌入的文件含有宏"):
        check_upload(SimpleUploadedFile("通知.docx", content))
    monkeypatch.setattr(archives, "MAX_EMBEDDED_MB", 200)
    assert check_upload(SimpleUploadedFile("通知.docx", content)).name == "通知.docx"


def test_many_defaults_and_embedded_parts_are_matched_once(monkeypatch):
    """[Content_Types].xml may repeat a macro-enabled Default: each used to search every part name again
    (minutes for a few megabytes)."""
    calls = []
    embedded = archives._embedded
    monkeypatch.setattr(archives, "_embedded", lambda name: calls.append(name) or embedded(name))
    defaults = f'<Default Extension="xlsm" ContentType="{XLSM_TYPE}"/>' * 300
    parts = {f"word/embeddings/{index}.xlsm": b"x" for index in range(300)}
    content = rewritten(docx_bytes(), {"[Content_Types].xml": [("</Types>", defaults + "</Types>")]}, parts)
    with pytest.raises(ValidationError, match="中嵌入的Excel 工作簿含有宏"):
        check_upload(SimpleUploadedFile("通知.docx", content))
    assert len(calls) < 1000  # once per part name, not once per Default and part


def with_broken_part_first(package: bytes) -> bytes:
    """`package` with, first of all, a stored relationships part whose bytes no longer match its CRC."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(buffer, "w") as target:
        target.writestr("customXml/_rels/broken.xml.rels", b"<Relationships>BROKEN-PART</Relationships>")
        for member in source.infolist():
            target.writestr(member, source.read(member))
    return buffer.getvalue().replace(b"BROKEN-PART", b"BROKEN-PARt", 1)


def test_a_package_with_a_part_that_cannot_be_unpacked_is_refused_as_damaged():
    """A bad CRC or a broken deflate stream stopped the look where it was: a .docm renamed .docx behind such a
    part was accepted, and a broken deflate stream was a server error."""
    from gongkai.core.tests.test_macros import renamed_project
    from gongkai.core.uploads import check_table

    damaged = ["附件“通知.docx”已损坏或不完整，无法读取；请重新保存后再上传。"]
    for content in (with_broken_part_first(renamed_project()), with_broken_part_first(docx_bytes())):
        with pytest.raises(ValidationError) as refused:
            check_upload(SimpleUploadedFile("通知.docx", content))
        assert refused.value.messages == damaged
    broken_deflate = bytearray(docx_bytes())
    start = broken_deflate.index(b"word/document.xml") + len(b"word/document.xml")  # its local header's name
    broken_deflate[start:start + 40] = bytes(byte ^ 0x5A for byte in broken_deflate[start:start + 40])
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("通知.docx", bytes(broken_deflate)))
    assert refused.value.messages == damaged
    with pytest.raises(ValidationError) as refused:
        check_table(SimpleUploadedFile("台账.xlsx", with_broken_part_first(xlsx_bytes())))
    assert refused.value.messages == ["表格“台账.xlsx”已损坏或不完整，无法读取；请在 Excel 中重新保存后再上传。"]
