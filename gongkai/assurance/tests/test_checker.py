"""The 严重错误 checker: the curated list, leaders' posts, 敏感词; at submission (shown to the reviewer) and in
the inspection run over published items."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.assurance import checker
from gongkai.assurance.factories import LeaderFactory
from gongkai.assurance.models import ErrorTerm, ItemCheck
from gongkai.assurance.rules import SeriousErrors
from gongkai.assurance.services import errors
from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.inspection import engine
from gongkai.inspection.models import Finding, Score, Severity
from gongkai.inspection.rules import active_rules
from gongkai.publishing import services as publishing

pytestmark = pytest.mark.django_db


def kinds(warnings):
    return [(w.kind, w.found, w.severity) for w in warnings]


def test_the_curated_list_is_loaded_with_sources():
    terms = ErrorTerm.objects.all()
    assert terms.filter(kind=ErrorTerm.Kind.MISSPELLING, text="国务院办公庁", correction="国务院办公厅").exists()
    assert terms.filter(kind=ErrorTerm.Kind.OUTDATED, text="国土资源局").get().since == dt.date(2018, 3, 17)
    assert all(t.source for t in terms)
    assert errors.load_builtin_terms() == 0  # loading again adds nothing and keeps the edits


def test_misspelt_names_outdated_organs_and_sensitive_words_in_one_pass():
    text = "根据国务院办公庁通知，县国土资源局和县环境保护局联合开展检查，严禁传播六合彩信息。"
    found = kinds(checker.check_text(text, dt.date(2020, 5, 1)))
    assert ("misspelling", "国务院办公庁", "veto") in found
    assert ("outdated", "国土资源局", "deduct") in found
    assert ("outdated", "环境保护局", "deduct") in found
    assert ("sensitive", "六合彩", "warn") in found
    assert found[0][2] == "veto"  # the gravest first


def test_an_outdated_name_in_information_formed_before_the_reform_is_not_an_error():
    assert checker.check_text("县国土资源局2017年工作总结", dt.date(2017, 12, 1)) == []
    assert checker.check_text("国务院办公厅关于印发通知", dt.date(2020, 1, 1)) == []


def test_a_leader_named_with_another_post_is_flagged():
    LeaderFactory(name="王建国", post="县委副书记、县长")
    LeaderFactory(name="李明", post="副县长")
    assert checker.check_text("县长王建国主持会议，副县长李明出席。") == []
    assert checker.check_text("县委副书记王建国讲话") == []
    wrong = checker.check_text("副县长王建国主持会议，县长李明出席。")
    assert [(w.kind, w.found) for w in wrong] == [("leader", "副县长王建国"), ("leader", "县长李明")]
    assert "王建国现任县委副书记、县长" == wrong[0].correction


def test_edits_of_the_list_take_effect_at_once(county):
    assert checker.check_text("沂源县文化馆") == []
    errors.save_term(county.supervisor, {"kind": "misspelling", "text": "沂源县文化舘", "correction": "沂源县文化馆",
                                         "source": "县编办机构名录"})
    assert kinds(checker.check_text("沂源县文化舘开放")) == [("misspelling", "沂源县文化舘", "veto")]
    with pytest.raises(ActionRefused):
        errors.save_term(county.dept_admin, {"kind": "sensitive", "text": "x", "source": "y"})


def test_a_misspelt_organ_name_is_found_at_submission_and_shown_to_the_reviewer(county, client):
    org = county.department
    item = publishing.create_item(county.dept_editor, org, {
        "title": "关于转发国务院办公庁文件的通知", "formed_on": dt.date(2026, 3, 2), "body": "<p>各科室：现转发。</p>"},
        [county.node(org)])
    publishing.submit(county.dept_editor, item)
    check = ItemCheck.objects.get(item=item)
    assert [w["found"] for w in check.warnings] == ["国务院办公庁"]
    assert AuditEvent.objects.filter(action="assurance.check_warnings", object_id=str(item.pk)).exists()
    client.force_login(county.dept_reviewer)
    page = client.get(reverse("publishing:detail", args=[item.pk])).content.decode()
    assert "严重错误检查" in page and "国务院办公庁" in page and "国务院办公厅" in page
    # not blocking: the reviewer can still approve
    publishing.approve(county.dept_reviewer, item, "同意", secrecy_checked=True)


def test_the_inspection_run_finds_a_published_item_with_a_misspelt_name(county):
    assert "serious_errors" in {rule.code for rule in active_rules()}
    org = county.township
    item = publishing.create_item(county.town_editor, org, {
        "title": "东里镇学习中华人名共和国宪法情况", "formed_on": dt.date(2026, 3, 2), "body": "<p>学习宪法。</p>"},
        [county.node(org)])
    publishing.submit(county.town_editor, item)
    publishing.approve(county.town_reviewer, item, "同意", secrecy_checked=True)
    publishing.publish(county.town_reviewer, item)
    old = publishing.create_item(county.dept_editor, county.department, {
        "title": "县国土资源局2017年工作", "formed_on": dt.date(2017, 3, 2), "body": "<p>总结</p>"},
        [county.node(county.department)])
    publishing.record_migrated_item(None, county.department, {"title": "县环境保护局名称沿用", "formed_on": dt.date(2020, 1, 6)},
                                    [county.node(county.department)], published_at=old.created_at)
    run = engine.run(rules=[SeriousErrors()], organization_ids=[org.pk, county.department.pk])
    found = {(f.organization_id, f.severity) for f in Finding.objects.filter(rule="serious_errors")}
    assert found == {(org.pk, Severity.VETO), (county.department.pk, Severity.DEDUCT)}
    finding = Finding.objects.get(organization=org, rule="serious_errors")
    assert "“中华人名共和国”应为“中华人民共和国”" in finding.title
    assert finding.subject == f"item:{item.pk}"
    assert Score.objects.get(run=run, organization=org).vetoed
