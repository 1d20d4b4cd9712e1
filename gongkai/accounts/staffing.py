"""A unit's own accounts, kept by its 单位管理员 (permission account.manage): create an account in the unit,
deactivate and reactivate one. Password resets are gongkai.accounts.passwords.

What a 单位管理员 may grant is GRANTABLE_ROLES: 信息员 and 审核员 of their own unit. A further 单位管理员,
a county role (政务公开办, 大数据中心) or a superuser is set up by a system administrator in the admin: whoever
holds it reaches more than the unit, so the unit cannot give it to itself. The four-eyes rule of publishing
(an item is approved by someone other than those who changed it, publishing.authorship) holds per item, so one
account may be both 信息员 and 审核员.

A new account gets a random temporary password (and, where its posts need two-factor login, a 绑定码:
accounts.enrolment), shown once to the 单位管理员 and never stored in clear nor audited; its user must choose
their own at the first login (User.must_change_password). Every action is audited in its transaction; the
phone number is encrypted at rest and never written to the log.
"""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts import twofactor
from gongkai.accounts.models import COUNTY_ROLES, Membership, Role, User
from gongkai.accounts.passwords import temporary_password, units_elsewhere
from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record, snapshot
from gongkai.core.services import ActionRefused
from gongkai.core.typed import validate_phone

GRANTABLE_ROLES = (Role.EDITOR, Role.REVIEWER)
AUDITED_FIELDS = ["username", "full_name", "is_active", "must_change_password"]


def can_manage(actor, organization) -> bool:
    return has_perm(actor, "account.manage", organization.id)


def _roles_note(roles) -> str:
    return _("岗位：%(roles)s") % {"roles": "、".join(str(Role(role).label) for role in roles)}


@transaction.atomic
def create_account(actor, organization, *, username: str, full_name: str, roles, phone: str = "",
                   request=None) -> tuple[User, str, str | None]:
    """A new account of `organization` holding `roles` (among GRANTABLE_ROLES); (user, temporary password,
    绑定码 for enrolling an authenticator — None where its posts need no two-factor login)."""
    if not can_manage(actor, organization):
        raise ActionRefused(_("只有本单位管理员可以为本单位新建账号。"))
    if not organization.is_active:
        raise ActionRefused(_("该单位已停用，不能新建账号。"))
    username, full_name = (username or "").strip(), (full_name or "").strip()
    if not full_name:
        raise ActionRefused(_("请填写姓名。"))
    if not username:
        raise ActionRefused(_("请填写登录用户名。"))
    try:
        User.username_validator(username)
    except ValidationError as exc:
        raise ActionRefused(_("登录用户名只能包含字母、数字和 @ . + - _ 这些符号。")) from exc
    if len(username) > User._meta.get_field("username").max_length:
        raise ActionRefused(_("登录用户名不能超过150个字符。"))
    if User.objects.filter(username__iexact=username).exists():
        raise ActionRefused(_("登录用户名“%(username)s”已被使用，请换一个。") % {"username": username})
    roles = list(dict.fromkeys(roles or []))
    if not roles:
        raise ActionRefused(_("请至少选择一个岗位。"))
    if any(role not in GRANTABLE_ROLES for role in roles):
        raise ActionRefused(_("单位管理员只能分配信息员、审核员岗位；其他岗位请联系系统管理员设置。"))
    try:
        phone = validate_phone(phone)
    except ValidationError as exc:
        raise ActionRefused(exc.messages[0]) from exc
    user = User(username=username, full_name=full_name, phone=phone, must_change_password=True)
    password = temporary_password()
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save()
    for role in roles:
        Membership.objects.create(user=user, organization=organization, role=role)
    record(actor, "account.create", user, organization=organization, after=snapshot(user, AUDITED_FIELDS),
           note=_roles_note(roles), request=request)
    return user, password, twofactor.enrolment_code_for(actor, user, organization=organization, request=request)


def refusal(actor, user: User, organization) -> str | None:
    """Why `actor` may not deactivate or reactivate `user` through `organization`'s page (None: they may)."""
    if not can_manage(actor, organization):
        return _("只有本单位管理员可以停用或启用本单位的账号。")
    memberships = Membership.objects.filter(user=user)
    if not memberships.filter(organization=organization).exists():
        return _("该账号不属于本单位。")
    if user.pk == actor.pk:
        return _("不能停用或启用自己的账号。")
    if user.is_superuser:
        return _("该账号是系统管理员账号，只能由系统管理员停用或启用。")
    if memberships.filter(role__in=COUNTY_ROLES).exists():
        return _("该账号是政务公开办或大数据中心账号，只能由系统管理员停用或启用。")
    if memberships.filter(role=Role.ORG_ADMIN).exists():
        return _("单位管理员账号只能由系统管理员停用或启用。")
    if any(not has_perm(actor, "account.manage", org_id) for org_id in units_elsewhere(user, organization)):
        return _("该账号还在您无权管理的其他单位任职，请联系政务公开办或系统管理员。")
    return None


def set_active(actor, user: User, organization, active: bool, *, request=None) -> User:
    """Deactivate (the account can no longer log in; its sessions end at the next request) or reactivate."""
    reason = refusal(actor, user, organization)
    if reason:
        raise ActionRefused(reason)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_active == active:
            raise ActionRefused(_("该账号已启用。") if active else _("该账号已停用。"))
        before = snapshot(user, AUDITED_FIELDS)
        user.is_active = active
        user.save(update_fields=["is_active"])
        record(actor, "account.reactivate" if active else "account.deactivate", user, organization=organization,
               before=before, after=snapshot(user, AUDITED_FIELDS), request=request)
    return user
