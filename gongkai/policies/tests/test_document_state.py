"""A policy that is a 规范性文件 shows the document's public state beside its title on the finder and its page,
as the library does: 尚未施行 until its 施行日期, nothing from that day on (auditL)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.policies.models import EnterprisePolicy
from gongkai.regulations.factories import normative_document

pytestmark = pytest.mark.django_db


def policy_for(org, editor, reviewer, effective_from: dt.date) -> EnterprisePolicy:
    document = normative_document(org, editor, reviewer, title="沂源县工业企业技术改造奖补办法",
                                  promulgated_on=(effective_from - dt.timedelta(days=30)).isoformat(),
                                  effective_from=effective_from.isoformat(),
                                  expires_on=(effective_from + dt.timedelta(days=900)).isoformat())
    return EnterprisePolicy.objects.create(
        item=document.item, conditions="本县注册的工业企业。", materials=["申请表"], procedure=["申请", "审核"],
        department=org, contact="0533-3222222", starts_on=timezone.localdate() - dt.timedelta(days=1))


@pytest.mark.parametrize("days, shown", [(1, True), (0, False)])
def test_finder_and_page_say_not_yet_in_force(client, org, editor, reviewer, days, shown):
    policy = policy_for(org, editor, reviewer, timezone.localdate() + dt.timedelta(days=days))
    finder = client.get(reverse("policies:finder")).content.decode()
    page = client.get(reverse("policies:detail", kwargs={"policy_id": policy.pk})).content.decode()
    assert ("（尚未施行）" in finder) is shown
    assert ("（尚未施行）" in page) is shown
