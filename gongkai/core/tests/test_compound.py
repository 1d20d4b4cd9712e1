"""Office 97–2003 files (OLE2 compound files) with macros, as a sender meets the upload check: a .doc, .xls or
.ppt carrying a VBA project or an Excel 4.0 macro sheet is refused with the words a .docm renamed .docx gets;
an embedded file's macros are named as such; a truncated file is refused as damaged, never a server error.
The files are written by gongkai/core/tests/compound_files.py."""

import struct

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.services import ActionRefused
from gongkai.core.tests.compound_files import compound_file, doc, ppt, project, workbook_stream, xls
from gongkai.core.uploads import accept_upload, check_upload


def refusal(name: str, content: bytes) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile(name, content))
    return refused.value.messages


def macro_message(name: str) -> list[str]:
    extension = name[name.rindex("."):]
    return [f"附件“{name}”含有宏，不能上传；请另存为不含宏的 {extension} 文件后再上传。"]


@pytest.mark.parametrize(("name", "content"), [
    ("通知.doc", doc()), ("明细.xls", xls()), ("汇报.ppt", ppt()), ("通知.wps", doc()), ("明细.et", xls()),
    ("加密的明细.xls", xls(encrypted=True)),  # protected: the sheet types are encrypted, the BOF records are not
], ids=["doc", "xls", "ppt", "wps", "et", "encrypted-xls"])
def test_ordinary_office_97_files_pass(name, content):
    assert check_upload(SimpleUploadedFile(name, content)).name == name


@pytest.mark.parametrize(("name", "content"), [
    ("通知.doc", doc(macros=True)),  # Word: the Macros storage
    ("明细.xls", xls(macros=True)),  # Excel: _VBA_PROJECT_CUR
    ("汇报.ppt", ppt(macros=True)),  # PowerPoint: a VBAInfoContainer in the PowerPoint Document stream
    ("明细.xls", xls(macro_sheet=True)),  # an Excel 4.0 macro sheet
    ("明细.xls", xls(macro_sheet=True, encrypted=True)),  # …in a protected workbook: by its BOF record
    ("明细.xls", compound_file({"Workbook": workbook_stream(sheet_type=1)})),  # by its BoundSheet8 record alone
    ("明细.xls", compound_file({"Workbook": workbook_stream(substream_type=0x0040)})),  # by its BOF alone
    ("通知.wps", doc(macros=True)),  # any OLE2 upload, whatever its extension
    ("通知.doc", compound_file({"WordDocument": b"\0" * 100, "Macros/VBA/_VBA_PROJECT": b"\xcc\x61"})),
], ids=["doc", "xls", "ppt", "xlm", "xlm-encrypted", "xlm-boundsheet", "xlm-bof", "wps", "bare-project"])
def test_office_97_files_with_macros_are_refused_like_a_docm(name, content):
    assert refusal(name, content) == macro_message(name)
    with pytest.raises(ActionRefused, match="含有宏，不能上传"):  # the services' way in (attachments of every app)
        accept_upload(SimpleUploadedFile(name, content))


def test_a_workbook_embedded_in_a_doc_is_named_as_the_one_with_macros():
    """Word keeps an embedded workbook as a storage of its ObjectPool, with the workbook's own VBA project."""
    content = doc(extra=project("ObjectPool/_1234567/_VBA_PROJECT_CUR") | {"ObjectPool/_1234567/Workbook": b"\0" * 64})
    assert refusal("通知.doc", content) == [
        "附件“通知.doc”中嵌入的Excel 工作簿含有宏，不能上传；请删去这个嵌入的文件，或把它另存为不含宏的文件后重新插入，再上传。"]


def damaged(name: str) -> list[str]:
    return [f"附件“{name}”已损坏或不完整，无法读取；请重新保存后再上传。"]


def oversized_stream() -> bytes:
    """A Workbook stream declared 2 GB: read as declared, it would tie up the worker."""
    content = bytearray(xls())
    entry = content.index("Workbook".encode("utf-16-le"))
    struct.pack_into("<I", content, entry + 120, 0x7FFFFFFF)  # the directory entry's stream size
    return bytes(content)


@pytest.mark.parametrize("content", [
    xls()[:600],  # the header and part of the FAT
    xls()[:-1500],  # the directory whole, the workbook's data cut short
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,  # the signature and nothing else
    oversized_stream(),
], ids=["header-only", "data-cut", "signature-only", "oversized-stream"])
def test_a_damaged_or_truncated_office_97_file_is_refused_as_damaged(content):
    assert refusal("明细.xls", content) == damaged("明细.xls")
    with pytest.raises(ActionRefused, match="已损坏或不完整"):
        accept_upload(SimpleUploadedFile("明细.xls", content))


def test_the_check_leaves_the_file_where_it_was():
    upload = SimpleUploadedFile("通知.doc", doc())
    check_upload(upload)
    assert upload.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # stored from its start
