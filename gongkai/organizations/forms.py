from django import forms

from gongkai.core.forms import PlainTextMixin
from gongkai.organizations.models import Organization
from gongkai.organizations.services import OFFICE_FIELDS


class OfficeForm(PlainTextMixin, forms.ModelForm):
    """The 政府信息公开工作机构 (条例第十二条) and the 指南's own text. Saved by gongkai.workbench.unit_office.update_office.
    Shown on the public 指南 and contact pages, in the API and in reply letters: no control characters."""

    office_web = forms.URLField(label=Organization._meta.get_field("office_web").verbose_name, required=False,
                                max_length=200, assume_scheme="https")

    class Meta:
        model = Organization
        fields = OFFICE_FIELDS
        widgets = {
            "office_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "office_postcode": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 6}),
            "guide_text": forms.Textarea(attrs={"rows": 12}),
        }
