from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import PlainTextMixin


class RectifyForm(PlainTextMixin, forms.Form):
    text = forms.CharField(label=_("整改情况"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("写明采取的措施和完成时间；下次检查时复核，问题消除即确认整改到位。"))


class NoticeForm(PlainTextMixin, forms.Form):
    # Chosen on the page (its preview shows what the 通报 will list), carried here unchanged.
    organization = forms.ChoiceField(label=_("发文机关"), widget=forms.HiddenInput, error_messages={
        "invalid_choice": _("请从本页选择可以发文的机关。"), "required": _("请从本页选择可以发文的机关。")})
    title = forms.CharField(label=_("标题"), max_length=200)
    prefix = forms.CharField(label=_("发文字号代字"), max_length=20, required=False,
                             help_text=_("例如“源政公开通”；留空使用默认代字。编号按年度自动顺延。"))
    intro = forms.CharField(label=_("导语"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    requirements = forms.CharField(label=_("整改要求"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    publish = forms.BooleanField(label=_("同时生成公开信息草稿（进入本单位的送审流程）"), required=False)
    # Single-use (requests.spam.consume_staff_token): a double-click issues one 通报 and uses one 文号.
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            from gongkai.requests.spam import new_staff_token

            self.initial["form_token"] = new_staff_token()
        self.organizations = {str(o.pk): o for o in organizations}
        self.fields["organization"].choices = [(str(o.pk), o.name) for o in organizations]

    def clean_organization(self):
        return self.organizations[self.cleaned_data["organization"]]
