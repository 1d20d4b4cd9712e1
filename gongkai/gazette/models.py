"""政府公报: issues (year, 期号, 总期号, date, the whole issue as PDF) and their ordered contents.

An entry either points to an information item already on the platform (the article's text is the
item's) or carries its own text (historical issues whose documents were never published as items).
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Input bounds (well inside the columns: page is a smallint): a county gazette has a few issues a year
# and a few hundred pages an issue.
MAX_ISSUE_NUMBER = 999
MAX_TOTAL_NUMBER = 99999
MAX_PAGE = 9999


def issue_pdf_path(instance, filename: str) -> str:
    # A random stored name; the download name is built from the issue's year and number.
    return f"gazette/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}.pdf"


class IssueQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=GazetteIssue.State.PUBLISHED)


class EntryQuerySet(models.QuerySet):
    def public(self):
        """Entries shown on the public pages: of a published issue, not withdrawn."""
        return self.filter(issue__state=GazetteIssue.State.PUBLISHED, withdrawn_at__isnull=True)


class GazetteIssue(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("编辑中")
        PUBLISHED = "published", _("已发布")
        WITHDRAWN = "withdrawn", _("已撤回")

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("编辑出版单位"))
    year = models.PositiveSmallIntegerField(_("年份"))
    number = models.PositiveSmallIntegerField(_("期号"))
    total_number = models.PositiveIntegerField(_("总期号"))
    published_on = models.DateField(_("出版日期"))
    pdf = models.FileField(_("整期PDF"), upload_to=issue_pdf_path, max_length=200)
    pdf_size = models.PositiveBigIntegerField(_("整期PDF大小（字节）"), default=0)
    pdf_sha256 = models.CharField(_("整期PDF校验值"), max_length=64, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.DRAFT)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    # 保密审查 before publication (条例第十七条): who reviewed, when, the opinion.
    secrecy_reviewer = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="+", verbose_name=_("保密审查人"))
    secrecy_reviewed_at = models.DateTimeField(_("保密审查时间"), null=True, blank=True)
    secrecy_opinion = models.CharField(_("保密审查意见"), max_length=1000, blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("撤回原因"), max_length=500, blank=True)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("政府公报")
        verbose_name_plural = _("政府公报")
        constraints = [
            # Per office here; across the offices of one government (one 政府公报) services._check_meta refuses
            # a repeated 期号 or 总期号: a province hosts many counties, each with its own gazette and 第1期.
            # A withdrawn issue gives its numbers up: the corrected reissue carries them.
            models.UniqueConstraint(fields=["organization", "year", "number"], condition=~Q(state="withdrawn"),
                                    name="unique_gazette_issue"),
            models.UniqueConstraint(fields=["organization", "total_number"], condition=~Q(state="withdrawn"),
                                    name="unique_gazette_total_number"),
            models.CheckConstraint(condition=Q(number__gte=1) & Q(total_number__gte=1), name="gazette_numbers_positive"),
        ]

    def __str__(self):
        return _("%(year)s年第%(number)s期（总第%(total)s期）") % {
            "year": self.year, "number": self.number, "total": self.total_number}

    @property
    def download_name(self) -> str:
        return f"政府公报{self.year}年第{self.number}期（总第{self.total_number}期）.pdf"


class GazetteEntry(models.Model):
    issue = models.ForeignKey(
        GazetteIssue, on_delete=models.CASCADE, related_name="entries", verbose_name=_("公报期次"),
    )
    position = models.PositiveSmallIntegerField(_("序号"))
    section = models.CharField(_("栏目"), max_length=50, blank=True, help_text=_("例如：县政府文件、县政府办公室文件、人事任免"))
    title = models.CharField(_("标题"), max_length=300)
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    issuer = models.CharField(_("发文机关"), max_length=100, blank=True)
    page = models.PositiveSmallIntegerField(_("页码"), null=True, blank=True)
    item = models.ForeignKey("publishing.InformationItem", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="gazette_entries", verbose_name=_("对应的政府信息"))
    body = models.TextField(_("正文"), blank=True, help_text=_("未关联政府信息时填写（已净化的 HTML）。"))
    # An entry wrongly added to a published issue is withdrawn (kept for the record, no longer public).
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("撤回原因"), max_length=500, blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("公报目录条目")
        verbose_name_plural = _("公报目录条目")
        constraints = [
            models.UniqueConstraint(fields=["issue", "position"], name="unique_gazette_entry_position"),
            models.CheckConstraint(
                condition=(Q(item__isnull=False) & Q(body="")) | (Q(item__isnull=True) & ~Q(body="")),
                name="gazette_entry_item_xor_text",
            ),
        ]

    def __str__(self):
        return self.title
