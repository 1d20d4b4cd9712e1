"""A look into an uploaded .zip attachment before it is offered for download: what Office packages get from
core.archives (macros, programs, files under a password, found by content at every level, within its budget),
plus what only a plain archive needs — a bounded number of files, names that stay inside the folder they are
unpacked into ("zip slip": ../ or an absolute path writes anywhere with some unpackers), and no part that
unpacks far beyond its packed size (a "zip bomb" for whoever downloads it)."""

import zipfile
import zlib
from pathlib import PurePosixPath, PureWindowsPath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gongkai.core import archives, compound, zipdirectory

# Files in one archive at most: a real attachment (scans, the 附件 of a notice) holds tens, a large one
# hundreds; reading a directory of millions of names costs seconds and hundreds of megabytes.
MAX_MEMBERS = 10_000


def _unsafe(name: str) -> bool:
    windows = PureWindowsPath(name)
    posix = PurePosixPath(name.replace("\\", "/"))
    return (not name.strip() or posix.is_absolute() or bool(windows.drive) or windows.is_absolute() or ".." in posix.parts
            or any(ord(character) < 0x20 for character in name))


def check(source, name: str) -> None:
    """Refuse (ValidationError, Chinese) a .zip attachment that cannot be read, holds more than MAX_MEMBERS
    files, a name leading outside its folder, or a part (not an image) unpacking beyond archives.MAX_RATIO
    times its packed size. `source` is a seekable binary file, left at its position."""
    position = source.tell()
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()  # at most MAX_MEMBERS: check_upload counted them from the end record
            for member in members:
                for each in zipdirectory.member_names(member):
                    if _unsafe(each):
                        raise ValidationError(
                            _("附件“%(name)s”中的“%(part)s”路径不安全（指向压缩包以外的位置），不能上传；请重新压缩后再上传。"),
                            params={"name": name, "part": each[:80] or _("（无名文件）")}, code="path")
            for member in members:
                if (member.file_size > archives.RATIO_GRACE
                        and member.file_size > archives.MAX_RATIO * max(member.compress_size, 1)
                        and not (member.flag_bits & archives.ENCRYPTED_FLAG)
                        and not archives.is_image(archive, member)):
                    raise ValidationError(
                        _("附件“%(name)s”中的“%(part)s”压缩比异常（解压后超过压缩时的 %(n)s 倍），可能是恶意构造的文件，不能上传。"),
                        params={"name": name, "part": member.filename[:80], "n": archives.MAX_RATIO},
                        code="ratio")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, ValueError, IndexError,
            NotImplementedError, RuntimeError) as exc:
        raise compound.DamagedFile(str(exc)) from exc
    finally:
        source.seek(position)
