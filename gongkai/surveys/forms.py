from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import DateRangeMixin, PlainTextMixin
from gongkai.organizations.models import Organization
from gongkai.publishing.forms import DateInput, NoSuffixMixin
from gongkai.requests import spam
from gongkai.surveys.models import Question
from gongkai.surveys.services import MAX_DESCRIPTION_CHARS


class SurveyForm(PlainTextMixin, DateRangeMixin, NoSuffixMixin, forms.Form):
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("发起单位"))
    title = forms.CharField(label=_("标题"), max_length=200)
    description = forms.CharField(label=_("说明"), required=False, max_length=MAX_DESCRIPTION_CHARS,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    opens_on = forms.DateField(label=_("开始日期"), widget=DateInput())
    closes_on = forms.DateField(label=_("截止日期"), widget=DateInput())
    results_public = forms.BooleanField(label=_("截止后公开统计结果"), required=False, initial=True)
    # Single-use (requests.spam.consume_staff_token): a double-click creates the survey once.
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        if not self.is_bound:
            self.initial["form_token"] = spam.new_staff_token()


class QuestionForm(PlainTextMixin, NoSuffixMixin, forms.Form):
    kind = forms.ChoiceField(label=_("题型"), choices=Question.Kind.choices)
    text = forms.CharField(label=_("题目"), max_length=300)
    options = forms.CharField(label=_("选项（每行一个）"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("单选题、多选题填写；文字意见题不填。"))
    required = forms.BooleanField(label=_("必答"), required=False, initial=True)
    # Single-use (requests.spam.consume_staff_token): a double-click adds the question once.
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["form_token"] = spam.new_staff_token()


class AnswerForm(spam.ChallengeMixin):
    """The anti-spam part of a public answer sheet, as 在线访谈's question form has it: the question, the signed
    single-use token (consumed in the transaction that stores the answers) and the honeypot. The answers
    themselves are the fields q<id>, checked by services.check_answers."""
