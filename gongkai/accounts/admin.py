from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.models import Membership, User
from gongkai.audit.admin_mixins import AuditedAdminMixin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["organization"]
    fields = ["organization", "role", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "full_name", "email", "is_active", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_superuser", "memberships__role", "memberships__organization"]
    search_fields = ["username", "full_name", "email"]
    ordering = ["username"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("个人信息"), {"fields": ("full_name", "email", "phone")}),
        (_("权限"), {"fields": ("is_active", "must_change_password", "is_staff", "is_superuser"),
                     "description": _("单位内的岗位（信息员、审核员、单位管理员、政务公开办等）在下方“岗位”中设置；"
                                      "系统配置后台只对超级用户开放。")}),
        (_("重要日期"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "full_name", "email", "password1", "password2",
                                                  "must_change_password")}),
    )
    readonly_fields = ["last_login", "date_joined"]

    def get_changeform_initial_data(self, request):
        # A password the administrator chose (and told someone) is changed by its user at the first login.
        return {"must_change_password": True, **super().get_changeform_initial_data(request)}

    def get_inline_instances(self, request, obj=None):
        # The add page only sets the name and password; memberships follow on the change page.
        return super().get_inline_instances(request, obj) if obj is not None else []

    def audit_organization(self, obj):
        if isinstance(obj, Membership):
            return obj.organization
        return None
