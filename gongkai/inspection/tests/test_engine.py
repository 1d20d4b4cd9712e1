"""Findings followed from run to run, 整改 confirmed or reopened, scores with caps and 单项否决."""

from decimal import Decimal
from types import SimpleNamespace as N

import pytest

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.inspection import engine, services
from gongkai.inspection.models import Finding, FindingEvent, Score, Severity
from gongkai.inspection.rules.base import Hit, Rule
from gongkai.inspection.scoring import score
from gongkai.inspection.tests.site import clear, item

pytestmark = pytest.mark.django_db
K = FindingEvent.Kind


def kinds(finding) -> list[str]:
    return list(finding.events.values_list("kind", flat=True))


def test_rectified_and_fixed_is_confirmed_rectified_but_not_fixed_is_reopened(site):
    node = site.node(site.township, "art20.7")
    clear(node)
    engine.run()
    finding = Finding.objects.get(rule="empty_nodes")
    assert finding.state == Finding.State.OPEN and kinds(finding) == [K.FOUND]
    admin = user_with_role(site.township, Role.ORG_ADMIN)
    # The unit answers without doing anything: the next run reopens the finding.
    services.rectify(admin, finding, "已安排专人补充财政预决算信息。")
    assert Finding.objects.get(pk=finding.pk).state == Finding.State.RECTIFIED
    engine.run()
    finding.refresh_from_db()
    assert finding.state == Finding.State.OPEN and finding.reopened_count == 1
    assert kinds(finding) == [K.FOUND, K.RECTIFIED, K.REOPENED]
    # This time the unit publishes; its answer is confirmed by the next run.
    services.rectify(admin, finding, "已公开2020年部门预算。")
    item(site.township, [node])
    run = engine.run()
    finding.refresh_from_db()
    assert finding.state == Finding.State.RESOLVED and finding.resolved_at is not None
    assert kinds(finding)[-1] == K.CONFIRMED and run.counts["confirmed"] == 1
    # The problem comes back: the same finding is reopened, first seen stays.
    clear(node)
    engine.run()
    again = Finding.objects.get(pk=finding.pk)
    assert again.state == Finding.State.OPEN and again.reopened_count == 2 and again.resolved_at is None
    assert again.first_seen_at == finding.first_seen_at
    assert Finding.objects.filter(rule="empty_nodes").count() == 1


def test_a_problem_that_disappears_without_an_answer_is_resolved(site):
    node = site.node(site.department, "plan.news")
    clear(node)
    item(site.department, [node], days_ago=30)
    engine.run()
    finding = Finding.objects.get(rule="news_stale")
    item(site.department, [node], days_ago=0)
    engine.run()
    finding.refresh_from_db()
    assert finding.state == Finding.State.RESOLVED and kinds(finding) == [K.FOUND, K.RESOLVED]


def test_rectify_is_for_the_units_own_open_findings_and_audited(site):
    clear(site.node(site.township, "art20.7"))
    engine.run()
    finding = Finding.objects.get(rule="empty_nodes")
    other = user_with_role(site.department, Role.ORG_ADMIN)
    with pytest.raises(ActionRefused, match="没有报送整改情况的权限"):
        services.rectify(other, finding, "篡改")
    editor = user_with_role(site.township, Role.EDITOR)
    with pytest.raises(ActionRefused, match="没有报送整改情况的权限"):
        services.rectify(editor, finding, "信息员不能报送")
    admin = user_with_role(site.township, Role.ORG_ADMIN)
    with pytest.raises(ActionRefused, match="请填写整改情况"):
        services.rectify(admin, finding, "  ")
    services.rectify(admin, finding, "已补充。")
    with pytest.raises(ActionRefused, match="不需要报送整改情况"):
        services.rectify(admin, finding, "再报一次")
    assert AuditEvent.objects.filter(action="inspection.rectify", object_id=str(finding.pk)).count() == 1


def test_a_failing_rule_is_recorded_and_leaves_its_findings_alone(site):
    clear(site.node(site.township, "art20.7"))
    engine.run()

    class Broken(Rule):
        code = "empty_nodes"
        indicator = "empty_columns"

        def check(self, context):
            raise RuntimeError("数据库超时")

    run = engine.run(rules=[Broken()])
    assert run.errors == {"empty_nodes": "RuntimeError: 数据库超时"}
    assert Finding.objects.get(rule="empty_nodes").state == Finding.State.OPEN


def test_scores_cap_each_indicator_and_a_veto_fails_the_unit():
    def f(indicator, points, severity=Severity.DEDUCT):
        return N(indicator=indicator, points=Decimal(points), severity=severity)

    result = score([f("empty_columns", 2)] * 10 + [f("guide", 4), f("links", 1)])
    # 空白栏目: 20 points found, capped at 15; 指南 4; 链接 1.
    assert result.score == Decimal(80) and result.deductions == {"empty_columns": "15", "guide": "4", "links": "1"}
    assert result.qualified and result.findings == 12
    assert not score([f("empty_columns", 2), f("site_update", 0, Severity.VETO)]).qualified
    low = score([f(code, 20) for code in ("column_update", "column_structure", "requests")] + [f("guide", 10)])
    assert low.score == Decimal(35) and not low.vetoed and not low.qualified  # below 60
    assert score([f("column_update", 20)] * 9 + [f(c, 50) for c in ("guide", "links", "timeliness", "filing",
                                                                      "interpretation", "normative", "requests",
                                                                      "column_structure", "empty_columns",
                                                                      "annual_report")]).score == Decimal(0)


def test_each_run_scores_every_unit_and_the_trend_follows(site):
    engine.run()
    clear(site.node(site.township, "art20.7"))
    site.township.office_fax = ""
    site.township.save()
    run = engine.run()
    scores = {s.organization_id: s for s in Score.objects.filter(run=run)}
    assert scores[site.township.pk].score == Decimal(96)  # 空白栏目 −2, 指南 −2
    assert scores[site.department.pk].score == Decimal(100) and scores[site.township.pk].qualified
    trend = services.trend({o.pk for o in site.units})
    assert [(p.average, p.qualified, p.open_findings) for p in trend] == [(100.0, 3, 0), (98.7, 3, 2)]
    assert [s.organization for s in services.ranking(run, {o.pk for o in site.units})][-1] == site.township


def test_hits_of_rules_become_findings_with_their_points(site):
    class Custom(Rule):
        code = "publication_lag"
        indicator = "timeliness"

        def check(self, context):
            yield Hit(site.department.pk, "item:1", "迟发")
            yield Hit(site.department.pk, "item:1", "重复的同一问题只记一次")
            yield Hit(site.department.pk, "item:2", "另一条", points=Decimal("0.5"))

    engine.run(rules=[Custom()])
    assert sorted(Finding.objects.values_list("subject", "points")) == [("item:1", Decimal(1)), ("item:2", Decimal("0.5"))]
