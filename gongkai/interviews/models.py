"""在线访谈: a unit's scheduled interview (topic, guests and their posts, time), the questions the public
sends before it (moderated before they are shown), the text record of 问/答 turns entered live or
afterwards, image and video links, and the archive of past interviews (work plan §5, §12).

The public's questions carry no contact data: a nickname the writer chooses (or 「网友」) and the text.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class InterviewQuerySet(models.QuerySet):
    def public(self):
        return self.filter(state__in=[Interview.State.ANNOUNCED, Interview.State.FINISHED])


class Interview(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("编辑中")
        ANNOUNCED = "announced", _("已发布")  # 预告, then 正在进行 while the time runs (public_state)
        FINISHED = "finished", _("已结束")

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("主办单位"))
    title = models.CharField(_("访谈主题"), max_length=200)
    summary = models.TextField(_("内容简介"), blank=True)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    questions_close_at = models.DateTimeField(_("网友提问截止时间"),
                                              help_text=_("一般为访谈开始时间；截止后不再接收提问。"))
    video_url = models.URLField(_("视频地址"), blank=True, help_text=_("访谈视频的网址（https://）。"))
    image_urls = models.TextField(_("图片地址"), blank=True, help_text=_("访谈现场图片的网址，每行一个（https://）。"))
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = InterviewQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("在线访谈")
        verbose_name_plural = _("在线访谈")
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="interview_ends_after_start")]

    def __str__(self):
        return self.title

    @property
    def public_state(self) -> str:
        """预告 / 正在进行 / 已结束, for the public pages."""
        now = timezone.now()
        if self.state == self.State.FINISHED or now >= self.ends_at:
            return str(_("已结束"))
        if now >= self.starts_at:
            return str(_("正在进行"))
        return str(_("预告"))

    @property
    def ends_on_start_day(self) -> bool:
        """Whether it ends on the (local) day it starts: then the page gives only the end's time."""
        return timezone.localdate(self.starts_at) == timezone.localdate(self.ends_at)

    @property
    def accepts_questions(self) -> bool:
        return self.state == self.State.ANNOUNCED and timezone.now() < self.questions_close_at

    @property
    def images(self) -> list[str]:
        return [line.strip() for line in self.image_urls.splitlines() if line.strip()]


class Guest(models.Model):
    interview = models.ForeignKey(
        Interview, on_delete=models.CASCADE, related_name="guests", verbose_name=_("在线访谈"),
    )
    position = models.PositiveSmallIntegerField(_("序号"), default=1)
    name = models.CharField(_("姓名"), max_length=50)
    post = models.CharField(_("职务"), max_length=100)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("访谈嘉宾")
        verbose_name_plural = _("访谈嘉宾")

    def __str__(self):
        return f"{self.post} {self.name}"


class Question(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("待审核")
        APPROVED = "approved", _("已采用")
        REJECTED = "rejected", _("不予采用")

    interview = models.ForeignKey(
        Interview, on_delete=models.CASCADE, related_name="questions", verbose_name=_("在线访谈"),
    )
    nickname = models.CharField(_("网名"), max_length=30, blank=True)
    text = models.TextField(pgettext_lazy("asked question", "问题"))
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.PENDING)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("网友提问")
        verbose_name_plural = _("网友提问")

    def __str__(self):
        return self.text[:40]

    @property
    def shown_name(self) -> str:
        return self.nickname or str(_("网友"))


class Turn(models.Model):
    """One turn of the text record: a question (主持人 or 网友) or an answer (a guest)."""

    class Speaker(models.TextChoices):
        HOST = "host", _("主持人")
        NETIZEN = "netizen", _("网友")
        GUEST = "guest", _("嘉宾")

    interview = models.ForeignKey(
        Interview, on_delete=models.CASCADE, related_name="turns", verbose_name=_("在线访谈"),
    )
    position = models.PositiveIntegerField(_("序号"))
    speaker = models.CharField(_("发言人"), max_length=10, choices=Speaker.choices)
    guest = models.ForeignKey(Guest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("嘉宾"))
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                 verbose_name=_("对应的网友提问"))
    text = models.TextField(_("内容"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("访谈实录")
        verbose_name_plural = _("访谈实录")
        constraints = [models.UniqueConstraint(fields=["interview", "position"], name="unique_interview_turn")]

    def __str__(self):
        return self.text[:40]

    @property
    def speaker_name(self) -> str:
        if self.speaker == self.Speaker.GUEST and self.guest_id:
            return str(self.guest)
        if self.speaker == self.Speaker.NETIZEN and self.question_id:
            # A question rejected after it was cited keeps its turn, but not its asker's nickname.
            if self.question.state == Question.State.APPROVED:
                return self.question.shown_name
            return str(_("网友"))
        return self.get_speaker_display()

    @property
    def is_question(self) -> bool:
        return self.speaker != self.Speaker.GUEST
