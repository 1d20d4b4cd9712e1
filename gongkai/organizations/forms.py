from django import forms

from gongkai.core.forms import PhoneField, PlainTextMixin
from gongkai.organizations.models import Organization
from gongkai.organizations.services import OFFICE_FIELDS
from gongkai.organizations.validators import clean_office_phone


class OfficeForm(PlainTextMixin, forms.ModelForm):
    """The 政府信息公开工作机构 (条例第十二条) and the 指南's own text. Saved by gongkai.workbench.unit_office.update_office.
    Shown on the public 指南 and contact pages, in the API and in reply letters: no control characters."""

    office_web = forms.URLField(label=Organization._meta.get_field("office_web").verbose_name, required=False,
                                max_length=200, assume_scheme="https")
    # Copied numbers carry direction marks (PhoneField drops them); checked as phone numbers below.
    office_phone = PhoneField(label=Organization._meta.get_field("office_phone").verbose_name, required=False,
                              max_length=50, widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    office_fax = PhoneField(label=Organization._meta.get_field("office_fax").verbose_name, required=False,
                            max_length=50, widget=forms.TextInput(attrs={"inputmode": "tel"}))

    class Meta:
        model = Organization
        fields = OFFICE_FIELDS
        widgets = {
            "office_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "office_postcode": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 6}),
            "guide_text": forms.Textarea(attrs={"rows": 12}),
        }

    def clean_office_phone(self):
        return clean_office_phone(self.cleaned_data.get("office_phone"))

    def clean_office_fax(self):
        return clean_office_phone(self.cleaned_data.get("office_fax"))
