"""The public subscription forms. Validation only; services do the rest."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import PlainTextMixin
from gongkai.core.industries import Industry
from gongkai.organizations.validators import normalize_credit_code, validate_credit_code
from gongkai.subscriptions.models import Frequency


class SubscribeForm(PlainTextMixin, forms.Form):
    email = forms.EmailField(label=_("电子邮箱"), max_length=200,
                             help_text=_("我们会先发送一封确认邮件，确认后才开始推送。邮箱地址加密保存，不会公开。"))
    key = forms.ChoiceField(label=_("订阅对象"), required=False)
    frequency = forms.ChoiceField(label=_("推送频率"), choices=Frequency.choices, initial=Frequency.IMMEDIATE,
                                  widget=forms.RadioSelect)
    website = forms.CharField(label=_("请勿填写此项"), required=False)  # honeypot

    def __init__(self, *args, topic=None, organization_ids=None, **kwargs):
        """`organization_ids`: the organizations the request's site shows (None: all); a unit or column of
        another site hosted on the same platform is neither offered nor accepted."""
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        options = topic.options(organization_ids) if topic is not None else []
        if options:
            self.fields["key"].choices = [("", _("全部（%(label)s）") % {"label": topic.label}), *options]
            self.fields["key"].error_messages["invalid_choice"] = _(
                "所选的订阅对象不在本网站的列表中，请从列表中重新选择。")
        else:
            del self.fields["key"]

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise ValidationError(_("提交未被接受，请刷新页面后重试。"))
        return data


class EnterpriseSubscribeForm(SubscribeForm):
    enterprise_name = forms.CharField(label=_("企业名称"), max_length=200)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=30)
    industries = forms.MultipleChoiceField(label=_("所属行业（可多选）"), choices=Industry.choices,
                                           widget=forms.CheckboxSelectMultiple,
                                           help_text=_("按《国民经济行业分类》（GB/T 4754-2017）门类选择，只推送适用于这些行业的政策。"))
    field_order = ["enterprise_name", "credit_code", "industries", "key", "email", "frequency"]

    def clean_credit_code(self):
        value = normalize_credit_code(self.cleaned_data["credit_code"]).upper()
        validate_credit_code(value)
        return value


class ManageLinkForm(forms.Form):
    email = forms.EmailField(label=_("电子邮箱"), max_length=200)


class ChangeForm(forms.Form):
    subscription = forms.IntegerField(min_value=1)
    frequency = forms.ChoiceField(choices=Frequency.choices, required=False)
    cancel = forms.BooleanField(required=False)
