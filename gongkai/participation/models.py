"""公众参与 (work plan §5, §7): the 重大行政决策事项目录, consultations (征求意见) with their comments and
采纳情况, hearings (听证会), 列席 meetings, open events (开放日/网络问政/电视问政), and the execution and
后评估 of decisions.

Personal data of citizens (a commenter's or registrant's name, organization and contact) is stored
encrypted (core.crypto.EncryptedTextField) and never shown on a public page, feed, API or search index.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gongkai.core.crypto import EncryptedTextField


class PublishState(models.TextChoices):
    DRAFT = "draft", _("未发布")
    PUBLISHED = "published", _("已发布")


# --- 重大行政决策事项目录 -------------------------------------------------------------------------------
class DecisionCatalog(models.Model):
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT,
                                     related_name="decision_catalogs", verbose_name=_("决策机关"))
    year = models.PositiveIntegerField(_("年度"))
    standard = models.TextField(_("重大行政决策事项标准"), blank=True,
                                help_text=_("认定重大行政决策事项的标准（哪些事项属于“重大”）。"))
    state = models.CharField(_("状态"), max_length=12, choices=PublishState.choices, default=PublishState.DRAFT)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("重大行政决策事项目录")
        ordering = ["-year", "organization_id"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="one_decision_catalog_per_year")]

    def __str__(self):
        return _("%(org)s%(year)s年重大行政决策事项目录") % {"org": self.organization.name, "year": self.year}


class DecisionEntry(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("拟决策")
        CONSULTING = "consulting", _("征求意见中")
        DECIDED = "decided", _("已决策")
        ADJUSTED = "adjusted", _("已调整")
        TERMINATED = "terminated", _("已终止")

    catalog = models.ForeignKey(
        DecisionCatalog, on_delete=models.CASCADE, related_name="entries", verbose_name=_("重大行政决策事项目录"),
    )
    number = models.PositiveIntegerField(_("序号"))
    title = models.CharField(_("事项名称"), max_length=200)
    lead_unit = models.CharField(_("承办单位"), max_length=200)
    basis = models.TextField(_("决策依据"), blank=True)
    planned_time = models.CharField(_("拟决策时间"), max_length=50, blank=True, help_text=_("如：2026年6月"))
    needs_hearing = models.BooleanField(_("是否听证"), default=False)
    needs_consultation = models.BooleanField(_("是否征求意见"), default=True)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    status_reason = models.TextField(_("状态说明"), blank=True, help_text=_("调整或终止的原因。"))
    decision_item = models.ForeignKey("publishing.InformationItem", on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("决策文件"))
    evaluation_conclusion = models.CharField(_("后评估结论"), max_length=300, blank=True)
    evaluation_report = models.TextField(_("后评估报告"), blank=True)
    evaluated_on = models.DateField(_("评估日期"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("重大行政决策事项")
        ordering = ["catalog", "number"]
        constraints = [models.UniqueConstraint(fields=["catalog", "number"], name="one_decision_entry_per_number")]

    def __str__(self):
        return self.title

    @property
    def evaluated(self) -> bool:
        return bool(self.evaluated_on and self.evaluation_conclusion)


class ExecutionUpdate(models.Model):
    """执行情况: what the 承办单位 reports about carrying out a decision (§7 跟踪反馈)."""

    entry = models.ForeignKey(
        DecisionEntry, on_delete=models.CASCADE, related_name="updates", verbose_name=_("重大行政决策事项"),
    )
    reported_on = models.DateField(_("报告日期"))
    text = models.TextField(_("执行情况"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("执行情况")
        verbose_name_plural = _("执行情况")
        ordering = ["-reported_on", "-id"]

    def __str__(self):
        return _("%(entry)s的执行情况（%(date)s）") % {"entry": self.entry.title, "date": self.reported_on}


# --- 征求意见 -----------------------------------------------------------------------------------------
class Consultation(models.Model):
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT,
                                     related_name="consultations", verbose_name=_("征求意见单位"))
    entry = models.ForeignKey(DecisionEntry, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="consultations", verbose_name=_("对应的重大行政决策事项"))
    title = models.CharField(_("标题"), max_length=200)
    draft = models.TextField(_("草案全文"), help_text=_("每一段落读者都可以单独提出意见。"))
    explanation = models.TextField(_("起草说明"), blank=True)
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"))
    short_period_reason = models.TextField(_("期限少于30日的理由"), blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    postal_address = models.CharField(_("通信地址"), max_length=200, blank=True)
    fax = models.CharField(_("传真"), max_length=40, blank=True)
    contact = models.CharField(_("联系人及电话"), max_length=200, blank=True)
    enterprise_related = models.BooleanField(_("涉企政策文件"), default=False,
                                             help_text=_("与企业生产经营活动密切相关，须充分听取企业家、行业协会商会意见。"))
    state = models.CharField(_("状态"), max_length=12, choices=PublishState.choices, default=PublishState.DRAFT)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    outcome_text = models.TextField(_("采纳情况说明"), blank=True)
    outcome_data = models.JSONField(_("采纳情况统计"), default=dict, blank=True)
    outcome_published_at = models.DateTimeField(_("采纳情况发布时间"), null=True, blank=True)
    decision_item = models.ForeignKey("publishing.InformationItem", on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("最终决策文件"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("征求意见")
        ordering = ["-opens_on", "-id"]

    def __str__(self):
        return self.title

    @property
    def period_days(self) -> int:
        return (self.closes_on - self.opens_on).days + 1

    def public_status(self, today=None) -> str:
        """upcoming / open / closed / outcome_published (the API's values)."""
        today = today or timezone.localdate()
        if self.outcome_published_at:
            return "outcome_published"
        if today < self.opens_on:
            return "upcoming"
        if today <= self.closes_on:
            return "open"
        return "closed"

    def is_open(self, today=None) -> bool:
        return self.state == PublishState.PUBLISHED and self.public_status(today) == "open"


class Extension(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("征求意见"),
    )
    old_closes_on = models.DateField(_("原截止日期"))
    new_closes_on = models.DateField(_("延长至"))
    reason = models.TextField(_("延长理由"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("征求意见延期")
        verbose_name_plural = _("征求意见延期")
        ordering = ["created_at", "id"]

    def __str__(self):
        return _("延长至%(date)s") % {"date": self.new_closes_on}


class Channel(models.TextChoices):
    ONLINE = "online", _("网站在线提交")
    EMAIL = "email", _("电子邮件")
    POST = "post", _("信函")
    FAX = "fax", _("传真")
    MEETING = "meeting", _("座谈会、听证会")


class Adoption(models.TextChoices):
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("未采纳")


class Comment(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("待审核")
        PUBLISHED = "published", _("已公开")
        HIDDEN = "hidden", _("不公开")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments", verbose_name=_("征求意见"),
    )
    paragraph = models.PositiveIntegerField(_("针对的段落"), null=True, blank=True)
    body = models.TextField(pgettext_lazy("public comment", "意见内容"))
    channel = models.CharField(_("提交渠道"), max_length=12, choices=Channel.choices, default=Channel.ONLINE)
    # Personal data: encrypted at rest, shown to the consulting unit's staff only.
    name = EncryptedTextField(_("姓名"), blank=True)
    affiliation = EncryptedTextField(_("工作单位"), blank=True)
    contact = EncryptedTextField(_("联系方式"), blank=True)
    may_publish = models.BooleanField(_("同意公开意见内容"), default=False)
    state = models.CharField(_("审核状态"), max_length=12, choices=State.choices, default=State.PENDING)
    moderation_note = models.CharField(_("不公开的原因"), max_length=200, blank=True)
    topic = models.CharField(_("意见归类"), max_length=100, blank=True)
    adoption = models.CharField(_("采纳情况"), max_length=12, choices=Adoption.choices, blank=True)
    adoption_reason = models.TextField(_("理由"), blank=True)
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("public comment", "意见")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["consultation", "state"])]

    def __str__(self):  # never the commenter's name or contact (the audit log shows it)
        return _("意见%(n)s") % {"n": self.pk}


class Invitation(models.Model):
    """涉企: an enterprise, 行业协会 or 商会 invited to give its view, and its reply."""

    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("企业")
        ASSOCIATION = "association", _("行业协会商会")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("征求意见"),
    )
    name = models.CharField(_("企业或商会名称"), max_length=200)
    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices, default=Kind.ENTERPRISE)
    invited_on = models.DateField(_("邀请日期"))
    replied_on = models.DateField(_("回复日期"), null=True, blank=True)
    reply = models.TextField(_("回复意见"), blank=True)

    class Meta:
        verbose_name = _("涉企征求意见邀请")
        verbose_name_plural = _("涉企征求意见邀请")
        ordering = ["invited_on", "id"]

    def __str__(self):
        return self.name


# --- 听证会、开放日等活动、列席 --------------------------------------------------------------------------
class Hearing(models.Model):
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT,
                                     related_name="hearings", verbose_name=_("组织单位"))
    entry = models.ForeignKey(DecisionEntry, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="hearings", verbose_name=_("对应的重大行政决策事项"))
    title = models.CharField(_("听证会名称"), max_length=200)
    matter = models.TextField(_("听证事项"))
    starts_at = models.DateTimeField(_("举行时间"))
    place = models.CharField(_("地点"), max_length=200)
    how_to_register = models.TextField(_("报名方式"), blank=True)
    registration_closes_on = models.DateField(_("报名截止日期"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("名额"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=12, choices=PublishState.choices, default=PublishState.DRAFT)
    record = models.TextField(_("听证笔录或听证报告"), blank=True)
    record_published_at = models.DateTimeField(_("笔录发布时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("听证会")
        verbose_name_plural = _("听证会")
        ordering = ["-starts_at", "-id"]

    def __str__(self):
        return self.title


class Event(models.Model):
    class Kind(models.TextChoices):
        OPEN_DAY = "open_day", _("政府开放日")
        ONLINE = "online", _("网络问政")
        TV = "tv", _("电视问政")

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT,
                                     related_name="participation_events", verbose_name=_("主办单位"))
    kind = models.CharField(_("活动类型"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("活动名称"), max_length=200)
    topic = models.TextField(_("活动主题"))
    starts_at = models.DateTimeField(_("活动时间"))
    place = models.CharField(_("地点或收看方式"), max_length=200)
    capacity = models.PositiveIntegerField(_("名额"), null=True, blank=True, help_text=_("不需要报名的活动留空。"))
    registration_closes_on = models.DateField(_("报名截止日期"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=12, choices=PublishState.choices, default=PublishState.DRAFT)
    followup = models.TextField(_("问题与答复、办理情况"), blank=True)
    followup_published_at = models.DateTimeField(_("办理情况发布时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("公众参与活动")
        verbose_name_plural = _("公众参与活动")
        ordering = ["-starts_at", "-id"]

    def __str__(self):
        return self.title


class Registration(models.Model):
    """A citizen's registration for a hearing or an event; personal data encrypted."""

    hearing = models.ForeignKey(
        Hearing, on_delete=models.CASCADE, null=True, blank=True, related_name="registrations",
        verbose_name=_("听证会"),
    )
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, null=True, blank=True, related_name="registrations",
        verbose_name=_("公众参与活动"),
    )
    name = EncryptedTextField(_("姓名"))
    phone = EncryptedTextField(_("联系电话"))
    affiliation = EncryptedTextField(_("工作单位或身份"), blank=True)
    created_at = models.DateTimeField(_("报名时间"), default=timezone.now)

    class Meta:
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(
            condition=models.Q(hearing__isnull=False, event__isnull=True) | models.Q(hearing__isnull=True, event__isnull=False),
            name="registration_for_one_thing")]

    def __str__(self):  # never the registrant's name or phone
        return _("报名%(n)s") % {"n": self.pk}


class Meeting(models.Model):
    """列席: a 政府常务会 or 部门办公会 with invited members of the public."""

    class Kind(models.TextChoices):
        EXECUTIVE = "executive", _("政府常务会议")
        OFFICE = "office", _("部门办公会议")

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT,
                                     related_name="open_meetings", verbose_name=_("召开单位"))
    kind = models.CharField(_("会议类型"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("会议名称"), max_length=200)
    held_on = models.DateField(_("召开日期"))
    topics = models.TextField(_("议题"), help_text=_("每行一个议题。"))
    state = models.CharField(_("状态"), max_length=12, choices=PublishState.choices, default=PublishState.DRAFT)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("列席会议")
        verbose_name_plural = _("列席会议")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return self.title

    @property
    def topic_list(self) -> list[str]:
        return [line.strip() for line in self.topics.splitlines() if line.strip()]


class Attendee(models.Model):
    class Category(models.TextChoices):
        STAKEHOLDER = "stakeholder", _("利益相关方")
        PUBLIC = "public", _("公众代表")
        EXPERT = "expert", _("专家")
        MEDIA = "media", _("媒体")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendees", verbose_name=_("列席会议"),
    )
    category = models.CharField(_("列席身份"), max_length=12, choices=Category.choices)
    name = models.CharField(_("姓名或单位"), max_length=100)
    name_public = models.BooleanField(_("本人同意公开姓名"), default=False)

    class Meta:
        verbose_name = _("列席人员")
        verbose_name_plural = _("列席人员")
        ordering = ["category", "id"]

    def __str__(self):
        return self.name if self.name_public else str(_("（未公开姓名）"))
