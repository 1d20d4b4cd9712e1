"""条例第四十九条 deadlines: late_reports for the inspection rules, and the 政务公开办's overview page."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.reports import services
from gongkai.reports.tests.test_reports import publish_report

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def test_late_reports_by_due_date(county_tree):
    county, department, township, institution, users = county_tree
    # The department publishes on the due day (on time); the township not at all.
    publish_report(department, users["department"], users["department_reviewer"], 2021, on=D("2022-01-31"))
    assert _of(2021, services.late_reports(D("2022-01-31"))) == []  # nothing is late on the due day
    late = _of(2021, services.late_reports(D("2022-02-01")))
    assert [(r.organization_name, r.year, r.due, r.published_on, r.days_late) for r in late] == [
        ("测试县甲镇人民政府", 2021, D("2022-01-31"), None, 1)]
    # The 本级政府 report is due on 3月31日; the 公共企事业单位 publishes none.
    late = _of(2021, services.late_reports(D("2022-04-01")))
    assert {r.organization_name: r.due for r in late} == {
        "测试县人民政府": D("2022-03-31"), "测试县甲镇人民政府": D("2022-01-31")}
    assert institution.name not in {r.organization_name for r in late}
    # Published late: still reported, with the publication date.
    publish_report(township, users["township"], _reviewer(township), 2021, on=D("2022-02-10"))
    late = {r.organization_name: r for r in _of(2021, services.late_reports(D("2022-04-01")))}
    assert (late["测试县甲镇人民政府"].published_on, late["测试县甲镇人民政府"].days_late) == (D("2022-02-10"), 10)
    assert _of(2021, services.late_reports(D("2022-04-01"), organization_ids=[department.id])) == []
    # 2019 and 2020 are before the first report kept here (2021): published elsewhere, not judged.
    assert {r.year for r in services.late_reports(D("2022-04-01"))} == {2021}


def _of(year, late):
    return [r for r in late if r.year == year]


def test_an_earlier_years_report_never_published_stays_overdue_until_it_is(county_tree):
    """条例第四十九条: the duty to publish the 2024 report does not lapse on 1 January 2026."""
    county, department, township, institution, users = county_tree
    for year in range(2019, 2026):
        if year != 2024:
            publish_report(department, users["department"], users["department_reviewer"], year,
                           on=D(f"{year + 1}-01-20"))
    mine = [department.id]
    assert [(r.year, r.published_on, r.days_late) for r in services.late_reports(D("2025-03-01"), mine)] == [
        (2024, None, 29)]
    # 2026-03-01: the 2025 report was on time, the 2024 one is still not published.
    assert [(r.year, r.due, r.published_on, r.days_late) for r in services.late_reports(D("2026-03-01"), mine)] == [
        (2024, D("2025-01-31"), None, 394)]
    # Published late, on 2026-03-05: no longer overdue; the deadline page still says 逾期公布.
    publish_report(department, users["department"], users["department_reviewer"], 2024, on=D("2026-03-05"))
    assert services.late_reports(D("2026-03-10"), mine) == []
    row = next(r for r in services.overview(2024, D("2026-03-10"), mine))
    assert (row.status_label, row.report.published_on) == ("逾期公布", D("2026-03-05"))



def test_one_units_old_report_makes_no_other_unit_overdue_for_earlier_years(county_tree):
    """A department's 2019 report kept on the platform says nothing of the townships: each unit is judged
    from its own first report year here, and a unit with none on the latest year only."""
    from gongkai.organizations.models import Organization

    county, department, township, institution, users = county_tree
    publish_report(department, users["department"], users["department_reviewer"], 2019, on=D("2020-01-20"))
    joined = Organization.objects.create(name="新设乙镇人民政府", kind=township.kind, parent=township.parent,
                                         credit_code="11370323MB1234567X")
    late = services.late_reports(D("2026-03-01"), [joined.id, township.id, department.id])
    assert {(r.organization_id, r.year) for r in late if r.organization_id != department.id} == {
        (joined.id, 2025), (township.id, 2025)}
    assert {r.year for r in late if r.organization_id == department.id} == set(range(2020, 2026))


def _reviewer(organization):
    from gongkai.accounts.factories import user_with_role
    from gongkai.accounts.models import Role

    return user_with_role(organization, Role.REVIEWER)


def test_supervisor_sees_which_units_have_not_published(client, county_tree, settings):
    county, department, township, institution, users = county_tree
    publish_report(department, users["department"], users["department_reviewer"], 2021, on=D("2022-01-20"))
    client.force_login(users["supervisor"])
    page = client.get(reverse("reports_staff:deadlines"), {"year": 2021}).content.decode()
    assert "2021年度年报公布情况" in page
    assert "测试县教育和体育局" in page and "按时公布" in page and "2022-01-20" in page
    assert "测试县甲镇人民政府" in page and "逾期未公布" in page
    assert "2022-03-31" in page  # the county government's own deadline
    assert "测试县人民医院" not in page
    client.force_login(users["department"])
    assert client.get(reverse("reports_staff:deadlines")).status_code == 403


def test_a_years_report_is_neither_created_nor_published_before_the_year_ends(county_tree, monkeypatch):
    from gongkai.core.services import ActionRefused
    from gongkai.reports.models import AnnualReport

    county, department, township, institution, users = county_tree
    monkeypatch.setattr("gongkai.reports.services.timezone.localdate", lambda: D("2026-12-03"))
    # 2026-12-03: December is not over, so the 2026 report cannot be written yet.
    with pytest.raises(ActionRefused, match="2026年度尚未结束：该年度的年报须在2027年1月1日以后编写和公布。"):
        services.create_report(users["department"], department, 2026)
    # A report created once the year ended is not published with an earlier date either.
    monkeypatch.setattr("gongkai.reports.services.timezone.localdate", lambda: D("2027-01-04"))
    with pytest.raises(ActionRefused, match="2026年度尚未结束"):
        publish_report(department, users["department"], users["department_reviewer"], 2026, on=D("2026-12-31"))
    report = AnnualReport.objects.get(organization=department, year=2026)
    assert report.state == AnnualReport.State.SUBMITTED
    published = services.publish(users["department_reviewer"], report, opinion="经审查，不涉及国家秘密。",
                                 secrecy_checked=True)
    assert published.published_on == D("2027-01-04")
