"""Permission-matrix registration: a 政务新媒体 account hosted by the unit, and its rows."""

from gongkai.newmedia import services
from gongkai.newmedia.models import Account, Delivery, Platform


def fillers(unit) -> dict:
    account, _secret = services.save_account(unit.org_admin, {
        "platform": Platform.WEIBO, "name": f"{unit.org.name}微博", "host": unit.org, "operator": unit.org,
        "status": Account.Status.ACTIVE, "operator_email": "ops@example.cn", "sort_order": 1})
    return {"account_id": [account.pk]}


def snapshot(unit) -> dict:
    accounts = Account.objects.filter(host=unit.org)
    return {"accounts": list(accounts.order_by("pk").values()),
            "pushes": list(Delivery.objects.filter(account__in=accounts).order_by("pk").values())}
