"""Clock events: the stored inputs of every 依申请公开 clock (deadlines.md). Due dates are never stored.

Each event is typed; which ones start, restart or pause the reply clock is written in one place
(gongkai.requests.clock). Events are not deleted: a wrong one is voided with a reason, so the history of
every recomputation stays visible.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.core.i18n import colon
from gongkai.workdays.fees import FeeBasis

# The events after which a reply deadline is no longer the plain period after the receipt: 补正, waits,
# extensions and a 第三十五条 delayed reply (clock.py decides what each does; RequestCase.clock_changed).
DEADLINE_CHANGING_KINDS = ("correction_notice", "correction_received", "consultation", "fee", "extension", "delayed")


class ClockEvent(models.Model):
    class Kind(models.TextChoices):
        RECEIVED = "received", _("收到申请")  # on: 第三十一条 date; starts the clock
        CORRECTION_NOTICE = "correction_notice", _("补正告知")  # on: sent; workdays: 补正期限; stops it
        CORRECTION_RECEIVED = "correction_received", _("收到补正")  # on: received; restarts it (第三十条)
        CONSULTATION = "consultation", _("征求意见")  # (on, until]: excluded (第三十三条第三款)
        FEE = "fee", _("等待缴费")  # (on, until]: notice sent → paid, excluded
        EXTENSION = "extension", _("延期答复")  # workdays: E, approved by the 负责人 (label) on `on`
        REPLIED = "replied", _("作出答复")  # on: reply date; starts the 备案 clock
        WITHDRAWN = "withdrawn", _("申请人撤回")  # on: the withdrawal received; ends every clock, no reply due
        DELAYED = "delayed", _("延迟答复")  # 第三十五条: on: decided; until: the reasonable date; note: reason

    case = models.ForeignKey(
        "requests.RequestCase", on_delete=models.CASCADE, related_name="clock_events",
        verbose_name=pgettext_lazy("field", "申请"),
    )
    kind = models.CharField(_("类型"), max_length=24, choices=Kind.choices)
    on = models.DateField(_("日期"))
    until = models.DateField(_("结束日期"), null=True, blank=True)
    workdays = models.PositiveSmallIntegerField(_("工作日数"), null=True, blank=True)
    label = models.CharField(_("对象或批准人"), max_length=200, blank=True)
    note = models.TextField(_("说明"), blank=True)
    document = models.ForeignKey(
        "letters.IssuedDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("文书"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("登记人"),
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    voided_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("作废人"),
    )
    void_reason = models.CharField(_("作废理由"), max_length=300, blank=True)

    class Meta:
        ordering = ["on", "id"]
        # The annual report tells plain reply clocks from the others by these events and reads them from
        # the index alone on PostgreSQL (issue #12).
        indexes = [models.Index(fields=["case"], name="requests_clock_changing",
                                include=["id", "kind", "on", "until", "workdays"],
                                condition=models.Q(voided_at__isnull=True, kind__in=list(DEADLINE_CHANGING_KINDS))),
                   # The due lists look for the cases awaiting a 补正 among few rows (queries._alert_candidates).
                   models.Index(fields=["case"], name="requests_clock_correction", include=["kind"],
                                condition=models.Q(voided_at__isnull=True,
                                                   kind__in=["correction_notice", "correction_received"]))]
        verbose_name = _("时限节点")
        verbose_name_plural = _("时限节点")

    def __str__(self):
        return f"{self.get_kind_display()} {self.on}"

    # `label` holds codes where the platform writes it (the 申请方式 of a RECEIVED event) and names
    # people typed (a consultation's party, the 负责人 who approved an extension); `note` of a REPLIED
    # event holds the outcome. Both are translated here, when shown, never when saved.
    @property
    def label_display(self) -> str:
        from gongkai.requests.choices import Channel

        if self.kind == self.Kind.RECEIVED and self.label in Channel.values:
            return str(Channel(self.label).label)
        if self.kind == self.Kind.CONSULTATION:
            consultation = getattr(self, "consultation", None)
            if consultation is not None:
                return f"{consultation.get_kind_display()}{colon()}{self.label}"
        if self.kind == self.Kind.FEE and not self.label:
            return str(_("等待缴纳信息处理费"))
        return self.label

    @property
    def note_display(self) -> str:
        from gongkai.requests.outcomes import OUTCOMES, Outcome

        if self.kind == self.Kind.REPLIED and self.note in OUTCOMES:
            return str(Outcome(self.note).label)
        return self.note


class Consultation(models.Model):
    """A written consultation of a third party (第三十二条) or of another agency (第三十四条)."""

    class Kind(models.TextChoices):
        THIRD_PARTY = "third_party", _("征求第三方意见")
        AGENCY = "agency", _("征求其他机关意见")

    class Opinion(models.TextChoices):
        AGREE = "agree", _("同意公开")
        DISAGREE = "disagree", _("不同意公开")
        PARTIAL = "partial", _("部分同意公开")
        LAPSED = "lapsed", _("逾期未提出意见")

    case = models.ForeignKey(
        "requests.RequestCase", on_delete=models.CASCADE, related_name="consultations",
        verbose_name=pgettext_lazy("field", "申请"),
    )
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    party_name = models.CharField(_("被征求意见方"), max_length=200)
    party_address = models.CharField(_("联系地址或方式"), max_length=300, blank=True)
    event = models.OneToOneField(
        ClockEvent, on_delete=models.PROTECT, related_name="consultation", verbose_name=_("时限节点"),
    )
    letter_received_on = models.DateField(_("对方收到征求意见书日期"), null=True, blank=True)
    opinion = models.CharField(_("意见"), max_length=10, choices=Opinion.choices, blank=True)
    opinion_text = models.TextField(_("意见内容"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")

    def __str__(self):
        return f"{self.get_kind_display()}：{self.party_name}"

    @property
    def is_open(self) -> bool:
        return self.event.until is None


class FeeNotice(models.Model):
    """A 收费通知 (国办函〔2020〕109号) and its payment; the wait is a FEE clock event."""

    class Basis(models.TextChoices):
        BY_REQUEST = FeeBasis.BY_REQUEST, _("按件计收")
        BY_PAGE = FeeBasis.BY_PAGE, _("按量计收")

    case = models.ForeignKey(
        "requests.RequestCase", on_delete=models.CASCADE, related_name="fee_notices",
        verbose_name=pgettext_lazy("field", "申请"),
    )
    basis = models.CharField(_("计收方式"), max_length=12, choices=Basis.choices)
    quantity = models.PositiveIntegerField(_("件次或页数"))
    amount_yuan = models.PositiveIntegerField(_("金额（元）"))
    event = models.OneToOneField(
        ClockEvent, on_delete=models.PROTECT, related_name="fee_notice", verbose_name=_("时限节点"),
    )
    notice_received_on = models.DateField(_("申请人收到通知日期"), null=True, blank=True)
    payment_reference = models.CharField(_("缴费凭证"), max_length=100, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("收费通知")
        verbose_name_plural = _("收费通知")

    def __str__(self):
        return f"{self.get_basis_display()} {self.amount_yuan}元"

    @property
    def paid_on(self):
        return self.event.until
