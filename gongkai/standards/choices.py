from django.db import models
from django.utils.translation import gettext_lazy as _


class Deadline(models.TextChoices):
    """How a 事项's 公开时限 is kept, read from its text (the 时限 column of a standard catalog).

    The period each kind gives a catalog node is in gongkai.standards.rules."""

    WORKDAYS = "workdays", _("信息形成或者变更之日起20个工作日内")
    BUDGET = "budget", _("预算、决算批准或批复后20日内")
    ANNUAL = "annual", _("每年更新")
    QUARTERLY = "quarterly", _("每季度更新")
    MONTHLY = "monthly", _("每月更新")


class Audience(models.TextChoices):
    ALL = "all", _("全社会")
    GROUP = "group", _("特定群体")
    BOTH = "both", _("全社会、特定群体")


class Mode(models.TextChoices):
    PROACTIVE = "proactive", _("主动")
    ON_REQUEST = "request", _("依申请")
    BOTH = "both", _("主动、依申请")


class Coverage(models.TextChoices):
    """The state of one 事项 in one unit's catalog on a day."""

    COVERED = "covered", _("已公开")
    PENDING = "pending", _("待公开（时限内）")
    EMPTY_OVERDUE = "overdue", _("超过时限未公开")
    STALE = "stale", _("超过更新周期未更新")
    NOT_APPLICABLE = "na", _("不适用")
