"""The information provided with a reply (条例第三十六条第（二）项): uploaded files or published items,
downloadable by the applicant from the lookup page for GONGKAI_DISCLOSURE_DOWNLOAD_DAYS after the
reply; every download is logged."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def _disclosed_path(instance, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"disclosed/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}.{extension}"


class DisclosedDocument(models.Model):
    case = models.ForeignKey(
        "requests.RequestCase", on_delete=models.CASCADE, related_name="disclosed",
        verbose_name=pgettext_lazy("field", "申请"),
    )
    item = models.ForeignKey("publishing.InformationItem", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("已公开的信息"))
    file = models.FileField(_("文件"), upload_to=_disclosed_path, max_length=200, blank=True)
    name = models.CharField(_("名称"), max_length=200)
    content_type = models.CharField(_("文件类型"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("文件大小（字节）"), default=0)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("添加人"))
    added_at = models.DateTimeField(_("添加时间"), auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("提供的政府信息")
        verbose_name_plural = _("提供的政府信息")

    def __str__(self):
        return self.name


class DisclosureDownload(models.Model):
    """One download by the applicant. The client is kept as a keyed digest, never its address."""

    document = models.ForeignKey(
        DisclosedDocument, on_delete=models.CASCADE, related_name="downloads", verbose_name=_("提供的政府信息"),
    )
    at = models.DateTimeField(_("下载时间"), auto_now_add=True)
    client = models.CharField(_("客户端摘要"), max_length=64, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("下载记录")
        verbose_name_plural = _("下载记录")

    def __str__(self):
        return f"{self.document} {self.at:%Y-%m-%d %H:%M}"
