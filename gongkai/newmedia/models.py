"""政务新媒体 accounts (work plan §12) and the 同步推送 of published items to them."""

import secrets
from pathlib import PurePath

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.core.crypto import EncryptedTextField


class Platform(models.TextChoices):
    WECHAT = "wechat", _("微信公众号")
    CHANNELS = "channels", _("微信视频号")
    WEIBO = "weibo", _("微博")
    DOUYIN = "douyin", _("抖音")
    TOUTIAO = "toutiao", _("今日头条")
    KUAISHOU = "kuaishou", _("快手")
    APP = "app", _("移动客户端")
    OTHER = "other", _("其他")


# The QR image types accepted (services._store_qr checks the content) → the extension stored.
QR_EXTENSIONS = {".png": ".png", ".jpg": ".jpg", ".jpeg": ".jpg", ".gif": ".gif"}


def qr_path(instance, filename: str) -> str:
    extension = QR_EXTENSIONS.get(PurePath(filename).suffix.lower(), ".png")
    return f"newmedia/qr/{secrets.token_hex(8)}{extension}"


class Account(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("正常运营")
        PAUSED = "paused", _("暂停更新")
        CLOSED = "closed", _("已关停")

    platform = models.CharField(_("平台"), max_length=12, choices=Platform.choices)
    name = models.CharField(_("账号名称"), max_length=100)
    host = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("主办单位"))
    operator = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("运维单位"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.ACTIVE)
    description = models.CharField(_("简介"), max_length=300, blank=True)
    qr_image = models.FileField(_("二维码图片"), upload_to=qr_path, max_length=200, blank=True)
    # 同步推送 channels: the operator's (unit) mailbox, and/or the webhook of the county's 新媒体管理系统.
    operator_email = models.EmailField(_("运维单位接收邮箱"), blank=True,
                                       help_text=_("同步推送的信息发送到该邮箱，不对外公开。"))
    webhook_url = models.URLField(_("推送接口地址"), max_length=500, blank=True,
                                  help_text=_("新媒体管理系统接收推送的地址（HTTPS）；每次推送带 HMAC-SHA256 签名。"))
    webhook_secret = EncryptedTextField(_("签名密钥"), blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["sort_order", "platform", "name"]
        verbose_name = _("政务新媒体账号")
        verbose_name_plural = _("政务新媒体账号")
        constraints = [models.UniqueConstraint(fields=["platform", "name"], name="newmedia_unique_account")]

    def __str__(self):
        return f"{self.name}（{self.get_platform_display()}）"


class Delivery(models.Model):
    """One item pushed to one account on one channel, and what became of it."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("电子邮件")
        WEBHOOK = "webhook", _("推送接口")

    class Status(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENT = "sent", _("已送达")
        RETRYING = "retrying", _("发送失败，等待重试")
        FAILED = "failed", _("发送失败")

    item = models.ForeignKey(
        "publishing.InformationItem", on_delete=models.CASCADE, related_name="+", verbose_name=_("政府信息"),
    )
    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("政务新媒体账号"),
    )
    channel = models.CharField(_("渠道"), max_length=8, choices=Channel.choices)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.CharField(_("最近一次错误"), max_length=300, blank=True)
    # The same error as its message id and parameters ({"msgid": "…", "params": {…}}), shown in the reader's
    # language (error_shown); last_error keeps it in the site's language, for rows stored before.
    last_error_message = models.JSONField(_("最近一次错误（消息）"), default=dict, blank=True)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), null=True, blank=True)
    # The e-mail channel's notifications.Notice.
    notice_id = models.BigIntegerField(_("邮件通知编号"), null=True, blank=True)
    created_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("推送人"))
    created_at = models.DateTimeField(_("推送时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("送达时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("同步推送记录")
        verbose_name_plural = _("同步推送记录")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.item_id} → {self.account}"

    def error_shown(self) -> str:
        """最近一次错误 in the active language; the stored text when there is no message or it no longer fits."""
        message = self.last_error_message or {}
        if not message.get("msgid"):
            return self.last_error
        try:
            said = gettext(message["msgid"])
            return said % message["params"] if message.get("params") else said
        except (KeyError, TypeError, ValueError):
            return self.last_error
