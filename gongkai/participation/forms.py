"""Forms: the public comment and registration forms (with the request form's anti-spam: honeypot,
signed single-use token with a question, gongkai.requests.spam) and the staff forms."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.core import typed
from gongkai.core.forms import DateRangeMixin, PhoneField, PlainTextMixin, plain_text
from gongkai.core.widgets import DateTimeInput, RichTextarea
from gongkai.organizations.models import Organization
from gongkai.participation import paragraphs
from gongkai.participation.common import catalog_owner_ids
from gongkai.participation.gatherings import MAX_TOPIC, registration_problems
from gongkai.participation.models import (
    Adoption,
    Attendee,
    Channel,
    Consultation,
    DecisionEntry,
    Event,
    Hearing,
    Invitation,
    Meeting,
)
from gongkai.participation.services import COMMENT_MAX_CHARS
from gongkai.publishing.forms import DateInput, NoSuffixMixin
from gongkai.requests import spam


class CommentForm(PlainTextMixin, spam.ChallengeMixin):
    refuse_bidi = True  # published: the comment's text refuses bidi controls too (core.forms)

    paragraph = forms.TypedChoiceField(label=_("针对草案的哪一段"), required=False, coerce=int, empty_value=None)
    body = forms.CharField(label=pgettext_lazy("public comment", "意见内容"), widget=forms.Textarea(attrs={"rows": 6}))
    name = forms.CharField(label=_("姓名"), required=False, max_length=50)
    affiliation = forms.CharField(label=_("工作单位"), required=False, max_length=100)
    contact = forms.CharField(label=_("联系方式"), required=False, max_length=100,
                              help_text=_("电话或电子邮箱，便于就意见与您联系。姓名、单位和联系方式不会公开。"))
    may_publish = forms.BooleanField(label=_("同意在网站上公开我的意见内容（不公开姓名和联系方式）"), required=False)

    field_order = ["paragraph", "body", "name", "affiliation", "contact", "may_publish"]

    def __init__(self, *args, consultation=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Formatted here, in the visitor's language; at import time it would be Chinese for everyone.
        self.fields["body"].help_text = _("不超过%(max)s字。请勿填写身份证号、电话等个人信息。") % {"max": COMMENT_MAX_CHARS}
        blocks = paragraphs.split(consultation.draft) if consultation else []
        choices = [("", _("整体意见（不针对某一段）"))]
        choices += [(str(n), _("第%(n)s段：%(text)s") % {"n": n, "text": paragraphs.excerpt(consultation.draft, n, 24)})
                    for n in range(1, len(blocks) + 1)]
        self.fields["paragraph"].choices = choices

    def clean_contact(self):
        return typed.validate_contact(self.cleaned_data.get("contact"))


class RegistrationForm(PlainTextMixin, spam.ChallengeMixin):
    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = PhoneField(label=_("联系电话"), max_length=30)
    affiliation = forms.CharField(label=_("工作单位或身份"), required=False, max_length=100)
    field_order = ["name", "phone", "affiliation"]

    def clean_phone(self):
        return typed.validate_phone(self.cleaned_data.get("phone"))


# --- staff --------------------------------------------------------------------------------------------
def _entries_for(organizations):
    owners = set()
    for organization in organizations:
        if organization is not None:
            owners |= catalog_owner_ids(organization)
    return DecisionEntry.objects.filter(catalog__organization_id__in=owners).select_related("catalog").order_by(
        "-catalog__year", "number")


class OrganizationMixin(NoSuffixMixin):
    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        if "organization" in self.fields:
            self.fields["organization"].queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
            if organizations and not self.is_bound:
                self.fields["organization"].initial = organizations[0].pk


class SingleUseMixin(forms.Form):
    """A staff form whose double submit would add a second row (an offline comment counted twice in the
    published 意见收集采纳情况, an invitation listed twice, a consultation, hearing, event or meeting created
    twice): single-use (requests.spam.once). A model form editing a saved row has no token (nothing is added)."""

    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk:
            del self.fields["form_token"]
        elif not self.is_bound:
            self.initial["form_token"] = spam.new_staff_token()


class ConsultationForm(DateRangeMixin, OrganizationMixin, SingleUseMixin, forms.ModelForm):
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("征求意见单位"))

    class Meta:
        model = Consultation
        fields = ["organization", "title", "entry", "draft", "explanation", "opens_on", "closes_on",
                  "short_period_reason", "email", "postal_address", "fax", "contact", "enterprise_related"]
        widgets = {"draft": RichTextarea(), "explanation": RichTextarea(attrs={"rows": 8}),
                   "opens_on": DateInput(), "closes_on": DateInput(),
                   "short_period_reason": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"short_period_reason": _("公开征求意见的期限一般不少于30日；少于30日的须填写理由，理由将公开。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = _entries_for(list(self.fields["organization"].queryset))
        self.fields["entry"].required = False
        if self.instance.pk:
            del self.fields["organization"]
        for name in ("title", "short_period_reason", "email", "postal_address", "fax", "contact"):
            plain_text(self.fields[name])  # shown as typed on the public page (the draft is sanitized HTML)


class ExtendForm(PlainTextMixin, DateRangeMixin, NoSuffixMixin, forms.Form):
    new_closes_on = forms.DateField(label=_("延长至"), widget=DateInput())
    reason = forms.CharField(label=_("延长理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class ModerateForm(PlainTextMixin, NoSuffixMixin, forms.Form):
    note = forms.CharField(label=_("不公开的原因（仅内部可见）"), required=False, max_length=200)


class ClassifyForm(PlainTextMixin, NoSuffixMixin, forms.Form):
    topic = forms.CharField(label=_("意见归类"), max_length=100, required=False)
    adoption = forms.ChoiceField(label=_("采纳情况"), choices=Adoption.choices)
    reason = forms.CharField(label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OfflineCommentForm(PlainTextMixin, NoSuffixMixin, SingleUseMixin):
    refuse_bidi = True  # as the online comment's (CommentForm)

    channel = forms.ChoiceField(label=_("提交渠道"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    body = forms.CharField(label=pgettext_lazy("public comment", "意见内容"), widget=forms.Textarea(attrs={"rows": 4}))
    name = forms.CharField(label=_("姓名"), required=False, max_length=50)
    affiliation = forms.CharField(label=_("工作单位"), required=False, max_length=100)
    contact = forms.CharField(label=_("联系方式"), required=False, max_length=100)


class InvitationForm(PlainTextMixin, DateRangeMixin, NoSuffixMixin, SingleUseMixin):
    name = forms.CharField(label=_("企业或商会名称"), max_length=200)
    kind = forms.ChoiceField(label=_("类别"), choices=Invitation.Kind.choices)
    invited_on = forms.DateField(label=_("邀请日期"), widget=DateInput(), initial=timezone.localdate)


class ReplyForm(PlainTextMixin, DateRangeMixin, NoSuffixMixin, forms.Form):
    replied_on = forms.DateField(label=_("回复日期"), widget=DateInput(), initial=timezone.localdate)
    reply = forms.CharField(label=_("回复意见"), widget=forms.Textarea(attrs={"rows": 3}))


class OutcomeForm(NoSuffixMixin, forms.Form):
    text = forms.CharField(label=_("采纳情况说明"), widget=RichTextarea(attrs={"rows": 8}),
                           help_text=_("概述意见收集的总体情况和主要意见的采纳情况；系统自动附上按渠道统计的数量和逐类采纳情况。"))


class LinkForm(PlainTextMixin, NoSuffixMixin, forms.Form):
    index_no = forms.CharField(label=_("决策文件的索引号"), max_length=60)


class CatalogForm(PlainTextMixin, OrganizationMixin, forms.Form):
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("决策机关"))
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year)
    standard = forms.CharField(label=_("重大行政决策事项标准"), required=False, widget=forms.Textarea(attrs={"rows": 6}))


class StandardForm(PlainTextMixin, NoSuffixMixin, forms.Form):
    standard = forms.CharField(label=_("重大行政决策事项标准"), widget=forms.Textarea(attrs={"rows": 8}))


class EntryForm(PlainTextMixin, NoSuffixMixin, forms.ModelForm):
    class Meta:
        model = DecisionEntry
        fields = ["number", "title", "lead_unit", "basis", "planned_time", "needs_hearing", "needs_consultation",
                  "status", "status_reason"]
        widgets = {"basis": forms.Textarea(attrs={"rows": 3}), "status_reason": forms.Textarea(attrs={"rows": 2})}


class ImportForm(NoSuffixMixin, forms.Form):
    file = forms.FileField(label=_("目录表格（.xlsx）"), help_text=_(
        "列：序号、事项名称、承办单位、决策依据、拟决策时间、是否听证、是否征求意见、状态、状态说明。按序号更新已有事项，"
        "新序号新增事项；任何一行有误则整表不导入。可先导出目录作为模板。"))


class UpdateForm(PlainTextMixin, DateRangeMixin, NoSuffixMixin, forms.Form):
    reported_on = forms.DateField(label=_("报告日期"), widget=DateInput(), initial=timezone.localdate)
    text = forms.CharField(label=_("执行情况"), widget=forms.Textarea(attrs={"rows": 4}))


class EvaluationForm(DateRangeMixin, NoSuffixMixin, forms.Form):
    evaluated_on = forms.DateField(label=_("评估日期"), widget=DateInput(), initial=timezone.localdate)
    conclusion = forms.CharField(label=_("评估结论"), max_length=300)
    report = forms.CharField(label=_("评估报告"), widget=RichTextarea(attrs={"rows": 8}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_text(self.fields["conclusion"])


class RegistrationRulesMixin:
    """The registration rules of gatherings.registration_problems, each next to its field."""

    def clean(self):
        cleaned = super().clean()
        for name, problem in registration_problems(cleaned).items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, problem)
        return cleaned


class HearingForm(PlainTextMixin, RegistrationRulesMixin, DateRangeMixin, OrganizationMixin, SingleUseMixin,
                  forms.ModelForm):
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("组织单位"))

    class Meta:
        model = Hearing
        fields = ["organization", "title", "entry", "matter", "starts_at", "place", "how_to_register",
                  "registration_closes_on", "capacity"]
        widgets = {"starts_at": DateTimeInput(), "registration_closes_on": DateInput(),
                   "matter": forms.Textarea(attrs={"rows": 4}), "how_to_register": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = _entries_for(list(self.fields["organization"].queryset))
        self.fields["entry"].required = False
        if self.instance.pk:
            del self.fields["organization"]


class EventForm(PlainTextMixin, RegistrationRulesMixin, DateRangeMixin, OrganizationMixin, SingleUseMixin,
                forms.ModelForm):
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("主办单位"))
    topic = forms.CharField(label=_("活动主题"), max_length=MAX_TOPIC, widget=forms.Textarea(attrs={"rows": 3}))

    class Meta:
        model = Event
        fields = ["organization", "kind", "title", "topic", "starts_at", "place", "capacity", "registration_closes_on"]
        widgets = {"starts_at": DateTimeInput(), "registration_closes_on": DateInput(),
                   "topic": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["organization"]


class MeetingForm(PlainTextMixin, DateRangeMixin, OrganizationMixin, SingleUseMixin, forms.ModelForm):
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("召开单位"))

    class Meta:
        model = Meeting
        fields = ["organization", "kind", "title", "held_on", "topics"]
        widgets = {"held_on": DateInput(), "topics": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["organization"]


class AttendeeForm(PlainTextMixin, NoSuffixMixin, forms.Form):
    category = forms.ChoiceField(label=_("列席身份"), choices=Attendee.Category.choices)
    name = forms.CharField(label=_("姓名或单位"), max_length=100)
    name_public = forms.BooleanField(label=_("本人同意公开姓名"), required=False)


class RecordForm(NoSuffixMixin, forms.Form):
    text = forms.CharField(label=_("要公开的内容"), widget=RichTextarea(attrs={"rows": 10}))
