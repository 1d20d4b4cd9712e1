"""What gathers around a case: 交办/协助调查, 会商, 第三十五条, documents, delivery, 备案, remedies, reminders."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.requests.choices import DeliveryMethod, LitigationType, RemedyKind, RemedyResult


class Assignment(models.Model):
    """A case moving between units: 转送 by a unit that is not responsible, 交办 by the 政务公开办 to the
    unit that handles it, or 协助调查 asked of another unit (the case stays where it is)."""

    class Kind(models.TextChoices):
        TRANSFER = "transfer", _("转送")
        ASSIGN = "assign", _("交办")
        ASSIST = "assist", _("协助调查")

    case = models.ForeignKey(
        "requests.RequestCase", on_delete=models.CASCADE, related_name="assignments",
        verbose_name=pgettext_lazy("field", "申请"),
    )
    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("承办单位")
    )
    from_organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("原受理机关")
    )
    instructions = models.TextField(_("办理要求或理由"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("发起人"),
    )
    requested_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    response = models.TextField(_("调查结果"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("回复人"),
    )
    responded_at = models.DateTimeField(_("回复时间"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("交办或协助调查")

    def __str__(self):
        return f"{self.get_kind_display()}：{self.organization}"


class Deliberation(models.Model):
    """疑难件会商: invited colleagues (or the legal office) record opinions on a difficult case."""

    case = models.ForeignKey(
        "requests.RequestCase", on_delete=models.CASCADE, related_name="deliberations",
        verbose_name=pgettext_lazy("field", "申请"),
    )
    question = models.TextField(_("会商事项"))
    invitees = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("参加会商人员"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("发起人"),
    )
    opened_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    conclusion = models.TextField(_("会商结论"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("结束人"),
    )
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("会商")

    def __str__(self):
        return f"会商：{self.question[:30]}"


class DeliberationOpinion(models.Model):
    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="opinions", verbose_name=_("会商"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("提出人"),
    )
    text = models.TextField(_("意见"))
    created_at = models.DateTimeField(_("提出时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("会商意见")
        verbose_name_plural = _("会商意见")
        ordering = ["id"]

    def __str__(self):
        return f"{self.author}：{self.text[:30]}"


class VolumeReview(models.Model):
    """第三十五条: the agency asks the applicant to explain an unusual volume, and decides."""

    class Decision(models.TextChoices):
        REASONABLE = "reasonable", _("理由合理，继续办理")
        UNREASONABLE = "unreasonable", _("理由不合理，不予处理")

    case = models.ForeignKey(
        "requests.RequestCase", on_delete=models.CASCADE, related_name="volume_reviews",
        verbose_name=pgettext_lazy("field", "申请"),
    )
    asked_on = models.DateField(_("要求说明理由日期"))
    question = models.TextField(_("要求说明的事项"))
    explanation = models.TextField(_("申请人说明的理由"), blank=True)
    explained_on = models.DateField(_("收到说明日期"), null=True, blank=True)
    decision = models.CharField(_("认定"), max_length=12, choices=Decision.choices, blank=True)
    decision_note = models.TextField(_("认定理由"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("认定人"),
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("发起人"),
    )

    class Meta:
        verbose_name = _("申请数量、频次审查")
        verbose_name_plural = _("申请数量、频次审查")
        ordering = ["id"]

    def __str__(self):
        return f"第三十五条：{self.case_id}"


class CaseDocument(models.Model):
    """An issued letter kept with its case; `for_applicant` ones are shown to the applicant."""

    case = models.ForeignKey(
        "requests.RequestCase", on_delete=models.CASCADE, related_name="documents",
        verbose_name=pgettext_lazy("field", "申请"),
    )
    document = models.OneToOneField(
        "letters.IssuedDocument", on_delete=models.PROTECT, related_name="+", verbose_name=_("文书"),
    )
    for_applicant = models.BooleanField(_("申请人可查看"), default=True)

    class Meta:
        verbose_name = _("办理文书")
        verbose_name_plural = _("办理文书")
        ordering = ["id"]

    def __str__(self):
        return str(self.document)


def _proof_path(instance, filename: str) -> str:
    return f"requests/proofs/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


def _bundle_path(instance, filename: str) -> str:
    return f"requests/filings/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}.pdf"


class Delivery(models.Model):
    """送达: how and when the reply reached the applicant, with the proof (回执, 邮寄凭证)."""

    case = models.ForeignKey(
        "requests.RequestCase", on_delete=models.CASCADE, related_name="deliveries",
        verbose_name=pgettext_lazy("field", "申请"),
    )
    method = models.CharField(_("送达方式"), max_length=12, choices=DeliveryMethod.choices)
    delivered_on = models.DateField(_("送达日期"))
    proof = models.FileField(_("送达凭证"), upload_to=_proof_path, max_length=200, blank=True)
    proof_name = models.CharField(_("送达凭证文件名"), max_length=255, blank=True)
    proof_content_type = models.CharField(_("送达凭证文件类型"), max_length=120, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("登记人"),
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("送达记录")
        verbose_name_plural = _("送达记录")
        ordering = ["id"]

    def __str__(self):
        return f"{self.get_method_display()} {self.delivered_on}"


class Filing(models.Model):
    """备案 with the 县大数据发展服务中心: one PDF of the application, every document and the delivery proof."""

    case = models.OneToOneField(
        "requests.RequestCase", on_delete=models.CASCADE, related_name="filing",
        verbose_name=pgettext_lazy("field", "申请"),
    )
    bundle = models.FileField(_("备案材料"), upload_to=_bundle_path, max_length=200)
    sha256 = models.CharField(_("校验值"), max_length=64)
    filed_on = models.DateField(_("备案日期"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("备案人"),
    )
    filed_at = models.DateTimeField(_("备案登记时间"), auto_now_add=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("大数据中心签收人"),
    )
    received_at = models.DateTimeField(_("大数据中心签收时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("备案")
        verbose_name_plural = _("备案")
        ordering = ["-filed_on", "-id"]

    def __str__(self):
        return f"备案 {self.case_id} {self.filed_on}"


class Remedy(models.Model):
    """行政复议 or 行政诉讼 about an answered case (annual-report table 4)."""

    case = models.ForeignKey(
        "requests.RequestCase", on_delete=models.CASCADE, related_name="remedies",
        verbose_name=pgettext_lazy("field", "申请"),
    )
    kind = models.CharField(_("类型"), max_length=12, choices=RemedyKind.choices)
    litigation_type = models.CharField(_("诉讼类型"), max_length=12, choices=LitigationType.choices, blank=True)
    authority = models.CharField(_("复议机关或法院"), max_length=200, blank=True)
    filed_on = models.DateField(_("申请或起诉日期"), null=True, blank=True)  # unknown for ledger imports
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    result = models.CharField(_("结果"), max_length=10, choices=RemedyResult.choices, default=RemedyResult.PENDING)
    note = models.TextField(_("说明"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("登记人"),
    )

    class Meta:
        verbose_name = _("行政复议和行政诉讼")
        verbose_name_plural = _("行政复议和行政诉讼")
        ordering = ["filed_on", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.get_result_display()}"


class Reminder(models.Model):
    """An in-app reminder (also e-mailed once) that a clock of a case is due soon or overdue."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="request_reminders",
        verbose_name=_("接收人"),
    )
    case = models.ForeignKey(
        "requests.RequestCase", on_delete=models.CASCADE, related_name="reminders",
        verbose_name=pgettext_lazy("field", "申请"),
    )
    clock = models.CharField(_("期限"), max_length=24)
    due = models.DateField(_("到期日"))
    level = models.CharField(_("提醒级别"), max_length=10)
    message = models.CharField(_("提醒内容"), max_length=300)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("期限提醒")
        verbose_name_plural = _("期限提醒")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "case", "clock", "due", "level"], name="unique_request_reminder")
        ]

    def __str__(self):
        return self.message


class Throttle(models.Model):
    """Hits of a rate-limited public action in one fixed time window, by a keyed digest of the client
    address (never the address). One row per bucket, client and window, counted up with a conditional
    UPDATE (gongkai.requests.spam.allow), so parallel requests cannot all see room left."""

    bucket = models.CharField(_("限制类别"), max_length=20)
    client_digest = models.CharField(_("客户端摘要"), max_length=64)
    window_start = models.DateTimeField(_("时间窗口起点"), db_index=True)
    hits = models.PositiveIntegerField(_("提交次数"), default=0)

    class Meta:
        verbose_name = _("提交频次限制")
        verbose_name_plural = _("提交频次限制")
        constraints = [
            models.UniqueConstraint(fields=["bucket", "client_digest", "window_start"], name="unique_throttle_window")
        ]

    def __str__(self):
        return f"{self.bucket} {self.window_start} {self.hits}"


class UsedFormToken(models.Model):
    """A public form's token that has been used: inserting its nonce a second time fails (unique), so a
    double-click or a replay cannot file the same application twice."""

    nonce = models.CharField(_("令牌"), max_length=32, unique=True)
    used_at = models.DateTimeField(_("使用时间"), db_index=True)

    class Meta:
        verbose_name = _("已使用的表单令牌")
        verbose_name_plural = _("已使用的表单令牌")

    def __str__(self):
        return self.nonce
