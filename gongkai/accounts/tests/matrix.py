"""Accounts' staff URL kwargs for the permission matrix: an account of unit B with an authenticator and
recovery codes (not one of the matrix's own users, who would then have to pass two-factor login), so that a
「重置两步验证」 from unit A (organizations:account_two_factor_reset) would show."""

from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts import twofactor
from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role


def fillers(unit) -> dict[str, list[int]]:
    user = user_with_role(unit.org, Role.EDITOR, full_name=f"{unit.org.name}已绑定验证器的人")
    TOTPDevice.objects.create(user=user, name=twofactor.TOTP_NAME, confirmed=True)
    twofactor.new_recovery_codes(user)
    return {"user_id": [user.pk, unit.reviewer.pk]}


def snapshot(unit) -> dict:
    mine = {"user__memberships__organization": unit.org}
    return {
        "authenticators": list(TOTPDevice.objects.filter(**mine).order_by("pk").values("pk", "user_id")),
        "recovery": list(StaticDevice.objects.filter(**mine).order_by("pk").values("pk", "user_id")),
    }
