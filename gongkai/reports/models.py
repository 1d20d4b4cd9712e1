"""The annual report of one organization for one year (条例第四十九条、第五十条).

While a draft, its tables are computed from the platform's records on every read; only what the unit
enters (table-2 figures the platform does not hold, the narrative chapters) is stored. Publishing
freezes the spec's JSON, the narrative and the check results in the report, renders the DOCX and PDF
once, and puts an information item in the organization's 「政府信息公开工作年度报告」 catalog node.
Workflow (diagram in docs/reports.md): draft → submitted → published; submitted → draft (退回);
published → draft (撤回更正).
"""

import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.reports.formats import FIRST_REPORT_YEAR


def _file_path(instance, filename: str) -> str:
    return f"reports/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}{filename[filename.rfind('.'):]}"


class AnnualReport(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("编写中")
        SUBMITTED = "submitted", _("待审核")
        PUBLISHED = "published", _("已公布")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="annual_reports", verbose_name=_("机构")
    )
    year = models.PositiveSmallIntegerField(_("报告年度"))
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.DRAFT, db_index=True)
    # Table-2 figures the unit enters, keyed as the spec's JSON: {"licensing": {"decisions": 3}, ...}.
    entered = models.JSONField(_("填报数据"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    # Narrative chapters (plain text, one paragraph per line): {"overview": ..., "problems": ..., "other": ...}.
    chapters = models.JSONField(_("正文"), default=dict, blank=True)
    # Frozen at publication: the spec's JSON, the check results and the override reason if any.
    data = models.JSONField(_("公布数据"), null=True, blank=True)
    checks = models.JSONField(_("校验结果"), default=list, blank=True)
    override_reason = models.TextField(_("未通过校验仍公布的理由"), blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("公布人"),
    )
    docx = models.FileField(_("Word 文件"), upload_to=_file_path, max_length=200, blank=True)
    pdf = models.FileField(_("PDF 文件"), upload_to=_file_path, max_length=200, blank=True)
    # The information item in the 年报 catalog node (the latest one; earlier ones stay withdrawn).
    item = models.ForeignKey(
        "publishing.InformationItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("对应的政府信息"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("送审人"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("创建人"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-year", "organization__sort_order", "organization_id"]
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="unique_annual_report"),
            models.CheckConstraint(condition=models.Q(year__gte=FIRST_REPORT_YEAR) & models.Q(year__lte=2200),
                                   name="annual_report_year_range"),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return f"{self.organization.name}{self.year}年政府信息公开工作年度报告"

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED
