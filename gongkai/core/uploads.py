"""Checking uploaded files by their content, never by their name alone."""

from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Extension → content kinds accepted for it. Office formats: DOCX/XLSX are ZIP containers,
# DOC/XLS/WPS/ET are OLE2 compound files; OFD is a ZIP container (GB/T 33190).
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
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
IMAGE_MIMES = {"image/jpeg", "image/png", "image/gif"}


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    extension: str
    content_type: str
    size: int


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
    """Validate an uploaded file; raise ValidationError with a Chinese message when refused."""
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
    if _content_kind(head) != ALLOWED[extension]:
        raise ValidationError(
            _("附件“%(name)s”的内容与扩展名不符，已拒绝（可能是伪装的文件）。"),
            params={"name": name},
            code="content",
        )
    return CheckedUpload(name=name, extension=extension, content_type=CONTENT_TYPES[extension], size=size)
