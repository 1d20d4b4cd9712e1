from django.contrib.admin import AdminSite
from django.utils.translation import gettext_lazy as _


class GongkaiAdminSite(AdminSite):
    """The Django admin is for configuration by superusers. Staff work in the workbench (/staff/), so
    is_staff alone does not open the admin.

    The admin has no login form of its own: /admin/login/ sends visitors to the staff login page, so
    every password attempt meets the same address lockout, per-account delay, audit and two-factor step
    (gongkai.accounts.views.LoginForm). Its 「修改密码」 leads to the staff password change (audited)."""

    site_header = _("政务公开平台 系统配置")
    site_title = _("系统配置")
    index_title = _("系统配置")

    def has_permission(self, request):
        from gongkai.accounts import twofactor

        return request.user.is_active and request.user.is_superuser and twofactor.passed(request)

    def password_change(self, request, extra_context=None):
        """The header's 「修改密码」: the staff page (audited, the site's checks), not Django's own."""
        from django.shortcuts import redirect

        return redirect("accounts:password_change")

    def login(self, request, extra_context=None):
        from django.contrib.auth.views import redirect_to_login
        from django.shortcuts import redirect
        from django.urls import reverse
        from django.utils.http import url_has_allowed_host_and_scheme
        from django.utils.translation import gettext

        from gongkai.accounts import twofactor
        from gongkai.accounts.access import forbidden

        target = request.GET.get("next") or ""
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
            target = ""
        target = target or reverse("admin:index", current_app=self.name)
        user = request.user
        if not (user.is_authenticated and user.is_active):
            return redirect_to_login(target)
        if not user.is_superuser:  # sending them to the login page would bring them straight back here
            return forbidden(request, gettext("系统配置仅限超级管理员使用。您的账号可以在工作台办理本单位的业务。"))
        if not twofactor.passed(request):
            return redirect(twofactor.second_factor_url(request, target))
        return redirect(target)
