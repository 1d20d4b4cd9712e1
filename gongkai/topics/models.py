import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REGULAR = "regular", _("专题")
    ACTION = "action", _("政务公开在行动")  # built in: 工作交流 and 问题通报 (工作要点 三(四))


class SubmissionState(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    ADOPTED = "adopted", _("已采用")
    RETURNED = "returned", _("已退回")


def banner_path(instance, filename: str) -> str:
    return f"topics/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Topic(models.Model):
    """A county 专题 on the portal, kept by the 政务公开办 (its `organization`) and fed by the units it is
    open to. Its items stay in their units' catalogs: the 专题 only links them (Submission)."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("主办单位"))
    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices, default=Kind.REGULAR)
    title = models.CharField(_("专题名称"), max_length=100)
    slug = models.SlugField(_("网址简称"), max_length=40, unique=True,
                            help_text=_("网址中的简称，字母、数字和连字符，如 yqfk。"))
    intro = models.TextField(_("专题简介"), blank=True)
    banner = models.FileField(_("横幅图片"), upload_to=banner_path, blank=True)
    banner_alt = models.CharField(_("横幅图片说明"), max_length=200, blank=True)
    is_public = models.BooleanField(_("在网站公开"), default=True)
    open_to_all = models.BooleanField(_("所有单位可报送"), default=False)
    units = models.ManyToManyField("organizations.Organization", blank=True, related_name="+",
                                   verbose_name=_("可报送单位"))
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["sort_order", "-created_at", "id"]
        verbose_name = _("专题")
        verbose_name_plural = _("专题")
        constraints = [models.UniqueConstraint(fields=["organization"], condition=models.Q(kind="action"),
                                               name="one_action_topic_per_county")]

    def __str__(self):
        return self.title


class Column(models.Model):
    """A sub-column of a 专题 (e.g. 自然灾害类 of 应急预案), with the units the work plan names for it."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="columns", verbose_name=_("专题"))
    name = models.CharField(_("子栏目名称"), max_length=60)
    key = models.CharField(_("内置编号"), max_length=20, blank=True)  # "exchange", "notices" of the action topic
    units = models.ManyToManyField("organizations.Organization", blank=True, related_name="+",
                                   verbose_name=_("责任单位"))
    sort_order = models.PositiveIntegerField(_("排序"), default=100)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("子栏目")
        verbose_name_plural = _("子栏目")
        constraints = [models.UniqueConstraint(fields=["topic", "name"], name="unique_topic_column_name")]

    def __str__(self):
        return f"{self.topic.title}／{self.name}"


class Submission(models.Model):
    """A unit's 稿件: one of its items offered to a sub-column. Adopted, the item shows in the 专题 and
    stays where it is in the unit's own catalog (one item, two places: this row is the link)."""

    column = models.ForeignKey(Column, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("子栏目"))
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("报送单位"))
    item = models.ForeignKey("publishing.InformationItem", on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("信息"))
    state = models.CharField(_("状态"), max_length=12, choices=SubmissionState.choices,
                             default=SubmissionState.SUBMITTED, db_index=True)
    note = models.CharField(_("报送说明"), max_length=300, blank=True)
    comment = models.CharField(_("审核意见"), max_length=300, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("报送人"))
    submitted_at = models.DateTimeField(_("报送时间"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("审核人"))
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("稿件")
        verbose_name_plural = _("稿件")
        constraints = [models.UniqueConstraint(fields=["column", "item"], name="one_submission_per_column_item")]

    def __str__(self):
        return f"{self.organization}：{self.item}"
