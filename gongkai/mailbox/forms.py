"""Forms of 留言: the public message form (with the request form's anti-spam: honeypot, signed token with a
question, single use), lookup and rating; the staff forms for registration, handling, 常见问题, settings."""


from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import DateRangeMixin, KeywordField, PlainTextMixin
from gongkai.core.typed import validate_contact
from gongkai.core.uploads import check_upload
from gongkai.core.widgets import DateInput
from gongkai.mailbox.models import Channel, DeclineReason, Faq, Kind, MailboxPolicy, Rating
from gongkai.organizations.models import Organization
from gongkai.requests import spam

MAX_ATTACHMENTS = 3


def active_units():
    return Organization.objects.filter(is_active=True).order_by("sort_order", "id")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(_("最多上传%(n)d个附件。") % {"n": MAX_ATTACHMENTS})
        cleaned = []
        for upload in files:
            upload = super().clean(upload, initial)
            check_upload(upload)
            cleaned.append(upload)
        return cleaned


class MessageFields(forms.Form):
    organization = forms.ModelChoiceField(label=_("写信对象"), queryset=active_units(), empty_label=_("请选择"),
                                          help_text=_("写给县长信箱，或写给负责这件事的单位。"))
    kind = forms.ChoiceField(label=_("留言类型"), choices=Kind.choices, widget=forms.RadioSelect)
    subject = forms.CharField(label=_("标题"), max_length=100, min_length=4,
                              help_text=_("用一句话概括您的问题，例如“城区供暖开始时间”。"))
    content = forms.CharField(label=_("留言内容"), max_length=3000, min_length=10, widget=forms.Textarea(attrs={"rows": 8}),
                              help_text=_("请写清事情发生的时间、地点和您的诉求。请勿在内容中填写身份证号码等个人信息。"))
    name = forms.CharField(label=_("姓名"), max_length=50)
    contact = forms.CharField(label=_("联系方式"), max_length=100, required=False,
                              help_text=_("手机号码或电子邮箱：答复后通知您，也便于承办单位核实情况。"))
    may_publish = forms.BooleanField(label=_("同意在网站公开我的留言和答复（不公开姓名和联系方式）"), required=False)

    def clean_contact(self):
        return validate_contact(self.cleaned_data.get("contact"))


class MessageForm(PlainTextMixin, spam.ChallengeMixin, MessageFields):
    """The public message form: the fields, attachments, and the public forms' anti-spam (spam.ChallengeMixin:
    the check question, the signed single-use token and the honeypot). Subject and content may be published:
    bidi controls are refused in the content too (as on the 依申请公开 form), invisible to the staff who check
    a message before publishing it."""

    refuse_bidi = True
    attachments = MultipleFileField(label=_("附件"), required=False,
                                    help_text=_("可选，最多3个：PDF、Word、图片等，仅承办单位可见，不会公开。"))


class LookupForm(forms.Form):
    tracking_number = forms.CharField(label=_("留言编号"), max_length=40,
                                      help_text=_("提交留言后显示的编号，例如 LY-2026-000012。"))
    query_code = forms.CharField(label=_("查询码"), max_length=30, widget=forms.PasswordInput(render_value=False),
                                 help_text=_("提交留言时只显示一次的查询码，例如 ABCD-EFGH-JKMN。"))


class RatingForm(PlainTextMixin, forms.Form):
    rating = forms.ChoiceField(label=_("您对答复的评价"), choices=Rating.choices, widget=forms.RadioSelect,
                               error_messages={"required": _("请选择评价结果。")})
    comment = forms.CharField(
        label=_("评价意见（可选）"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("评价意见不能超过%(limit_value)d字（现为%(show_value)d字）。")})


class PublicFilter(forms.Form):
    q = KeywordField(label=_("关键词"), max_length=50, required=False)
    org = forms.ModelChoiceField(label=_("办理单位"), queryset=active_units(), required=False, empty_label=_("全部"))
    kind = forms.ChoiceField(label=_("留言类型"), choices=[("", _("全部")), *Kind.choices], required=False)


# --- staff -------------------------------------------------------------------------------------------------


class RegisterForm(PlainTextMixin, DateRangeMixin, MessageFields):
    channel = forms.ChoiceField(label=_("来源渠道"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    received_on = forms.DateField(label=_("收到日期"), widget=DateInput())
    # Single-use (requests.spam.consume_staff_token): a double-click registers one message.
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    field_order = ["channel", "received_on", "organization"]

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations
        today = timezone.localdate()
        self.fields["received_on"].initial = today
        self.fields["received_on"].widget.attrs["max"] = today.isoformat()  # a message not yet received
        if not self.is_bound:
            self.initial["form_token"] = spam.new_staff_token()

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise ValidationError(_("收到日期不能晚于今天。"))
        return value


class MoveForm(PlainTextMixin, forms.Form):
    organization = forms.ModelChoiceField(label=_("承办单位"), queryset=active_units(), empty_label=_("请选择"),
                                          error_messages={"required": _("请选择承办单位。")})
    reason = forms.CharField(label=_("理由或交办意见"), max_length=500, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class TransferForm(MoveForm):
    """转办: the same fields, a reason required (the service refuses a transfer without one, too)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "transfer-%s")
        super().__init__(*args, **kwargs)
        self.fields["organization"].label = _("转给")
        self.fields["reason"].label = _("转办理由")
        self.fields["reason"].required = True
        self.fields["reason"].error_messages["required"] = _("请填写转办理由。")


class DeclineForm(PlainTextMixin, forms.Form):
    reason = forms.ChoiceField(label=_("不予受理理由"), choices=DeclineReason.choices,
                               error_messages={"required": _("请选择不予受理的理由。")})
    note = forms.CharField(label=_("说明（告知留言人）"), max_length=500, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReplyForm(PlainTextMixin, forms.Form):
    text = forms.CharField(label=_("答复内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8}),
                           error_messages={"required": _("请填写答复内容。")})


class ReturnForm(PlainTextMixin, forms.Form):
    note = forms.CharField(label=_("退回意见"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": _("退回修改须写明意见。")})


class FaqForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Faq
        fields = ["organization", "topic", "question", "answer", "is_public"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations


class PolicyForm(forms.ModelForm):
    class Meta:
        model = MailboxPolicy
        fields = ["consult_workdays", "suggestion_workdays", "complaint_workdays", "help_workdays", "other_workdays",
                  "remind_workdays_before", "two_step_approval"]

    def clean(self):
        data = super().clean()
        for name in self.Meta.fields[:5]:
            value = data.get(name)
            if value is not None and not 1 <= value <= 60:
                self.add_error(name, _("答复期限应在1到60个工作日之间（超过3个月未答复即构成单项否决）。"))
        periods = [data[name] for name in self.Meta.fields[:5] if data.get(name) is not None]
        remind = data.get("remind_workdays_before")
        if remind is not None and periods and not 0 <= remind <= min(periods):
            self.add_error("remind_workdays_before", _(
                "到期前提醒的工作日数应在0到最短的答复期限（%(n)d个工作日）之间。") % {"n": min(periods)})
        return data
