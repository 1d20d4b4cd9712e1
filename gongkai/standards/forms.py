"""Forms of the standard catalog pages; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import PlainTextMixin
from gongkai.standards.choices import Audience, Mode
from gongkai.standards.models import Domain


class ImportForm(forms.Form):
    table = forms.FileField(label=_("标准目录表格（.xlsx）"),
                            help_text=_("可含多个领域：每个领域一个工作表，或同一工作表中以“××领域基层政务公开标准目录”标题分隔。"))
    domain = forms.ModelChoiceField(label=_("领域（表格标题未写明领域时）"), queryset=Domain.objects.all(), required=False)


class AssignForm(forms.Form):
    units = forms.MultipleChoiceField(label=_("单位"), required=False, widget=forms.CheckboxSelectMultiple)
    all_townships = forms.BooleanField(label=_("所有镇（街道）"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].choices = [(str(o.pk), o.name) for o in units]

    def clean(self):
        data = super().clean()
        if not data.get("units") and not data.get("all_townships"):
            raise forms.ValidationError(_("请选择单位，或勾选“所有镇（街道）”。"))
        return data


class OwnMatterForm(PlainTextMixin, forms.Form):
    refuse_bidi = True  # shown publicly on /bzml/

    level1 = forms.CharField(label=_("一级事项"), max_length=100)
    level2 = forms.CharField(label=_("二级事项"), max_length=100, required=False, help_text=_("留空即与一级事项相同。"))
    content = forms.CharField(label=_("公开内容（要素）"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    basis = forms.CharField(label=_("公开依据"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    deadline_text = forms.CharField(label=_("公开时限"), max_length=200, required=False,
                                    initial="信息形成或者变更之日起20个工作日内")
    subject = forms.CharField(label=_("公开主体"), max_length=200, required=False)
    channels = forms.CharField(label=_("公开渠道和载体"), max_length=300, required=False, initial="政府网站")
    audience = forms.ChoiceField(label=_("公开对象"), choices=Audience.choices, initial=Audience.ALL)
    mode = forms.ChoiceField(label=_("公开方式"), choices=Mode.choices, initial=Mode.PROACTIVE)


class NotApplicableForm(PlainTextMixin, forms.Form):
    refuse_bidi = True

    reason = forms.CharField(label=_("不适用的理由"), max_length=300)
