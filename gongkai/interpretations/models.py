"""政策解读: an information item (in the 政策解读 column) that explains one or more policy documents.

谁起草谁解读: the interpretation is drafted with its policy and goes through the same review and
publication workflow (publishing). The link is many-to-many: a press conference may explain several
documents, a document may have a text interpretation and a 图解.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Interpretation(models.Model):
    class Form(models.TextChoices):
        TEXT = "text", _("文字解读")
        GRAPHIC = "graphic", _("图解")
        VIDEO = "video", _("视频解读")
        QA = "qa", _("问答")
        EXPERT = "expert", _("专家解读")
        PRESS_CONFERENCE = "press", _("新闻发布会")

    # Forms whose substance is a recording elsewhere: they need its address.
    MEDIA_FORMS = frozenset({Form.VIDEO, Form.PRESS_CONFERENCE})

    item = models.OneToOneField("publishing.InformationItem", on_delete=models.PROTECT,
                                related_name="interpretation", verbose_name=_("政府信息"))
    form = models.CharField(_("解读形式"), max_length=10, choices=Form.choices, default=Form.TEXT)
    interpreter = models.CharField(_("解读人"), max_length=100, blank=True,
                                   help_text=_("例如：起草单位主要负责人、专家姓名及职务、新闻发言人。"))
    media_url = models.URLField(_("视频或发布会地址"), max_length=500, blank=True,
                                help_text=_("视频解读、新闻发布会须填写，仅限 http(s) 地址。"))
    policies = models.ManyToManyField("publishing.InformationItem", through="PolicyLink",
                                      related_name="interpreted_by", verbose_name=_("解读的政策文件"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")

    def __str__(self):
        return self.item.title


class PolicyLink(models.Model):
    interpretation = models.ForeignKey(
        Interpretation, on_delete=models.CASCADE, related_name="links", verbose_name=_("政策解读"),
    )
    policy = models.ForeignKey("publishing.InformationItem", on_delete=models.PROTECT,
                               related_name="interpretation_links", verbose_name=_("政策文件"))
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("解读关联的政策文件")
        verbose_name_plural = _("解读关联的政策文件")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["interpretation", "policy"], name="unique_policy_link")]

    def __str__(self):
        return f"{self.interpretation} → {self.policy}"
