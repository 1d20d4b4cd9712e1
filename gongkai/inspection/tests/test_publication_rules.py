"""The inspection's 条例第二十六条 check judges an item by its node's law (预算法第十四条: 二十日)."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.catalog.services import node_by_key
from gongkai.inspection.rules.base import Context
from gongkai.inspection.rules.timeliness import PublicationLag
from gongkai.publishing import services

pytestmark = pytest.mark.django_db


def migrated(org, reviewer, title, node_key, formed_on, published_on):
    when = timezone.make_aware(dt.datetime.combine(published_on, dt.time(10, 0)))
    return services.record_migrated_item(reviewer, org, {"title": title, "formed_on": formed_on},
                                         [node_by_key(org, node_key)], when)


def test_a_department_budget_published_after_twenty_days_is_a_finding(org, reviewer):
    budget = migrated(org, reviewer, "2021年部门预算公开", "art20.7", dt.date(2021, 2, 3), dt.date(2021, 3, 1))
    migrated(org, reviewer, "2021年春节值班安排", "plan.notices", dt.date(2021, 2, 3), dt.date(2021, 3, 1))
    now = timezone.make_aware(dt.datetime(2021, 3, 10, 12, 0))
    hits = list(PublicationLag().check(Context(today=now.date(), organization_ids={org.pk}, now=now)))
    assert [hit.subject for hit in hits] == [f"item:{budget.pk}"]
    assert str(hits[0].title) == ("《2021年部门预算公开》批复之日为2021-02-03，按《中华人民共和国预算法》第十四条第二款"
                             "应于2021-02-23前公开，2021-03-01才公开，超过法定时限4个工作日。")
    assert hits[0].evidence["dates"]["due"] == "2021-02-23"
    assert hits[0].evidence["rule"] == "《中华人民共和国预算法》第十四条第二款"


def test_an_item_still_unpublished_after_its_period_is_a_finding_before_it_is_published(org, reviewer):
    """An item formed 2021-02-01 still in review on 2021-03-10 was found only once published late (and not at
    all while it waited); it is a finding now, and one formed a week ago is not."""
    from gongkai.inspection.rules.timeliness import PublicationOverdue
    from gongkai.publishing.choices import State
    from gongkai.publishing.models import InformationItem

    waiting = InformationItem.objects.create(organization=org, title="春节值班安排", formed_on=dt.date(2021, 2, 1),
                                             state=State.SUBMITTED, body="<p>正文</p>")
    InformationItem.objects.create(organization=org, title="新近形成的通知", formed_on=dt.date(2021, 3, 3),
                                   state=State.DRAFT, body="<p>正文</p>")
    now = timezone.make_aware(dt.datetime(2021, 3, 10, 12, 0))
    context = Context(today=now.date(), organization_ids={org.pk}, now=now)
    assert list(PublicationLag().check(context)) == []
    hits = list(PublicationOverdue().check(context))
    assert [hit.subject for hit in hits] == [f"item:{waiting.pk}"]
    assert str(hits[0].title) == "《春节值班安排》形成于2021-02-01，应于2021-03-04前主动公开，至今尚未公开。"


def test_a_budget_still_unpublished_after_twenty_days_cites_the_budget_law(org, reviewer):
    """A 部门预算 批复 on 2021-02-03 and still in review on 2021-03-10: its finding said 「形成于…，应于…前主动公开」
    as if the 条例's 20 working days applied, with the 预算法's due date; it now cites 预算法第十四条第二款 and
    names the date as the 批复之日, as publication_lag does once it is published."""
    from gongkai.inspection.rules.timeliness import PublicationOverdue
    from gongkai.publishing.choices import State
    from gongkai.publishing.models import InformationItem

    budget = InformationItem.objects.create(organization=org, title="2021年部门预算公开", formed_on=dt.date(2021, 2, 3),
                                            state=State.SUBMITTED, body="<p>正文</p>")
    budget.catalog_nodes.add(node_by_key(org, "art20.7"))
    now = timezone.make_aware(dt.datetime(2021, 3, 10, 12, 0))
    hits = list(PublicationOverdue().check(Context(today=now.date(), organization_ids={org.pk}, now=now)))
    assert [hit.subject for hit in hits] == [f"item:{budget.pk}"]
    assert str(hits[0].title) == ("《2021年部门预算公开》批复之日为2021-02-03，按《中华人民共和国预算法》第十四条第二款"
                                  "应于2021-02-23前公开，至今尚未公开。")
    assert hits[0].evidence["rule"] == "《中华人民共和国预算法》第十四条第二款"
    assert hits[0].evidence["dates"] == {"formed_on": "2021-02-03", "due": "2021-02-23"}


def test_an_item_withdrawn_before_its_scheduled_time_is_no_late_publication(org, reviewer):
    """Scheduled for 2021-03-01 (late for a budget) and withdrawn on 02-25: it was never published, so the report
    must not say it was published late (with a link to a page that answers 404)."""
    from gongkai.publishing.choices import State
    from gongkai.publishing.models import InformationItem

    budget = migrated(org, reviewer, "2021年部门预算公开", "art20.7", dt.date(2021, 2, 3), dt.date(2021, 3, 1))
    withdrawn_on = timezone.make_aware(dt.datetime(2021, 2, 25, 9, 0))
    InformationItem.objects.filter(pk=budget.pk).update(state=State.WITHDRAWN, state_changed_at=withdrawn_on)
    now = timezone.make_aware(dt.datetime(2021, 3, 10, 12, 0))
    assert list(PublicationLag().check(Context(today=now.date(), organization_ids={org.pk}, now=now))) == []
    # Withdrawn after it was public: its late publication stays a finding.
    InformationItem.objects.filter(pk=budget.pk).update(state_changed_at=now - dt.timedelta(days=1))
    hits = list(PublicationLag().check(Context(today=now.date(), organization_ids={org.pk}, now=now)))
    assert [hit.subject for hit in hits] == [f"item:{budget.pk}"]
