"""政民互动 留言: a citizen's message to the 县长信箱 or a unit's 信箱, its handling events, the county's
reply periods (MailboxPolicy), 常见问题 entries, and the record of reminders sent.

The name and contact of the writer are encrypted (core.crypto.EncryptedTextField) and never leave the
staff pages of the handling unit; everything public is built from the subject, content, reply, unit
and dates only (queries.published).
"""

from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.core.crypto import EncryptedTextField
from gongkai.core.masking import mask_personal_numbers, shown_search_text
from gongkai.mailbox.public import PublicFaq, public_text
from gongkai.workdays import statute


class Kind(models.TextChoices):
    CONSULT = "consult", _("咨询")
    SUGGESTION = "suggestion", _("建议")
    COMPLAINT = "complaint", _("投诉")
    HELP = "help", _("求助")
    OTHER = "other", _("其他")


class Box(models.TextChoices):
    LEADER = "leader", _("县长信箱")
    UNIT = "unit", _("部门信箱")


class Channel(models.TextChoices):
    ONLINE = "online", _("网上留言")
    PHONE = "phone", _("电话")
    LETTER = "letter", _("来信")
    VISIT = "visit", _("来访")


class State(models.TextChoices):
    SUBMITTED = "submitted", _("待受理")
    PROCESSING = "processing", _("办理中")
    AWAITING_APPROVAL = "awaiting_approval", _("答复待审核")
    ANSWERED = "answered", _("已答复")
    DECLINED = "declined", _("不予受理")


OPEN_STATES = (State.SUBMITTED, State.PROCESSING, State.AWAITING_APPROVAL)


class DeclineReason(models.TextChoices):
    OUT_OF_SCOPE = "out_of_scope", _("不属于受理范围")
    DUPLICATE = "duplicate", _("重复留言")
    NO_SUBSTANCE = "no_substance", _("无实质内容")
    STATE_SECRET = "state_secret", _("涉及国家秘密")
    LEGAL_CHANNEL = "legal_channel", _("应通过诉讼、仲裁、行政复议等法定途径解决")
    PETITION = "petition", _("已进入信访程序")
    DISCLOSURE_REQUEST = "disclosure_request", _("属于政府信息公开申请，请通过依申请公开渠道提出")
    ABUSIVE = "abusive", _("含有攻击、谩骂等不当内容")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class MailboxPolicy(models.Model):
    """The county's settings for messages: one row (MailboxPolicy.current()). Reply periods per type in
    working days; defaults from workdays/statute.py (cited there and in docs/mailbox.md)."""

    consult_workdays = models.PositiveSmallIntegerField(_("咨询答复期限（工作日）"), default=statute.MESSAGE_CONSULT_WORKDAYS)
    suggestion_workdays = models.PositiveSmallIntegerField(_("建议答复期限（工作日）"),
                                                           default=statute.MESSAGE_SUGGESTION_WORKDAYS)
    complaint_workdays = models.PositiveSmallIntegerField(_("投诉答复期限（工作日）"),
                                                          default=statute.MESSAGE_COMPLAINT_WORKDAYS)
    help_workdays = models.PositiveSmallIntegerField(_("求助答复期限（工作日）"), default=statute.MESSAGE_HELP_WORKDAYS)
    other_workdays = models.PositiveSmallIntegerField(_("其他留言答复期限（工作日）"), default=statute.MESSAGE_OTHER_WORKDAYS)
    remind_workdays_before = models.PositiveSmallIntegerField(
        _("到期前几个工作日提醒"), default=statute.MESSAGE_REMIND_WORKDAYS_BEFORE)
    two_step_approval = models.BooleanField(
        _("答复须经审核"), default=False,
        help_text=_("开启后，承办人起草的答复须经审核员（或政务公开办）审核通过后才发送给留言人。"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("留言办理设置")
        verbose_name_plural = _("留言办理设置")

    def __str__(self):
        return str(_("留言办理设置"))

    @classmethod
    def current(cls) -> "MailboxPolicy":
        policy = cls.objects.order_by("pk").first()
        return policy if policy is not None else cls.objects.create()

    def workdays_for(self, kind: str) -> int:
        return {Kind.CONSULT: self.consult_workdays, Kind.SUGGESTION: self.suggestion_workdays,
                Kind.COMPLAINT: self.complaint_workdays, Kind.HELP: self.help_workdays}.get(kind, self.other_workdays)


class MessageSequence(models.Model):
    """The county-wide serial of message numbers per year (LY-2026-000012)."""

    year = models.PositiveIntegerField(_("年份"), unique=True)
    last_serial = models.PositiveIntegerField(_("当前序号"), default=0)

    class Meta:
        verbose_name = _("留言编号序列")
        verbose_name_plural = _("留言编号序列")

    def __str__(self):
        return f"{self.year}:{self.last_serial}"


class Message(models.Model):
    tracking_number = models.CharField(_("留言编号"), max_length=40, unique=True)
    query_code_digest = models.CharField(_("查询码摘要"), max_length=64, blank=True, editable=False)
    box = models.CharField(_("信箱"), max_length=10, choices=Box.choices, default=Box.UNIT)
    kind = models.CharField(_("留言类型"), max_length=12, choices=Kind.choices)
    channel = models.CharField(_("来源渠道"), max_length=8, choices=Channel.choices, default=Channel.ONLINE)
    addressee = models.ForeignKey("organizations.Organization", verbose_name=_("写信对象"), on_delete=models.PROTECT,
                                  related_name="+")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("办理单位"),
                                     on_delete=models.PROTECT, related_name="mailbox_messages")
    subject = models.CharField(_("标题"), max_length=100)
    content = models.TextField(_("留言内容"))
    name = EncryptedTextField(_("姓名"))
    contact = EncryptedTextField(_("联系方式"), blank=True)
    may_publish = models.BooleanField(_("同意公开留言及答复"), default=False,
                                      help_text=_("公开时不显示姓名和联系方式。"))
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.SUBMITTED)
    received_on = models.DateField(_("收到日期"))
    reply_workdays = models.PositiveSmallIntegerField(_("答复期限（工作日）"))
    decline_reason = models.CharField(_("不予受理理由"), max_length=20, choices=DeclineReason.choices, blank=True)
    decline_note = models.CharField(_("不予受理说明"), max_length=500, blank=True)
    draft = models.TextField(_("答复草稿"), blank=True)
    reply = models.TextField(_("答复内容"), blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("答复人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    published = models.BooleanField(_("已公开"), default=False)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    rating = models.CharField(_("评价"), max_length=12, choices=Rating.choices, blank=True)
    rating_comment = models.CharField(_("评价意见"), max_length=500, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    form_nonce = models.CharField(_("表单令牌"), max_length=32, blank=True, editable=False)
    # The subject and content with every ID, mobile and landline number masked, as the 政务公开办 reads another
    # unit's message: its keyword search is matched here by the database (queries.staff_matching), filled on save.
    shown_text = models.TextField(_("检索文本（号码已遮盖）"), blank=True, editable=False)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("留言")
        verbose_name_plural = _("留言")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["organization", "state"]), models.Index(fields=["published", "replied_on"])]

    def __str__(self):
        return self.tracking_number

    def save(self, *args, **kwargs):
        self.shown_text = shown_search_text(self.subject, self.content)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"subject", "content"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "shown_text"}
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @cached_property
    def public(self):
        """The subject, content and reply as the public reads them (numbers masked; mailbox/public.py), for
        the public pages (read once per message and page)."""
        return public_text(self)

    @cached_property
    def listed_subject(self) -> str:
        """The subject as staff lists and 我的待办 show it: every ID, mobile and landline number masked, for
        any reader (the 政务公开办 may not see personal data; the message page shows what the reader may)."""
        return mask_personal_numbers(self.subject)


class MessageEvent(models.Model):
    """What happened to a message, in order: the typed events of its handling (shown to staff; the
    public status page shows the writer the dates and units, never the staff names)."""

    class Type(models.TextChoices):  # what happened (English: "Accepted", not the button's "Accept")
        RECEIVED = "received", _("收到留言")
        REGISTERED = "registered", pgettext_lazy("留言事件", "登记留言")
        ACCEPTED = "accepted", pgettext_lazy("留言事件", "受理")
        ROUTED = "routed", pgettext_lazy("留言事件", "交办")
        TRANSFERRED = "transferred", pgettext_lazy("留言事件", "转办")
        DECLINED = "declined", _("不予受理")
        DRAFTED = "drafted", _("提交答复审核")
        RETURNED = "returned", _("答复退回修改")
        REPLIED = "replied", pgettext_lazy("留言事件", "答复")
        PUBLISHED = "published", _("公开")
        UNPUBLISHED = "unpublished", _("取消公开")
        RATED = "rated", _("留言人评价")
        REMINDED = "reminded", _("到期提醒")

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="events", verbose_name=_("留言"),
    )
    type = models.CharField(_("事件"), max_length=12, choices=Type.choices)
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("操作人"))
    from_organization = models.ForeignKey("organizations.Organization", null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+", verbose_name=_("转出单位"))
    to_organization = models.ForeignKey("organizations.Organization", null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+", verbose_name=_("接收单位"))
    note = models.CharField(_("说明"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("留言办理记录")
        verbose_name_plural = _("留言办理记录")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.message_id}:{self.type}"


class MessageAttachment(models.Model):
    """A file the writer attached: seen by the handling unit only, never published."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("留言"),
    )
    file = models.FileField(_("文件"), upload_to="mailbox/%Y/")
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("文件大小（字节）"), default=0)
    content_type = models.CharField(_("文件类型"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("留言附件")
        verbose_name_plural = _("留言附件")

    def __str__(self):
        return self.name


class Faq(models.Model):
    """常见问题: a question and its answer per unit and topic, often made from a good reply."""

    organization = models.ForeignKey("organizations.Organization", verbose_name=_("单位"), on_delete=models.PROTECT,
                                     related_name="mailbox_faqs")
    topic = models.CharField(_("主题"), max_length=40)
    question = models.CharField(pgettext_lazy("asked question", "问题"), max_length=200)
    answer = models.TextField(_("解答"))
    source = models.ForeignKey(Message, verbose_name=_("来源留言"), null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="faqs")
    is_public = models.BooleanField(_("公开"), default=True)
    updated_on = models.DateField(_("更新日期"), auto_now=True)

    class Meta:
        verbose_name = _("常见问题")
        verbose_name_plural = _("常见问题")
        ordering = ["organization_id", "topic", "pk"]

    def __str__(self):
        return self.question

    @cached_property
    def public(self) -> PublicFaq:
        """The question and answer as the public reads them (mailbox/public.py)."""
        return PublicFaq(self.question, self.answer)


class ReminderSent(models.Model):
    """A due-soon or overdue reminder already sent for a message's reply period (one per level and due date)."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="+", verbose_name=_("留言"))
    level = models.CharField(_("提醒级别"), max_length=10)
    due = models.DateField(_("到期日"))
    sent_at = models.DateTimeField(_("发送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("已发送的留言提醒")
        verbose_name_plural = _("已发送的留言提醒")
        constraints = [models.UniqueConstraint(fields=["message", "level", "due"], name="mailbox_unique_reminder")]

    def __str__(self):
        return f"{self.message_id}:{self.level}"
