"""The named states of work plans: responsibility roles, deadline kinds, progress and report states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    LEAD = "lead", _("牵头")
    SUPPORT = "support", _("配合")


class DeadlineKind(models.TextChoices):
    ONCE = "once", _("限期完成")  # 7月底前, 2020年底前
    RECURRING = "recurring", _("定期完成")  # 每季度: one occurrence per period
    EVENT = "event", _("事后限期")  # 办理完结后3日内: counted from each event, no calendar occurrences
    CONTINUOUS = "continuous", _("持续推进")  # 常态化, 持续: no deadline


class DayKind(models.TextChoices):
    """How an 事后限期's days are counted: 「3日内」 calendar days, 「15个工作日内」 working days (gongkai.workdays)."""

    CALENDAR = "calendar", _("日")
    WORKING = "working", _("个工作日")


class Period(models.TextChoices):
    MONTH = "month", _("每月")
    QUARTER = "quarter", _("每季度")
    HALF = "half", _("每半年")
    YEAR = "year", _("每年")


class DeadlineSource(models.TextChoices):
    PARSED = "parsed", _("从任务文字识别")
    EXPLICIT = "explicit", _("任务分解表“完成时限”栏")
    MANUAL = "manual", _("政务公开办录入")


class Progress(models.TextChoices):
    """What a unit reports about a requirement (and what the board shows for every task)."""

    NOT_STARTED = "not_started", _("未开始")
    IN_PROGRESS = "in_progress", _("推进中")
    DONE = "done", _("已完成")
    ONGOING = "ongoing", _("持续推进")


class ReportState(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    ACCEPTED = "accepted", _("已采纳")
    RETURNED = "returned", _("已退回")


class EvidenceKind(models.TextChoices):
    ITEM = "item", _("平台已公开信息")
    URL = "url", _("网址")
    FILE = "file", _("附件")
