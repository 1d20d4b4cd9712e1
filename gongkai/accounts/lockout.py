"""Login lockout: who is locked, the per-account delay, and unlocking.

django-axes counts failed logins per user name *and* client address (AXES_LOCKOUT_PARAMETERS) and
locks that pair after AXES_FAILURE_LIMIT failures: someone guessing from one address is stopped, and
nobody can lock another person out of the site from their own address.

Guessing one account from many addresses meets a per-account delay instead: once the account has had
AXES_FAILURE_LIMIT failures in the cool-off period (from any address), each further attempt must wait
1, 2, 4, … seconds after the last failure, at most GONGKAI_LOGIN_DELAY_MAX_SECONDS. An attempt during
the wait is refused before the password is checked, so it neither counts nor lets a guess through. The
delay never locks the account for longer than that maximum.

A 单位管理员 (for the users of their unit) or the 政务公开办 (for units below them) clears an account's
failures (`unlock`), which ends its lockouts and its delay; the unlock is audited.
"""

import datetime as dt
import math

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.models import Membership, User
from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record
from gongkai.core.services import ActionRefused


def _window_start():
    return timezone.now() - dt.timedelta(hours=settings.AXES_COOLOFF_TIME)


def _recent(username: str):
    return AccessAttempt.objects.filter(username=username, attempt_time__gte=_window_start())


def account_wait_seconds(username: str) -> int:
    """Seconds this account must still wait before the next login attempt (0: it may try now)."""
    if not username:
        return 0
    totals = _recent(username).aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    return backoff_seconds(totals["failures"] or 0, totals["last"])


def backoff_seconds(failures: int, last) -> int:
    """The wait after `failures` failures, the last at `last`: none up to AXES_FAILURE_LIMIT, then 1, 2, 4, …
    seconds, at most GONGKAI_LOGIN_DELAY_MAX_SECONDS. Logins use it per account, and the 绑定码 of two-factor
    enrolment (accounts.enrolment) per code."""
    if failures < settings.AXES_FAILURE_LIMIT or last is None:
        return 0
    delay = min(2 ** min(failures - settings.AXES_FAILURE_LIMIT, 30), settings.GONGKAI_LOGIN_DELAY_MAX_SECONDS)
    remaining = (last + dt.timedelta(seconds=delay) - timezone.now()).total_seconds()
    return max(0, math.ceil(remaining))


def failures_of(users) -> dict[int, dict]:
    """user id → {"failures": n, "last": when, "locked": whether some address is locked} in the window."""
    by_name = {user.username: user.pk for user in users}
    rows = {}
    for attempt in _recent_many(by_name):
        row = rows.setdefault(by_name[attempt.username], {"failures": 0, "last": None, "locked": False})
        row["failures"] += attempt.failures_since_start
        row["last"] = max(filter(None, [row["last"], attempt.attempt_time]))
        row["locked"] |= attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT
    return rows


def _recent_many(by_name):
    return AccessAttempt.objects.filter(username__in=list(by_name), attempt_time__gte=_window_start())


def unit_users(organization):
    return User.objects.filter(memberships__organization=organization).distinct().order_by("username")


def can_unlock(actor, organization) -> bool:
    return has_perm(actor, "account.unlock", organization.id)


def clear_failures(user: User) -> int:
    """Forget the user's failed logins (every address) without auditing: the caller's action is audited
    (a password reset). Returns how many failures there were in the window."""
    failures = failures_of([user]).get(user.pk, {}).get("failures", 0)
    reset(username=user.username)
    return failures


def unlock(actor, user: User, organization, *, request=None) -> int:
    """Clear the user's failed logins (every address): ends their lockouts and delay. Returns rows removed."""
    if not can_unlock(actor, organization):
        raise ActionRefused(_("只有本单位管理员或政务公开办可以解除本单位账号的登录锁定。"))
    if not Membership.objects.filter(user=user, organization=organization).exists():
        raise ActionRefused(_("该账号不属于本单位。"))
    with transaction.atomic():
        failures = failures_of([user]).get(user.pk, {}).get("failures", 0)
        removed = reset(username=user.username)
        record(actor, "auth.unlock", user, organization=organization,
               note=_("清除 %(n)d 次登录失败记录") % {"n": failures}, request=request)
    return removed
