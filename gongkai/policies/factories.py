"""Test data: a published policy item with its 涉企政策 record (all six fields filled)."""

import datetime as dt

from django.utils import timezone

from gongkai.policies.models import Category, Delivery, EnterprisePolicy
from gongkai.publishing.factories import published_item
from gongkai.publishing.models import InformationItem

SIX = {
    "conditions": "在本县注册的规模以上工业企业。",
    "materials": ["申请表", "营业执照复印件"],
    "procedure": ["企业在线提交申请", "部门审核", "拨付资金"],
    "contact": "企业服务股 0533-3221001",
}


def enterprise_policy(organization, editor, reviewer, *, title="关于支持企业技术改造的若干措施", published_at=None,
                      industries=(), sizes=(), starts_on=None, ends_on=None, department=None,
                      category=Category.SUBSIDY, delivery=Delivery.APPLY, **fields) -> EnterprisePolicy:
    """A published item with a complete record. `published_at` moves its publication date (quarters)."""
    item = published_item(organization, editor, reviewer, title=title)
    if published_at is not None:
        InformationItem.objects.filter(pk=item.pk).update(published_at=published_at)
        item.refresh_from_db()
    today = timezone.localdate()
    policy = EnterprisePolicy(item=item, department=department or organization, category=category, delivery=delivery,
                              starts_on=starts_on or today - dt.timedelta(days=10),
                              ends_on=ends_on or today + dt.timedelta(days=30), **{**SIX, **fields})
    policy.industries = list(industries)
    policy.sizes = list(sizes)
    policy.save()
    return policy
