"""Logins, logouts, failed logins and lockouts go to the audit log.

A failed login records only the user name that was tried: Django's signal already masks the
password, and nothing from the credentials but the user name is read here. A name no account has is recorded
masked (its first and last characters, one star for each other): it is often a password typed into the wrong
box, and the audit log is append-only and read by the 政务公开办.
"""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from gongkai.audit.services import record
from gongkai.core.masking import mask

ANONYMOUS_ACTOR = "未登录访问者"
UNKNOWN_ACCOUNT_NOTE = "该账号不存在，账号名已部分隐藏"


def _attempted_username(credentials) -> str:
    field = get_user_model().USERNAME_FIELD
    value = (credentials or {}).get(field) or (credentials or {}).get("username") or ""
    return str(value)[:150]


def _shown(username: str) -> tuple[str, str]:
    """(object_repr, note) for a tried user name: as typed when an account has it, masked otherwise."""
    model = get_user_model()
    if not username or model.objects.filter(**{model.USERNAME_FIELD: username}).exists():
        return username, ""
    return mask(username, 1, 1), UNKNOWN_ACCOUNT_NOTE


@receiver(user_logged_in, dispatch_uid="gongkai_audit_login")
def audit_login(sender, request, user, **kwargs):
    record(user, "auth.login", user, request=request)


@receiver(user_logged_out, dispatch_uid="gongkai_audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        record(user, "auth.logout", user, request=request)


@receiver(user_login_failed, dispatch_uid="gongkai_audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    shown, note = _shown(_attempted_username(credentials))
    record(None, "auth.login_failed", object_type="accounts.user", object_repr=shown, note=note,
           actor_name=ANONYMOUS_ACTOR, request=request)


@receiver(user_locked_out, dispatch_uid="gongkai_audit_locked_out")
def audit_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    shown, note = _shown(str(username or "")[:150])
    record(None, "auth.locked_out", object_type="accounts.user", object_repr=shown, note=note,
           actor_name=ANONYMOUS_ACTOR, request=request)
