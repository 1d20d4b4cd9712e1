"""Two-factor login for staff (等保 level 3: two factors for administrators), on django-otp.

- Who: a user holding a role named in `GONGKAI_TWO_FACTOR_ROLES` (default 审核员, 单位管理员, 政务公开办
  and superusers), and anyone who enrolled of their own accord.
- What: a TOTP authenticator app (enrolled by scanning a QR code), with ten single-use recovery codes
  (django-otp's static device) for a lost phone.
- When: after the password, before any staff page (`access.staff_required`), the Django admin and the
  password change. A browser may be remembered for `GONGKAI_TWO_FACTOR_REMEMBER_DAYS` days: a signed
  cookie bound to the user, the device and the password (a new password or a new device ends it).

Failed codes are throttled by django-otp (each failure doubles the wait) and audited.

Enrolment of an account that must use two-factor login needs a 绑定码 too (`accounts.enrolment`): knowing the
password an administrator set does not let anyone bind their own phone before the owner.
"""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts import enrolment
from gongkai.accounts.models import Membership
from gongkai.audit.services import record

SUPERUSER = "superuser"
RECOVERY_CODES = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery"
REMEMBER_COOKIE = "gk_2fa_device"
REMEMBER_SALT = "gongkai.accounts.twofactor.remember"
PENDING_SESSION_KEY = "gk_2fa_pending_device"  # the session's own unconfirmed authenticator (pending_device)
MAX_PENDING = 3  # unconfirmed authenticators kept per user (browsers enrolling at once)


def required_for(user) -> bool:
    """Must this user pass a second factor before the staff area?"""
    if not user.is_authenticated:
        return False
    roles = set(settings.GONGKAI_TWO_FACTOR_ROLES)
    if user.is_superuser and SUPERUSER in roles:
        return True
    if Membership.objects.filter(user=user, role__in=roles - {SUPERUSER}).exists():
        return True
    return user_has_device(user)  # enrolled of their own accord


def enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def code_needed(user) -> bool:
    """Must this user's enrolment be confirmed with a 绑定码 (required, and no authenticator yet)?"""
    return required_for(user) and not enrolled(user)


def enrolment_code_for(actor, user, *, organization=None, request=None) -> str | None:
    """A 绑定码 for a user who must enrol (to show once with the password just set), else None."""
    if not code_needed(user):
        return None
    return enrolment.issue(actor, user, organization=organization, request=request)


def passed(request) -> bool:
    """True when the session has passed the second factor, or does not need to, or the browser is
    remembered (which then marks the session as passed)."""
    user = request.user
    if getattr(user, "is_verified", None) and user.is_verified():
        return True
    if not required_for(user):
        return True
    device = remembered_device(request)
    if device is not None:
        otp_login(request, device)
        return True
    return False


def second_factor_url(request, next_url: str) -> str:
    """Where a user who has not passed goes: the code page, or the enrolment for one who has no app."""
    from urllib.parse import urlencode

    from django.urls import reverse

    name = "accounts:two_factor_verify" if enrolled(request.user) else "accounts:two_factor_setup"
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


# --- remembering a browser -----------------------------------------------------------------------


def remember_days() -> int:
    return max(0, settings.GONGKAI_TWO_FACTOR_REMEMBER_DAYS)


def _remember_value(user, device) -> dict:
    return {"u": user.pk, "d": device.persistent_id, "p": user.get_session_auth_hash()[:16]}


def remember(response, user, device) -> None:
    days = remember_days()
    if days <= 0:
        return
    response.set_signed_cookie(
        REMEMBER_COOKIE, signing.dumps(_remember_value(user, device), compress=True), salt=REMEMBER_SALT,
        max_age=days * 86400, secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
    )


def remembered_device(request):
    days = remember_days()
    if days <= 0:
        return None
    raw = request.get_signed_cookie(REMEMBER_COOKIE, default=None, salt=REMEMBER_SALT, max_age=days * 86400)
    if not raw:
        return None
    try:
        value = signing.loads(raw)
    except signing.BadSignature:
        return None
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None or value != _remember_value(request.user, device):
        return None
    return device


# --- enrolment, verification, recovery codes ------------------------------------------------------


def pending_device(user, request=None) -> TOTPDevice:
    """The unconfirmed authenticator of this enrolment. Its secret belongs to the session (browser) that showed
    it: whoever else logs in with the same password (a temporary one read in a chat) and scans the QR code
    gets another secret, never the one the owner then confirms. A few are kept (two browsers at once), the
    older ones deleted; without a request, the user's first unconfirmed one."""
    pk = request.session.get(PENDING_SESSION_KEY) if request is not None else None
    pending = TOTPDevice.objects.filter(user=user, confirmed=False)
    device = pending.filter(pk=pk).first() if isinstance(pk, int) else (None if request is not None else pending.first())
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
        older = list(pending.exclude(pk=device.pk).order_by("-pk").values_list("pk", flat=True)[MAX_PENDING - 1:])
        TOTPDevice.objects.filter(pk__in=older).delete()
        if request is not None:
            request.session[PENDING_SESSION_KEY] = device.pk
    return device


@transaction.atomic
def confirm(user, token: str, request=None, enrolment_code=None) -> list[str] | None:
    """Finish an enrolment with the first code of the app; the new recovery codes, or None if wrong.
    Where `code_needed`, `enrolment_code` is the 绑定码 `enrolment.check` accepted, spent here."""
    pending = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False)
    if request is not None:  # the secret this session showed (pending_device), no other
        pk = request.session.get(PENDING_SESSION_KEY)
        pending = pending.filter(pk=pk if isinstance(pk, int) else None)
    device = pending.first()
    needed = code_needed(user)
    if needed and enrolment_code is None:
        return None
    if device is None or not device.verify_token(_clean(token)):
        record(user, "auth.otp_failed", user, request=request, note="绑定验证器时")
        return None
    if needed and not enrolment.use(user, enrolment_code):
        return None  # spent or expired meanwhile
    enrolment.forget_unused(user)
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()  # one authenticator per user
    device.confirmed = True
    device.save()
    codes = _new_recovery_codes(user)
    if request is not None:
        request.session.pop(PENDING_SESSION_KEY, None)
    record(user, "auth.otp_enrol", user, request=request, note="使用绑定码" if needed else "")
    if request is not None:
        _login(request, device)
    return codes


@transaction.atomic
def verify(request, token: str):
    """Check a code of the app or a recovery code; the device that took it (the session has passed), or None."""
    user, token = request.user, _clean(token)
    for device in [*TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True),
                   *StaticDevice.objects.select_for_update().filter(user=user, confirmed=True)]:
        if device.verify_is_allowed()[0] and device.verify_token(token):
            note = "使用恢复码" if isinstance(device, StaticDevice) else ""
            record(user, "auth.otp_verify", user, request=request, note=note)
            _login(request, device)
            return device
    record(user, "auth.otp_failed", user, request=request)
    return None


def throttled(user, confirmed: bool = True, device=None) -> bool:
    """Must the user wait after wrong codes (django-otp doubles the wait after each)? `device`: the enrolment's."""
    device = device or TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()
    return device is not None and not device.verify_is_allowed()[0]


@transaction.atomic
def new_recovery_codes(user, request=None) -> list[str]:
    codes = _new_recovery_codes(user)
    record(user, "auth.otp_recovery_codes", user, request=request)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def enrolled_ids(users) -> set[int]:
    """The ids among `users` that have an authenticator (one query for a list of accounts)."""
    return set(TOTPDevice.objects.filter(user__in=users, confirmed=True).values_list("user_id", flat=True))


@transaction.atomic
def reset(actor, user, request=None, organization=None) -> str | None:
    """Remove every device of `user` (a lost phone and lost codes): the next login enrols again, with the
    绑定码 returned here (to show once; None where the site has two-factor login off). The one way a reset is
    done: `gongkai reset_two_factor` (no actor) and 「重置两步验证」 on 本单位账号 (`passwords.reset_two_factor`,
    which checks who may first)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record(actor, "auth.otp_reset", user, organization=organization, request=request)
    return enrolment.issue(actor, user, organization=organization, request=request)


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def _login(request, device) -> None:
    request.session.cycle_key()  # a new session id once the second factor is passed
    otp_login(request, device)


def _clean(token: str) -> str:
    return "".join((token or "").split()).lower()[:16]
