"""Reports from the platform's records: counting, figures, narrative, checks, the workflow and the override."""


import datetime as dt

import pytest

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.publishing.choices import State as ItemState
from gongkai.reports import formats, reading, services
from gongkai.reports.models import AnnualReport
from gongkai.reports.tests.helpers import make_case, make_remedy, row

pytestmark = pytest.mark.django_db

FINISHED = {"overview": "（一）主动公开\n本年度主动公开政府信息。", "problems": "存在的问题：解读形式单一。",
            "other": "本年度未收取信息处理费。"}


def publish_report(org, editor, reviewer, year, override_reason="", chapters=FINISHED, on=None):
    report = AnnualReport.objects.filter(organization=org, year=year).first() or \
        services.create_report(editor, org, year)
    services.update_chapters(editor, report, chapters)
    services.submit(editor, report)
    return services.publish(reviewer, report, opinion="经审查，不涉及国家秘密。", secrecy_checked=True,
                            override_reason=override_reason, on=on)


def test_json_has_exactly_the_spec_keys_in_table_order(org, editor):
    report = services.create_report(editor, org, 2021)
    data = reading.live(report).data
    assert list(data) == ["format", "organization", "year", "proactive", "requests", "reviews"]
    assert (data["format"], data["organization"], data["year"]) == ("2021", org.credit_code, 2021)
    assert list(data["proactive"]) == ["rules", "normative_documents", "licensing", "penalty", "coercion", "fees"]
    assert data["proactive"]["fees"] == {"amount_10k_yuan": "0.00"}
    assert list(data["requests"]) == [
        "new", "carried_over", "granted", "partially_granted", "withheld_state_secret", "withheld_prohibited_by_law",
        "withheld_security_stability", "withheld_third_party", "withheld_internal_affairs",
        "withheld_process_information", "withheld_enforcement_file", "withheld_administrative_query",
        "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear", "not_processed_petition",
        "not_processed_repeated", "not_processed_publication", "not_processed_excessive",
        "not_processed_confirmation", "other_no_correction", "other_unpaid_fee", "other_other", "total_processed",
        "carried_forward"]
    assert list(data["requests"]["new"]) == ["natural_person", "commercial", "research", "public_interest",
                                             "legal_services", "other_org", "total"]
    assert list(data["reviews"]) == ["administrative_review", "litigation_direct", "litigation_after_review"]
    assert list(data["reviews"]["administrative_review"]) == ["upheld", "corrected", "other", "pending", "total"]


def test_tables_from_the_cases_of_a_year(org, other_org, editor):
    make_case(org, "2020-12-20", "2021-01-08", "granted", "natural_person")
    make_case(org, "2020-12-28", None, "", "commercial")
    partial = make_case(org, "2021-03-01", "2021-03-22", "partially_granted", "commercial")
    make_case(org, "2021-12-25", "2022-01-10", "withheld_third_party", "research")
    make_case(org, "2021-05-06", "2021-05-10", "unavailable_not_held", "public_interest", fee=200)
    make_case(org, "2020-05-06", "2020-05-10", "granted", "natural_person")
    make_case(other_org, "2021-05-06", "2021-05-10", "granted", "natural_person")
    make_remedy(partial, "review", "2021-04-01", "upheld", "2021-06-01")
    make_remedy(partial, "litigation", "2021-07-01", "pending", litigation_type="after_review")
    report = services.create_report(editor, org, 2021)
    data = reading.live(report).data
    assert data["requests"]["new"] == row(commercial=1, research=1, public_interest=1)
    assert data["requests"]["carried_over"] == row(natural=1, commercial=1)
    assert data["requests"]["granted"] == row(natural=1)
    assert data["requests"]["partially_granted"] == row(commercial=1)
    assert data["requests"]["unavailable_not_held"] == row(public_interest=1)
    assert data["requests"]["total_processed"] == row(natural=1, commercial=1, public_interest=1)
    assert data["requests"]["carried_forward"] == row(commercial=1, research=1)
    assert data["reviews"]["administrative_review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0,
                                                        "total": 1}
    assert data["reviews"]["litigation_after_review"]["pending"] == 1
    # The narrative draft quotes what the platform knows.
    assert "新收政府信息公开申请3件，上年结转2件；本年度办结3件，其中予以公开1件、部分公开1件、无法提供1件" \
        in report.chapters["overview"]
    assert "收取信息处理费200元，涉及申请1件" in report.chapters["other"]
    assert "按期答复率100.0%" in report.chapters["overview"]
    assert [c.key for c in reading.run_checks(report) if c.failed] == ["narrative"]


def test_unit_entered_figures_are_validated_and_audited(org, editor):
    report = services.create_report(editor, org, 2021)
    for bad, message in ((({"licensing.decisions": "-1"}), "行政许可·本年处理决定数量"),
                         ({"fees.amount_10k_yuan": "1.234"}, "最多两位小数"),
                         ({"penalty.decisions": "三"}, "须为整数")):
        with pytest.raises(ActionRefused, match=message):
            services.update_figures(editor, report, bad)
    report.refresh_from_db()
    assert report.entered == {}
    report = services.update_figures(editor, report, {"licensing.decisions": "120", "penalty.decisions": "7",
                                             "coercion.decisions": "", "fees.amount_10k_yuan": "12.5"})
    data = reading.live(report).data["proactive"]
    assert data["licensing"] == {"decisions": 120} and data["penalty"] == {"decisions": 7}
    assert data["coercion"] == {"decisions": 0} and data["fees"] == {"amount_10k_yuan": "12.50"}
    event = AuditEvent.objects.get(action="report.update_figures")
    assert event.changes["entered"][1]["fees"] == {"amount_10k_yuan": "12.50"}


def test_trial_format_figures_for_2020(org, editor):
    report = services.create_report(editor, org, 2020)
    report = services.update_figures(editor, report, {"licensing.previous_items": "40", "licensing.change": "-3",
                                             "procurement.amount_10k_yuan": "88.8"})
    data = reading.live(report).data
    assert data["format"] == "2019"
    assert data["proactive"]["licensing"] == {"previous_items": 40, "change": -3, "decisions": 0}
    assert data["proactive"]["procurement"] == {"projects": 0, "amount_10k_yuan": "88.80"}
    assert "other_processing" in data["requests"] and "other_other" not in data["requests"]


def test_publish_freezes_the_figures_and_checks_carry_over(org, editor, reviewer):
    make_case(org, "2020-12-28", None, "", "natural_person")
    published = publish_report(org, editor, reviewer, 2020)
    assert published.state == AnnualReport.State.PUBLISHED
    assert published.data["requests"]["carried_forward"] == row(natural=1)
    assert published.item.state == ItemState.PUBLISHED and published.docx and published.pdf
    # A case entered afterwards does not change the published report …
    make_case(org, "2020-11-02", "2021-02-01", "granted", "natural_person")
    published.refresh_from_db()
    assert published.data["requests"]["new"] == row(natural=1)
    # … but this year's 上年结转 (2) no longer matches last year's published 结转下年度 (1).
    report = services.create_report(editor, org, 2021)
    report = services.update_chapters(editor, report, FINISHED)
    failed = [c for c in reading.run_checks(report) if c.failed]
    assert [c.key for c in failed] == ["carry_over"]
    services.submit(editor, report)
    with pytest.raises(ActionRefused, match="未通过校验"):
        services.publish(reviewer, report, opinion="同意", secrecy_checked=True)
    report.refresh_from_db()
    assert report.state == AnnualReport.State.SUBMITTED and report.data is None
    services.publish(reviewer, report, opinion="同意", secrecy_checked=True,
                     override_reason="2020年11月的申请漏登，2020年度年报将更正。")
    report.refresh_from_db()
    assert report.state == AnnualReport.State.PUBLISHED
    assert report.override_reason == "2020年11月的申请漏登，2020年度年报将更正。"
    override = AuditEvent.objects.get(action="report.publish_override")
    assert override.note == report.override_reason and override.actor == reviewer
    assert override.changes["failed_checks"][1] == ["carry_over"]


def test_a_consistent_year_passes_every_check(org, editor, reviewer):
    make_case(org, "2020-12-28", "2021-01-05", "granted", "natural_person")
    publish_report(org, editor, reviewer, 2020)
    report = publish_report(org, editor, reviewer, 2021)
    assert report.override_reason == ""
    assert {c["key"]: c["passed"] for c in report.checks} == {
        "balance": True, "outcome_sum": True, "column_sum": True, "review_totals": True, "carry_over": True,
        "narrative": True}


def test_workflow_permissions(org, other_org, editor, reviewer):
    outsider = user_with_role(other_org, Role.EDITOR)
    with pytest.raises(ActionRefused):
        services.create_report(outsider, org, 2021)
    report = services.create_report(editor, org, 2021)
    with pytest.raises(ActionRefused):
        services.update_chapters(outsider, report, FINISHED)
    services.update_chapters(editor, report, FINISHED)
    with pytest.raises(ActionRefused, match="已经建立"):
        services.create_report(editor, org, 2021)
    with pytest.raises(ActionRefused, match="报告年度"):
        services.create_report(editor, org, 2018)
    services.submit(editor, report)
    with pytest.raises(ActionRefused, match="编写中"):
        services.update_figures(editor, report, {})
    with pytest.raises(ActionRefused, match="审核员"):
        services.publish(editor, report, opinion="同意", secrecy_checked=True)
    with pytest.raises(ActionRefused, match="保密审查"):
        services.publish(reviewer, report, opinion="同意", secrecy_checked=False)
    report.refresh_from_db()
    item = report.item
    assert item.state == ItemState.DRAFT and item.created_by == editor  # not in the item review queue yet
    services.return_report(reviewer, report, "请补充平台建设情况。")
    report.refresh_from_db()
    assert report.state == AnnualReport.State.DRAFT
    services.submit(editor, report)  # the same item is reused
    report.refresh_from_db()
    assert report.item_id == item.pk
    services.publish(reviewer, report, opinion="同意", secrecy_checked=True)
    report.refresh_from_db()
    assert report.item.state == ItemState.PUBLISHED


def test_publish_continues_from_wherever_the_item_was_moved(org, editor, reviewer):
    from gongkai.publishing import services as publishing

    report = services.create_report(editor, org, 2021)
    services.update_chapters(editor, report, FINISHED)
    report = services.submit(editor, report)
    publishing.submit(editor, report.item)
    publishing.approve(reviewer, report.item, "同意", secrecy_checked=True)  # approved on the item pages
    report = services.publish(reviewer, report, opinion="同意", secrecy_checked=True)
    assert report.is_published and report.item.state == ItemState.PUBLISHED


def test_publish_needs_the_secrecy_review_even_when_the_item_was_approved_elsewhere(org, editor, reviewer):
    from gongkai.publishing import services as publishing

    report = services.create_report(editor, org, 2021)
    services.update_chapters(editor, report, FINISHED)
    report = services.submit(editor, report)
    publishing.submit(editor, report.item)
    publishing.approve(reviewer, report.item, "同意", secrecy_checked=True)  # approved on the item pages
    for checked, opinion in ((False, "同意"), (True, ""), (True, "同\x0b意")):
        with pytest.raises(ActionRefused, match="保密审查"):
            services.publish(reviewer, report, opinion=opinion, secrecy_checked=checked)
    report.refresh_from_db()
    assert report.state == AnnualReport.State.SUBMITTED and report.item.state == ItemState.APPROVED


def test_the_drafter_cannot_also_approve(org, editor):
    from gongkai.accounts.factories import user_with_role

    both = user_with_role(org, Role.REVIEWER)
    report = services.create_report(both, org, 2021)
    services.update_chapters(both, report, FINISHED)
    services.submit(both, report)
    with pytest.raises(ActionRefused, match="起草人不能审查自己起草的信息"):
        services.publish(both, report, opinion="同意", secrecy_checked=True)
    assert AnnualReport.objects.get(pk=report.pk).state == AnnualReport.State.SUBMITTED


def test_reopen_withdraws_and_a_new_item_is_published_later(org, editor, reviewer):
    report = publish_report(org, editor, reviewer, 2021)
    first_item = report.item
    with pytest.raises(ActionRefused, match="原因"):
        services.reopen(reviewer, report, "")
    services.reopen(reviewer, report, "表二收费金额有误，更正后重新公布。")
    report.refresh_from_db()
    first_item.refresh_from_db()
    assert report.state == AnnualReport.State.DRAFT and report.data is None and not report.pdf
    assert first_item.state == ItemState.WITHDRAWN
    report = publish_report(org, editor, reviewer, 2021)
    assert report.item_id != first_item.pk and report.item.state == ItemState.PUBLISHED


def test_government_report_counts_the_government_and_its_administrative_bodies(county_tree):
    county, department, township, institution, users = county_tree
    make_case(county, "2021-02-01", "2021-02-10", "granted", "natural_person")
    make_case(department, "2021-03-01", "2021-03-10", "partially_granted", "commercial")
    make_case(township, "2021-04-01", None, "", "other_org")
    make_case(institution, "2021-04-01", "2021-04-08", "granted", "natural_person")  # 公共企事业单位: not counted
    unit_report = services.create_report(users["department"], department, 2021)
    services.update_figures(users["department"], unit_report, {"licensing.decisions": "30",
                                                               "fees.amount_10k_yuan": "1.25"})
    government = services.create_report(users["county"], county, 2021)
    government = services.update_figures(users["county"], government, {"licensing.decisions": "5",
                                                                        "fees.amount_10k_yuan": "0.5"})
    data = reading.live(government).data
    assert data["requests"]["new"] == row(natural=1, commercial=1, other=1)
    assert data["requests"]["total_processed"] == row(natural=1, commercial=1)
    assert data["requests"]["carried_forward"] == row(other=1)
    assert data["proactive"]["licensing"] == {"decisions": 35}
    assert data["proactive"]["fees"] == {"amount_10k_yuan": "1.75"}
    assert reading.live(unit_report).data["requests"]["new"] == row(commercial=1)
    assert "工作考核、社会评议和责任追究结果情况" in government.chapters["problems"]
    assert "本级政府及所属各部门" in reading.content_of(government).opening[0]
    with pytest.raises(ActionRefused, match="公共企事业单位"):
        services.create_report(users["institution"], institution, 2021)


def test_rules_row_stays_zero_and_formats_follow_the_year(org, editor):
    assert formats.format_for(2019) == formats.format_for(2020) == "2019"
    assert formats.format_for(2021) == formats.format_for(2030) == "2021"
    data = reading.live(services.create_report(editor, org, 2021)).data
    assert data["proactive"]["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}


def test_audit_log_names_the_report_actions(org, editor, reviewer):
    from gongkai.audit.labels import action_label

    publish_report(org, editor, reviewer, 2021, override_reason="测试")
    actions = set(AuditEvent.objects.filter(action__startswith="report.").values_list("action", flat=True))
    assert {"report.create", "report.update_chapters", "report.submit", "report.publish"} <= actions
    assert all(action_label(action) != action for action in actions)


def test_narrative_draft_quotes_the_year_s_publishing(org, editor, reviewer, monkeypatch):
    from django.utils import timezone

    from gongkai.catalog.services import node_by_key
    from gongkai.gazette.models import GazetteIssue
    from gongkai.publishing.factories import published_item
    from gongkai.regulations.factories import normative_document

    year = timezone.localdate().year
    for title in ("通知一", "通知二"):
        published_item(org, editor, reviewer, nodes=[node_by_key(org, "plan.notices")], title=title)
    normative_document(org, editor, reviewer, promulgated_on=f"{year}-01-02", effective_from=f"{year}-02-01",
                       expires_on=f"{year + 4}-12-31")
    GazetteIssue.objects.create(organization=org, year=year, number=1, total_number=1,
                                published_on=dt.date(year, 1, 10), state=GazetteIssue.State.PUBLISHED)
    # The report is written after the year ends (the items above were published this year).
    monkeypatch.setattr("gongkai.reports.services.timezone.localdate", lambda: dt.date(year + 1, 1, 5))
    overview = services.create_report(editor, org, year).chapters["overview"]
    assert f"{year}年，本机关通过政府信息公开平台主动公开政府信息3条，按公开目录栏目统计，其中“通知公告”栏目2条、“规范性文件”栏目1条。" in overview
    assert "制发行政规范性文件1件，废止0件" in overview and "编辑出版政府公报1期" in overview


def test_every_one_of_the_21_outcome_labels_lands_in_its_row(org, editor):
    from gongkai.reports.tests.test_counting import EVERY_OUTCOME
    from gongkai.requests.outcomes import OUTCOMES

    assert len(OUTCOMES) == 21
    for outcome, applicant in EVERY_OUTCOME:
        make_case(org, "2021-02-01", "2021-02-20", outcome, applicant)
    requests = reading.live(services.create_report(editor, org, 2021)).data["requests"]
    for outcome, applicant in EVERY_OUTCOME:
        assert requests[outcome]["total"] == requests[outcome][applicant] == 1, outcome
    assert requests["total_processed"] == row(4, 4, 4, 3, 3, 3)
    trial = reading.live(services.create_report(editor, org, 2020)).data
    assert trial["requests"]["new"] == row()  # nothing of 2021 in 2020


def test_a_party_office_publishes_no_report_and_the_government_report_leaves_it_out(county_tree):
    """党委工作机关 are no 行政机关 (条例第四十九条): nothing of theirs reaches the county's tables."""
    from gongkai.organizations.factories import OrganizationFactory
    from gongkai.organizations.models import Organization
    from gongkai.reports import scope

    county, department, township, institution, users = county_tree
    party = OrganizationFactory(name="中共测试县委宣传部", kind=Organization.Kind.PARTY, parent=county)
    make_case(department, "2021-03-01", "2021-03-10", "granted", "natural_person")
    make_case(party, "2021-03-02", "2021-03-10", "granted", "natural_person")
    assert party.id not in scope.member_ids(county) and department.id in scope.member_ids(county)
    with pytest.raises(ActionRefused, match="党委工作机关"):
        services.create_report(user_with_role(party, Role.EDITOR), party, 2021)
    government = services.create_report(users["county"], county, 2021)
    assert reading.live(government).data["requests"]["new"] == row(natural=1)
