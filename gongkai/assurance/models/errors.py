"""The lists the 严重错误 checker matches: known-wrong forms with their corrections and sources (seeded from
data/serious_errors.json, editable), the county's leaders and their posts, and 敏感词; and the result of
the check run when an item was submitted for review."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ErrorTerm(models.Model):
    class Kind(models.TextChoices):
        MISSPELLING = "misspelling", _("国家和机关名称错误写法")
        OUTDATED = "outdated", _("机构改革后已更名的机关名称")
        SENSITIVE = "sensitive", _("敏感词")

    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices)
    text = models.CharField(_("错误写法或敏感词"), max_length=100)
    correction = models.CharField(_("正确写法"), max_length=200, blank=True)
    source = models.CharField(_("依据"), max_length=300)
    since = models.DateField(_("更名日期"), null=True, blank=True,
                             help_text=_("已更名的机关：此日期之前形成的信息使用旧名称不算错误。"))
    is_active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["kind", "text"]
        constraints = [models.UniqueConstraint(fields=["kind", "text"], name="unique_error_term")]
        verbose_name = _("严重错误词条")
        verbose_name_plural = _("严重错误词条")

    def __str__(self):
        return self.text


class Leader(models.Model):
    name = models.CharField(_("姓名"), max_length=20)
    post = models.CharField(_("现任职务"), max_length=200,
                            help_text=_("多个职务以顿号分隔，如“县委副书记、县长”。"))
    position = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("在任"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("领导姓名和职务")
        verbose_name_plural = _("领导姓名和职务")

    def __str__(self):
        return f"{self.post}{self.name}"


class ItemCheck(models.Model):
    """The checker's warnings for an item when it was submitted for review (shown to the reviewer)."""

    item = models.ForeignKey(
        "publishing.InformationItem", on_delete=models.CASCADE, related_name="+", verbose_name=_("政府信息"),
    )
    checked_at = models.DateTimeField(_("检查时间"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("送审人"),
    )
    warnings = models.JSONField(_("可能的错误"), default=list)

    class Meta:
        verbose_name = _("送审检查结果")
        verbose_name_plural = _("送审检查结果")
        ordering = ["-checked_at", "-id"]
        get_latest_by = "checked_at"

    def __str__(self):
        return f"{self.item_id}: {len(self.warnings)}"
