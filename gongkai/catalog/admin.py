from django import forms
from django.contrib import admin

from gongkai.audit.admin_mixins import AuditedAdminMixin
from gongkai.catalog.models import CatalogNode
from gongkai.catalog.services import publication_rule_refusal


class CatalogNodeAdminForm(forms.ModelForm):
    class Meta:
        model = CatalogNode
        fields = ["organization", "parent", "section", "name", "legal_basis", "description", "sort_order",
                  "expected_update_days", "publication_rule"]

    def clean_publication_rule(self):
        """A built-in node's statutory period (条例第二十六条第二句, e.g. 预算法第十四条) stays as the law sets it,
        for a superuser as for the unit (catalog.services.publication_rule_refusal). The parent is checked by
        CatalogNode.clean(): same organization, not the node itself nor one of its descendants."""
        rule = self.cleaned_data.get("publication_rule") or ""
        if self.instance.pk:
            reason = publication_rule_refusal(self.instance, rule)
            if reason:
                raise forms.ValidationError(reason, code="statutory_rule")
        return rule


@admin.register(CatalogNode)
class CatalogNodeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = CatalogNodeAdminForm
    list_display = ["name", "organization", "section", "parent", "is_builtin", "expected_update_days", "sort_order"]
    list_filter = ["section", "is_builtin", "organization"]
    search_fields = ["name", "organization__name", "template_key"]
    autocomplete_fields = ["organization", "parent"]
    readonly_fields = ["template_key", "is_builtin"]
