"""建议提案办理: the register of 人大代表建议 and 政协提案 handed to the government's units each year, their
答复 (复文), and the yearly 办理总体情况 per unit and for the county (work plan §7, §12).

A proposal's due date is never stored: it is computed from the 交办日期 and the statutory period
(`workdays.statute.PROPOSAL_REPLY_MONTHS`, six months for a 涉及面广、处理难度大 one).
"""

import calendar
import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.workdays import statute

# The largest 编号 taken, by hand or from the 交办清单 (a county's list runs to a few hundred; five digits
# keep a mistyped number out of the register).
MAX_NUMBER = 99999


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; a month without that day ends on its last day (3-31 + 3 → 6-30)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Kind(models.TextChoices):
    SUGGESTION = "suggestion", _("人大代表建议")
    PROPOSAL = "proposal", _("政协提案")


class Classification(models.TextChoices):
    # The classes of the 复文 used by the county's 交办 notices (docs/proposals.md cites the practice).
    A = "A", _("A类：所提问题已解决或基本解决")
    B = "B", _("B类：所提问题正在解决或列入计划解决")
    C = "C", _("C类：因条件限制暂时不能解决")


class Proposal(models.Model):
    class State(models.TextChoices):
        HANDLING = "handling", _("办理中")
        REPLIED = "replied", _("已答复")

    class Disclosure(models.TextChoices):
        UNDECIDED = "undecided", _("未决定")
        PUBLIC = "public", _("复文已公开")
        WITHHELD = "withheld", _("复文不公开")

    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices)
    number = models.PositiveIntegerField(_("编号"))
    title = models.CharField(_("标题"), max_length=300)
    proposers = models.CharField(_("代表/委员"), max_length=300,
                                 help_text=_("按人大常委会、政协公布的署名填写，如“张某某等5名代表”。"))
    lead_unit = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("主办单位"))
    co_units = models.ManyToManyField("organizations.Organization", blank=True, related_name="+",
                                      verbose_name=_("协办单位"))
    assigned_on = models.DateField(_("交办日期"))
    complex = models.BooleanField(_("涉及面广、处理难度大"), default=False)  # the period: reply_months
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.HANDLING)
    reply = models.TextField(_("答复（复文）"), blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    classification = models.CharField(_("办理结果分类"), max_length=1, choices=Classification.choices, blank=True)
    adopted = models.BooleanField(_("意见建议已吸收采纳"), default=False)
    disclosure = models.CharField(_("复文公开"), max_length=10, choices=Disclosure.choices,
                                  default=Disclosure.UNDECIDED)
    withheld_reason = models.CharField(_("不公开的理由"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-year", "kind", "number"]
        verbose_name = _("建议提案")
        verbose_name_plural = _("建议提案")
        constraints = [
            models.UniqueConstraint(fields=["year", "kind", "number"], name="unique_proposal_number"),
            models.CheckConstraint(condition=~Q(disclosure="withheld") | ~Q(withheld_reason=""),
                                   name="proposal_withheld_has_reason"),
            models.CheckConstraint(condition=Q(state="handling") | Q(replied_on__isnull=False),
                                   name="proposal_replied_has_date"),
        ]

    def __str__(self):
        return _("%(year)s年%(kind)s第%(number)s号：%(title)s") % {
            "year": self.year, "kind": self.get_kind_display(), "number": self.number, "title": self.title}

    @property
    def label(self) -> str:
        return _("%(kind)s第%(number)s号") % {"kind": self.get_kind_display(), "number": self.number}

    @property
    def reply_months(self) -> int:
        """The period to answer in, from the 交办日期 (代表法第四十三条; the constants in workdays.statute)."""
        return statute.PROPOSAL_COMPLEX_REPLY_MONTHS if self.complex else statute.PROPOSAL_REPLY_MONTHS

    @property
    def due_on(self) -> dt.date:
        return add_months(self.assigned_on, self.reply_months)

    @property
    def on_time(self) -> bool | None:
        """None while no reply; else whether it was given by the due date."""
        return None if self.replied_on is None else self.replied_on <= self.due_on

    def overdue_on(self, today: dt.date) -> bool:
        return self.replied_on is None and today > self.due_on

    @property
    def is_public(self) -> bool:
        return self.state == self.State.REPLIED and self.disclosure == self.Disclosure.PUBLIC


class Summary(models.Model):
    """The yearly 办理总体情况 of a unit (organization set) or of the county (organization empty).

    `figures` is what the platform computed when the draft was generated (services.figures); `body` is
    the unit's text, generated from the figures and edited before publishing."""

    class State(models.TextChoices):
        DRAFT = "draft", _("编辑中")
        PUBLISHED = "published", _("已公开")

    year = models.PositiveSmallIntegerField(_("年度"))
    organization = models.ForeignKey("organizations.Organization", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("单位"),
                                     help_text=_("空：全县（县政府）总体情况。"))
    figures = models.JSONField(_("统计数字"), default=dict)
    body = models.TextField(_("正文"))
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # The unit saved its own text since the draft was generated: regenerating asks first (services.generate_summary).
    edited = models.BooleanField(_("正文已修改"), default=False)

    class Meta:
        ordering = ["-year", "organization__name"]
        verbose_name = _("建议提案办理总体情况")
        verbose_name_plural = _("建议提案办理总体情况")
        constraints = [
            models.UniqueConstraint(fields=["year", "organization"], name="unique_proposal_summary"),
            models.UniqueConstraint(fields=["year"], condition=Q(organization__isnull=True),
                                    name="unique_proposal_county_summary"),
        ]

    def __str__(self):
        who = self.organization.name if self.organization_id else _("全县")
        return _("%(who)s%(year)s年建议提案办理总体情况") % {"who": who, "year": self.year}
