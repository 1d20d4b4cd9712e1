"""The request case (one 政府信息公开申请) and what belongs to it alone."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.core.crypto import EncryptedTextField
from gongkai.core.exemptions import LAW_MAX_LENGTH, ExemptionBasis
from gongkai.core.exemptions import MAX_LENGTH as EXEMPTION_MAX_LENGTH
from gongkai.core.masking import mask_id_number, mask_numbers, mask_phone, shown_search_text
from gongkai.requests.choices import (
    ApplicantType,
    Channel,
    ConfirmationMethod,
    DeliveryWanted,
    InfoForm,
    State,
    running_cases_q,
)
from gongkai.requests.outcomes import Outcome

# What the annual report reads of a case (services.annual_report), kept in its indexes (Meta.indexes).
REPORT_COLUMNS = ["id", "received_on", "applicant_type", "outcome", "fee_yuan"]


class RequestCase(models.Model):
    """A 政府信息公开申请 from receipt to 归档.

    Dates that drive the clocks live in ClockEvent rows (typed, audited, recomputed on every read);
    `received_on` and `replied_on` mirror the current RECEIVED and REPLIED events for listing and counting.
    """

    class Source(models.TextChoices):
        PLATFORM = "platform", _("平台办理")
        LEDGER = "ledger", _("台账导入")

    tracking_number = models.CharField(_("申请编号"), max_length=40, unique=True)
    query_code_digest = models.CharField(_("查询码摘要"), max_length=64, blank=True, editable=False)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="request_cases",
        verbose_name=_("受理机关"),
    )
    state = models.CharField(_("状态"), max_length=16, choices=State.choices, default=State.PENDING, db_index=True)
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, default=Source.PLATFORM)
    channel = models.CharField(_("申请方式"), max_length=12, choices=Channel.choices)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)

    # 第二十九条（一）: the applicant.
    applicant_type = models.CharField(_("申请人类型"), max_length=16, choices=ApplicantType.choices)
    applicant_name = models.CharField(_("申请人"), max_length=100)
    id_number = EncryptedTextField(_("证件号码"), blank=True)
    id_digest = models.CharField(_("证件号码摘要"), max_length=64, blank=True, db_index=True, editable=False)
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    phone = EncryptedTextField(_("联系电话"), blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    needs_assistance = models.BooleanField(
        _("存在阅读困难或视听障碍，需要帮助"), default=False, help_text=_("条例第四十三条")
    )

    # 第二十九条（二）（三）: what is sought, in which form, delivered how.
    info_title = models.CharField(_("政府信息名称"), max_length=300, blank=True)
    # The name as every staff page shows it (ID and mobile numbers masked: mask_numbers), filled on save: the
    # staff list's search matches it (queries.search), so a number typed in full finds nothing.
    info_title_shown = models.TextField(_("政府信息名称（号码已遮盖）"), blank=True, editable=False)
    info_doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    info_description = models.TextField(_("申请内容（特征性描述）"))
    form_wanted = models.CharField(_("信息的形式"), max_length=12, choices=InfoForm.choices, blank=True)
    delivery_wanted = models.CharField(_("获取方式"), max_length=12, choices=DeliveryWanted.choices, blank=True)

    # 第三十一条: how the receipt date was established (the date itself is a RECEIVED clock event).
    confirmation_method = models.CharField(
        _("确认方式"), max_length=12, choices=ConfirmationMethod.choices, blank=True
    )
    confirmation_note = models.CharField(_("确认记录"), max_length=300, blank=True)
    received_on = models.DateField(_("收到申请日期"), null=True, blank=True, db_index=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("承办人"),
    )

    # The reply (第三十六条、第三十七条) and its review.
    outcome = models.CharField(_("办理结果"), max_length=80, choices=Outcome.choices, blank=True)
    answer_code = models.CharField(_("答复情形"), max_length=16, blank=True)
    reply_content = models.TextField(_("答复内容"), blank=True)
    withholding_article = models.CharField(
        _("不予公开的依据条款"), max_length=EXEMPTION_MAX_LENGTH, choices=ExemptionBasis.choices, blank=True
    )
    # A basis outside the 条例 (core.exemptions.OUTSIDE_REGULATION): the law or regulation and its article.
    withholding_law = models.CharField(_("其他法律、行政法规的名称和条款"), max_length=LAW_MAX_LENGTH, blank=True)
    withholding_reason = models.TextField(_("不予公开的理由"), blank=True)
    referral = models.CharField(_("负责公开的机关及联系方式"), max_length=300, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("起草人"),
    )
    drafted_at = models.DateTimeField(_("起草时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("审核人"),
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    withholding_confirmed = models.BooleanField(_("审核人已确认不予公开（最小化适用）"), default=False)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)  # indexed below (Meta.indexes)
    # Mirrors "the case has an active deadline-changing event" (补正, a wait, an extension, a 第三十五条
    # delay: models.clock.DEADLINE_CHANGING_KINDS), kept by requests.mirror and services.common.sync_dates.
    # A running case without it has clocks that depend on its state and dates alone (queries._lines).
    clock_changed = models.BooleanField(_("答复期限有变动"), default=False, editable=False)
    fee_yuan = models.PositiveIntegerField(_("收费金额（元）"), null=True, blank=True)

    # 第三十六条（五）: a case another agency closed as not its own and passed on opens here, linked to it.
    transferred_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="transferred_to",
        verbose_name=_("转来的申请"),
    )
    volume_flagged = models.BooleanField(_("第三十五条提示"), default=False)
    proactive_item = models.ForeignKey(
        "publishing.InformationItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("转为主动公开的信息"),
    )
    note = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        indexes = [
            models.Index(fields=["organization", "state"]),
            # The request list: newest first, per unit and county-wide (issue #12).
            models.Index(fields=["organization", "-submitted_at", "-id"], name="requests_case_org_newest"),
            models.Index(fields=["-submitted_at", "-id"], name="requests_case_newest"),
            # The annual report (services.annual_report) reads the cases replied in or after its year, and
            # the open ones, from an index alone on PostgreSQL (the included columns; SQLite keeps the
            # key): a county's by reply date, a unit's by unit and reply date (issue #12). The first is the
            # reply date's only index: PostgreSQL preferred a plain one and then read every case's row.
            models.Index(fields=["replied_on"], name="requests_case_replied",
                         include=["organization", *REPORT_COLUMNS]),
            models.Index(fields=["organization", "replied_on"], name="requests_case_report_replied",
                         include=REPORT_COLUMNS),
            # The due lists (due_board): the running cases alone, with every column their clocks are grouped
            # by, read from the index alone on PostgreSQL (issue #12).
            models.Index(fields=["organization", "received_on"], name="requests_case_running",
                         include=["id", "state", "source", "channel", "replied_on", "clock_changed"],
                         condition=running_cases_q()),
        ]

    def __str__(self):
        return self.tracking_number

    def save(self, *args, **kwargs):
        self.info_title_shown = shown_search_text(self.info_title, mask=mask_numbers)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "info_title" in update_fields:
            kwargs["update_fields"] = {*update_fields, "info_title_shown"}
        super().save(*args, **kwargs)

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


class WithheldPart(models.Model):
    """部分公开 (第三十七条): one part not disclosed, with its basis and reason."""

    case = models.ForeignKey(
        RequestCase, on_delete=models.CASCADE, related_name="withheld_parts",
        verbose_name=pgettext_lazy("field", "申请"),
    )
    description = models.CharField(_("不予公开的内容"), max_length=300)
    article = models.CharField(_("依据条款"), max_length=EXEMPTION_MAX_LENGTH, choices=ExemptionBasis.choices)
    law = models.CharField(_("其他法律、行政法规的名称和条款"), max_length=LAW_MAX_LENGTH, blank=True)
    reason = models.TextField(_("理由"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("不予公开部分")

    def __str__(self):
        return self.description


class TrackingSequence(models.Model):
    """The county-wide serial of tracking numbers per year (SQ-2026-000012)."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    last_serial = models.PositiveIntegerField(_("当前序号"), default=0)

    class Meta:
        verbose_name = _("申请编号序列")
        verbose_name_plural = _("申请编号序列")

    def __str__(self):
        return f"{self.year}: {self.last_serial}"


class RequestPolicy(models.Model):
    """Configurable thresholds (one row). 第三十五条 leaves 明显超过合理范围 to the agency; the county sets it."""

    volume_window_days = models.PositiveSmallIntegerField(
        _("统计期间（日）"), default=30, help_text=_("统计同一申请人向同一机关提出申请的期间。")
    )
    volume_threshold = models.PositiveSmallIntegerField(
        _("提示阈值（件）"), default=10,
        help_text=_("期间内申请件数超过此数时，在案件上提示第三十五条（可要求申请人说明理由）。"),
    )

    class Meta:
        verbose_name = _("依申请公开设置")
        verbose_name_plural = _("依申请公开设置")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "RequestPolicy":
        return cls.objects.order_by("id").first() or cls()
