"""Subscribers, what they follow, what was announced and what each of them was sent.

The e-mail address is personal data: stored encrypted (core.crypto), looked up by a keyed digest, shown
to staff only masked, never in a public page, the API, an export or a log.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.crypto import EncryptedTextField


class Subscriber(models.Model):
    """One e-mail address (a person or an enterprise's contact)."""

    email = EncryptedTextField(_("电子邮箱"))
    email_digest = models.CharField(_("电子邮箱摘要"), max_length=64, unique=True, editable=False)
    email_masked = models.CharField(_("电子邮箱"), max_length=200, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("订阅人")
        verbose_name_plural = _("订阅人")

    def __str__(self):
        return self.email_masked


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("即时推送")
    DAILY = "daily", _("每日汇总")
    WEEKLY = "weekly", _("每周汇总")


class Subscription(models.Model):
    """One thing followed by one subscriber: a (kind, key) of the registry, confirmed by e-mail."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待确认")
        ACTIVE = "active", _("已订阅")
        UNSUBSCRIBED = "unsubscribed", _("已退订")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions", verbose_name=_("订阅人"),
    )
    # The site (portal.SiteProfile) it was made on: several counties may be hosted on one platform, and a
    # subscription reaches only what its site shows (announcements of organizations below the site's root).
    # Empty: made while no site profile existed, when the one site showed every organization.
    site = models.ForeignKey(
        "portal.SiteProfile", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("订阅网站"),
    )
    kind = models.CharField(_("订阅类别"), max_length=40)
    key = models.CharField(_("订阅对象"), max_length=200, blank=True)
    label = models.CharField(_("订阅内容"), max_length=300)
    # A saved search: the search page's parameters (q, org, topic, …).
    query = models.JSONField(_("检索条件"), default=dict, blank=True)
    frequency = models.CharField(_("推送频率"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    status = models.CharField(_("状态"), max_length=14, choices=Status.choices, default=Status.PENDING)
    # Enterprise subscribers (涉企政策): the enterprise and its industries (core.industries letters).
    enterprise_name = models.CharField(_("企业名称"), max_length=200, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    industries = models.JSONField(_("所属行业"), default=list, blank=True)
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("退订时间"), null=True, blank=True)
    last_digest_at = models.DateTimeField(_("上次汇总时间"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("订阅")
        verbose_name_plural = _("订阅")
        indexes = [models.Index(fields=["kind", "key", "status"])]

    def __str__(self):
        return self.label

    @property
    def is_enterprise(self) -> bool:
        return bool(self.credit_code)


class Announcement(models.Model):
    """Something new that was announced to the followers of (kind, key)."""

    kind = models.CharField(_("订阅类别"), max_length=40)
    key = models.CharField(_("订阅对象"), max_length=200, blank=True)
    subject = models.CharField(_("标题"), max_length=300)
    text = models.TextField(_("内容"))
    html = models.TextField(_("HTML内容"), blank=True)
    url = models.CharField(_("网址"), max_length=500, blank=True)
    industries = models.JSONField(_("适用行业"), null=True, blank=True)  # None: every enterprise subscriber
    # e.g. "item:12", against repeats
    source = models.CharField(_("来源"), max_length=80, blank=True, db_index=True)
    reached = models.PositiveIntegerField(_("送达订阅数"), default=0)
    created_at = models.DateTimeField(_("发布时间"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("订阅推送")
        verbose_name_plural = _("订阅推送")

    def __str__(self):
        return self.subject


class AnnouncementAttachment(models.Model):
    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("订阅推送"),
    )
    filename = models.CharField(_("文件名"), max_length=200)
    content = models.BinaryField(_("文件内容"))
    mimetype = models.CharField(_("文件类型"), max_length=120)

    class Meta:
        verbose_name = _("推送附件")
        verbose_name_plural = _("推送附件")

    def __str__(self):
        return self.filename


class Digest(models.Model):
    """One 汇总 e-mail: the announcements of a period for one subscription."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="digests", verbose_name=_("订阅"),
    )
    created_at = models.DateTimeField(_("汇总时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("汇总邮件")
        verbose_name_plural = _("汇总邮件")

    def __str__(self):
        return f"{self.subscription} {self.created_at:%Y-%m-%d}"


class Delivery(models.Model):
    """An announcement for one subscription: sent at once, or waiting for (then part of) a digest."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("订阅"),
    )
    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("订阅推送"),
    )
    digest = models.ForeignKey(
        Digest, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries",
        verbose_name=_("汇总邮件"),
    )
    immediate = models.BooleanField(_("即时推送"), default=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("推送记录")
        verbose_name_plural = _("推送记录")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "announcement"], name="one_delivery_per_subscription"),
        ]

    def __str__(self):
        return f"{self.subscription} {self.announcement}"


class RequestRecord(models.Model):
    """One subscription (or manage-link) request, for the per-address limits: keyed digests only."""

    email_digest = models.CharField(_("电子邮箱摘要"), max_length=64, db_index=True)
    client_digest = models.CharField(_("客户端摘要"), max_length=64, blank=True, db_index=True)
    at = models.DateTimeField(_("请求时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("订阅请求记录")
        verbose_name_plural = _("订阅请求记录")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M}"
