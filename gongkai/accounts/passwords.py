"""Temporary passwords: a 单位管理员 (for the users of their unit, not its other 单位管理员) or the 政务公开办
(for the units below them) resets a forgotten password. The temporary password is shown once to the one who
reset it, never stored in clear nor audited; the user must choose their own at the next login
(accounts.middleware). The same people reset a lost phone's two-factor login (`reset_two_factor`)."""

import datetime as dt
import secrets

from django.contrib.auth import password_validation
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts import enrolment, lockout, twofactor
from gongkai.accounts.models import COUNTY_ROLES, EnrolmentCode, Membership, Role, User
from gongkai.accounts.permissions import has_perm, roles_by_organization
from gongkai.audit.services import record
from gongkai.core.services import ActionRefused

# No look-alike characters (0/O, 1/l/I): the password is read out or copied by hand.
_LOWER = "abcdefghijkmnpqrstuvwxyz"
_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_DIGITS = "23456789"
_LENGTH = 14


def temporary_password() -> str:
    """A random password with lower case, upper case and digits in groups of four (passes the validators)."""
    while True:
        chars = "".join(secrets.choice(_LOWER + _UPPER + _DIGITS) for _ in range(_LENGTH - 2))
        password = f"{chars[:4]}-{chars[4:8]}-{chars[8:]}"
        if (any(c in _LOWER for c in password) and any(c in _UPPER for c in password)
                and any(c in _DIGITS for c in password)):
            return password


def can_reset(actor, organization) -> bool:
    return has_perm(actor, "account.reset_password", organization.id)


def supervises(actor, organization_id: int) -> bool:
    """Whether `actor` is the 政务公开办 (or a system administrator) over the organization."""
    return actor.is_superuser or (
        Role.SUPERVISOR in roles_by_organization(actor).get(organization_id, set())
        and has_perm(actor, "account.reset_password", organization_id))


def units_elsewhere(user: User, organization) -> set[int]:
    """The active units other than `organization` where `user` holds a post: whoever acts on the account
    through `organization`'s page must also be entitled there. A post in a dissolved (inactive) unit does not
    count: nobody acts through that unit any more."""
    return set(Membership.objects.filter(user=user, organization__is_active=True)
               .exclude(organization=organization).values_list("organization_id", flat=True))


def refusal(actor, user: User, organization) -> str | None:
    """Why `actor` may not reset `user`'s password through `organization`'s page (None: they may)."""
    if not can_reset(actor, organization):
        return _("只有本单位管理员或政务公开办可以重置本单位账号的密码。")
    if not Membership.objects.filter(user=user, organization=organization).exists():
        return _("该账号不属于本单位，不能在本单位重置其密码。")
    if user.pk == actor.pk:
        return _("不能在此重置自己的密码，请使用「修改密码」。")
    if user.is_superuser and not actor.is_superuser:
        return _("该账号是系统管理员账号，只能由系统管理员重置密码。")
    if not actor.is_superuser and Membership.objects.filter(user=user, role__in=COUNTY_ROLES).exists():
        # A county account (政务公开办, 大数据中心) reaches every unit below the county: whoever resets it
        # could log in as it. Only a system administrator may.
        return _("该账号是政务公开办或大数据中心账号，只能由系统管理员重置密码。")
    admin_of = set(Membership.objects.filter(user=user, role=Role.ORG_ADMIN, organization__is_active=True)
                   .values_list("organization_id", flat=True))
    if not all(supervises(actor, org_id) for org_id in admin_of):
        # A 单位管理员 holds the unit's every key: a fellow 单位管理员 who reset it could log in as it and act
        # unseen under its name. Only the 政务公开办 above the unit, or a system administrator, may.
        return _("该账号是单位管理员账号，只能由政务公开办或系统管理员重置密码。")
    if any(not has_perm(actor, "account.reset_password", org_id) for org_id in units_elsewhere(user, organization)):
        return _("该账号还在您无权管理的其他单位任职，请联系政务公开办重置密码。")
    return None


def _last_reset(user: User, *actions: str):
    """The newest audit event of `actions` on `user`'s account (accounts.User)."""
    from gongkai.audit.models import AuditEvent

    return (AuditEvent.objects.filter(object_type=User._meta.label_lower, object_id=str(user.pk), action__in=actions)
            .order_by("-at", "-pk").first())


def _whom_else(actor, user: User) -> str:
    """Who else may do the second reset: the 政务公开办 (another of its staff, when the actor is the office) or
    a system administrator."""
    office = any(supervises(actor, org_id) for org_id in Membership.objects.filter(user=user)
                 .values_list("organization_id", flat=True))
    if office:
        return _("请由政务公开办的其他工作人员或系统管理员办理。")
    return _("请由政务公开办或系统管理员办理。")


def duties_refusal(actor, user: User, step: str) -> str | None:
    """Separation of duties: one person never resets both an account's password and its two-factor login
    while the first reset is still usable — they would hold the temporary password and the 绑定码 together
    and could log in as the colleague. `step` is the second reset asked for: "password" (refused while the
    two-factor login the actor reset waits for its 绑定码: the account has no authenticator and the reset is
    under `enrolment.code_days()` old) or "two_factor" (refused while the temporary password the actor set is
    unchanged: `must_change_password`, no password change since). A system administrator is not bound."""
    if actor.is_superuser:
        return None
    when = None
    if step == "password":
        last = _last_reset(user, "auth.otp_reset")
        if (last is not None and last.actor_id == actor.pk and not twofactor.enrolled(user)
                and last.at > timezone.now() - dt.timedelta(days=enrolment.code_days())):
            when = last.at
            reason = _("您已于%(when)s重置了该账号的两步验证，其绑定码尚在有效期内且未被使用：同一人不能再重置"
                       "该账号的密码，否则一人同时掌握临时密码和绑定码，即可冒用该账号登录（职责分离）。")
    else:
        if _set_temporary_password(actor, user):
            when = _last_reset(user, "auth.password_reset").at
            reason = _("您已于%(when)s重置了该账号的密码，临时密码尚未被修改：同一人不能再重置该账号的两步验证，"
                       "否则一人同时掌握临时密码和绑定码，即可冒用该账号登录（职责分离）。")
    if when is None:
        return None
    return (reason % {"when": timezone.localtime(when).strftime("%Y-%m-%d %H:%M")}) + _whom_else(actor, user)


def code_from_another(actor, user: User) -> EnrolmentCode | None:
    """The valid, unused 绑定码 someone other than `actor` issued for `user` (a colleague's or the 政务公开办's
    two-factor reset, or the command line's), or None: its owner enrols with that one."""
    return (EnrolmentCode.objects.filter(user=user, used_at__isnull=True, expires_at__gt=timezone.now())
            .exclude(issued_by=actor).select_related("issued_by").first())


def _set_temporary_password(actor, user: User) -> bool:
    """Whether the temporary password `user` has not yet changed was set by `actor`."""
    last = _last_reset(user, "auth.password_reset", "auth.password_change")
    return (last is not None and last.action == "auth.password_reset" and last.actor_id == actor.pk
            and user.must_change_password)


def _lock(user: User) -> None:
    """Lock the account's row and read its flags again: a reset posted at the same moment has committed by
    the time the lock is ours, and the checks see it (its audit entry, its `must_change_password`)."""
    row = User.objects.select_for_update().filter(pk=user.pk).values("must_change_password", "is_active").first()
    if row is not None:
        user.must_change_password, user.is_active = row["must_change_password"], row["is_active"]


def reset_password(actor, user: User, organization, *, request=None) -> tuple[str, str | None]:
    """Give `user` a temporary password they must change at the next login; returns it (to show once) and,
    for an account that must use two-factor login and has no authenticator, the 绑定码 its owner needs to
    enrol one (accounts.enrolment) — unless someone else's 绑定码 for it is still valid and unused
    (`code_from_another`: their two-factor reset): its owner enrols with that one, and the temporary password
    and a 绑定码 are never in one hand (separation of duties)."""
    with transaction.atomic():
        # Checked under the account's row lock, as `reset_two_factor` does: the same person posting a password
        # reset and a two-factor reset at once gets one of them, not both (separation of duties).
        _lock(user)
        reason = refusal(actor, user, organization) or duties_refusal(actor, user, "password")
        if reason:
            raise ActionRefused(reason)
        password = temporary_password()
        password_validation.validate_password(password, user)
        user.set_password(password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        # Whoever forgot a password has usually tried it several times: the failures would keep the new
        # one waiting (or locked at their address), so the reset clears them as an unlock would.
        failures = lockout.clear_failures(user)
        note = _("生成临时密码，下次登录须修改")
        if failures:
            note = _("生成临时密码，下次登录须修改；清除 %(n)d 次登录失败记录") % {"n": failures}
        record(actor, "auth.password_reset", user, organization=organization, note=note, request=request)
        code = None if code_from_another(actor, user) else twofactor.enrolment_code_for(
            actor, user, organization=organization, request=request)
    return password, code


def issue_code(actor, user: User, organization, *, request=None) -> str:
    """A new 绑定码 for an account without an authenticator (an expired one, a post that now needs two-factor
    login), without touching its password; whoever may reset the password may issue it."""
    with transaction.atomic():
        _lock(user)  # as the resets: one at a time per account
        return _issue_code(actor, user, organization, request=request)


def _issue_code(actor, user: User, organization, *, request=None) -> str:
    reason = refusal(actor, user, organization)
    if reason:
        # The same entitlement as the reset: the reason names it.
        raise ActionRefused(_("不能为该账号生成绑定码：%(reason)s") % {"reason": reason})
    if not user.is_active:
        raise ActionRefused(_("该账号已停用，不需要绑定码。"))
    if not actor.is_superuser and _set_temporary_password(actor, user) and code_from_another(actor, user):
        # Its owner holds a valid 绑定码 from someone else's two-factor reset; a new one from whoever set the
        # temporary password would put both in one hand (separation of duties).
        raise ActionRefused(_("您重置了该账号的密码，临时密码尚未被修改，且其本人已有他人生成、仍然有效的绑定码：同一人不能"
                              "再为该账号生成绑定码，否则一人同时掌握临时密码和绑定码（职责分离）。")
                            + _whom_else(actor, user))
    # Only where its owner must enrol (twofactor.code_needed): one issued for a post without two-factor login
    # would be a code shown to an administrator for nothing.
    code = enrolment.issue(actor, user, organization=organization, request=request) \
        if twofactor.code_needed(user) else None
    if code is None:
        raise ActionRefused(_("该账号不需要绑定码：已绑定验证器，或其岗位不须使用两步验证（或本站未启用两步验证）。"))
    return code


def two_factor_refusal(actor, user: User, organization) -> str | None:
    """Why `actor` may not reset `user`'s two-factor login through `organization`'s page (None: they may).
    Whoever may reset the password may (`refusal`): the 绑定码 shown to them lets its owner enrol again."""
    if user.pk == actor.pk and can_reset(actor, organization):
        # Whoever lost their own phone must not be the one to let a new phone in: someone who may reset their
        # account verifies that it is them — never a fellow 单位管理员 (`refusal`), and for a county account
        # only a system administrator.
        if actor.is_superuser or Membership.objects.filter(user=actor, role__in=COUNTY_ROLES).exists():
            return _("不能重置自己的两步验证。请联系系统管理员核实身份后为您重置。")
        return _("不能重置自己的两步验证。单位管理员的两步验证只能由政务公开办或系统管理员重置，请联系他们核实身份后"
                 "为您重置。")
    reason = refusal(actor, user, organization)
    if reason:
        return _("不能重置该账号的两步验证：%(reason)s") % {"reason": reason}
    if not user.is_active:
        return _("该账号已停用，不需要重置两步验证。")
    if not twofactor.enrolled(user):
        return _("该账号尚未绑定验证器，没有可重置的两步验证。如其绑定码已失效，请使用「生成绑定码」。")
    return duties_refusal(actor, user, "two_factor")


def reset_two_factor(actor, user: User, organization, *, request=None) -> str | None:
    """「重置两步验证」 on 本单位账号 (a lost phone and no recovery codes): remove `user`'s authenticator and
    recovery codes as `gongkai reset_two_factor` does (`twofactor.reset`, audited `auth.otp_reset` with the
    unit) and return the 绑定码 its owner enrols again with (to show once; None with two-factor login off)."""
    with transaction.atomic():
        # Two administrators at once: the second sees no authenticator left and is refused, rather than
        # replacing the 绑定码 the first has just read out.
        _lock(user)
        reason = two_factor_refusal(actor, user, organization)
        if reason:
            raise ActionRefused(reason)
        return twofactor.reset(actor, user, request=request, organization=organization)
