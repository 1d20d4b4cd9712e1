"""Staff login, logout and password change: Django's auth views with Chinese templates and audit."""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from gongkai.accounts.lockout import account_wait_seconds
from gongkai.accounts.views_twofactor import SecondFactorRequiredMixin
from gongkai.audit.services import record


class LoginForm(AuthenticationForm):
    """Refuses an attempt during the account's progressive delay, before the password is checked."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        # A user name locked at this address gets axes' lockout page (AxesBackend refuses it) instead.
        locked_here = AxesProxyHandler.is_locked(self.request, {"username": username})
        wait = 0 if locked_here else account_wait_seconds(username)
        if wait:
            raise ValidationError(
                _("该账号近期多次登录失败，为保护账号安全，请在 %(seconds)d 秒后再试。") % {"seconds": wait},
                code="delayed",
            )
        return super().clean()


class LoginView(auth_views.LoginView):
    """Axes counts the failures (AxesStandaloneBackend) and shows accounts/locked_out.html."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(failure_limit=settings.AXES_FAILURE_LIMIT, **kwargs)


class LogoutView(auth_views.LogoutView):
    """Logging out is a POST (a link or an image cannot log anyone out); a GET shows a page that asks
    for the 「退出登录」 button instead of Django's empty 405."""

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return render(request, "accounts/logout.html")


class PasswordChangeView(SecondFactorRequiredMixin, auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")

    @method_decorator(sensitive_post_parameters())
    def dispatch(self, request, *args, **kwargs):
        # Django's view marks the passwords for error reports in its own dispatch, which runs after the
        # second-factor check of SecondFactorRequiredMixin: a failure there reported them in clear.
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(must_change=self.request.user.must_change_password, **kwargs)

    def form_valid(self, form):
        if form.cleaned_data["new_password1"] == form.cleaned_data["old_password"]:
            form.add_error("new_password1", _("新密码不能与当前密码相同。"))
            return self.form_invalid(form)
        self.request.user.must_change_password = False
        response = super().form_valid(form)  # saves the user, the flag with the password
        record(self.request.user, "auth.password_change", self.request.user, request=self.request)
        messages.success(self.request, _("密码已修改。"))
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"
