"""core.uploads: check_table, the spreadsheet an import takes, checked by content, with messages about the
表格; check_upload, an attachment, whose ZIP container must hold its format's parts."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from gongkai.core.uploads import check_table, check_upload


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def refusal(name: str, content: bytes, extensions=(".xlsx", ".csv")) -> str:
    with pytest.raises(ValidationError) as refused:
        check_table(SimpleUploadedFile(name, content), extensions)
    return " ".join(refused.value.messages)


def test_an_xlsx_and_a_utf8_csv_pass():
    assert check_table(SimpleUploadedFile("表.xlsx", xlsx_bytes())).extension == ".xlsx"
    assert check_table(SimpleUploadedFile("表.csv", "\ufeff序号,名称\r\n1,许可\r\n".encode())).extension == ".csv"


def test_a_wrong_type_or_a_disguised_file_is_refused_as_a_table(settings):
    assert "请上传 .xlsx 或 .csv 格式的表格" in refusal("表.docx", b"PK\x03\x04")
    assert "请上传 .xlsx 格式的表格" in refusal("表.csv", b"a,b", extensions=(".xlsx",))
    assert "不是 Excel 工作簿" in refusal("表.xlsx", "序号,名称".encode())
    assert "不是 UTF-8 编码的 CSV" in refusal("表.csv", xlsx_bytes())
    assert "不是 UTF-8 编码的 CSV" in refusal("表.csv", "序号,名称".encode("gbk"))
    assert "是空文件" in refusal("表.csv", b"")
    settings.GONGKAI_MAX_UPLOAD_MB = 1
    assert "超过大小上限 1 MB" in refusal("表.csv", b"a" * (1024 * 1024 + 1))
    messages = [refusal(*case) for case in (("表.docx", b"x"), ("表.xlsx", b"x"), ("表.csv", b"\x00"))]
    assert all("表格" in message and "附件" not in message for message in messages)


def zip_of(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def docx_bytes() -> bytes:
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def test_office_and_ofd_files_pass_when_they_hold_their_formats_parts():
    assert check_upload(SimpleUploadedFile("通知.docx", docx_bytes())).extension == ".docx"
    assert check_upload(SimpleUploadedFile("明细.xlsx", xlsx_bytes())).extension == ".xlsx"
    assert check_upload(SimpleUploadedFile("汇报.pptx", zip_of("[Content_Types].xml", "ppt/presentation.xml")))
    assert check_upload(SimpleUploadedFile("公文.ofd", zip_of("OFD.xml", "Doc_0/Document.xml")))
    assert check_upload(SimpleUploadedFile("材料.zip", zip_of("a.txt"))).extension == ".zip"


@pytest.mark.parametrize(("name", "content"), [
    ("x.docx", zip_of("a.txt")),  # a plain ZIP renamed
    ("x.docx", zip_of("[Content_Types].xml", "xl/workbook.xml")),  # a workbook renamed
    ("x.docx", zip_of("word/document.xml")),  # no [Content_Types].xml
    ("x.xlsx", zip_of("[Content_Types].xml", "word/document.xml")),
    ("x.pptx", zip_of("a.txt")),
    ("x.ofd", zip_of("Doc_0/Document.xml")),
])
def test_a_zip_without_its_formats_parts_is_refused_as_a_disguised_file(name, content):
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile(name, content))
    assert refused.value.messages == [f"附件“{name}”的内容与扩展名不符，已拒绝（可能是伪装的文件）。"]


def test_a_damaged_package_is_left_to_the_reader_that_says_it_cannot_read_it():
    """A damaged .docx is not a disguised file: the Word import and the batch import say 「无法读取该…」
    (publishing/tests/test_wordimport.py, interchange/tests/test_batch_web.py), not 「伪装的文件」."""
    assert check_upload(SimpleUploadedFile("损坏.docx", b"PK\x03\x04 not really a zip")).extension == ".docx"


def with_parts(package: bytes, extra: dict[str, bytes] | None = None, replace: tuple[str, str] | None = None) -> bytes:
    """`package` copied with parts added and [Content_Types].xml's text replaced (a .docm saved as .docx)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(buffer, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if replace and member.filename == "[Content_Types].xml":
                assert replace[0].encode() in data
                data = data.replace(replace[0].encode(), replace[1].encode())
            target.writestr(member, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return buffer.getvalue()


WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


@pytest.mark.parametrize(("name", "content"), [
    ("通知.docx", with_parts(docx_bytes(), {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 VBA"})),
    ("通知.docx", with_parts(docx_bytes(), replace=(
        WORD_MAIN, "application/vnd.ms-word.document.macroEnabled.main+xml"))),
    ("明细.xlsx", with_parts(xlsx_bytes(), {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 VBA"})),
    ("明细.xlsx", with_parts(xlsx_bytes(), replace=(EXCEL_MAIN, "application/vnd.ms-excel.sheet.macroEnabled.main+xml"))),
    ("汇报.pptx", zip_of("[Content_Types].xml", "ppt/presentation.xml", "ppt/VBAPROJECT.BIN")),
])
def test_a_macro_enabled_office_file_renamed_is_refused_as_an_attachment(name, content):
    """A .docm (.xlsm, .pptm) renamed .docx passed as a Word document: Word opens it by its content and offers
    to run its macros for whoever downloads it from the site."""
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile(name, content))
    extension = name[name.rindex("."):]
    assert refused.value.messages == [f"附件“{name}”含有宏，不能上传；请另存为不含宏的 {extension} 文件后再上传。"]


def test_a_macro_enabled_workbook_renamed_is_refused_as_a_table():
    content = with_parts(xlsx_bytes(), {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 VBA"})
    assert refusal("台账.xlsx", content) == "表格“台账.xlsx”含有宏，不能上传；请另存为不含宏的 Excel 工作簿（.xlsx）后再上传。"
    assert check_table(SimpleUploadedFile("台账.xlsx", xlsx_bytes())).extension == ".xlsx"  # without: passes


def test_an_accepted_attachment_is_not_read_again(monkeypatch):
    """A form checks an attachment and the service that stores it checks it again: the second check takes the
    first one's verdict instead of unpacking the package (and its embedded files) a second time. A file of
    another name or size is read afresh."""
    from gongkai.core import archives

    reads = []
    find = archives.find_macros
    monkeypatch.setattr(archives, "find_macros", lambda upload: reads.append(upload.name) or find(upload))
    upload = SimpleUploadedFile("通知.docx", docx_bytes())
    first, second = check_upload(upload), check_upload(upload)
    assert first == second and first.extension == ".docx" and reads == ["通知.docx"]
    upload.name = "另一份通知.docx"
    assert check_upload(upload).name == "另一份通知.docx" and reads == ["通知.docx", "另一份通知.docx"]
