from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gongkai.audit.admin_mixins import AuditedAdminMixin
from gongkai.catalog.models import CatalogNode


class CatalogNodeAdminForm(forms.ModelForm):
    class Meta:
        model = CatalogNode
        fields = ["organization", "parent", "section", "name", "legal_basis", "description", "sort_order",
                  "expected_update_days", "publication_rule"]

    def clean(self):
        """A node's parent belongs to the same organization and is neither the node nor one of its descendants
        (a loop would make CatalogNode.path never end)."""
        cleaned = super().clean()
        parent, organization = cleaned.get("parent"), cleaned.get("organization")
        if parent is None:
            return cleaned
        if organization is not None and parent.organization_id != organization.pk:
            self.add_error("parent", _("上级栏目须是本机构的栏目。"))
        elif self.instance.pk and _is_self_or_descendant(parent, self.instance.pk):
            self.add_error("parent", _("上级栏目不能是本栏目或其下级栏目。"))
        return cleaned


def _is_self_or_descendant(node: CatalogNode, node_id: int) -> bool:
    """Whether `node` is the node `node_id` or lies below it (an existing loop is treated as one)."""
    seen = set()
    while node is not None:
        if node.pk == node_id or node.pk in seen:
            return True
        seen.add(node.pk)
        node = node.parent
    return False


@admin.register(CatalogNode)
class CatalogNodeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = CatalogNodeAdminForm
    list_display = ["name", "organization", "section", "parent", "is_builtin", "expected_update_days", "sort_order"]
    list_filter = ["section", "is_builtin", "organization"]
    search_fields = ["name", "organization__name", "template_key"]
    autocomplete_fields = ["organization", "parent"]
    readonly_fields = ["template_key", "is_builtin"]
