"""A user with a temporary password (accounts.passwords) reaches nothing but the password change, the
two-factor pages it may need, the display switches and logging out, until they have chosen their own password."""

from django.shortcuts import redirect
from django.urls import Resolver404, resolve

ALLOWED = frozenset({
    "accounts:password_change", "accounts:password_change_done", "accounts:logout", "accounts:login",
    "accounts:two_factor_setup", "accounts:two_factor_verify",
    "set_language", "portal:preferences",  # the language, 字号 and 长者模式 switches on the change page
})


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "must_change_password", False):
            try:
                name = resolve(request.path_info).view_name
            except Resolver404:
                name = None
            if name not in ALLOWED and not request.path_info.startswith(("/static/", "/media/")):
                return redirect("accounts:password_change")
        return self.get_response(request)
