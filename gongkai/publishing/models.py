import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gongkai.core.exemptions import MAX_LENGTH as EXEMPTION_MAX_LENGTH
from gongkai.core.exemptions import ExemptionBasis
from gongkai.publishing.choices import DisclosureMode, DocType, State, Topic, Validity, validity_mark


class ItemQuerySet(models.QuerySet):
    def public(self, now=None):
        """What the public may see: published or withdrawn (with its notice), once its publish time is reached
        (an item withdrawn before its scheduled time was never public and stays so)."""
        now = now or timezone.now()
        return self.filter(
            state__in=[State.PUBLISHED, State.WITHDRAWN], published_at__lte=now,
            disclosure_mode=DisclosureMode.PROACTIVE,
        )

    def live(self, now=None):
        """Published and not withdrawn: what lists, feeds and search show."""
        now = now or timezone.now()
        return self.filter(state=State.PUBLISHED, published_at__lte=now, disclosure_mode=DisclosureMode.PROACTIVE)


class InformationItem(models.Model):
    """A piece of 政府信息 (条例第二条) with the metadata of the 信息索引表."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="items", verbose_name=_("发布机构")
    )
    title = models.CharField(_("名称"), max_length=300)
    index_no = models.CharField(_("索引号"), max_length=40, unique=True, null=True, blank=True, editable=False)
    doc_number = models.CharField(_("发文字号"), max_length=100, blank=True, db_index=True)
    doc_type = models.CharField(_("文种"), max_length=8, choices=DocType.choices, default=DocType.OTHER)
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    formed_on = models.DateField(
        _("形成或变更日期"), help_text=_("条例第二十六条：自形成或者变更之日起20个工作日内公开。")
    )
    published_at = models.DateTimeField(_("发布日期"), null=True, blank=True, db_index=True)
    topic = models.CharField(_("主题分类"), max_length=2, choices=Topic.choices, default=Topic.GENERAL)
    keywords = models.CharField(_("主题词"), max_length=200, blank=True, help_text=_("多个主题词以空格分隔。"))
    summary = models.TextField(_("内容概述"), blank=True)
    catalog_nodes = models.ManyToManyField(
        "catalog.CatalogNode", related_name="items", verbose_name=_("所属目录"), blank=True
    )
    disclosure_mode = models.CharField(
        _("公开方式"), max_length=16, choices=DisclosureMode.choices, default=DisclosureMode.PROACTIVE
    )
    exemption_basis = models.CharField(
        _("不予公开依据"), max_length=EXEMPTION_MAX_LENGTH, choices=ExemptionBasis.choices, blank=True
    )
    validity = models.CharField(_("有效性"), max_length=12, choices=Validity.choices, blank=True)
    body = models.TextField(_("正文"), blank=True)
    state = models.CharField(_("状态"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True)
    state_reason = models.TextField(_("撤回或删除原因"), blank=True)
    state_changed_at = models.DateTimeField(_("状态变更时间"), null=True, blank=True)
    source_url = models.URLField(_("原网址"), max_length=500, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("起草人"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at"], m2m_fields=[catalog_nodes], cascade_delete_history=False,
        history_change_reason_field=models.TextField(null=True),
    )
    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("政府信息")
        verbose_name_plural = _("政府信息")
        indexes = [models.Index(fields=["organization", "state", "published_at"])]

    def __str__(self):
        return self.title

    @property
    def validity_mark(self) -> str:
        """尚未施行 / 已修改 / 已废止 / 已失效 to show beside the title in lists and feeds; "" when 有效 or not
        given. The public state (`publishing.validity`): set for a whole list by `validity.mark_items`, else
        read here for this item (a 规范性文件 recorded 有效 may be 尚未施行)."""
        from gongkai.publishing import validity

        code = getattr(self, "public_state", None)
        if code is None:
            if self.validity not in (Validity.VALID, Validity.AMENDED):
                return validity_mark(self.validity)
            code = validity.public_validity(self)
        return validity.mark(code)

    @property
    def is_scheduled(self) -> bool:
        return self.state == State.PUBLISHED and self.published_at is not None and self.published_at > timezone.now()

    @property
    def is_public(self) -> bool:
        if self.disclosure_mode != DisclosureMode.PROACTIVE:
            return False
        if self.state not in (State.PUBLISHED, State.WITHDRAWN) or self.published_at is None:
            return False
        return self.published_at <= timezone.now()

    @property
    def keyword_list(self) -> list[str]:
        return self.keywords.split()


def attachment_path(instance, filename: str) -> str:
    # Random stored name: the original name is kept in the database only.
    extension = PurePath(filename).suffix.lower()
    return f"attachments/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}{extension}"


class Attachment(models.Model):
    class TextStatus(models.TextChoices):
        """Whether the attachment's text is searchable (extraction.py, run by the task queue)."""

        PENDING = "pending", _("等待提取文字")
        EXTRACTED = "extracted", _("可全文检索")
        SCANNED = "scanned", _("扫描件，无法检索")
        UNSUPPORTED = "unsupported", _("该格式不提取文字")
        FAILED = "failed", _("文字提取失败")

    item = models.ForeignKey(
        InformationItem, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("政府信息"),
    )
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=120)
    size = models.PositiveBigIntegerField(_("大小"))
    sha256 = models.CharField(_("校验值"), max_length=64)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("上传人"),
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    text = models.TextField(_("提取的文字"), blank=True, editable=False)
    text_status = models.CharField(_("全文检索"), max_length=12, choices=TextStatus.choices,
                                   default=TextStatus.PENDING, editable=False)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self):
        return self.original_name

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf"


class Review(models.Model):
    """A reviewer's decision on a submitted item; approval carries the 保密审查 record (条例第十七条)."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("审核通过")
        RETURNED = "returned", _("退回修改")

    item = models.ForeignKey(
        InformationItem, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("政府信息"),
    )
    # Empty only for items migrated from an old site, whose review happened there (see `note`).
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("审查人"))
    decided_at = models.DateTimeField(_("审查日期"), default=timezone.now)
    decision = models.CharField(_("审查结论"), max_length=12, choices=Decision.choices)
    secrecy_checked = models.BooleanField(
        _("已进行保密审查"), default=False,
        help_text=_("依照《保守国家秘密法》等规定审查，确认拟公开信息不涉及国家秘密、工作秘密、商业秘密和个人隐私。"),
    )
    opinion = models.TextField(_("审查意见"))

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("审查记录")
        verbose_name_plural = _("审查记录")

    def __str__(self):
        return f"{self.get_decision_display()} · {self.decided_at:%Y-%m-%d}"


class IndexSequence(models.Model):
    """The last 索引号 serial used by an organization in a year. Serials are never reused."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("发布机构"),
    )
    year = models.PositiveSmallIntegerField(_("年份"))
    last_serial = models.PositiveIntegerField(_("当前序号"), default=0)

    class Meta:
        verbose_name = _("索引号序列")
        verbose_name_plural = _("索引号序列")
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="unique_index_sequence")]

    def __str__(self):
        return f"{self.organization_id}/{self.year}: {self.last_serial}"
