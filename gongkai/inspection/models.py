"""Self-inspection against the 检查指标: runs, the findings they keep (one row per problem, followed from run
to run), the units' 整改, scores per unit per run, and the 通报 the 政务公开办 issues.

A finding is identified by (unit, rule, subject): the same problem found again is the same finding. Its
states (docs/inspection.md): 待整改 → the unit answers with its 整改 → 已整改待复核 → the next run confirms
(已解决) or reopens it (待整改 again); a problem that disappears is resolved; one that comes back is reopened.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.inspection.wording import rendered_or


class Severity(models.TextChoices):
    VETO = "veto", _("单项否决")
    DEDUCT = "deduct", _("扣分")


class Run(models.Model):
    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", _("定期检查")
        MANUAL = "manual", _("手动检查")

    trigger = models.CharField(_("方式"), max_length=10, choices=Trigger.choices)
    checked_on = models.DateField(_("检查日期"))
    started_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    triggered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("发起人"))
    rules = models.JSONField(_("已运行的检查项"), default=list)
    errors = models.JSONField(_("运行出错的检查项"), default=dict)
    counts = models.JSONField(_("统计"), default=dict)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("检查")
        verbose_name_plural = _("检查")
        constraints = [models.UniqueConstraint(fields=["checked_on"], condition=models.Q(trigger="schedule"),
                                               name="one_scheduled_run_a_day")]

    def __str__(self):
        return f"{self.checked_on} {self.get_trigger_display()}"


class Finding(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("待整改")
        RECTIFIED = "rectified", _("已整改待复核")
        RESOLVED = "resolved", _("已解决")

    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE,
                                     related_name="+", verbose_name=_("单位"))
    rule = models.CharField(_("检查项"), max_length=40, db_index=True)
    indicator = models.CharField(_("指标"), max_length=40)
    subject = models.CharField(_("对象"), max_length=200)
    title = models.CharField(_("问题"), max_length=300)  # as said in the site's language: the record a 通报 prints
    # The title as its message id and parameters (inspection.wording), shown in each reader's language. Empty
    # for a finding last seen before it was kept (then `title` is shown); the next run that finds it fills it.
    title_message = models.JSONField(_("问题（各语言）"), default=dict, blank=True)
    evidence = models.JSONField(_("证据"), default=dict)
    severity = models.CharField(_("性质"), max_length=8, choices=Severity.choices)
    points = models.DecimalField(_("扣分"), max_digits=5, decimal_places=1, default=0)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.OPEN, db_index=True)
    first_seen_at = models.DateTimeField(_("首次发现"))
    first_seen_run = models.ForeignKey(
        Run, on_delete=models.PROTECT, related_name="+", verbose_name=_("首次发现的检查"),
    )
    last_seen_at = models.DateTimeField(_("最近发现"))
    last_seen_run = models.ForeignKey(
        Run, on_delete=models.PROTECT, related_name="+", verbose_name=_("最近发现的检查"),
    )
    resolved_at = models.DateTimeField(_("解决时间"), null=True, blank=True)
    reopened_count = models.PositiveSmallIntegerField(_("重新打开次数"), default=0)

    class Meta:
        ordering = ["organization__sort_order", "organization_id", "-severity", "rule", "subject"]
        verbose_name = _("检查发现的问题")
        verbose_name_plural = _("检查发现的问题")
        constraints = [models.UniqueConstraint(fields=["organization", "rule", "subject"], name="unique_finding")]
        # A unit's open findings, page by page (issue #12).
        indexes = [models.Index(fields=["organization", "state", "-severity", "rule", "subject"],
                                name="inspection_finding_unit_open")]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self) -> str:
        """The title in the active language."""
        return rendered_or(self.title_message, self.title)

    @property
    def is_open(self) -> bool:
        return self.state != self.State.RESOLVED


class FindingEvent(models.Model):
    class Kind(models.TextChoices):
        FOUND = "found", _("发现问题")
        RECTIFIED = "rectified", _("单位报送整改情况")
        CONFIRMED = "confirmed", _("复核：整改到位")
        RESOLVED = "resolved", _("复检：问题已消除")
        REOPENED = "reopened", _("复检：问题仍存在或再次出现")
        NOTIFIED = "notified", _("列入通报")

    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="events", verbose_name=_("检查发现的问题"),
    )
    kind = models.CharField(_("事件"), max_length=10, choices=Kind.choices)
    run = models.ForeignKey(
        Run, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("检查"),
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("操作人"))
    text = models.TextField(_("说明"), blank=True)
    # What the system said (the problem found, why a finding reopened) as a message id and parameters
    # (inspection.wording), shown in each reader's language; empty for what a person wrote and for older rows.
    text_message = models.JSONField(_("说明（各语言）"), default=dict, blank=True)
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("问题处理记录")
        verbose_name_plural = _("问题处理记录")
        ordering = ["at", "id"]

    def __str__(self):
        return self.get_kind_display()

    @property
    def display_text(self) -> str:
        return rendered_or(self.text_message, self.text)


class Score(models.Model):
    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="scores", verbose_name=_("检查"))
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("单位"),
    )
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=1)
    deductions = models.JSONField(_("各指标扣分"), default=dict)
    vetoed = models.BooleanField(_("单项否决"), default=False)
    qualified = models.BooleanField(_("合格"), default=True)
    findings = models.PositiveIntegerField(_("问题数"), default=0)

    class Meta:
        verbose_name = _("检查得分")
        verbose_name_plural = _("检查得分")
        ordering = ["run", "-qualified", "-score", "organization__sort_order"]
        constraints = [models.UniqueConstraint(fields=["run", "organization"], name="unique_run_score")]

    def __str__(self):
        return f"{self.organization_id}: {self.score}"


class Notice(models.Model):
    """A 通报: the problems of the units, issued as a 公文 (DOCX and PDF) and, if chosen, published."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("发文机关"))
    title = models.CharField(_("标题"), max_length=200)
    intro = models.TextField(_("导语"))
    requirements = models.TextField(_("整改要求"))
    run = models.ForeignKey(Run, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("依据的检查"))
    findings = models.ManyToManyField(Finding, related_name="notices", verbose_name=_("通报的问题"))
    document = models.ForeignKey("letters.IssuedDocument", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("文书"))
    item = models.ForeignKey("publishing.InformationItem", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("公开的信息"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("下发人"),
    )
    issued_at = models.DateTimeField(_("下发时间"), auto_now_add=True)
    # Before a 通报 was confined to its issuer's subtree (2026-12), one issued in a unit's name could list the
    # findings of units outside it. Its DOCX and PDF are issued 公文 and never rewritten (gongkai.letters), so
    # migration 0005 marks them and they are served only to whoever may see every finding they list.
    lists_other_units = models.BooleanField(
        _("文件含发文机关及其下级以外单位的问题"), default=False,
        help_text=_("在通报范围限于发文机关及其下级单位之前生成；文件只向能查看其中全部问题的人员提供。"))

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("通报")
        verbose_name_plural = _("通报")

    def __str__(self):
        return self.title
