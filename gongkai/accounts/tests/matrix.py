"""Accounts' staff URL kwargs for the permission matrix: unit B's 审核员 and 信息员, each with an authenticator
and recovery codes, so that a 「重置两步验证」 from unit A (organizations:account_two_factor_reset) would show."""

from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts import twofactor


def fillers(unit) -> dict[str, list[int]]:
    users = [unit.reviewer, unit.editor]
    for user in users:
        if not twofactor.enrolled(user):
            TOTPDevice.objects.create(user=user, name=twofactor.TOTP_NAME, confirmed=True)
            twofactor.new_recovery_codes(user)
    return {"user_id": [user.pk for user in users]}


def snapshot(unit) -> dict:
    users = [unit.reviewer.pk, unit.editor.pk, unit.org_admin.pk]
    return {
        "authenticators": list(TOTPDevice.objects.filter(user_id__in=users).order_by("pk").values("pk", "user_id")),
        "recovery": list(StaticDevice.objects.filter(user_id__in=users).order_by("pk").values("pk", "user_id")),
    }
