"""条例第二十六条第二句 in the publication-lag checks: an item in a node whose law sets its own period
(预算法第十四条: 二十日, natural days) is judged by that period on its page and on 我的待办."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.catalog.services import node_by_key
from gongkai.publishing import queries, services
from gongkai.publishing.lag import item_publication_lag
from gongkai.workdays import statute

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat
# The 2021 部门预算 of a department, 批复 on 2021-02-03: due 02-23 under 预算法第十四条第二款, 03-08 under
# the 条例's 20 working days.
APPROVED, PUBLISHED = D("2021-02-03"), D("2021-03-01")


def migrated(org, reviewer, title, nodes, formed_on=APPROVED, published_on=PUBLISHED):
    when = timezone.make_aware(dt.datetime.combine(published_on, dt.time(10, 0)))
    return services.record_migrated_item(reviewer, org, {"title": title, "formed_on": formed_on},
                                         [node_by_key(org, key) for key in nodes], when)


def test_a_budget_published_after_twenty_days_is_late_under_the_budget_law(org, reviewer):
    budget = migrated(org, reviewer, "2021年部门预算公开", ["art20.7"])
    notice = migrated(org, reviewer, "2021年春节值班安排", ["plan.notices"])
    lag = item_publication_lag(budget)
    assert (lag.due, lag.is_late, lag.late_workdays) == (D("2021-02-23"), True, 4)
    assert lag.rule is statute.PUBLICATION_RULE_DEPARTMENT_BUDGET
    assert item_publication_lag(notice).due == D("2021-03-08") and not item_publication_lag(notice).is_late


def test_the_strictest_rule_of_the_items_nodes_applies(org, reviewer):
    both = migrated(org, reviewer, "2021年部门预算公开的通知", ["plan.notices", "art20.7"])
    assert item_publication_lag(both).due == D("2021-02-23")


def test_a_budget_published_on_the_twentieth_day_is_on_time(org, reviewer):
    on_time = migrated(org, reviewer, "2021年部门预算公开", ["art20.7"], published_on=D("2021-02-23"))
    assert not item_publication_lag(on_time).is_late


def test_my_todo_list_flags_the_budget_with_its_law(client, org, editor, reviewer):
    budget = migrated(org, reviewer, "2021年部门预算公开", ["art20.7"])
    migrated(org, reviewer, "2021年春节值班安排", ["plan.notices"])
    late, problems = queries.publication_lags(editor)
    assert [row.item for row in late] == [budget] and problems == []
    client.force_login(editor)
    page = client.get(reverse("workbench:home")).content.decode()
    lags = page[page.index('id="lags"'):]
    lags = lags[:lags.index("</section>")]
    assert "2021年部门预算公开" in lags and "2021年春节值班安排" not in lags
    assert "2021-02-23" in lags and "《中华人民共和国预算法》第十四条第二款" in lags


def test_the_items_page_names_the_law_and_the_day_it_runs_from(client, org, editor, reviewer):
    budget = migrated(org, reviewer, "2021年部门预算公开", ["art20.7"])
    client.force_login(editor)
    page = client.get(reverse("publishing:detail", kwargs={"item_id": budget.pk})).content.decode()
    assert "超期发布：《中华人民共和国预算法》第十四条第二款规定自批复之日" in page
    assert "起20日内公开，应于 2021-02-23 前公开，实际发布晚了 4 个工作日。" in page


def test_an_item_withdrawn_before_its_scheduled_time_is_not_on_the_late_list(org, editor, reviewer):
    """Never published (scheduled, then withdrawn before its time): not “published late” on 我的待办."""
    from gongkai.publishing.choices import State
    from gongkai.publishing.models import InformationItem

    budget = migrated(org, reviewer, "2021年部门预算公开", ["art20.7"])
    withdrawn_at = timezone.make_aware(dt.datetime(2021, 2, 25, 9, 0))
    InformationItem.objects.filter(pk=budget.pk).update(state=State.WITHDRAWN, state_changed_at=withdrawn_at)
    assert queries.publication_lags(editor) == ([], [])
    InformationItem.objects.filter(pk=budget.pk).update(state_changed_at=timezone.now())  # withdrawn after it was public
    assert [row.item for row in queries.publication_lags(editor)[0]] == [budget]
