from django.contrib.admin import AdminSite
from django.utils.translation import gettext_lazy as _


class GongkaiAdminSite(AdminSite):
    """The Django admin is for configuration by superusers. Staff work in the workbench (/staff/), so
    is_staff alone does not open the admin."""

    site_header = _("政务公开平台 系统配置")
    site_title = _("系统配置")
    index_title = _("系统配置")

    def has_permission(self, request):
        from gongkai.accounts import twofactor

        return request.user.is_active and request.user.is_superuser and twofactor.passed(request)

    def login(self, request, extra_context=None):
        from django.shortcuts import redirect

        from gongkai.accounts import twofactor

        user = request.user
        if user.is_authenticated and user.is_active and user.is_superuser and not twofactor.passed(request):
            return redirect(twofactor.second_factor_url(request, request.GET.get("next") or request.path))
        return super().login(request, extra_context)
