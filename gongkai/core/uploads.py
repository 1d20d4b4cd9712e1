"""Checking uploaded files by their content, never by their name alone (a macro-enabled Office file renamed
to .docx, .xlsx or .pptx is refused: core.archives.find_macros; so is a .doc, .xls or .ppt holding macros:
core.compound.find_macros; so is a program or script inside any of them or inside a .zip: core.executables;
a .zip is looked into as well: core.ziplook)."""

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gongkai.core import archives, compound, executables, zipdirectory, ziplook
from gongkai.core.compound import Macros
from gongkai.core.services import ActionRefused

# Extension → content kinds accepted for it. Office formats: DOCX/XLSX are ZIP containers,
# DOC/XLS/WPS/ET are OLE2 compound files; OFD is a ZIP container (GB/T 33190). A ZIP container must also
# hold its format's parts (core.archives.PACKAGE_PARTS): a plain ZIP renamed to .docx is refused.
OLE2_MAGIC = compound.OLE2_MAGIC
ZIP_MAGIC = compound.ZIP_MAGIC
ALLOWED = {
    ".pdf": "pdf",
    ".ofd": "zip",
    ".docx": "zip",
    ".xlsx": "zip",
    ".pptx": "zip",
    ".zip": "zip",
    ".doc": "ole2",
    ".xls": "ole2",
    ".ppt": "ole2",
    ".wps": "ole2",
    ".et": "ole2",
    ".jpg": "image",
    ".jpeg": "image",
    ".png": "image",
    ".gif": "image",
}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".ofd": "application/ofd",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".zip": "application/zip",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".wps": "application/vnd.ms-works",
    ".et": "application/vnd.ms-excel",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
}
# Office Open XML packages: a macro-enabled one renamed to these (a .docm saved as .docx …) is refused by its
# content (core.archives.find_macros), for attachments and imports alike; so is any OLE2 file with macros
# (core.compound.find_macros: a VBA project, PowerPoint's VBA, an Excel 4.0 macro sheet).
OFFICE_PACKAGES = (".docx", ".xlsx", ".pptx")
IMAGE_MIMES = {"image/jpeg", "image/png", "image/gif"}


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    extension: str
    content_type: str
    size: int


# Where check_upload leaves its verdict on the upload object it accepted.
CHECKED_ATTRIBUTE = "_gongkai_checked_upload"


def max_upload_bytes() -> int:
    return settings.GONGKAI_MAX_UPLOAD_MB * 1024 * 1024


def _content_kind(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE2_MAGIC):
        return "ole2"
    kind = filetype.guess(head)
    if kind is not None and kind.mime in IMAGE_MIMES:
        return "image"
    return None


def check_upload(uploaded) -> CheckedUpload:
    """Validate an uploaded file; raise ValidationError with a Chinese message when refused. A file already
    accepted is not read again (a form checks it, then the service that stores it: the content check may
    unpack embedded files up to its budget)."""
    earlier = getattr(uploaded, CHECKED_ATTRIBUTE, None)
    if earlier is not None and earlier.name == PurePath(uploaded.name or "").name.strip() and earlier.size == uploaded.size:
        return earlier
    name = PurePath(uploaded.name or "").name.strip()
    extension = PurePath(name).suffix.lower()
    if extension not in ALLOWED:
        raise ValidationError(
            _("不支持的附件类型“%(ext)s”。允许的类型：PDF、OFD、DOC/DOCX、XLS/XLSX、WPS/ET、图片和 ZIP。"),
            params={"ext": extension or _("无扩展名")},
            code="extension",
        )
    size = uploaded.size or 0
    if size == 0:
        raise ValidationError(_("附件“%(name)s”是空文件。"), params={"name": name}, code="empty")
    limit = max_upload_bytes()
    if size > limit:
        raise ValidationError(
            _("附件“%(name)s”超过大小上限 %(mb)s MB。"),
            params={"name": name, "mb": settings.GONGKAI_MAX_UPLOAD_MB},
            code="size",
        )
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    if head.startswith(ZIP_MAGIC) and zipdirectory.too_many_members(uploaded, ziplook.MAX_MEMBERS):
        raise _too_many(name)  # before zipfile lists them all
    if _content_kind(head) != ALLOWED[extension] or (
            extension in archives.PACKAGE_PARTS and archives.lacks_package_parts(uploaded, extension)):
        raise ValidationError(
            _("附件“%(name)s”的内容与扩展名不符，已拒绝（可能是伪装的文件）。"),
            params={"name": name},
            code="content",
        )
    macros = _macros(uploaded, name, extension)
    if macros is not None and extension == ".zip":
        raise ValidationError(
            _("附件“%(name)s”中的“%(part)s”含有宏，不能上传；请把它另存为不含宏的文件，重新压缩后再上传。"),
            params={"name": name, "part": (macros.part or embedded_kind(macros.kind))[:80]},
            code="macro",
        )
    if macros is not None and macros.embedded:
        raise ValidationError(
            _("附件“%(name)s”中嵌入的%(kind)s含有宏，不能上传；请删去这个嵌入的文件，或把它另存为不含宏的文件后重新插入，"
              "再上传。"),
            params={"name": name, "kind": embedded_kind(macros.kind)},
            code="macro",
        )
    if macros is not None:
        raise ValidationError(
            _("附件“%(name)s”含有宏，不能上传；请另存为不含宏的 %(ext)s 文件后再上传。"),
            params={"name": name, "ext": extension},
            code="macro",
        )
    checked = CheckedUpload(name=name, extension=extension, content_type=CONTENT_TYPES[extension], size=size)
    setattr(uploaded, CHECKED_ATTRIBUTE, checked)
    return checked


def _too_many(name: str, limit: int | None = None) -> ValidationError:
    return ValidationError(_("附件“%(name)s”中的文件（连同其中的压缩包和 Office 文件里的文件）超过 %(n)s 个，无法逐一检查，"
                             "不能上传；请拆分后再上传。"),
                           params={"name": name, "n": limit or ziplook.MAX_MEMBERS}, code="members")


def embedded_kind(kind: str) -> str:
    """How a refusal names an embedded file whose macros were found (compound.Macros.kind)."""
    return {"word": _("Word 文档"), "excel": _("Excel 工作簿"), "powerpoint": _("PowerPoint 演示文稿")}.get(kind, _("文件"))


def _macros(uploaded, name: str, extension: str) -> Macros | None:
    """The macros of an Office package (core.archives) or of any OLE2 compound file (.doc, .xls, .ppt, .wps,
    .et: core.compound); a file that cannot be read whole (an OLE2 file cut short, a package part that cannot
    be unpacked) is refused as damaged."""
    if extension not in OFFICE_PACKAGES and extension != ".zip" and ALLOWED[extension] != "ole2":
        return None
    try:
        if extension == ".zip":
            ziplook.check(uploaded, name)
        if extension in OFFICE_PACKAGES or extension == ".zip":
            return archives.find_macros(uploaded)
        return archives.compound_macros(uploaded)
    except compound.DamagedFile as exc:
        raise ValidationError(_("附件“%(name)s”已损坏或不完整，无法读取；请重新保存后再上传。"),
                              params={"name": name}, code="damaged") from exc
    except executables.Executable as exc:
        raise ValidationError(_("附件“%(name)s”中含有可执行程序或脚本“%(part)s”，不能上传；请删去它后再上传。"),
                              params={"name": name, "part": exc.name[:80]}, code="executable") from exc
    except compound.TooManyFiles as exc:
        if exc.office:
            raise ValidationError(_("附件“%(name)s”中的 Office 文件和压缩包（连同其中嵌入的）超过 %(n)s 个，无法逐一检查，"
                                    "不能上传；请拆分后再上传。"), params={"name": name, "n": exc.limit}, code="members") from exc
        raise _too_many(name, exc.limit) from exc
    except compound.Encrypted as exc:
        raise ValidationError(_("附件“%(name)s”中的“%(part)s”设有密码，无法检查其内容，不能上传；请去掉密码后再上传。"),
                              params={"name": name, "part": exc.name[:80]}, code="encrypted") from exc


def accept_upload(uploaded) -> tuple[CheckedUpload, str]:
    """`check_upload` for a service: a refusal as ActionRefused with its Chinese message; with the checked file,
    its SHA-256 (hex), the file left at its start for storing."""
    try:
        checked = check_upload(uploaded)
    except ValidationError as exc:
        raise ActionRefused(" ".join(exc.messages)) from exc
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return checked, digest.hexdigest()


# A spreadsheet to import (core.sheets reads it): the extension, then what its content must be.
TABLE_CONTENT = {".xlsx": "zip", ".csv": "text"}


def _is_text(head: bytes) -> bool:
    """True when the first bytes of a file read as UTF-8 text (a character cut at the end is fine)."""
    if b"\x00" in head or head.startswith((ZIP_MAGIC, OLE2_MAGIC)):
        return False
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def check_table(uploaded, extensions=(".xlsx", ".csv")) -> CheckedUpload:
    """Validate a spreadsheet for an import (`extensions` among .xlsx and .csv) by its content: an XLSX
    must be a ZIP container, a CSV UTF-8 text; the size limit is the uploads'. Raise ValidationError with
    a Chinese message about the 表格 (check_upload speaks of 附件, and accepts no CSV)."""
    name = PurePath(uploaded.name or "").name.strip()
    extension = PurePath(name).suffix.lower()
    if extension not in extensions:
        raise ValidationError(_("请上传 %(types)s 格式的表格。"), params={"types": _(" 或 ").join(extensions)},
                              code="extension")
    size = uploaded.size or 0
    if size == 0:
        raise ValidationError(_("表格“%(name)s”是空文件。"), params={"name": name}, code="empty")
    if size > max_upload_bytes():
        raise ValidationError(_("表格“%(name)s”超过大小上限 %(mb)s MB。"),
                              params={"name": name, "mb": settings.GONGKAI_MAX_UPLOAD_MB}, code="size")
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    if extension == ".xlsx" and not head.startswith(ZIP_MAGIC):
        raise ValidationError(_("表格“%(name)s”不是 Excel 工作簿（.xlsx）：.xls 或 WPS 表格请另存为 Excel 工作簿后再上传。"),
                              params={"name": name}, code="content")
    try:
        if extension == ".xlsx" and zipdirectory.too_many_members(uploaded, ziplook.MAX_MEMBERS):
            raise compound.TooManyFiles(ziplook.MAX_MEMBERS)
        macros = extension == ".xlsx" and archives.has_macros(uploaded)
    except (compound.DamagedFile, compound.Encrypted, compound.TooManyFiles) as exc:
        raise ValidationError(_("表格“%(name)s”已损坏或不完整，无法读取；请在 Excel 中重新保存后再上传。"),
                              params={"name": name}, code="damaged") from exc
    except executables.Executable as exc:
        raise ValidationError(_("表格“%(name)s”中含有可执行程序或脚本“%(part)s”，不能上传；请删去它后再上传。"),
                              params={"name": name, "part": exc.name[:80]}, code="executable") from exc
    if macros:
        raise ValidationError(_("表格“%(name)s”含有宏，不能上传；请另存为不含宏的 Excel 工作簿（.xlsx）后再上传。"),
                              params={"name": name}, code="macro")
    if extension == ".csv" and not _is_text(head):
        raise ValidationError(_("表格“%(name)s”不是 UTF-8 编码的 CSV 文本（Excel 请选择“CSV UTF-8”另存）。"),
                              params={"name": name}, code="content")
    content_type = CONTENT_TYPES[extension] if extension in CONTENT_TYPES else "text/csv"
    return CheckedUpload(name=name, extension=extension, content_type=content_type, size=size)
