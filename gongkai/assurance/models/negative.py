"""The county's 政务公开负面清单 (工作要点 三(二)): kinds of information that must not be published, each with
its legal basis — one of the 不予公开 bases of 条例第十四至十六条 (gongkai.core.exemptions) and, where another
law applies, its article. Public. At 保密审查 the reviewer ticks the entries considered (ReviewChecklist);
a 不予公开 item cites the entry it falls under."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.exemptions import MAX_LENGTH, ExemptionBasis


class NegativeEntry(models.Model):
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("制定单位"))
    title = models.CharField(_("信息类别"), max_length=200)
    description = models.TextField(_("说明"), blank=True)
    basis = models.CharField(_("条例依据"), max_length=MAX_LENGTH, choices=ExemptionBasis.choices)
    law = models.CharField(_("其他法律依据"), max_length=300, blank=True,
                           help_text=_("如《中华人民共和国保守国家秘密法》第九条。"))
    examples = models.TextField(_("常见情形"), blank=True)
    position = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("有效"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("负面清单条目")
        verbose_name_plural = _("负面清单条目")

    def __str__(self):
        return self.title


class ReviewChecklist(models.Model):
    """What the reviewer recorded against the 负面清单 at one approval (publishing.Review)."""

    review = models.OneToOneField(
        "publishing.Review", on_delete=models.CASCADE, related_name="+", verbose_name=_("审查记录"),
    )
    considered = models.ManyToManyField(NegativeEntry, related_name="+", verbose_name=_("已对照的条目"))
    cited = models.ForeignKey(NegativeEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("不予公开所属条目"))

    class Meta:
        verbose_name = _("负面清单审查记录")
        verbose_name_plural = _("负面清单审查记录")

    def __str__(self):
        return str(self.review_id)
