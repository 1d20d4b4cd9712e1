"""The public application form (条例第二十九条) and the applicant's lookup form."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric, uscc

from gongkai.core import crypto, typed
from gongkai.core.forms import PhoneField, PlainTextMixin
from gongkai.core.typed import validate_phone
from gongkai.organizations.models import Organization, under_regulation
from gongkai.requests import spam
from gongkai.requests.choices import ApplicantType, DeliveryWanted, InfoForm

POSTCODE = re.compile(r"^[0-9]{6}$")


def validate_id(applicant_type: str, value: str) -> str:
    """A resident ID (GB 11643, with its check digit) for a person, a 统一社会信用代码 for an organization."""
    value = crypto.normalize_id_number(value)
    if not value:
        return value
    if applicant_type == ApplicantType.NATURAL_PERSON:
        if not ric.is_valid(value):
            raise forms.ValidationError(_("身份证号码不正确：应为18位，最后一位是数字或X，并能通过校验。"))
    elif not uscc.is_valid(value):
        raise forms.ValidationError(_("统一社会信用代码不正确：应为18位，并能通过校验（GB 32100-2015）。"))
    return value


class ApplicantFields(forms.Form):
    """第二十九条（一）（二）（三）: who applies, what they seek, in which form and how to receive it."""

    applicant_type = forms.ChoiceField(label=_("申请人类型"), choices=ApplicantType.choices, widget=forms.RadioSelect)
    applicant_name = forms.CharField(label=_("姓名或名称"), max_length=100)
    id_number = forms.CharField(
        label=_("身份证件号码或统一社会信用代码"), max_length=30, required=False,
        help_text=_("自然人填写身份证号码，法人或其他组织填写统一社会信用代码（身份证明，条例第二十九条）。"),
    )
    contact_person = forms.CharField(label=_("联系人（法人或其他组织填写）"), max_length=50, required=False)
    phone = PhoneField(label=_("联系电话"), max_length=30, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    address = forms.CharField(label=_("通信地址"), max_length=200, required=False)
    postcode = forms.CharField(label=_("邮政编码"), max_length=6, required=False)
    info_title = forms.CharField(label=_("所需政府信息的名称"), max_length=300, required=False)
    info_doc_number = forms.CharField(label=_("文号"), max_length=100, required=False)
    info_description = forms.CharField(
        label=_("所需政府信息的特征性描述"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("请尽量写明信息的名称、文号、制作机关、时间等便于查询的特征。"),
    )
    form_wanted = forms.ChoiceField(label=_("信息的形式"), choices=InfoForm.choices, widget=forms.RadioSelect)
    delivery_wanted = forms.ChoiceField(label=_("获取信息的方式"), choices=DeliveryWanted.choices,
                                        widget=forms.RadioSelect)
    needs_assistance = forms.BooleanField(
        label=_("本人存在阅读困难或视听障碍，需要帮助（条例第四十三条）"), required=False
    )

    def clean_phone(self):
        return validate_phone(self.cleaned_data.get("phone"))

    def clean_postcode(self):
        value = typed.compact(self.cleaned_data.get("postcode"))
        if value and not POSTCODE.match(value):
            raise forms.ValidationError(_("邮政编码应为6位数字。"))
        return value

    def clean(self):
        data = super().clean()
        kind = data.get("applicant_type")
        if kind and "id_number" in data:
            try:
                data["id_number"] = validate_id(kind, data.get("id_number"))
            except forms.ValidationError as error:
                self.add_error("id_number", error)
        if not (data.get("phone") or data.get("email") or data.get("address")):
            self.add_error("phone", _("请至少填写一种联系方式（电话、电子邮箱或通信地址）。"))
        delivery = data.get("delivery_wanted")
        if delivery == DeliveryWanted.EMAIL and not data.get("email"):
            self.add_error("email", _("选择电子邮件获取的，请填写电子邮箱。"))
        if delivery == DeliveryWanted.POST and not data.get("address"):
            self.add_error("address", _("选择邮寄获取的，请填写通信地址。"))
        return data


class ApplicationForm(PlainTextMixin, spam.ChallengeMixin, ApplicantFields):
    """The online application: the applicant's fields, the organ, the promise, and the public forms' check
    question, single-use token and honeypot (spam.ChallengeMixin)."""

    organization = forms.ModelChoiceField(
        label=_("向哪个机关申请"), queryset=under_regulation(Organization.objects.filter(is_active=True))
        .order_by("sort_order", "id"),
        empty_label=_("请选择"),
    )
    truthful = forms.BooleanField(label=_("本人承诺所填信息真实、准确"))

    field_order = ["organization"]
    # The applicant's name and request are shown to staff and written into the letters sent back: an
    # invisible bidi override (「\u202e」) would make them read differently from what was stored.
    refuse_bidi = True


class LookupForm(PlainTextMixin, forms.Form):
    tracking_number = forms.CharField(label=_("申请编号"), max_length=40,
                                      help_text=_("提交申请后显示的编号，例如 SQ-2026-000012。"))
    query_code = forms.CharField(label=_("查询码"), max_length=30,
                                 widget=forms.PasswordInput(render_value=False),
                                 help_text=_("提交申请时只显示一次的查询码，例如 ABCD-EFGH-JKMN。"))
