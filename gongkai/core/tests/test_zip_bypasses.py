"""Ways around the look into a .zip attachment (core.ziplook, core.executables): a name the unpacker writes the
file under that is not the one in the header, an NTFS stream name, a program whose PE header lies far into
it, and archives of archives holding so many files that reading them through held a worker for a minute."""

import io
import signal
import struct
import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core import archives, ziplook
from gongkai.core.tests.test_zip_uploads import PDF, refused, zip_with
from gongkai.core.uploads import check_table, check_upload

EXECUTABLE = "附件“材料.zip”中含有可执行程序或脚本“{}”，不能上传；请删去它后再上传。"
TOO_MANY = "{}“{}”中的文件（连同其中的压缩包和 Office 文件里的文件）超过 {} 个，无法逐一检查，不能上传；请拆分后再上传。"


def with_unicode_path(header_name: str, unpacked_as: str, content: bytes) -> bytes:
    """A ZIP whose member is called `header_name` in its header and `unpacked_as` in the Info-ZIP Unicode Path
    extra field, which 7-Zip, WinRAR and Bandizip write it under."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        member = zipfile.ZipInfo(header_name)
        real = unpacked_as.encode()
        member.extra = (struct.pack("<HHB", 0x7075, 5 + len(real), 1)
                        + struct.pack("<I", zlib.crc32(header_name.encode())) + real)
        archive.writestr(member, content)
    return buffer.getvalue()


def test_a_script_named_only_in_the_unicode_path_field_is_refused():
    assert refused("材料.zip", with_unicode_path("说明.txt", "说明.vbs", b'MsgBox "hi"')) == [
        EXECUTABLE.format("说明.vbs")]


def test_a_path_leading_outside_only_in_the_unicode_path_field_is_refused():
    assert refused("材料.zip", with_unicode_path("说明.txt", "../../启动/说明.txt", b"text")) == [
        "附件“材料.zip”中的“../../启动/说明.txt”路径不安全（指向压缩包以外的位置），不能上传；请重新压缩后再上传。"]


def test_the_unicode_path_field_of_an_ordinary_name_passes():
    assert check_upload(SimpleUploadedFile("材料.zip", with_unicode_path("tongzhi.pdf", "通知.pdf", PDF)))


def test_a_program_named_as_an_ntfs_stream_is_refused():
    # Written as setup.exe on an NTFS disk by an unpacker that passes the name on.
    assert refused("材料.zip", zip_with({"setup.exe::$DATA": b"echo"})) == [EXECUTABLE.format("setup.exe::$DATA")]


def test_a_program_whose_pe_header_lies_beyond_the_bytes_read_is_refused():
    program = b"MZ" + b"\0" * 58 + struct.pack("<I", 8192) + b"\0" * (8192 - 64) + b"PE\0\0\x4c\x01" + b"\0" * 200
    assert refused("材料.zip", zip_with({"数据.dat": program})) == [EXECUTABLE.format("数据.dat")]
    # A text that begins with MZ points gigabytes away: not a program.
    assert check_upload(SimpleUploadedFile("材料.zip", zip_with({"说明.txt": "MZ开头的说明文字。".encode() * 800})))


def test_archives_of_archives_with_too_many_files_are_refused(monkeypatch):
    monkeypatch.setattr(archives, "MAX_FILES_READ", 50)
    inner = zip_with({f"{n}.txt": b"text" for n in range(30)})
    assert refused("材料.zip", zip_with({f"{n}.zip": inner for n in range(3)})) == [TOO_MANY.format("附件", "材料.zip", 50)]
    assert check_upload(SimpleUploadedFile("材料.zip", zip_with({"1.zip": inner})))


def test_a_directory_of_too_many_members_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(ziplook, "MAX_MEMBERS", 3)
    many = zip_with({"[Content_Types].xml": b"<Types/>", **{f"xl/{n}.xml": b"<x/>" for n in range(4)}})
    assert refused("报表.xlsx", many) == [TOO_MANY.format("附件", "报表.xlsx", 3)]
    try:
        check_table(SimpleUploadedFile("报表.xlsx", many))
    except Exception as exc:  # noqa: BLE001 — the refusal is a ValidationError
        assert exc.messages == ["表格“报表.xlsx”已损坏或不完整，无法读取；请在 Excel 中重新保存后再上传。"]
    else:
        raise AssertionError("accepted")


class _WindowsZipInfo(zipfile.ZipInfo):
    """A member named as Windows' own "compressed folder" names it: in GBK, without the UTF-8 flag."""

    def _encodeFilenameFlags(self):  # noqa: N802 — zipfile's name
        return self.filename.encode("cp437"), self.flag_bits


def windows_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(_WindowsZipInfo(name.encode("gbk").decode("cp437"), (2024, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()


def test_a_windows_zip_of_chinese_names_passes_and_refusals_name_its_files_in_chinese():
    ordinary = {"沂源县人民政府办公室/关于印发《2024年政务公开工作要点》的通知.pdf": PDF, "附件1 扫描件（第1页）.pdf": PDF,
                "乗表.pdf": PDF}  # 乗 is 0x81 0x5C in GBK: a backslash byte
    assert check_upload(SimpleUploadedFile("材料.zip", windows_zip(ordinary)))
    assert refused("材料.zip", windows_zip({**ordinary, "安装程序.exe": b"x"})) == [EXECUTABLE.format("安装程序.exe")]


def native(label: str, source: str, temporary: str, content: bytes) -> bytes:
    """A Packager \\x01Ole10Native stream as the Packager writes it: size, flags, label, source path, 4 bytes,
    the temporary path (its length, then the path), the file's size, the file."""
    temp = temporary.encode() + b"\0"
    header = b"\x02\x00" + label.encode() + b"\0" + source.encode() + b"\0" + b"\0\0\x03\x00"
    body = header + struct.pack("<I", len(temp)) + temp + struct.pack("<I", len(content)) + content
    return struct.pack("<I", len(body)) + body


def test_a_packaged_program_behind_a_long_label_is_refused():
    from gongkai.core.tests.compound_files import doc
    from gongkai.core.tests.test_zip_uploads import PROGRAM

    stream = native("说明" * 2000 + ".txt", "C:\\说明.txt", "C:\\Temp\\说明.txt", PROGRAM)
    assert refused("通知.doc", doc(extra={"ObjectPool/_2/\x01Ole10Native": stream}))[0].startswith(
        "附件“通知.doc”中含有可执行程序或脚本“说明说明")
    assert check_upload(SimpleUploadedFile("通知.doc", doc(extra={"ObjectPool/_2/\x01Ole10Native": native(
        "通知.pdf", "C:\\通知.pdf", "C:\\Temp\\通知.pdf", PDF)})))


def test_too_many_office_files_in_an_archive_are_refused(monkeypatch):
    from gongkai.core.tests.compound_files import doc

    monkeypatch.setattr(archives, "MAX_FILES_OPENED", 5)
    assert refused("材料.zip", zip_with({f"{n}.doc": doc() for n in range(6)})) == [
        "附件“材料.zip”中的 Office 文件和压缩包（连同其中嵌入的）超过 5 个，无法逐一检查，不能上传；请拆分后再上传。"]
    assert check_upload(SimpleUploadedFile("材料.zip", zip_with({f"{n}.doc": doc() for n in range(5)})))


def test_a_document_whose_root_is_its_own_child_is_refused_not_walked_for_ever():
    """Found by mutating uploads: olefile lets a root entry typed as a storage hold itself; the walk of the
    directory never ended (a worker held, its memory growing)."""
    from gongkai.core.tests.compound_files import doc

    data = bytearray(doc())
    (directory,) = struct.unpack_from("<I", data, 48)
    root = (directory + 1) * 512
    data[root + 66] = 1  # a storage, not the root storage (5)
    struct.pack_into("<I", data, root + 76, 0)  # whose child is entry 0: itself
    # olefile reads it; the look finds the file inside-out and damaged, or sees nothing in it — and ends.

    class Endless(BaseException):  # not an Exception: the look turns those into 已损坏
        pass

    def give_up(*_args):
        raise Endless

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(30)
    try:
        check_upload(SimpleUploadedFile("通知.doc", bytes(data)))
    except ValidationError as exc:
        assert exc.messages == ["附件“通知.doc”已损坏或不完整，无法读取；请重新保存后再上传。"]
    except Endless:
        raise AssertionError("the look did not end within 30 seconds") from None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_zip64_record_spanning_disks_or_sizing_the_directory_absurdly_is_a_refusal_not_a_500():
    plain = zip_with({"通知.pdf": PDF})
    end = plain.rfind(b"PK\x05\x06")
    spanning = plain[:end] + b"PK\x06\x07" + struct.pack("<IQI", 0, 0, 2) + plain[end:]
    record = b"PK\x06\x06" + struct.pack("<QHHIIQQQQ", 44, 45, 45, 0, 0, 1, 1, 2 ** 63, 0)
    absurd = plain[:end] + record + b"PK\x06\x07" + struct.pack("<IQI", 0, end, 1) + plain[end:]
    for content in (spanning, absurd):
        for check in (check_upload, check_table):
            try:
                check(SimpleUploadedFile("材料.zip" if check is check_upload else "报表.xlsx", content))
            except ValidationError:
                pass
