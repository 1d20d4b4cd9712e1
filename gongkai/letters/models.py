"""文书: templates a unit can edit, 发文字号 sequences, and issued documents (immutable once issued)."""

import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterTemplate(models.Model):
    """A unit's own wording of one kind of letter (the built-in text lives in `letters.registry`)."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="letter_templates", verbose_name=_("机构")
    )
    key = models.CharField(_("文书种类"), max_length=80)
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文模板"), help_text=_("每行一段；{占位符} 在出具时替换为本案信息。"))
    doc_prefix = models.CharField(
        _("发文字号代字"), max_length=20, help_text=_("例如“源政信复”，出具时编号为“源政信复〔2026〕12号”。")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("修改人"),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        constraints = [models.UniqueConstraint(fields=["organization", "key"], name="unique_letter_template")]

    def __str__(self):
        return f"{self.organization} · {self.title}"


class DocNumberSequence(models.Model):
    """The last serial used for one 代字 of one unit in one year (源政信复〔2026〕12号 → 12)."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("机构"),
    )
    prefix = models.CharField(_("发文字号代字"), max_length=20)
    year = models.PositiveSmallIntegerField(_("年份"))
    last_serial = models.PositiveIntegerField(_("当前序号"), default=0)

    class Meta:
        verbose_name = _("发文字号序列")
        verbose_name_plural = _("发文字号序列")
        constraints = [
            models.UniqueConstraint(fields=["organization", "prefix", "year"], name="unique_doc_number_sequence")
        ]

    def __str__(self):
        return f"{self.prefix}〔{self.year}〕{self.last_serial}"


class ImmutableError(RuntimeError):
    pass


class IssuedDocumentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableError("issued documents are immutable")

    def delete(self):
        raise ImmutableError("issued documents are immutable")


def _document_path(instance, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"letters/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}.{extension}"


class IssuedDocument(models.Model):
    """A numbered letter as it was issued: its content snapshot and both renderings, never changed again."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("发文机关")
    )
    template_key = models.CharField(_("文书种类"), max_length=80)
    doc_number = models.CharField(_("发文字号"), max_length=60)
    title = models.CharField(_("标题"), max_length=200)
    recipient = models.CharField(_("主送"), max_length=200, blank=True)
    issued_on = models.DateField(_("成文日期"))
    content = models.JSONField(_("内容"), encoder=DjangoJSONEncoder)
    docx = models.FileField(_("Word 文件"), upload_to=_document_path, max_length=200)
    pdf = models.FileField(_("PDF 文件"), upload_to=_document_path, max_length=200)
    docx_sha256 = models.CharField(_("Word 校验值"), max_length=64)
    pdf_sha256 = models.CharField(_("PDF 校验值"), max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("出具人"),
    )
    issued_at = models.DateTimeField(_("出具时间"), auto_now_add=True)

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["issued_at", "id"]
        verbose_name = _("已出具文书")
        verbose_name_plural = _("已出具文书")
        constraints = [
            models.UniqueConstraint(fields=["organization", "doc_number"], name="unique_issued_doc_number")
        ]

    def __str__(self):
        return f"{self.doc_number} {self.title}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableError("issued documents are immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("issued documents are immutable")

    def filename(self, extension: str) -> str:
        safe = "".join(ch for ch in f"{self.doc_number}{self.title}" if ch not in '\\/:*?"<>|')
        return f"{safe}.{extension}"


def _seal_path(instance, filename: str) -> str:
    return f"seals/{uuid.uuid4().hex}.png"


class Seal(models.Model):
    """A unit's seal as an image (PNG), put on letters only when they are issued (services.issue).

    An image of a seal, not an electronic seal or signature in the sense of GB/T 38540 (no certificate,
    no cryptographic binding to the document): docs/letters.md says so."""

    organization = models.OneToOneField(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("机构")
    )
    image = models.FileField(_("印章图片"), upload_to=_seal_path, max_length=200)
    sha256 = models.CharField(_("校验值"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("上传人"),
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now=True)

    class Meta:
        verbose_name = _("印章图片")
        verbose_name_plural = _("印章图片")

    def __str__(self):
        return f"{self.organization} · {self.sha256[:12]}"
