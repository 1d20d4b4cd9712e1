"""政务服务"好差评": evaluation records imported from the county's 政务服务 system (work plan §6: 定期公开政务
服务情况、企业群众评价和差评处理结果). No personal data is imported: the file's columns are the service
(事项), the department, the channel, the time, the level, the 差评 text and its 整改.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.workdays import statute


class Level(models.IntegerChoices):
    # 国办发〔2019〕51号: 非常满意、满意、基本满意、不满意、非常不满意 (workdays.statute.RATING_BAD_LEVELS).
    VERY_SATISFIED = 5, _("非常满意")
    SATISFIED = 4, _("满意")
    BASICALLY_SATISFIED = 3, _("基本满意")
    DISSATISFIED = 2, _("不满意")
    VERY_DISSATISFIED = 1, _("非常不满意")


class ImportBatch(models.Model):
    filename = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField(_("校验值"), max_length=64, unique=True)
    rows = models.PositiveIntegerField(_("记录数"))
    # Evaluations imported before whose 整改情况 this file filled in or changed (services._split_known).
    updated = models.PositiveIntegerField(_("补录整改情况数"), default=0)
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("导入人"))
    # When the 好差评 system wrote the file: an XLSX's document creation time (docProps/core.xml), which a
    # re-save keeps; a CSV carries none (services.reimport.export_time).
    exported_at = models.DateTimeField(_("导出时间"), null=True, blank=True)
    # The units whose evaluations this file added, whose 整改情况 it filled in, or whose different 整改情况 it did
    # not write (skipped): the units that see the batch.
    organizations = models.ManyToManyField("organizations.Organization", blank=True, related_name="+",
                                           verbose_name=_("涉及单位"))
    # Rows whose different 整改情况 was not written because it is not shown to be newer than the stored one:
    # [{"line", "organization_id", "service", "rated_at", "outcome", "new", "old"}] (reimport.split_known).
    skipped = models.JSONField(_("未覆盖的行"), default=list, blank=True)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("好差评导入批次")
        verbose_name_plural = _("好差评导入批次")

    def __str__(self):
        return self.filename


class Evaluation(models.Model):
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("导入批次"),
    )
    service = models.CharField(pgettext_lazy("government service", "事项"), max_length=200)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("部门"))
    channel = models.CharField(_("渠道"), max_length=50)
    rated_at = models.DateTimeField(_("评价时间"))
    level = models.PositiveSmallIntegerField(_("等级"), choices=Level.choices)
    complaint = models.TextField(_("差评内容"), blank=True)
    rectification = models.TextField(_("整改情况"), blank=True)
    # Where the stored 整改情况 came from, to tell whether a re-imported one is newer (reimport.decide): the row's
    # 整改时间 (an optional column) and the batch that wrote it (its export and import times).
    rectified_at = models.DateTimeField(_("整改时间"), null=True, blank=True)
    rectification_batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL,
                                            related_name="+", verbose_name=_("整改情况来源批次"))
    # A digest of the row's values without 整改情况: the same evaluation is stored once; a later export of it with
    # its 整改情况 filled in updates this one (services.import_records).
    digest = models.CharField(_("记录摘要"), max_length=64, unique=True)

    class Meta:
        ordering = ["-rated_at"]
        verbose_name = _("好差评记录")
        verbose_name_plural = _("好差评记录")
        indexes = [models.Index(fields=["organization", "rated_at"])]

    def __str__(self):
        return f"{self.service} {self.get_level_display()}"

    @property
    def is_bad(self) -> bool:
        return self.level in statute.RATING_BAD_LEVELS
