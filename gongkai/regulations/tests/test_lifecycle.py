"""Every validity transition and relation of the register, on both sides, in one transaction."""

import datetime as dt

import pytest

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.catalog.services import ensure_catalog
from gongkai.core.services import ActionRefused
from gongkai.organizations.factories import OrganizationFactory
from gongkai.publishing import services as publishing
from gongkai.publishing.choices import Validity
from gongkai.regulations import services
from gongkai.regulations.factories import D, normative_document
from gongkai.regulations.history import acted_on_by, acts_on, current_text, timeline
from gongkai.regulations.lifecycle import TRANSITIONS, target_validity
from gongkai.regulations.models import Event, Filing, Relation

pytestmark = pytest.mark.django_db
TODAY = D("2020-12-01")


@pytest.fixture
def old(org, editor, reviewer):
    return normative_document(org, editor, reviewer)


@pytest.fixture
def new(org, editor, reviewer):
    return normative_document(org, editor, reviewer, title="沂源县人民政府关于修改《沂源县城乡居民医疗救助办法》的决定",
                              doc_number="源政发〔2020〕12号", promulgated_on="2020-09-01",
                              effective_from="2020-10-01", expires_on="2025-09-30")


def test_register_puts_the_document_in_force_on_both_records(org, old):
    assert old.validity == Validity.VALID and old.validity_since == D("2020-04-01")
    old.item.refresh_from_db()
    assert old.item.validity == Validity.VALID
    assert old.lead_issuer == org
    assert AuditEvent.objects.filter(action="regulations.register", object_id=str(old.pk)).exists()


def test_joint_issuers_keep_their_order(org, editor, reviewer):
    partner = OrganizationFactory(name="沂源县财政局")
    doc = normative_document(org, editor, reviewer, issuers=[org, partner])
    assert doc.issuer_list() == [org, partner]


@pytest.mark.parametrize("title, expires, ok", [
    ("沂源县城乡居民医疗救助办法", "2025-03-31", True),
    ("沂源县城乡居民医疗救助办法", "2025-04-01", False),
    ("沂源县城乡居民医疗救助暂行办法", "2022-03-31", True),
    ("沂源县城乡居民医疗救助暂行办法", "2022-04-01", False),
    ("沂源县农村危房改造试行办法", "2022-04-01", False),
])
def test_the_shandong_period_rule(org, editor, reviewer, title, expires, ok):
    if ok:
        assert normative_document(org, editor, reviewer, title=title, expires_on=expires).expires_on == D(expires)
    else:
        with pytest.raises(ActionRefused, match="山东省行政程序规定"):
            normative_document(org, editor, reviewer, title=title, expires_on=expires)


def test_dates_must_be_in_order(org, editor, reviewer):
    with pytest.raises(ActionRefused, match="施行日期不能早于公布日期"):
        normative_document(org, editor, reviewer, promulgated_on="2020-04-02", effective_from="2020-04-01")


def test_amend_changes_both_sides_with_dates_and_audit(org, reviewer, old, new):
    relation = services.amend(reviewer, new, old, note="第三条修改")
    old.refresh_from_db()
    old.item.refresh_from_db()
    assert relation.kind == Relation.Kind.AMENDS and relation.effective_on == D("2020-10-01")
    assert old.validity == Validity.AMENDED and old.validity_since == D("2020-10-01")
    assert old.item.validity == Validity.AMENDED
    assert [r.source for r in acted_on_by(old)] == [new] and [r.target for r in acts_on(new)] == [old]
    event = old.events.get()
    assert event.kind == Event.Kind.AMENDED and event.validity_before == Validity.VALID and event.relation == relation
    assert AuditEvent.objects.filter(action="regulations.amend", object_id=str(old.pk)).exists()
    assert AuditEvent.objects.filter(action="regulations.amend_other", object_id=str(new.pk)).exists()
    assert current_text(old) == new
    labels_old = [(s.label, s.other) for s in timeline(old, TODAY)]
    assert ("被修改", new) in labels_old
    assert ("修改了", old) in [(s.label, s.other) for s in timeline(new, TODAY)]


def test_an_amended_document_stays_in_force_and_may_be_amended_again(org, editor, reviewer, old, new):
    services.amend(reviewer, new, old)
    third = normative_document(org, editor, reviewer, title="关于再次修改医疗救助办法的决定", doc_number="源政发〔2020〕20号",
                               promulgated_on="2020-11-01", effective_from="2020-11-01", expires_on="2025-10-31")
    services.amend(reviewer, third, old)
    old.refresh_from_db()
    assert old.validity == Validity.AMENDED and old.validity_since == D("2020-11-01")
    assert current_text(old) == third


def test_repeal_ends_the_document_and_leaves_no_current_text(reviewer, old, new):
    services.repeal(reviewer, new, old, effective_on=D("2020-10-15"))
    old.refresh_from_db()
    assert old.validity == Validity.REPEALED and old.validity_since == D("2020-10-15")
    assert old.item.validity == Validity.REPEALED
    assert current_text(old) is None
    with pytest.raises(ActionRefused, match="不能再变更"):
        services.amend(reviewer, new, old, effective_on=D("2020-11-01"))


def test_replace_repeals_and_points_to_the_replacement(reviewer, old, new):
    services.replace(reviewer, new, old)
    old.refresh_from_db()
    assert old.validity == Validity.REPEALED
    assert old.events.get().kind == Event.Kind.REPLACED
    assert current_text(old) == new


def test_relation_refusals(org, editor, reviewer, old, new):
    with pytest.raises(ActionRefused, match="其自身"):
        services.amend(reviewer, old, old)
    with pytest.raises(ActionRefused, match="权限"):
        services.amend(editor, new, old)
    with pytest.raises(ActionRefused, match="早于"):
        services.amend(reviewer, new, old, effective_on=D("2020-01-01"))
    services.amend(reviewer, new, old)
    with pytest.raises(ActionRefused, match="相同的关系"):
        services.amend(reviewer, new, old)
    with pytest.raises(ActionRefused, match="互相"):
        services.amend(reviewer, old, new)


def test_source_must_be_published(org, editor, reviewer, old):
    draft = services.create_document(editor, org, {"title": "关于废止医疗救助办法的决定", "doc_number": "源政发〔2020〕30号",
                                                   "formed_on": D("2020-11-01"), "body": "<p>废止。</p>"},
                                     {"promulgated_on": D("2020-11-01"), "effective_from": D("2020-11-01"),
                                      "expires_on": D("2025-10-31"), "legality_reviewer": "沂源县司法局",
                                      "legality_reviewed_on": D("2020-10-20"), "legality_opinion": "合法"})
    with pytest.raises(ActionRefused, match="须先发布"):
        services.repeal(reviewer, draft, old)


def test_the_county_government_may_repeal_a_department_document_but_not_the_reverse(old, org, reviewer):
    county = OrganizationFactory(name="沂源县人民政府", kind="government")
    ensure_catalog(county)
    org.parent = county
    org.save()
    county_editor, county_reviewer = user_with_role(county, Role.EDITOR), user_with_role(county, Role.REVIEWER)
    county_doc = normative_document(county, county_editor, county_reviewer, title="沂源县人民政府关于废止部分规范性文件的决定",
                                    doc_number="源政发〔2020〕40号", promulgated_on="2020-11-10",
                                    effective_from="2020-11-10", expires_on="2025-11-09")
    with pytest.raises(ActionRefused, match="下级单位"):
        services.repeal(reviewer, old, county_doc, effective_on=D("2020-12-01"))
    services.repeal(county_reviewer, county_doc, old)
    old.refresh_from_db()
    assert old.validity == Validity.REPEALED


def test_a_failing_side_rolls_back_both(monkeypatch, reviewer, old, new):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(publishing, "set_validity", broken)
    with pytest.raises(RuntimeError):
        services.amend(reviewer, new, old)
    old.refresh_from_db()
    assert old.validity == Validity.VALID
    assert not Relation.objects.exists() and not Event.objects.exists()


def test_renew_extends_within_the_rule_counted_from_the_renewal(reviewer, old):
    event = services.renew(reviewer, old, D("2030-02-28"), "评估后继续执行", renewed_on=D("2025-03-01"))
    old.refresh_from_db()
    assert old.expires_on == D("2030-02-28") and event.kind == Event.Kind.RENEWED
    assert old.validity == Validity.VALID
    with pytest.raises(ActionRefused, match="最迟至"):
        services.renew(reviewer, old, D("2030-03-02"), "再延", renewed_on=D("2025-03-01"))
    with pytest.raises(ActionRefused, match="须晚于"):
        services.renew(reviewer, old, D("2029-01-01"), "缩短")
    with pytest.raises(ActionRefused, match="理由"):
        services.renew(reviewer, old, D("2030-01-01"), " ")


def test_filing_records_body_date_and_number(editor, old):
    services.set_filing(editor, old, Filing.Body.PEOPLES_CONGRESS, D("2020-03-20"), "源人大备〔2020〕2号")
    services.set_filing(editor, old, Filing.Body.PEOPLES_CONGRESS, D("2020-03-21"), "源人大备〔2020〕3号")
    services.set_filing(editor, old, Filing.Body.UPPER_GOVERNMENT, D("2020-03-22"), "淄政备〔2020〕7号")
    assert [(f.body, f.number) for f in old.filings.all()] == [
        ("congress", "源人大备〔2020〕3号"), ("upper_government", "淄政备〔2020〕7号")]
    with pytest.raises(ActionRefused, match="备案日期"):
        services.set_filing(editor, old, Filing.Body.GOVERNMENT, D("2019-01-01"), "x")


def test_published_period_changes_only_through_renewal(editor, reviewer, old):
    with pytest.raises(ActionRefused, match="延长有效期"):
        services.update_document(editor, old, {"expires_on": D("2024-01-01")})
    services.update_document(reviewer, old, {"legality_opinion": "源司审〔2020〕1号：合法有效"})
    old.refresh_from_db()
    assert old.legality_opinion.endswith("合法有效")


def test_the_lifecycle_table_has_final_states():
    for verb in TRANSITIONS:
        assert target_validity(verb, Validity.REPEALED) is False
        assert target_validity(verb, Validity.EXPIRED) is False
    assert target_validity("amend", Validity.AMENDED) == Validity.AMENDED
    assert target_validity("renew", Validity.AMENDED) == Validity.AMENDED


def test_other_units_cannot_register_or_renew(other_org, old):
    stranger = user_with_role(other_org, Role.REVIEWER)
    with pytest.raises(ActionRefused, match="权限"):
        services.renew(stranger, old, D("2026-01-01"), "x", renewed_on=dt.date(2025, 1, 1))
