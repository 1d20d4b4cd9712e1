"""涉企政策 (惠企政策): the structured record of a published policy, and the quarterly push of a unit's policies.

工作要点§2 and its 任务分解表 row: 公开惠企政策申请条件、申报材料清单、办理流程、承办部门、联系方式、起止时间;
各级各部门每季度梳理涉企政策，集中推送辖区及相关企业. The policy itself is an information item (or a 规范性文件,
which is an item too) that goes through publishing's review; this app owns the record attached to it and
the digests. See docs/policies.md.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.industries import label as industry_label
from gongkai.publishing.choices import Validity


class Size(models.TextChoices):
    LARGE = "large", _("大型企业")
    MEDIUM = "medium", _("中型企业")
    SMALL = "small", _("小型企业")
    MICRO = "micro", _("微型企业")
    INDIVIDUAL = "individual", _("个体工商户")


class Category(models.TextChoices):
    SUBSIDY = "subsidy", _("资金补贴")
    TAX = "tax", _("税费减免")
    FINANCING = "financing", _("融资支持")
    TALENT = "talent", _("人才")
    LAND = "land", _("用地")
    EMPLOYMENT = "employment", _("稳岗就业")
    INNOVATION = "innovation", _("科技创新")
    MARKET = "market", _("市场开拓")
    OTHER = "other", _("其他")


class Delivery(models.TextChoices):
    APPLY = "apply", _("申请兑现")
    AUTOMATIC = "automatic", _("免申即享")


def _split(value: str) -> list[str]:
    return [part for part in value.split(",") if part]


def _join(values) -> str:
    """Stored as ",a,b," so that one value is found with a plain `contains` on both databases."""
    values = [v for v in dict.fromkeys(values) if v]
    return f",{','.join(values)}," if values else ""


# A policy whose document is 已废止 or 已失效 (the item's 有效性) is closed whatever its dates: the one rule,
# used by `EnterprisePolicy.status` and by the queries below (finder, home panel, API, digests).
CLOSED_VALIDITY = (Validity.REPEALED, Validity.EXPIRED)


class PolicyQuerySet(models.QuerySet):
    def not_closed_on(self, day: dt.date):
        """Not 已截止 on `day`: the deadline not passed and the document not repealed or expired."""
        return self.filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day)).exclude(
            item__validity__in=CLOSED_VALIDITY)

    def open_on(self, day: dt.date):
        """正在申报 on `day` (the SQL form of `EnterprisePolicy.status(day) == "open"`)."""
        return self.not_closed_on(day).filter(models.Q(starts_on__isnull=True) | models.Q(starts_on__lte=day))


class EnterprisePolicy(models.Model):
    """The 涉企政策 record of one item. Empty industries or sizes mean the policy is not limited to any."""

    item = models.OneToOneField("publishing.InformationItem", on_delete=models.PROTECT,
                                related_name="enterprise_policy", verbose_name=_("政策文件"))
    # The six fields of the work plan.
    conditions = models.TextField(_("申请条件"), blank=True)
    materials = models.JSONField(_("申报材料清单"), default=list, blank=True)  # list of str
    procedure = models.JSONField(_("办理流程"), default=list, blank=True)  # list of str, the steps in order
    department = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="handled_enterprise_policies", verbose_name=_("承办部门"))
    contact = models.CharField(_("联系方式"), max_length=300, blank=True,
                               help_text=_("承办科室、联系电话、办公地址等，例如：企业服务科 0533-3241234。"))
    starts_on = models.DateField(_("申报开始日期"), null=True, blank=True)
    ends_on = models.DateField(_("申报截止日期"), null=True, blank=True)
    # Finding and matching.
    industries_code = models.CharField(_("适用行业"), max_length=80, blank=True)
    sizes_code = models.CharField(_("适用企业规模"), max_length=80, blank=True)
    category = models.CharField(_("政策类别"), max_length=12, choices=Category.choices, default=Category.OTHER)
    delivery = models.CharField(_("兑现方式"), max_length=10, choices=Delivery.choices, default=Delivery.APPLY)
    interpretation_url = models.URLField(_("政策解读链接"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = PolicyQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("涉企政策")
        verbose_name_plural = _("涉企政策")

    def __str__(self):
        return self.item.title

    @property
    def industries(self) -> list[str]:
        return _split(self.industries_code)

    @industries.setter
    def industries(self, values) -> None:
        self.industries_code = _join(sorted(values))

    @property
    def sizes(self) -> list[str]:
        return _split(self.sizes_code)

    @sizes.setter
    def sizes(self, values) -> None:
        order = list(Size.values)
        self.sizes_code = _join(sorted(values, key=lambda v: order.index(v) if v in order else 99))

    def industry_labels(self) -> list[str]:
        return [industry_label(code) for code in self.industries]

    def size_labels(self) -> list[str]:
        names = dict(Size.choices)
        return [str(names.get(code, code)) for code in self.sizes]

    # The application window, by the site's date (timezone.localdate), never the server's locale.
    def repealed(self) -> bool:
        """The document is 已废止 or 已失效: the policy is closed whatever its dates (CLOSED_VALIDITY)."""
        return self.item.validity in CLOSED_VALIDITY

    def status(self, today: dt.date) -> str:
        if self.repealed() or (self.ends_on and today > self.ends_on):
            return "closed"
        if self.starts_on and today < self.starts_on:
            return "upcoming"
        return "open"

    def status_label(self, today: dt.date) -> str:
        if self.repealed():
            return str(self.item.get_validity_display())  # 已废止 / 已失效 says why better than 已截止
        return str(STATUS_LABELS[self.status(today)])

    def is_open(self, today: dt.date) -> bool:
        return self.status(today) == "open"


STATUS_LABELS = {"open": _("正在申报"), "upcoming": _("尚未开始"), "closed": _("已截止")}


class Digest(models.Model):
    """One unit's 季度推送 of its enterprise policies: compiled (draft), reviewed, sent once."""

    class State(models.TextChoices):
        DRAFT = "draft", _("待发送")
        SENT = "sent", _("已推送")

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT,
                                      related_name="policy_digests", verbose_name=_("推送单位"))
    year = models.PositiveSmallIntegerField(_("年度"))
    quarter = models.PositiveSmallIntegerField(_("季度"))
    note = models.TextField(_("推送说明"), blank=True, help_text=_("写在推送开头的一段话，例如本季度的重点政策和咨询方式。"))
    state = models.CharField(_("状态"), max_length=8, choices=State.choices, default=State.DRAFT)
    policies = models.ManyToManyField(
        EnterprisePolicy, through="DigestEntry", related_name="digests", verbose_name=_("涉企政策"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("整理人"))
    created_at = models.DateTimeField(_("整理时间"), auto_now_add=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("发送人"))
    sent_at = models.DateTimeField(_("推送时间"), null=True, blank=True)
    # How many confirmed subscribers the mail was queued for; None when no subscription service was installed.
    recipients = models.PositiveIntegerField(_("推送企业数"), null=True, blank=True)
    industries_code = models.CharField(_("涉及行业"), max_length=80, blank=True)

    class Meta:
        ordering = ["-year", "-quarter", "organization_id"]
        constraints = [models.UniqueConstraint(fields=["organization", "year", "quarter"],
                                               name="one_policy_digest_per_unit_quarter"),
                       models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4),
                                              name="policy_digest_quarter_1_to_4")]
        verbose_name = _("涉企政策季度推送")
        verbose_name_plural = _("涉企政策季度推送")

    def __str__(self):
        return f"{self.organization.name} {self.period_label}"

    @property
    def period_label(self) -> str:
        return _("%(year)s年第%(quarter)s季度") % {"year": self.year, "quarter": self.quarter}


class DigestEntry(models.Model):
    class Section(models.TextChoices):
        NEW = "new", _("本季度新出台")
        OPEN = "open", _("仍在申报期内")

    digest = models.ForeignKey(
        Digest, on_delete=models.CASCADE, related_name="entries", verbose_name=_("涉企政策季度推送"),
    )
    policy = models.ForeignKey(
        EnterprisePolicy, on_delete=models.PROTECT, related_name="+", verbose_name=_("涉企政策"),
    )
    section = models.CharField(_("栏目"), max_length=4, choices=Section.choices)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("推送条目")
        verbose_name_plural = _("推送条目")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["digest", "policy"], name="unique_policy_digest_entry")]

    def __str__(self):
        return f"{self.digest} · {self.policy}"
