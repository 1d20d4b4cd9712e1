"""Permission-matrix registration: a unit's policy record (on its published item) and a draft digest."""

import datetime as dt

from gongkai.policies.models import Digest, DigestEntry, EnterprisePolicy


def fillers(unit) -> dict:
    item = unit.items["published"]
    policy = EnterprisePolicy.objects.create(
        item=item, conditions="本单位的惠企政策申请条件", materials=["申请表"], procedure=["申请", "审核"],
        department=unit.org, contact="0533-0000000", starts_on=dt.date(2020, 1, 1), ends_on=dt.date(2099, 12, 31))
    digest = Digest.objects.create(organization=unit.org, year=2020, quarter=3, note="本单位的推送说明")
    DigestEntry.objects.create(digest=digest, policy=policy, section=DigestEntry.Section.NEW)
    return {"digest_id": [digest.pk]}


def snapshot(unit) -> dict:
    return {"enterprise_policies": list(EnterprisePolicy.objects.filter(item__organization=unit.org)
                                        .order_by("pk").values()),
            "policy_digests": list(Digest.objects.filter(organization=unit.org).order_by("pk").values())}
