"""The annual 绩效考核 of 政务公开 (工作要点 三(三)): an assessment per county and year with its weights (kept
by the 政务公开办), the manual items (points with reasons) per unit. The automatic part is computed from the
other apps' data (assessment.py), never stored until the assessment is published (公布), when the figures
are frozen in `results` so that later changes of the data do not move a published ranking."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

WEIGHT = [MinValueValidator(0), MaxValueValidator(100)]


class Assessment(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("考核中")
        PUBLISHED = "published", _("已公布")

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("考核单位"))
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=200)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.DRAFT)
    weight_inspection = models.PositiveSmallIntegerField(_("检查指标得分"), default=40, validators=WEIGHT)
    weight_requests = models.PositiveSmallIntegerField(_("依申请公开按期答复"), default=20, validators=WEIGHT)
    weight_reports = models.PositiveSmallIntegerField(_("年度报告按时公布"), default=10, validators=WEIGHT)
    weight_workplan = models.PositiveSmallIntegerField(_("工作要点任务推进"), default=15, validators=WEIGHT)
    weight_training = models.PositiveSmallIntegerField(_("参加政务公开培训"), default=5, validators=WEIGHT)
    weight_standards = models.PositiveSmallIntegerField(_("标准目录覆盖"), default=10, validators=WEIGHT)
    training_required = models.PositiveSmallIntegerField(_("每年应参加培训次数"), default=2,
                                                         validators=[MinValueValidator(1), MaxValueValidator(50)])
    results = models.JSONField(_("公布时的考核结果"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("创建人"),
    )
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-id"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="one_assessment_a_year")]
        verbose_name = _("绩效考核")
        verbose_name_plural = _("绩效考核")

    def __str__(self):
        return self.title


class ManualItem(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="manual_items", verbose_name=_("绩效考核"),
    )
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("单位"))
    points = models.DecimalField(_("加减分"), max_digits=4, decimal_places=1,
                                 validators=[MinValueValidator(Decimal(-20)), MaxValueValidator(Decimal(20))])
    reason = models.CharField(_("理由"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("登记人"),
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["organization__sort_order", "organization_id", "id"]
        verbose_name = _("加减分项")
        verbose_name_plural = _("加减分项")

    def __str__(self):
        return f"{self.points} {self.reason}"
