"""Work plans (工作要点) and their 任务分解表: a tree of tasks, the units responsible for each requirement,
its deadlines and their due occurrences, and the units' progress reports with evidence.

Progress of a task is never stored: it is computed from the accepted reports (`progress.py`). A
deadline stores what the plan says (a date, a period, a number of days after an event); occurrences
are the periods a recurring deadline creates, kept as rows so each can be flagged once when overdue.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.workplan.choices import (
    DayKind,
    DeadlineKind,
    DeadlineSource,
    EvidenceKind,
    Period,
    Progress,
    ReportState,
    Role,
)
from gongkai.workplan.deadlines import due_dates, occurrence_label


class Plan(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("发文机关")
    )
    title = models.CharField(_("标题"), max_length=200)
    doc_number = models.CharField(_("发文字号"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    issued_on = models.DateField(_("成文日期"), null=True, blank=True)
    item = models.ForeignKey(
        "publishing.InformationItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("已公开的文件"),
    )
    # How many levels of the tree the table heads 工作任务 (the rest are 具体要求); the seed has two.
    task_levels = models.PositiveSmallIntegerField(
        _("“工作任务”层级数"), default=2, validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    is_public = models.BooleanField(_("在“工作任务晾晒”中公开"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("创建人"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("工作要点")
        verbose_name_plural = _("工作要点")

    def __str__(self):
        return self.title


class Task(models.Model):
    """A node of the 任务分解表: a 工作任务 (it has children) or a 具体要求 (a leaf)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("工作要点"))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children",
                               verbose_name=_("上级任务"))
    position = models.PositiveIntegerField(_("排序"), default=0)
    text = models.TextField(_("内容"))
    weight = models.PositiveSmallIntegerField(
        _("权重"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("上级任务的进度按下级任务的权重加权计算。"),
    )
    responsibility_text = models.TextField(_("责任单位（原文）"), blank=True)
    responsibility_note = models.CharField(
        _("责任单位说明"), max_length=500, blank=True,
        help_text=_("原文中不指向具体单位的表述，如“县政府有关部门、有关单位”。"),
    )
    unmatched_units = models.CharField(_("未匹配的单位名称"), max_length=500, blank=True)
    deadline_text = models.CharField(_("完成时限（原文）"), max_length=200, blank=True)

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = _("工作任务")
        verbose_name_plural = _("工作任务")

    def __str__(self):
        return self.text[:60]


class Responsibility(models.Model):
    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="responsibilities", verbose_name=_("工作任务"),
    )
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("责任单位"))
    role = models.CharField(_("职责"), max_length=8, choices=Role.choices)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("责任单位")
        verbose_name_plural = _("责任单位")
        ordering = ["task", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["task", "organization"], name="unique_task_unit")]

    def __str__(self):
        return f"{self.organization} ({self.get_role_display()})"


class Deadline(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="deadlines", verbose_name=_("工作任务"))
    kind = models.CharField(_("时限类型"), max_length=12, choices=DeadlineKind.choices)
    due_on = models.DateField(_("完成时限"), null=True, blank=True)
    period = models.CharField(_("周期"), max_length=8, choices=Period.choices, blank=True)
    starts_on = models.DateField(_("起始日期"), null=True, blank=True)
    ends_on = models.DateField(pgettext_lazy("date range", "截止日期"), null=True, blank=True)
    event_days = models.PositiveSmallIntegerField(_("事后天数"), null=True, blank=True)
    event_label = models.CharField(_("起算事件"), max_length=60, blank=True)
    event_day_kind = models.CharField(_("天数计法"), max_length=8, choices=DayKind.choices, default=DayKind.CALENDAR)
    phrase = models.CharField(_("原文表述"), max_length=100, blank=True)
    source = models.CharField(_("来源"), max_length=8, choices=DeadlineSource.choices)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("确认人"))

    class Meta:
        ordering = ["task", "id"]
        verbose_name = _("完成时限")
        verbose_name_plural = _("完成时限")

    def __str__(self):
        return self.phrase or self.get_kind_display()

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def current_due_dates(self) -> set:
        """The due dates this deadline has as it stands (it has occurrences once confirmed)."""
        return set(due_dates(self.kind, self.due_on, self.period, self.starts_on, self.ends_on))


class Occurrence(models.Model):
    """One due date of a confirmed deadline: the single date of a 限期 deadline, or one period of a
    recurring one (2020年第3季度)."""

    deadline = models.ForeignKey(
        Deadline, on_delete=models.CASCADE, related_name="occurrences", verbose_name=_("完成时限"),
    )
    label = models.CharField(_("期次"), max_length=40)
    period_start = models.DateField(_("期间开始"))
    due_on = models.DateField(_("到期日"))
    flagged_at = models.DateTimeField(_("逾期提醒时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("时限节点")
        verbose_name_plural = _("时限节点")
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["deadline", "due_on"], name="unique_occurrence_due")]

    def __str__(self):
        return self.display_label

    @property
    def display_label(self) -> str:
        """The label in the page's language, from the stored dates (`label` keeps the Chinese of the
        confirmation, for the record)."""
        return occurrence_label(self.period_start, self.due_on)

    @property
    def is_superseded(self) -> bool:
        """Kept for the reports made against it after its deadline was corrected: no longer due."""
        return self.due_on not in self.deadline.current_due_dates


class ProgressReport(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports", verbose_name=_("具体要求"))
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("报送单位"))
    occurrence = models.ForeignKey(Occurrence, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="reports", verbose_name=_("期次"))
    text = models.TextField(_("进展情况"))
    percent = models.PositiveSmallIntegerField(_("完成进度（%）"), validators=[MaxValueValidator(100)])
    status = models.CharField(_("状态"), max_length=12, choices=Progress.choices)
    state = models.CharField(_("审核状态"), max_length=12, choices=ReportState.choices,
                             default=ReportState.SUBMITTED, db_index=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("报送人"))
    submitted_at = models.DateTimeField(_("报送时间"), auto_now_add=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("审核人"))
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_comment = models.TextField(_("审核意见"), blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")

    def __str__(self):
        return f"{self.organization} · {self.get_status_display()} {self.percent}%"


def evidence_path(instance, filename: str) -> str:
    # Random stored name, as for item attachments; the original name is kept in the database.
    return f"workplan/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Evidence(models.Model):
    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("进展报告"),
    )
    kind = models.CharField(_("佐证类型"), max_length=8, choices=EvidenceKind.choices)
    item = models.ForeignKey("publishing.InformationItem", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("平台信息"))
    url = models.URLField(_("网址"), max_length=500, blank=True)
    file = models.FileField(_("文件"), upload_to=evidence_path, max_length=200, blank=True)
    original_name = models.CharField(_("文件名"), max_length=255, blank=True)
    content_type = models.CharField(_("文件类型"), max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("文件大小（字节）"), null=True, blank=True)
    sha256 = models.CharField(_("校验值"), max_length=64, blank=True)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["report", "position", "id"]
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")

    def __str__(self):
        if self.kind == EvidenceKind.ITEM and self.item_id:
            return str(self.item)
        return self.original_name or self.url
