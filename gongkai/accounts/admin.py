"""The user admin (superusers only, gongkai.accounts.admin_site) and what the admin must not offer.

django-otp registers admins that show every account's authenticator key (as a QR code) and recovery codes:
a superuser could pass anyone's second factor, unseen. axes registers admins whose deletes clear failed logins
(an unlock) without an audit event. They are taken off the site: two-factor resets go through
`gongkai reset_two_factor` (audited), unlocks through the unit's 登录锁定 page (audited).

django-tasks-db registers a read-only admin of the task queue's results: each task's arguments, return
value and full traceback, unmasked (an exception's message can carry an address or a number the platform
masks everywhere else), read by a superuser without an audit event. It is taken off the site too: a failed
task is logged by the worker through the redacting formatter (core.logging), and `gongkai
prune_db_task_results` clears old results.

A password a superuser sets for someone else (a new user, 「修改密码」) comes with a 绑定码 for an account without
an authenticator (accounts.enrolment), shown once on a page of its own."""

from django.contrib import admin
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from gongkai.accounts import enrolment
from gongkai.accounts.models import Membership, User
from gongkai.audit.admin_mixins import AuditedAdminMixin
from gongkai.audit.services import record

HIDDEN_MODELS = ("otp_totp.TOTPDevice", "otp_static.StaticDevice", "axes.AccessAttempt", "axes.AccessLog",
                 "axes.AccessFailureLog",
                 # Roles are memberships (a unit and a role); Django's groups grant nothing here, and their admin
                 # edited permission sets without an audit event.
                 "auth.Group",
                 # The task queue's results (django-tasks-db): unmasked arguments and tracebacks, read unaudited.
                 "django_tasks_database.DBTaskResult")


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

    def user_change_password(self, request, id, form_url=""):
        """Django's 「修改密码」 page, audited like a reset: a password a superuser chose for someone else is a
        temporary one (changed at the next login); their own is a password change."""
        before = User.objects.filter(pk=id).values_list("password", flat=True).first()
        response = super().user_change_password(request, id, form_url)
        # Django also redirects a refused submission (停用 chosen with the other button) back to the page,
        # having changed nothing: only a changed password is recorded.
        user = User.objects.filter(pk=id).first() if request.method == "POST" else None
        if user is None or response.status_code != 302 or user.password == before:
            return response
        if not user.has_usable_password():  # 「停用基于密码的认证」: no password anyone knows
            record(request.user, "auth.password_reset", user, request=request, note=_("在系统配置后台停用密码登录"))
        elif user.pk == request.user.pk:
            record(request.user, "auth.password_change", user, request=request, note=_("在系统配置后台修改"))
        else:
            User.objects.filter(pk=user.pk).update(must_change_password=True)
            user.must_change_password = True
            record(request.user, "auth.password_reset", user, request=request,
                   note=_("在系统配置后台设置新密码，下次登录须修改"))
            # Whoever learns that password must not be able to enrol their own phone first.
            if code := enrolment.issue(request.user, user, request=request):
                return self._enrolment_code_page(request, user, code, response.url)
        return response

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        if IS_POPUP_VAR in request.POST or not obj.has_usable_password():
            return response
        if code := enrolment.issue(request.user, obj, request=request):
            return self._enrolment_code_page(request, obj, code, response.url)
        return response

    def _enrolment_code_page(self, request, user, code: str, next_url: str):
        """The 绑定码 of a password a superuser set, shown once (never in a message stored in the session)."""
        return TemplateResponse(request, "admin/accounts/enrolment_code.html", {
            **self.admin_site.each_context(request), "title": _("两步验证绑定码"), "opts": self.model._meta,
            "account": user, "code": code, "code_days": enrolment.code_days(), "next_url": next_url,
        })

    def get_inline_instances(self, request, obj=None):
        # The add page only sets the name and password; memberships follow on the change page.
        return super().get_inline_instances(request, obj) if obj is not None else []

    def audit_organization(self, obj):
        if isinstance(obj, Membership):
            return obj.organization
        return None


def _hide(label: str) -> None:
    from django.apps import apps

    try:
        model = apps.get_model(label)
    except LookupError:
        return
    if admin.site.is_registered(model):
        admin.site.unregister(model)


# Admin modules are imported in INSTALLED_APPS order: axes and django-otp come before gongkai.accounts, so
# their registrations exist by now (tests/test_admin.py checks the pages are gone).
for _label in HIDDEN_MODELS:
    _hide(_label)
