"""Training sessions (推动将政务公开列入领导干部和公务员培训内容，分级分类做好培训组织): who organised them, at which
level, the materials, and who attended (staff accounts or names) for which unit."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TrainingSession(models.Model):
    class Level(models.TextChoices):
        COUNTY = "county", _("县级")
        DEPARTMENT = "department", _("部门")
        TOWNSHIP = "township", _("乡镇")

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("组织单位"))
    held_on = models.DateField(_("培训日期"))
    topic = models.CharField(_("培训主题"), max_length=200)
    level = models.CharField(_("培训层级"), max_length=12, choices=Level.choices)
    trainer = models.CharField(_("授课人"), max_length=100)
    place = models.CharField(_("地点"), max_length=200, blank=True)
    hours = models.DecimalField(_("学时"), max_digits=4, decimal_places=1, default=2)
    summary = models.TextField(_("内容摘要"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("登记人"),
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("培训")
        verbose_name_plural = _("培训")

    def __str__(self):
        return self.topic


def material_path(instance, filename: str) -> str:
    return f"training/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class TrainingMaterial(models.Model):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="materials", verbose_name=_("培训"),
    )
    file = models.FileField(_("文件"), upload_to=material_path, max_length=200)
    original_name = models.CharField(_("文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=120)
    size = models.PositiveBigIntegerField(_("大小"))
    sha256 = models.CharField(_("校验值"), max_length=64)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("培训材料")
        verbose_name_plural = _("培训材料")

    def __str__(self):
        return self.original_name


class Attendance(models.Model):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("培训"),
    )
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("单位"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("账号"))
    name = models.CharField(_("姓名"), max_length=50)

    class Meta:
        ordering = ["organization__sort_order", "organization_id", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "organization", "name"], name="one_attendance")]
        verbose_name = _("参训人员")
        verbose_name_plural = _("参训人员")

    def __str__(self):
        return self.name
