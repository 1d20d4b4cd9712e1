from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import ModelMultipleChoiceField, PlainTextMixin
from gongkai.core.i18n import left_paren, right_paren
from gongkai.newmedia.models import Account
from gongkai.organizations.models import Organization


class AccountForm(PlainTextMixin, forms.ModelForm):
    refuse_bidi = True  # the name and description are shown on /xmt/

    webhook_url = forms.URLField(label=_("推送接口地址"), max_length=500, required=False, assume_scheme="https",
                                 help_text=_("新媒体管理系统接收推送的地址（HTTPS）；每次推送带 HMAC-SHA256 签名。"))
    qr_upload = forms.FileField(label=_("二维码图片"), required=False,
                                help_text=_("PNG、JPG或GIF，不超过2 MB；不更换请留空。"))
    new_secret = forms.BooleanField(label=_("生成新的签名密钥"), required=False,
                                    help_text=_("新密钥只显示一次，请填入新媒体管理系统；旧密钥随即失效。"))

    class Meta:
        model = Account
        fields = ["platform", "name", "host", "operator", "status", "description", "operator_email", "webhook_url",
                  "sort_order"]

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = Organization.objects.filter(is_active=True).order_by("sort_order", "name")
        self.fields["operator"].queryset = units
        self.fields["host"].queryset = units.filter(pk__in=organizations) if organizations is not None else units


class PushForm(forms.Form):
    accounts = ModelMultipleChoiceField(label=_("推送到"), queryset=Account.objects.none(),
                                              widget=forms.CheckboxSelectMultiple)
    again = forms.BooleanField(label=_("重新推送"), required=False,
                               help_text=_("该信息已推送到所选账号时，勾选后再推送一次。"))

    def __init__(self, *args, accounts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accounts"].queryset = accounts
        # 「沂源发布（微信公众号）」, "沂源发布 (WeChat official account)" on English pages (Account.__str__ stays Chinese:
        # it is what the audit log records).
        self.fields["accounts"].label_from_instance = (
            lambda account: f"{account.name}{left_paren()}{account.get_platform_display()}{right_paren()}")
