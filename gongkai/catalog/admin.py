from django.contrib import admin

from gongkai.audit.admin_mixins import AuditedAdminMixin
from gongkai.catalog.models import CatalogNode


@admin.register(CatalogNode)
class CatalogNodeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "organization", "section", "parent", "is_builtin", "expected_update_days", "sort_order"]
    list_filter = ["section", "is_builtin", "organization"]
    search_fields = ["name", "organization__name", "template_key"]
    autocomplete_fields = ["organization", "parent"]
    readonly_fields = ["template_key", "is_builtin"]
