"""征集调查: a unit's survey or call for opinions (single choice, multiple choice and free-text questions,
open and close dates), the public's answers (one per person: a signed cookie plus a per-address rate
limit), and the results published as tables and charts (work plan §5 公众参与).

A response stores no personal data: the voter is the keyed digest of a random id kept in the visitor's
signed cookie, so the same browser cannot answer twice and nobody can tell who answered.
"""

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SurveyQuerySet(models.QuerySet):
    def public(self):
        return self.filter(state=Survey.State.PUBLISHED)


class Survey(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("编辑中")
        PUBLISHED = "published", _("已发布")

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("发起单位"))
    title = models.CharField(_("标题"), max_length=200)
    description = models.TextField(_("说明"), blank=True)
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"))
    results_public = models.BooleanField(_("公开结果"), default=True,
                                         help_text=_("截止后在网站公开各选项的统计结果（文字意见不逐条公开）。"))
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("征集调查")
        verbose_name_plural = _("征集调查")
        constraints = [models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")),
                                              name="survey_closes_after_opening")]

    def __str__(self):
        return self.title

    def is_open(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.state == self.State.PUBLISHED and self.opens_on <= today <= self.closes_on

    def is_closed(self, today: dt.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.closes_on

    @property
    def public_state(self) -> str:
        today = timezone.localdate()
        if today < self.opens_on:
            return str(_("未开始"))
        return str(_("征集中")) if today <= self.closes_on else str(_("已截止"))

    @property
    def results_shown(self) -> bool:
        return self.state == self.State.PUBLISHED and self.results_public and self.is_closed()


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("单选")
        MULTIPLE = "multiple", _("多选")
        TEXT = "text", _("文字意见")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("征集调查"),
    )
    position = models.PositiveSmallIntegerField(_("序号"))
    kind = models.CharField(_("题型"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("题目"), max_length=300)
    required = models.BooleanField(_("必答"), default=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("调查题目")
        verbose_name_plural = _("调查题目")

    def __str__(self):
        return self.text


class Option(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="options", verbose_name=_("调查题目"),
    )
    position = models.PositiveSmallIntegerField(_("序号"))
    text = models.CharField(_("选项"), max_length=200)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("选项")
        verbose_name_plural = _("选项")

    def __str__(self):
        return self.text


class Response(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("征集调查"),
    )
    voter = models.CharField(_("参与者摘要"), max_length=64)  # keyed digest of the cookie's random id
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)

    class Meta:
        ordering = ["submitted_at"]
        verbose_name = _("答卷")
        verbose_name_plural = _("答卷")
        constraints = [models.UniqueConstraint(fields=["survey", "voter"], name="one_response_per_voter")]

    def __str__(self):
        return f"{self.survey_id}-{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("答卷"),
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("调查题目"),
    )
    option = models.ForeignKey(
        Option, null=True, blank=True, on_delete=models.CASCADE, related_name="answers", verbose_name=_("选项"),
    )
    text = models.TextField(_("文字意见"), blank=True)

    class Meta:
        verbose_name = _("回答")
        verbose_name_plural = _("回答")

    def __str__(self):
        return self.text[:40] if self.text else str(self.option_id)
