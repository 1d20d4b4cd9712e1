"""回头看: the county checklist (items with their source), campaigns sent to units, each unit's answer sheet.

A campaign copies the active checklist items when it is opened, so later edits of the checklist do not
change what units were asked. A unit's sheet (Response): 待填报 → 已报送 → 已通过, or 已退回 → 已报送 again
(docs/assurance.md has the diagram)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChecklistItem(models.Model):
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("制定单位"))
    text = models.TextField(_("自查事项"))
    source = models.CharField(_("依据"), max_length=200,
                              help_text=_("条例条款或《关于全面推进政务公开工作的意见》及其实施细则的条目。"))
    position = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("回头看自查事项")
        verbose_name_plural = _("回头看自查事项")

    def __str__(self):
        return self.text[:60]


class Campaign(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        OPEN = "open", _("自查中")
        CLOSED = "closed", _("已结束")

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("组织单位"))
    title = models.CharField(_("名称"), max_length=200)
    year = models.PositiveSmallIntegerField(_("年度"))
    instructions = models.TextField(_("工作要求"), blank=True)
    due_on = models.DateField(_("报送截止日期"))
    state = models.CharField(_("状态"), max_length=8, choices=State.choices, default=State.DRAFT)
    units = models.ManyToManyField("organizations.Organization", related_name="+", verbose_name=_("参加单位"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("创建人"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    opened_at = models.DateTimeField(_("下发时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("回头看自查")
        verbose_name_plural = _("回头看自查")

    def __str__(self):
        return self.title


class CampaignItem(models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="items", verbose_name=_("回头看自查"),
    )
    text = models.TextField(_("自查事项"))
    source = models.CharField(_("依据"), max_length=200)
    position = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("回头看检查事项")
        verbose_name_plural = _("回头看检查事项")
        ordering = ["position", "id"]

    def __str__(self):
        return self.text[:60]


class Response(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("待填报")
        SUBMITTED = "submitted", _("已报送")
        RETURNED = "returned", _("已退回")
        ACCEPTED = "accepted", _("已通过")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="responses", verbose_name=_("回头看自查"),
    )
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("单位"))
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.PENDING)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("报送人"))
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("审核人"))
    review_comment = models.TextField(_("审核意见"), blank=True)

    class Meta:
        ordering = ["organization__sort_order", "organization_id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "organization"], name="one_response_per_unit")]
        verbose_name = _("自查报告")
        verbose_name_plural = _("自查报告")

    def __str__(self):
        return f"{self.campaign} · {self.organization}"

    @property
    def is_editable(self) -> bool:
        return self.state in (self.State.PENDING, self.State.RETURNED)


class Answer(models.Model):
    class Status(models.TextChoices):
        DONE = "done", _("落实")
        PARTIAL = "partial", _("部分落实")
        NOT_DONE = "not_done", _("未落实")

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("自查报告"),
    )
    item = models.ForeignKey(
        CampaignItem, on_delete=models.CASCADE, related_name="answers", verbose_name=_("自查事项"),
    )
    status = models.CharField(_("落实情况"), max_length=10, choices=Status.choices, blank=True)
    explanation = models.TextField(_("情况说明"), blank=True)
    evidence = models.JSONField(_("佐证链接"), default=list, blank=True)

    class Meta:
        verbose_name = _("自查答复")
        verbose_name_plural = _("自查答复")
        ordering = ["item__position", "item_id"]
        constraints = [models.UniqueConstraint(fields=["response", "item"], name="one_answer_per_item")]

    def __str__(self):
        return self.get_status_display()

    @property
    def evidence_text(self) -> str:
        return "\n".join(self.evidence)
