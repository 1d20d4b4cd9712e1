"""Programs, scripts, macros and files under a password inside an upload: a .zip attachment is looked into
like an Office package (its files by name and by content, Office files in it for macros, archives in it in
turn), and an Office file's parts and Packager objects are checked for programs. Whoever downloads the
attachment from the site must not be handed a program. Ordinary archives still pass."""

import io
import struct
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core import ziplook
from gongkai.core.tests.compound_files import compound_file, doc
from gongkai.core.tests.test_macros import DOCM_MAIN, rewritten, with_ole_object
from gongkai.core.tests.test_nested_macros import packaged
from gongkai.core.tests.test_uploads import WORD_MAIN, docx_bytes, xlsx_bytes
from gongkai.core.uploads import check_table, check_upload

PDF = b"%PDF-1.4\n" + b"1 0 obj << >> endobj\n" * 20
# A Windows program's start: the DOS header with the offset of the PE signature at 0x3C.
PROGRAM = b"MZ" + b"\0" * 58 + struct.pack("<I", 64) + b"PE\0\0" + b"\x4c\x01" + b"\0" * 200
DOCM = rewritten(docx_bytes(), {"[Content_Types].xml": [(WORD_MAIN, DOCM_MAIN)]})


def zip_with(files: dict[str, bytes], deflate: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def encrypted(content: bytes) -> bytes:
    """`content` (a ZIP) with every member marked encrypted (general purpose bit 0), as a password-protected
    archive's members are; zipfile cannot write real ZipCrypto."""
    data = bytearray(content)
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start >= 0:
            data[start + flag_at] |= 0x1
            start = data.find(signature, start + 4)
    return bytes(data)


def refused(name: str, content: bytes) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        check_upload(SimpleUploadedFile(name, content))
    return caught.value.messages


def test_an_ordinary_archive_of_documents_passes():
    content = zip_with({"附件1 通知.pdf": PDF, "附件2 明细.xlsx": xlsx_bytes(), "扫描件/第1页.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
                        "说明.txt": "MZ开头的说明文字，不是程序。".encode() * 10, "报告.docx": docx_bytes()})
    assert check_upload(SimpleUploadedFile("材料.zip", content)).extension == ".zip"


@pytest.mark.parametrize(("files", "part"), [
    ({"安装程序.EXE": b"not even a real program"}, "安装程序.EXE"),
    ({"材料/readme.vbs": b'MsgBox "hi"'}, "材料/readme.vbs"),
    ({"说明.txt": PROGRAM}, "说明.txt"),  # a program renamed: found by its content
    ({"内层.zip": zip_with({"run.js": b"alert(1)"})}, "run.js"),  # one archive deeper
], ids=["by-name", "script-in-folder", "by-content", "nested-archive"])
def test_a_program_or_script_in_an_archive_is_refused(files, part):
    assert refused("材料.zip", zip_with(files)) == [
        f"附件“材料.zip”中含有可执行程序或脚本“{part}”，不能上传；请删去它后再上传。"]


def test_an_office_file_with_macros_in_an_archive_is_refused_by_name():
    assert refused("材料.zip", zip_with({"附件/通知.docx": DOCM, "说明.pdf": PDF})) == [
        "附件“材料.zip”中的“附件/通知.docx”含有宏，不能上传；请把它另存为不含宏的文件，重新压缩后再上传。"]
    assert refused("材料.zip", zip_with({"表格.xls": doc(macros=True)})) == [
        "附件“材料.zip”中的“表格.xls”含有宏，不能上传；请把它另存为不含宏的文件，重新压缩后再上传。"]


def test_an_archive_under_a_password_cannot_be_looked_into_and_is_refused():
    assert refused("材料.zip", encrypted(zip_with({"通知.pdf": PDF}))) == [
        "附件“材料.zip”中的“通知.pdf”设有密码，无法检查其内容，不能上传；请去掉密码后再上传。"]


def test_a_package_with_a_part_under_a_password_is_refused_not_a_server_error():
    """zipfile raises RuntimeError opening such a part: the upload was a 500."""
    messages = refused("通知.docx", encrypted(docx_bytes()))
    assert messages[0].startswith("附件“通知.docx”中的“") and messages[0].endswith("设有密码，无法检查其内容，不能上传；请去掉密码后再上传。")


@pytest.mark.parametrize(("member", "shown"), [
    ("../../etc/cron.d/x", "../../etc/cron.d/x"),
    ("/etc/passwd", "/etc/passwd"),
    ("C:\\Windows\\win.ini", "C:\\Windows\\win.ini"),
    ("材料\\..\\..\\启动.txt", "材料\\..\\..\\启动.txt"),
])
def test_a_name_leading_outside_the_folder_is_refused(member, shown):
    assert refused("材料.zip", zip_with({member: b"text"})) == [
        f"附件“材料.zip”中的“{shown}”路径不安全（指向压缩包以外的位置），不能上传；请重新压缩后再上传。"]


def test_a_part_unpacking_far_beyond_its_size_is_refused():
    assert refused("材料.zip", zip_with({"数据.csv": b"0" * (8 * 1024 * 1024)})) == [
        "附件“材料.zip”中的“数据.csv”压缩比异常（解压后超过压缩时的 100 倍），可能是恶意构造的文件，不能上传。"]


def test_too_many_files_are_refused(monkeypatch):
    monkeypatch.setattr(ziplook, "MAX_MEMBERS", 3)
    assert refused("材料.zip", zip_with({f"{n}.txt": b"x" for n in range(4)})) == [
        "附件“材料.zip”中的文件（连同其中的压缩包和 Office 文件里的文件）超过 3 个，无法逐一检查，不能上传；请拆分后再上传。"]
    assert check_upload(SimpleUploadedFile("材料.zip", zip_with({f"{n}.txt": b"x" for n in range(3)})))


def test_a_damaged_archive_is_refused():
    assert refused("材料.zip", b"PK\x03\x04 not really a zip") == [
        "附件“材料.zip”已损坏或不完整，无法读取；请重新保存后再上传。"]


@pytest.mark.parametrize(("name", "content", "part"), [
    ("通知.doc", doc(extra={"ObjectPool/_2/\x01Ole10Native": packaged("setup.exe", b"anything")}), "setup.exe"),
    ("通知.doc", doc(extra={"ObjectPool/_2/\x01Ole10Native": packaged("说明.txt", PROGRAM)}), "说明.txt"),
    ("通知.docx", with_ole_object(compound_file({"\x01Ole10Native": packaged("run.vbs", b'MsgBox "x"')})), "run.vbs"),
    ("通知.docx", rewritten(docx_bytes(), {}, {"word/embeddings/tool.exe": b"x"}), "word/embeddings/tool.exe"),
], ids=["packaged-exe-in-doc", "packaged-renamed-program", "packaged-script-in-docx", "program-part-in-docx"])
def test_a_program_packaged_in_an_office_file_is_refused(name, content, part):
    assert refused(name, content) == [f"附件“{name}”中含有可执行程序或脚本“{part}”，不能上传；请删去它后再上传。"]


def test_a_packaged_document_still_passes():
    content = doc(extra={"ObjectPool/_2/\x01Ole10Native": packaged("附件.pdf", PDF)})
    assert check_upload(SimpleUploadedFile("通知.doc", content)).extension == ".doc"


def test_a_table_with_a_program_inside_is_refused_as_a_table():
    content = rewritten(xlsx_bytes(), {}, {"xl/embeddings/a.bat": b"echo"})
    with pytest.raises(ValidationError) as caught:
        check_table(SimpleUploadedFile("台账.xlsx", content))
    assert caught.value.messages == ["表格“台账.xlsx”中含有可执行程序或脚本“xl/embeddings/a.bat”，不能上传；请删去它后再上传。"]


def test_a_member_without_a_name_is_refused_not_a_server_error():
    """Found by mutating uploads: zipfile's ZipInfo.is_dir raised IndexError on an empty name (a 500)."""
    nameless = zip_with({"a.pdf": PDF}).replace(b"a.pdf", b"\0\0\0\0\0")  # zipfile cuts a name at its NUL
    assert refused("材料.zip", nameless) == [
        "附件“材料.zip”中的“（无名文件）”路径不安全（指向压缩包以外的位置），不能上传；请重新压缩后再上传。"]
    workbook = rewritten(xlsx_bytes(), {}, {"xl/media/zz.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 16})
    workbook = workbook.replace(b"xl/media/zz.png", b"\0" * len(b"xl/media/zz.png"))
    assert check_upload(SimpleUploadedFile("明细.xlsx", workbook)).extension == ".xlsx"


def big_part_with_a_broken_stream() -> bytes:
    """A 2 MB part packed over 100 times (judged by its ratio, so its first bytes are read to tell an image)
    whose deflate stream is broken from its first bytes on."""
    content = bytearray(zip_with({"数据.csv": b"0" * (2 * 1024 * 1024)}))
    start = content.index(b"\xe6\x95\xb0\xe6\x8d\xae.csv") + len("数据.csv".encode())  # the local header's name
    content[start:start + 4] = b"\xff\xff\xff\xff"
    return bytes(content)


def test_a_part_whose_stream_is_broken_is_refused_as_damaged_not_a_server_error():
    """Found by mutating uploads: zlib.error escaped the look at the part's first bytes (a 500)."""
    assert refused("材料.zip", big_part_with_a_broken_stream()) == [
        "附件“材料.zip”已损坏或不完整，无法读取；请重新保存后再上传。"]


def test_an_import_of_a_file_whose_stream_is_broken_says_it_cannot_be_read():
    from gongkai.core import archives

    with pytest.raises(archives.NotAnArchive):
        archives.check_zip(big_part_with_a_broken_stream(), sheets_streamed=False)
