from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from gongkai.audit.admin_mixins import AuditedAdminMixin
from gongkai.core.sanitize import sanitize_html
from gongkai.organizations.events import acting
from gongkai.organizations.models import Organization
from gongkai.organizations.validators import normalize_credit_code


class OrganizationAdminForm(forms.ModelForm):
    # Longer than 18 so that a code pasted with spaces or dashes reaches clean_credit_code.
    credit_code = forms.CharField(label=Organization._meta.get_field("credit_code").verbose_name, max_length=40)
    office_web = forms.URLField(label=Organization._meta.get_field("office_web").verbose_name, required=False,
                                max_length=200, assume_scheme="https")

    class Meta:
        model = Organization
        fields = ["parent", "kind", "name", "short_name", "credit_code", "sort_order", "is_active", "office_name",
                  "office_address", "office_hours", "office_phone", "office_fax", "office_email", "office_web",
                  "office_postcode", "guide_text"]

    # A parent that would make the organization its own ancestor is refused by Organization.clean()
    # (the same check guards save() for every other path).

    def clean_credit_code(self):
        # Accept the code with spaces, dashes or lower case; store it compact and upper case. The model's
        # validate_credit_code then checks the GB 32100-2015 check character.
        return normalize_credit_code(self.cleaned_data.get("credit_code", "")).upper()

    def clean_guide_text(self):
        return sanitize_html(self.cleaned_data.get("guide_text", ""))


@admin.register(Organization)
class OrganizationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = OrganizationAdminForm
    list_display = ["name", "short_name", "kind", "credit_code", "parent", "sort_order", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "credit_code"]
    autocomplete_fields = ["parent"]
    fieldsets = (
        (None, {"fields": ("parent", "kind", "name", "short_name", "credit_code", "sort_order", "is_active")}),
        (_("政府信息公开工作机构（条例第十二条）"), {"fields": (
            "office_name", "office_address", "office_hours", "office_phone", "office_fax", "office_email",
            "office_web", "office_postcode", "guide_text")}),
    )

    def audit_organization(self, obj):
        return obj if obj.pk else None

    def save_model(self, request, obj, form, change):
        """A changed kind reshapes the unit's catalog in the same save (events.kind_changed): the superuser is
        told what was added, removed, and kept because it holds content."""
        with acting(request.user, request) as notes:
            super().save_model(request, obj, form, change)
        for note in notes:
            self.message_user(request, note, messages.WARNING)
