from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import ModelMultipleChoiceField
from gongkai.core.widgets import RichTextarea
from gongkai.organizations.models import Organization
from gongkai.proposals.models import MAX_NUMBER, Classification, Kind
from gongkai.publishing.forms import DateInput, NoSuffixMixin
from gongkai.workdays import statute


def _complex_help() -> str:
    # Read when shown, so the page follows the constants that compute the due date.
    return gettext("答复期限由%(months)d个月延长为%(complex)d个月（代表法第四十三条）。") % {
        "months": statute.PROPOSAL_REPLY_MONTHS, "complex": statute.PROPOSAL_COMPLEX_REPLY_MONTHS}


def _year_field():
    return forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, initial=timezone.localdate().year)


class ProposalForm(NoSuffixMixin, forms.Form):
    year = _year_field()
    kind = forms.ChoiceField(label=_("类别"), choices=Kind.choices)
    number = forms.IntegerField(label=_("编号"), min_value=1, max_value=MAX_NUMBER)
    title = forms.CharField(label=_("标题"), max_length=300)
    proposers = forms.CharField(label=_("代表/委员"), max_length=300,
                                help_text=_("按人大常委会、政协公布的署名填写，如“张某某等5名代表”。"))
    lead_unit = forms.ModelChoiceField(label=_("主办单位"), queryset=Organization.objects.order_by("name"))
    co_units = ModelMultipleChoiceField(label=_("协办单位"), queryset=Organization.objects.order_by("name"),
                                              required=False, widget=forms.SelectMultiple(attrs={"size": 6}))
    assigned_on = forms.DateField(label=_("交办日期"), widget=DateInput())
    complex = forms.BooleanField(label=_("涉及面广、处理难度大"), help_text=lazy(_complex_help, str)(), required=False)


class ReplyForm(NoSuffixMixin, forms.Form):
    reply = forms.CharField(label=_("答复（复文）"), widget=RichTextarea(attrs={"rows": 12}))
    replied_on = forms.DateField(label=_("答复日期"), widget=DateInput())
    classification = forms.ChoiceField(label=_("办理结果分类"), choices=Classification.choices,
                                       widget=forms.RadioSelect)
    adopted = forms.BooleanField(label=_("代表、委员的意见建议已被吸收采纳"), required=False)


class WithholdForm(NoSuffixMixin, forms.Form):
    reason = forms.CharField(label=_("不公开的理由"), max_length=300,
                             help_text=_("例如：涉及个人隐私；答复内容涉及正在研究的事项。理由在登记册中公开。"))


class ImportForm(NoSuffixMixin, forms.Form):
    year = _year_field()
    file = forms.FileField(label=_("交办清单（XLSX 或 CSV）"), help_text=_(
        "第一行为表头：类别、编号、标题、代表/委员、主办单位、协办单位、交办日期、涉及面广（是/否）。"
        "单位名称须与平台中的单位全称或简称一致，多个协办单位用顿号分隔。任何一行有误则整表不导入，并列出错误行。"))


class SummaryForm(NoSuffixMixin, forms.Form):
    body = forms.CharField(label=_("正文"), widget=RichTextarea(attrs={"rows": 12}))


class GenerateForm(NoSuffixMixin, forms.Form):
    year = _year_field()
    organization = forms.ChoiceField(label=_("单位"))

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = choices
