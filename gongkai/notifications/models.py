"""The delivery log: one row per message sent (or tried) to one person on one channel."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    SMS = "sms", _("短信")


class Notice(models.Model):
    """A message to one recipient on one channel, and what became of it.

    The address itself is not kept here (personal data stays encrypted with its owner, e.g. the
    request case): a sender registers an address resolver for its subject type (`addresses.register`),
    and delivery asks it each time. Only the masked address is stored, for the log.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENT = "sent", _("已发送")
        RETRYING = "retrying", _("发送失败，等待重试")
        FAILED = "failed", _("发送失败")

    organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("发送机关"),
    )
    subject_type = models.CharField(_("对象类型"), max_length=64)
    subject_id = models.CharField(_("对象编号"), max_length=64)
    topic = models.CharField(_("通知事项"), max_length=64)
    channel = models.CharField(_("渠道"), max_length=8, choices=Channel.choices)
    recipient_masked = models.CharField(_("接收人"), max_length=200)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.CharField(_("最近一次错误"), max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        indexes = [models.Index(fields=["subject_type", "subject_id"]), models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.get_channel_display()} {self.recipient_masked} {self.title}"
