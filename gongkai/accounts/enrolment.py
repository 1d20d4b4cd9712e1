"""The 绑定码 (enrolment code) of two-factor login.

Whoever knows an account's password before its owner's first login — the temporary password an administrator
set and sent on — could otherwise enrol their own authenticator and keep the account for good. So an account
that must use two-factor login and has no authenticator yet enrols only with a 绑定码 as well:

- Issued whenever an administrator gives a not yet enrolled account a password (a new account, a reset, a
  password set in the admin) or resets its two-factor login (`gongkai reset_two_factor`), or on demand
  (「生成绑定码」 on the unit's account page). Shown once to that administrator; kept only as a password hash.
- Valid for `GONGKAI_TWO_FACTOR_CODE_DAYS` days (7), once; a new one replaces the old. Audited when issued
  (`auth.otp_code`), when wrong (`auth.otp_failed`) and when used (`auth.otp_enrol`).
- Wrong codes wait like failed logins (`lockout.backoff_seconds`: after GONGKAI_LOGIN_FAILURE_LIMIT failures,
  1, 2, 4, … seconds up to GONGKAI_LOGIN_DELAY_MAX_SECONDS), per code.

Accounts already enrolled are unaffected; a user enrolling of their own accord (after choosing their own
password) needs none.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts.lockout import backoff_seconds
from gongkai.accounts.models import COUNTY_ROLES, EnrolmentCode, Membership, Role
from gongkai.audit.services import record

# No look-alike characters (0/O, 1/I/L): the code is read out or copied by hand. 31**8 ≈ 2**39.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8


def code_days() -> int:
    return max(1, settings.GONGKAI_TWO_FACTOR_CODE_DAYS)


def new_code() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{chars[:4]}-{chars[4:]}"


def normalise(code: str) -> str:
    """What is compared: letters and digits only, upper case (「abcd efgh」 is 「ABCD-EFGH」)."""
    return "".join(ch for ch in (code or "").upper() if ch.isascii() and ch.isalnum())[:32]


def _enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def issue(actor, user, *, organization=None, request=None, code: str | None = None) -> str | None:
    """A new 绑定码 for `user` (replacing any earlier one), to show once; None when the site has two-factor
    login off or the user already has an authenticator. `code` fixes it — the demo data's public code only,
    issued even while two-factor login is off so that turning it on finds it."""
    if (not settings.GONGKAI_TWO_FACTOR_ROLES and code is None) or _enrolled(user):
        return None
    code = code or new_code()
    days = code_days()
    issuer = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        EnrolmentCode.objects.filter(user=user).delete()
        EnrolmentCode.objects.create(user=user, code_hash=make_password(normalise(code)), issued_by=issuer,
                                     expires_at=timezone.now() + dt.timedelta(days=days))
        record(actor, "auth.otp_code", user, organization=organization, request=request,
               note=_("%(days)d天内有效，只能使用一次") % {"days": days})
    return code


def current(user) -> EnrolmentCode | None:
    return EnrolmentCode.objects.filter(user=user, used_at__isnull=True).first()


def unusable_reason(user) -> str | None:
    """Why `user` cannot enrol with a 绑定码 now (None: they have a valid one to type)."""
    row = current(user)
    if row is None:
        return _("您还没有可用的绑定码（绑定码只能使用一次，新建账号或重置密码时生成）。")
    if row.expires_at <= timezone.now():
        return _("您的绑定码已于%(when)s失效。") % {"when": timezone.localtime(row.expires_at).strftime("%Y-%m-%d %H:%M")}
    return None


def whom_to_ask(user) -> str:
    """Who can issue `user` a new 绑定码 (the ones who may reset their password, accounts.passwords)."""
    roles = set(Membership.objects.filter(user=user, organization__is_active=True).values_list("role", flat=True))
    if user.is_superuser or roles & COUNTY_ROLES:
        return _("请联系系统管理员为您生成新的绑定码。")
    if Role.ORG_ADMIN in roles:
        return _("请联系县政务公开办或系统管理员为您生成新的绑定码。")
    return _("请联系本单位管理员（或县政务公开办）为您生成新的绑定码。")


@transaction.atomic
def check(user, code: str, *, request=None) -> tuple[EnrolmentCode | None, str]:
    """The user's valid 绑定码 if `code` is it, else (None, why). A wrong code counts towards the wait."""
    row = EnrolmentCode.objects.select_for_update().filter(user=user, used_at__isnull=True).first()
    if row is None or row.expires_at <= timezone.now():
        return None, _("%(reason)s%(whom)s") % {"reason": unusable_reason(user), "whom": whom_to_ask(user)}
    wait = backoff_seconds(row.failures, row.last_failure_at)
    if wait:
        return None, _("绑定码错误次数过多，请在 %(n)d 秒后再试。") % {"n": wait}
    typed = normalise(code)
    if not typed or not check_password(typed, row.code_hash):
        row.failures += 1
        row.last_failure_at = timezone.now()
        row.save(update_fields=["failures", "last_failure_at"])
        record(user, "auth.otp_failed", user, request=request, note=_("绑定码不正确"))
        return None, _("绑定码不正确。请核对管理员提供的8位绑定码（不区分大小写）。")
    return row, ""


def use(user, row: EnrolmentCode | None) -> bool:
    """Spend the code `check` accepted (in the enrolment's transaction); False if it was spent meanwhile."""
    if row is None:
        return False
    return EnrolmentCode.objects.filter(pk=row.pk, user=user, used_at__isnull=True,
                                        expires_at__gt=timezone.now()).update(used_at=timezone.now()) == 1


def forget_unused(user) -> None:
    """An enrolled user needs no 绑定码: one left over (enrolled of their own accord) is void."""
    EnrolmentCode.objects.filter(user=user, used_at__isnull=True).delete()
