from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gongkai.audit.admin_mixins import AuditedAdminMixin
from gongkai.portal.models import SiteProfile


@admin.register(SiteProfile)
class SiteProfileAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "host", "root_organization", "site_code", "icp_number")
    list_select_related = ("root_organization",)
    search_fields = ("name", "host")
    fieldsets = (
        (None, {"fields": ("name", "host", "root_organization", "sponsor")}),
        (_("网站标识与备案"), {"fields": ("emblem_url", "site_code", "icp_number", "police_number",
                                       "conac_url", "conac_image_url", "error_report_url")}),
        (_("首页"), {"fields": ("home_modules",)}),
        (_("开放数据"), {"fields": ("data_use_statement",)}),
    )
