"""Django admin (superusers): the county's 第三十五条 thresholds. Cases are handled in the workbench only."""

from django.contrib import admin

from gongkai.audit.admin_mixins import AuditedAdminMixin
from gongkai.requests.models import RequestPolicy


@admin.register(RequestPolicy)
class RequestPolicyAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "volume_window_days", "volume_threshold")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not RequestPolicy.objects.exists()
