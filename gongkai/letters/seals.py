"""A unit's seal image: uploaded by its 单位管理员 (PNG, checked by content), used only by
`services.issue` — the audited issue action — never on previews or drafts."""

import hashlib
import io
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record
from gongkai.core.services import ActionRefused
from gongkai.core.uploads import check_upload
from gongkai.letters.models import Seal

logger = logging.getLogger(__name__)
MAX_SEAL_BYTES = 2 * 1024 * 1024
MIN_SIDE_PX, MAX_SIDE_PX = 200, 3000


def _check_png(upload) -> bytes:
    from PIL import Image, UnidentifiedImageError

    try:
        checked = check_upload(upload)
    except ValidationError as exc:
        raise ActionRefused(" ".join(exc.messages)) from exc
    if checked.extension != ".png" or checked.size > MAX_SEAL_BYTES:
        raise ActionRefused(_("印章图片请上传不超过2 MB的PNG文件（透明背景的红色印章）。"))
    upload.seek(0)
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            fmt = image.format
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ActionRefused(_("印章图片已损坏，无法读取，请重新导出PNG文件。")) from exc
    if fmt != "PNG" or not (MIN_SIDE_PX <= min(width, height) and max(width, height) <= MAX_SIDE_PX):
        raise ActionRefused(_("印章图片的边长须在200至3000像素之间。"))
    return data


def seal_of(organization) -> Seal | None:
    return Seal.objects.filter(organization=organization).first()


def seal_image(organization) -> bytes:
    seal = seal_of(organization)
    if seal is None:
        return b""
    try:
        with seal.image.open("rb") as handle:
            return handle.read()
    except OSError:  # the file is gone (a restore without the files, a disk error): the letter still issues,
        # with the grey place of the seal as an unsealed one; the audit entry records sealed: false
        logger.warning("seal image of organization %s is missing: %s", organization.pk, seal.image.name)
        return b""


@transaction.atomic
def upload_seal(actor, organization, upload, request=None) -> Seal:
    if not has_perm(actor, "letter.templates", organization.id):
        raise ActionRefused(_("只有本单位管理员可以上传印章图片。"))
    data = _check_png(upload)
    seal = seal_of(organization) or Seal(organization=organization)
    before = {"sha256": seal.sha256} if seal.pk else None
    seal.sha256, seal.uploaded_by = hashlib.sha256(data).hexdigest(), actor
    seal.image.save("seal.png", ContentFile(data), save=False)
    seal.save()
    record(actor, "seal.upload", seal, organization=organization, before=before, after={"sha256": seal.sha256},
           request=request)
    return seal


@transaction.atomic
def remove_seal(actor, organization, request=None) -> None:
    if not has_perm(actor, "letter.templates", organization.id):
        raise ActionRefused(_("只有本单位管理员可以删除印章图片。"))
    seal = seal_of(organization)
    if seal is None:
        raise ActionRefused(_("本单位尚未上传印章图片。"))
    record(actor, "seal.remove", seal, organization=organization, before={"sha256": seal.sha256}, request=request)
    seal.delete()
