"""The 规范性文件 register: metadata a normative document carries beside its information item.

The item (title, 文号, 正文, publication workflow) stays in `publishing`; a NormativeDocument adds the
制定机关, dates, 合法性审核 and 备案 records and the 有效性 lifecycle. The diagram of the lifecycle is
in docs/regulations.md; the transitions are in `lifecycle.py`.
"""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.publishing.choices import Validity

# 有效 and 已修改 documents are in force (现行有效); 已废止 and 已失效 are not.
CURRENT_VALIDITIES = (Validity.VALID, Validity.AMENDED)


class DocumentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(validity__in=CURRENT_VALIDITIES)

    def public(self):
        from gongkai.publishing.models import InformationItem

        return self.filter(item__in=InformationItem.objects.public())

    def live(self):
        from gongkai.publishing.models import InformationItem

        return self.filter(item__in=InformationItem.objects.live())


class NormativeDocument(models.Model):
    item = models.OneToOneField(
        "publishing.InformationItem", on_delete=models.PROTECT, related_name="normative", verbose_name=_("政府信息"),
    )
    issuers = models.ManyToManyField(
        "organizations.Organization", through="Issuer", related_name="normative_documents",
        verbose_name=_("制定机关"),
    )
    promulgated_on = models.DateField(_("公布日期"))
    effective_from = models.DateField(_("施行日期"))
    expires_on = models.DateField(_("有效期至"))
    validity = models.CharField(_("有效性"), max_length=12, choices=Validity.choices, default=Validity.VALID)
    validity_since = models.DateField(_("有效性变更日期"))
    legality_reviewer = models.CharField(_("合法性审核机构"), max_length=100)
    legality_reviewed_on = models.DateField(_("合法性审核日期"))
    legality_opinion = models.CharField(
        _("合法性审核意见"), max_length=500, help_text=_("审核意见书文号或审核结论，例如：源司审〔2020〕3号，合法。"),
    )
    pending_amendment = models.BooleanField(
        _("待修改"), default=False, help_text=_("清理结论为“修改”，制定机关尚未公布修改文件。"),
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-promulgated_on", "-id"]
        verbose_name = _("规范性文件")
        verbose_name_plural = _("规范性文件")
        constraints = [
            models.CheckConstraint(condition=models.Q(expires_on__gte=models.F("effective_from")),
                                   name="normative_expiry_after_effective"),
        ]

    def __str__(self):
        return self.item.title

    @property
    def title(self) -> str:
        return self.item.title

    @property
    def is_current(self) -> bool:
        return self.validity in CURRENT_VALIDITIES

    @cached_property
    def status(self):
        """The state pages show today (`status.status_of`): 尚未施行 before the 施行日期, the end once ended."""
        from django.utils import timezone

        from gongkai.regulations.status import status_of

        return status_of(self, timezone.localdate())

    @property
    def lead_issuer(self):
        first = self.issuer_links.select_related("organization").first()
        return first.organization if first else self.item.organization

    def issuer_list(self) -> list:
        return [link.organization for link in self.issuer_links.select_related("organization")]


class Issuer(models.Model):
    """One 制定机关; position 0 is the lead (主办) organ, the others are 联合制定."""

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.CASCADE, related_name="issuer_links", verbose_name=_("规范性文件"),
    )
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("制定机关"))
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("制定机关")
        verbose_name_plural = _("制定机关")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "organization"], name="unique_issuer"),
            models.UniqueConstraint(fields=["document", "position"], name="unique_issuer_position"),
        ]

    def __str__(self):
        return str(self.organization)


class Filing(models.Model):
    """备案: the document filed with the 县人大常委会 or the upper government, with date and number."""

    class Body(models.TextChoices):
        PEOPLES_CONGRESS = "congress", _("县人大常委会")
        UPPER_GOVERNMENT = "upper_government", _("上级人民政府")
        GOVERNMENT = "government", _("本级人民政府")

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.CASCADE, related_name="filings", verbose_name=_("规范性文件"),
    )
    body = models.CharField(_("备案机关"), max_length=20, choices=Body.choices)
    filed_on = models.DateField(_("备案日期"))
    number = models.CharField(_("备案号"), max_length=100)

    class Meta:
        ordering = ["filed_on", "id"]
        verbose_name = _("备案记录")
        verbose_name_plural = _("备案记录")
        constraints = [models.UniqueConstraint(fields=["document", "body"], name="unique_filing_per_body")]

    def __str__(self):
        return f"{self.get_body_display()} {self.number}"


class Relation(models.Model):
    """A dated act of one document (the source, newer) on another (the target, older)."""

    class Kind(models.TextChoices):
        AMENDS = "amends", _("修改")
        REPEALS = "repeals", _("废止")
        REPLACES = "replaces", _("替代")

    source = models.ForeignKey(NormativeDocument, on_delete=models.PROTECT, related_name="outgoing",
                               verbose_name=_("依据文件"))
    target = models.ForeignKey(NormativeDocument, on_delete=models.PROTECT, related_name="incoming",
                               verbose_name=_("被作用文件"))
    kind = models.CharField(_("关系"), max_length=12, choices=Kind.choices)
    effective_on = models.DateField(_("生效日期"))
    note = models.CharField(_("说明"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("登记人"))
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["effective_on", "id"]
        verbose_name = _("文件关系")
        verbose_name_plural = _("文件关系")
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="unique_relation"),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="relation_not_self"),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"

    @property
    def source_ended_first(self) -> bool:
        """The acting document ended (废止, 失效) on or before this relation's 生效日期: it never takes effect."""
        return not self.source.is_current and self.source.validity_since <= self.effective_on


# The query form of Relation.source_ended_first.
SOURCE_ENDED_FIRST = ~models.Q(source__validity__in=CURRENT_VALIDITIES) & models.Q(
    source__validity_since__lte=models.F("effective_on"))


class Event(models.Model):
    """One dated step of a document's lifecycle (the timeline and the validity history read these)."""

    class Kind(models.TextChoices):
        AMENDED = "amended", _("被修改")
        REPEALED = "repealed", _("被废止")
        REPLACED = "replaced", _("被替代")
        LAPSED = "lapsed", _("有效期届满失效")
        DECLARED_INVALID = "declared_invalid", _("经清理宣布失效")
        CLEANUP_REPEALED = "cleanup_repealed", _("经清理废止")
        CONFIRMED = "confirmed", _("经清理继续有效")
        TO_BE_AMENDED = "to_be_amended", _("经清理拟修改")
        RENEWED = "renewed", _("延长有效期")
        EXPIRY_WARNING = "expiry_warning", _("有效期届满预警")

    INTERNAL_KINDS = frozenset({Kind.EXPIRY_WARNING})

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.CASCADE, related_name="events", verbose_name=_("规范性文件"),
    )
    kind = models.CharField(pgettext_lazy("normative document event", "事项"), max_length=20, choices=Kind.choices)
    on = models.DateField(_("日期"))
    validity_before = models.CharField(_("变更前有效性"), max_length=12, choices=Validity.choices, blank=True)
    validity_after = models.CharField(_("变更后有效性"), max_length=12, choices=Validity.choices, blank=True)
    # The 有效期至 the event concerns: the new one for a renewal, the warned one for a warning.
    expires_on = models.DateField(_("有效期至"), null=True, blank=True)
    relation = models.ForeignKey(
        Relation, null=True, blank=True, on_delete=models.PROTECT, related_name="events",
        verbose_name=_("文件关系"),
    )
    campaign = models.ForeignKey("regulations.CleanupCampaign", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="events", verbose_name=_("文件清理"))
    note = models.TextField(_("说明"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("操作人"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("文件沿革")
        verbose_name_plural = _("文件沿革")

    def __str__(self):
        return f"{self.on} {self.get_kind_display()}"


class CleanupCampaign(models.Model):
    """清理: a set of documents each given a result; closing publishes the list and applies it."""

    class State(models.TextChoices):
        OPEN = "open", _("进行中")
        CLOSED = "closed", _("已完成")

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("组织清理的机关"))
    title = models.CharField(_("清理名称"), max_length=200)
    basis = models.TextField(_("清理依据"), blank=True)
    state = models.CharField(_("状态"), max_length=8, choices=State.choices, default=State.OPEN)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("发起人"))
    opened_on = models.DateField(_("发起日期"))
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("完成人"))
    closed_on = models.DateField(_("完成日期"), null=True, blank=True)
    result_item = models.OneToOneField("publishing.InformationItem", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="cleanup_campaign",
                                       verbose_name=_("清理结果公告"))

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("清理")
        verbose_name_plural = _("清理")

    def __str__(self):
        return self.title


class CleanupEntry(models.Model):
    class Result(models.TextChoices):
        CONTINUE = "continue", _("继续有效")
        AMEND = "amend", _("修改")
        REPEAL = "repeal", _("废止")
        DECLARE_INVALID = "declare_invalid", _("宣布失效")

    campaign = models.ForeignKey(
        CleanupCampaign, on_delete=models.CASCADE, related_name="entries", verbose_name=_("文件清理"),
    )
    document = models.ForeignKey(
        NormativeDocument, on_delete=models.PROTECT, related_name="cleanup_entries", verbose_name=_("规范性文件"),
    )
    result = models.CharField(_("清理结论"), max_length=16, choices=Result.choices, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    new_expires_on = models.DateField(
        _("新的有效期至"), null=True, blank=True, help_text=_("结论为“继续有效”且需延长有效期时填写。"),
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("结论填写人"))
    decided_at = models.DateTimeField(_("结论填写时间"), null=True, blank=True)
    # Set at closing when the document was no longer in force (lapsed or repealed during the campaign):
    # the result was not applied and the result list says why.
    not_applied = models.CharField(_("未执行原因"), max_length=100, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("清理结论")
        verbose_name_plural = _("清理结论")
        constraints = [models.UniqueConstraint(fields=["campaign", "document"], name="unique_cleanup_entry")]

    def __str__(self):
        return f"{self.document} {self.get_result_display()}"


class StateRun(models.Model):
    """The periodic job's memory (`expiry.announce_state_changes`): one row per day whose changes of state with
    time alone (尚未施行 → 有效 on the 施行日期) were announced, so the next run announces the documents whose
    施行日期 came since, once, even after days without a run."""

    day = models.DateField(_("日期"), unique=True)
    announced = models.PositiveIntegerField(_("通告文件数"), default=0)
    created_at = models.DateTimeField(_("运行时间"), auto_now_add=True)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("施行状态通告")
        verbose_name_plural = _("施行状态通告")

    def __str__(self):
        return f"{self.day} ({self.announced})"
