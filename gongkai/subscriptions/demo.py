"""Demo subscribers: a few confirmed enterprises (涉企政策 by industry) and citizens following units,
the 政府公报 and 规范性文件. Idempotent: an address that exists is left alone. Nothing is mailed."""

from django.utils import timezone

from gongkai.core.services import ActionRefused
from gongkai.organizations.models import Organization
from gongkai.portal.models import SiteProfile
from gongkai.subscriptions import services
from gongkai.subscriptions.models import Frequency, Subscriber, Subscription

ENTERPRISES = [
    ("沂源县鲁阳节能材料有限公司", "913703237060521234", ["C"], "policy@luyang.example.cn", Frequency.IMMEDIATE),
    ("沂源县山果香农业专业合作社", "93370323MA3C12345X", ["A", "F"], "hezuoshe@example.cn", Frequency.WEEKLY),
    ("沂源县鲁村物流有限公司", "91370323MA3M54321Y", ["G"], "wuliu@example.cn", Frequency.DAILY),
]
CITIZENS = [
    ("zhang.wei@example.cn", "gazette", "", Frequency.IMMEDIATE),
    ("li.na@example.cn", "normative", "", Frequency.WEEKLY),
    ("wang.fang@example.cn", "unit", "county", Frequency.DAILY),
]


def _add(email, kind, key, frequency, enterprise=None) -> bool:
    digest = services.email_digest(email)
    if Subscriber.objects.filter(email_digest=digest).exists():
        return False
    subscriber = Subscriber.objects.create(email=email, email_digest=digest, email_masked=services.mask_email(email))
    enterprise = enterprise or {}
    Subscription.objects.create(
        subscriber=subscriber, site=SiteProfile.objects.filter(host="").first(), kind=kind, key=key,
        label=services.describe(kind, key)[:300], frequency=frequency,
        status=Subscription.Status.ACTIVE, confirmed_at=timezone.now(), enterprise_name=enterprise.get("name", ""),
        credit_code=enterprise.get("credit_code", ""), industries=enterprise.get("industries", []))
    return True


def load(stdout=None) -> None:
    from stdnum.cn import uscc

    added = 0
    for name, code, industries, email, frequency in ENTERPRISES:
        code = code[:17] + uscc.calc_check_digit(code[:17])
        added += _add(email, services.ENTERPRISE_KIND, "", frequency,
                      {"name": name, "credit_code": code, "industries": industries})
    county = Organization.objects.filter(parent__isnull=True).order_by("pk").first()
    for email, kind, key, frequency in CITIZENS:
        if key == "county":
            if county is None:
                continue
            key = str(county.pk)
        try:
            added += _add(email, kind, key, frequency)
        except ActionRefused:  # a topic of an app that is not installed: skip it
            continue
    if stdout:
        stdout.write(f"subscriptions: {added} demo subscribers\n")
