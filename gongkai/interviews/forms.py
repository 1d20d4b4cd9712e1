from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import DateRangeMixin, PlainTextMixin
from gongkai.core.widgets import DateTimeInput
from gongkai.interviews.models import Guest, Interview, Question, Turn
from gongkai.interviews.services import MAX_IMAGES, MAX_SUMMARY_CHARS, MAX_TURN_CHARS, MAX_URL_CHARS
from gongkai.organizations.models import Organization
from gongkai.publishing.forms import NoSuffixMixin
from gongkai.requests import spam


class InterviewForm(PlainTextMixin, DateRangeMixin, NoSuffixMixin, forms.Form):
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("主办单位"))
    title = forms.CharField(label=_("访谈主题"), max_length=200)
    summary = forms.CharField(label=_("内容简介"), required=False, max_length=MAX_SUMMARY_CHARS,
                              widget=forms.Textarea(attrs={"rows": 4}))
    starts_at = forms.DateTimeField(label=_("开始时间"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("结束时间"), widget=DateTimeInput())
    questions_close_at = forms.DateTimeField(label=_("网友提问截止时间"), required=False, widget=DateTimeInput(),
                                             help_text=_("不填则为开始时间。"))
    video_url = forms.URLField(label=_("视频地址"), required=False, assume_scheme="https",
                               max_length=Interview._meta.get_field("video_url").max_length,
                               help_text=_("访谈视频的网址（https://）。"))
    image_urls = forms.CharField(label=_("图片地址"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                 max_length=MAX_IMAGES * (MAX_URL_CHARS + 2))
    # Single-use (requests.spam.consume_staff_token): a double-click creates the interview once.
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        self.fields["image_urls"].help_text = _("访谈现场图片的网址，每行一个（https://），最多%(n)d个。") % {
            "n": MAX_IMAGES}
        if not self.is_bound:
            self.initial["form_token"] = spam.new_staff_token()

    def clean_image_urls(self):
        value = self.cleaned_data["image_urls"]
        lines = [line.strip() for line in value.splitlines() if line.strip()]
        if len(lines) > MAX_IMAGES:
            raise forms.ValidationError(_("图片地址最多%(n)d个。") % {"n": MAX_IMAGES})
        if any(len(line) > MAX_URL_CHARS for line in lines):
            raise forms.ValidationError(_("每个网址不能超过%(n)d个字符。") % {"n": MAX_URL_CHARS})
        return value


class GuestForm(PlainTextMixin, NoSuffixMixin, forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    post = forms.CharField(label=_("职务"), max_length=100)
    # Single-use (requests.spam.consume_staff_token): a double-click adds the guest once.
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        # The staff page shows this form next to TurnForm: distinct ids (both have a form_token).
        kwargs.setdefault("auto_id", "id_guest_%s")
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["form_token"] = spam.new_staff_token()


class TurnForm(PlainTextMixin, NoSuffixMixin, forms.Form):
    speaker = forms.ChoiceField(label=_("发言人"), choices=Turn.Speaker.choices)
    guest = forms.ModelChoiceField(label=_("嘉宾（嘉宾回答时）"), queryset=Guest.objects.none(), required=False)
    question = forms.ModelChoiceField(label=_("网友提问（网友提问时）"), queryset=Question.objects.none(), required=False)
    text = forms.CharField(label=_("内容"), max_length=MAX_TURN_CHARS, widget=forms.Textarea(attrs={"rows": 4}))
    # Single-use (requests.spam.consume_staff_token): a double-click adds the turn to the public record once.
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, interview=None, **kwargs):
        kwargs.setdefault("auto_id", "id_turn_%s")  # beside GuestForm on the staff page: distinct ids
        super().__init__(*args, **kwargs)
        if interview is not None:
            self.fields["guest"].queryset = interview.guests.all()
            self.fields["question"].queryset = interview.questions.filter(state=Question.State.APPROVED)
        if not self.is_bound:
            self.initial["form_token"] = spam.new_staff_token()


class QuestionForm(PlainTextMixin, NoSuffixMixin, spam.ChallengeMixin):
    """A visitor's question, with the public forms' question, single-use token and honeypot. An adopted question
    is published: bidi controls are refused in its text too (as on the 县长信箱 form), invisible to the 审核员 who
    adopts it."""

    refuse_bidi = True

    nickname = forms.CharField(label=_("网名（选填）"), max_length=30, required=False,
                               help_text=_("将随问题公开显示；不填则显示为“网友”。请勿填写真实姓名或联系方式。"))
    text = forms.CharField(label=_("您的问题"), max_length=500, widget=forms.Textarea(attrs={"rows": 4}))

    field_order = ["nickname", "text"]
