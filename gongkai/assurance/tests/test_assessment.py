"""The 绩效考核 computed from seeded data, with the figures worked out by hand in the comments."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gongkai.assurance import assessment as figures
from gongkai.assurance.factories import TrainingSessionFactory
from gongkai.assurance.models import Assessment, Attendance, TrainingSession
from gongkai.assurance.services import assessment as services
from gongkai.core.services import ActionRefused
from gongkai.inspection.models import Run, Score
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization
from gongkai.reports.models import AnnualReport
from gongkai.requests.choices import State as CaseState
from gongkai.requests.factories import received_case
from gongkai.requests.models import ClockEvent
from gongkai.requests.services.common import sync_dates
from gongkai.workplan.choices import Progress, ReportState, Role
from gongkai.workplan.models import Plan, ProgressReport, Responsibility, Task

pytestmark = pytest.mark.django_db
YEAR = 2026
TODAY = dt.date(2026, 12, 1)


def run_with(scores: dict, day: dt.date):
    run = Run.objects.create(trigger=Run.Trigger.MANUAL, checked_on=day, finished_at=timezone.now())
    for org, (score, vetoed) in scores.items():
        Score.objects.create(run=run, organization=org, score=score, vetoed=vetoed, qualified=not vetoed)


def replied(org, received: dt.date, on: dt.date):
    case = received_case(org, received, state=CaseState.REPLIED)
    ClockEvent.objects.create(case=case, kind=ClockEvent.Kind.REPLIED, on=on, label="答复")
    sync_dates(case)
    case.save()


@pytest.fixture
def seeded(county):
    dept, town = county.department, county.township
    # 检查指标: 县教体局 90 then 80 with a 单项否决 → (90 + 0) / 2 = 45 → rate 0.45; 东里镇 100, 100 → 1.
    run_with({dept: (90, False), town: (100, False)}, dt.date(YEAR, 3, 1))
    run_with({dept: (80, True), town: (100, False)}, dt.date(YEAR, 9, 1))
    run_with({dept: (0, True), town: (0, True)}, dt.date(YEAR - 1, 9, 1))  # last year: not counted
    # 依申请公开: 县教体局 one reply on time (8 days), one 4 months late → 1/2; 东里镇 none → not applicable.
    replied(dept, dt.date(YEAR, 3, 2), dt.date(YEAR, 3, 10))
    replied(dept, dt.date(YEAR, 3, 2), dt.date(YEAR, 7, 1))
    # 年度报告 of 2025 (due 2026-01-31): 县教体局 on time → 1; 东里镇 late → 0.5.
    AnnualReport.objects.create(organization=dept, year=YEAR - 1, state=AnnualReport.State.PUBLISHED,
                                published_on=dt.date(YEAR, 1, 20))
    AnnualReport.objects.create(organization=town, year=YEAR - 1, state=AnnualReport.State.PUBLISHED,
                                published_on=dt.date(YEAR, 2, 10))
    # 工作要点 2026: 县教体局 leads two requirements, accepted at 100 % and 50 % → 75 % → 0.75; 东里镇 none.
    plan = Plan.objects.create(organization=county.government, title="2026年政务公开工作要点", year=YEAR)
    parent = Task.objects.create(plan=plan, text="一、公开工作", position=1)
    for n, percent in enumerate([100, 50], start=2):
        task = Task.objects.create(plan=plan, parent=parent, text=f"要求{n}", position=n)
        Responsibility.objects.create(task=task, organization=dept, role=Role.LEAD)
        ProgressReport.objects.create(task=task, organization=dept, text="进展", percent=percent,
                                      status=Progress.IN_PROGRESS, state=ReportState.ACCEPTED)
        ProgressReport.objects.create(task=task, organization=dept, text="未确认", percent=0,
                                      status=Progress.IN_PROGRESS, state=ReportState.SUBMITTED)
    # 培训 (2 required, organised by the 政务公开办): 县教体局 1 session → 0.5; 东里镇 2 sessions → 1.
    first = TrainingSessionFactory(organization=county.government, held_on=dt.date(YEAR, 4, 1))
    second = TrainingSessionFactory(organization=county.government, held_on=dt.date(YEAR, 6, 1))
    Attendance.objects.create(session=first, organization=dept, name="张三")
    Attendance.objects.create(session=first, organization=dept, name="李四")  # same session: counted once
    Attendance.objects.create(session=first, organization=town, name="王五")
    Attendance.objects.create(session=second, organization=town, name="王五")
    assessment = services.create_assessment(county.supervisor, YEAR)
    services.add_manual_item(county.supervisor, assessment, dept, "2", "经验做法被省政府网站采用")
    services.add_manual_item(county.supervisor, assessment, town, "-1.5", "通报问题整改不及时")
    return assessment


def test_the_figures_are_as_worked_out_by_hand(county, seeded):
    sheets = {s.organization.pk: s for s in figures.compute(seeded, TODAY)}
    dept, town = sheets[county.department.pk], sheets[county.township.pk]
    rates = {p.key: p.rate for p in dept.parts}
    assert rates == {"inspection": Decimal("0.45"), "requests": Decimal("0.5"), "reports": Decimal(1),
                     "workplan": Decimal("0.75"), "training": Decimal("0.5"),
                     "standards": None}  # no 标准目录 assigned to the unit: the part is left out
    # 40×0.45 + 20×0.5 + 10×1 + 15×0.75 + 5×0.5 = 18 + 10 + 10 + 11.25 + 2.5 = 51.75 of 90 → 57.5; +2 → 59.5
    assert dept.base == Decimal("57.5") and dept.total == Decimal("59.5")
    assert {p.key: p.rate for p in town.parts} == {"inspection": Decimal(1), "requests": None,
                                                    "reports": Decimal("0.5"), "workplan": None,
                                                    "training": Decimal(1), "standards": None}
    # 40×1 + 10×0.5 + 5×1 = 50 of 55 → 90.909… → 90.9; −1.5 → 89.4
    assert town.base == Decimal("90.9") and town.total == Decimal("89.4")
    assert (town.rank, dept.rank) == (1, 2)
    assert "2次检查，平均85.0分，1次单项否决" == dept.parts[0].detail
    assert "2件中按期答复1件" == dept.parts[1].detail
    # 标准目录 is left out for a unit without an assigned 领域
    assert rates["standards"] is None


def test_a_party_office_is_not_assessed(county, seeded):
    """A 党委工作机关 is outside the 条例 (organizations.is_under_regulation): it has no sheet in the county's
    政务公开 绩效考核 and takes no 加减分."""
    party = OrganizationFactory(parent=county.government, kind=Organization.Kind.PARTY, name="中共测试县委宣传部")
    assert party not in figures.assessed_units(seeded)
    assert {s.organization.pk for s in figures.compute(seeded, TODAY)} == {county.department.pk, county.township.pk}
    with pytest.raises(ActionRefused):
        services.add_manual_item(county.supervisor, seeded, party, "1", "宣传工作突出")


def test_weights_change_the_ranking(county, seeded):
    services.update_weights(county.supervisor, seeded, {"weight_inspection": 0, "weight_training": 50})
    sheets = {s.organization.pk: s for s in figures.compute(Assessment.objects.get(pk=seeded.pk), TODAY)}
    # 县教体局: 20×0.5 + 10×1 + 15×0.75 + 50×0.5 = 56.25 of 95 → 59.2; 东里镇: 10×0.5 + 50×1 = 55 of 60 → 91.7
    assert sheets[county.department.pk].base == Decimal("59.2")
    assert sheets[county.township.pk].base == Decimal("91.7")
    with pytest.raises(ActionRefused):
        services.update_weights(county.dept_admin, seeded, {"weight_training": 100})


def test_publish_freezes_the_ranking_and_units_see_only_their_own_sheet(county, seeded, client):
    url = reverse("assurance:unit_sheet", args=[seeded.pk, county.department.pk])
    other = reverse("assurance:unit_sheet", args=[seeded.pk, county.township.pk])
    client.force_login(county.dept_editor)
    assert client.get(url).status_code == 404  # not published yet
    services.publish(county.supervisor, seeded)
    page = client.get(url).content.decode()
    assert "59.5" in page and "经验做法被省政府网站采用" in page
    # 完成率 as percentages, not the stored fractions
    assert "50%" in page and "75%" in page and "100%" in page and "0.5000" not in page
    assert client.get(other).status_code == 404
    assert client.get(reverse("assurance:assessment", args=[seeded.pk])).status_code == 404
    assert client.get(reverse("assurance:assessment_export", args=[seeded.pk])).status_code == 404
    with pytest.raises(ActionRefused):
        services.add_manual_item(county.supervisor, seeded, county.department, "1", "公布后不能再改")
    Attendance.objects.all().delete()  # later changes of the data do not move a published ranking
    frozen = Assessment.objects.get(pk=seeded.pk)
    assert [row["total"] for row in services.sheets(frozen)] == ["89.4", "59.5"]


def test_the_xlsx_export_for_the_assessment_office(county, seeded, client):
    client.force_login(county.supervisor)
    services.publish(county.supervisor, seeded)
    response = client.get(reverse("assurance:assessment_export", args=[seeded.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "测试县人民政府2026年度政务公开工作绩效考核"
    header = [c.value for c in sheet[3]]
    assert header[:3] == ["名次", "单位", "检查指标得分（40）"] and header[-4:] == ["基础得分", "加减分", "总分", "备注"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert [(r[0], r[1], r[-2]) for r in rows] == [(1, "东里镇", 89.4), (2, "县教体局", 59.5)]
    assert rows[0][3] == "不适用"
    assert "经验做法被省政府网站采用" in rows[1][-1]


def test_a_refused_manual_item_says_why(county, seeded, client):
    client.force_login(county.supervisor)
    url = reverse("assurance:manual_add", args=[seeded.pk])
    data = {"m-organization": county.department.pk, "m-points": "1"}
    page = client.post(url, data | {"m-reason": "理" * 100_000}, follow=True).content.decode()
    assert "理由：" in page and "300" in page
    page = client.post(url, data | {"m-reason": "理由\x00"}, follow=True).content.decode()
    assert "不能包含空字符（NUL）" in page
    page = client.post(url, data | {"m-reason": ""}, follow=True).content.decode()
    assert "请填写加减分的理由。" in page
    from gongkai.assurance.models import ManualItem

    assert ManualItem.objects.filter(assessment=seeded).count() == 2  # the two of the fixture


def test_a_unit_cannot_raise_its_own_training_score_by_recording_its_own_sessions(county, seeded, client):
    """Audit H1: 县教体局's administrator recorded two sessions of its own with its own people → 参加政务公开培训
    went from 0.5 to full marks. Only sessions the 政务公开办 organised count."""
    from gongkai.assurance.services import training

    client.force_login(county.dept_admin)
    for day in ("2026-05-01", "2026-05-02"):
        response = client.post(reverse("assurance:session_create"), {
            "held_on": day, "topic": "本单位学习", "level": "department", "trainer": "本局", "hours": "0.5"})
        assert response.status_code == 302
    for session in TrainingSession.objects.filter(organization=county.department):
        training.add_attendance(county.dept_admin, session, county.department, "赵六")
    sheets = {s.organization.pk: s for s in figures.compute(seeded, TODAY)}
    part = next(p for p in sheets[county.department.pk].parts if p.key == "training")
    assert part.rate == Decimal("0.5") and part.detail == "参加政务公开办组织的培训1次（应参加2次）"


def test_a_double_submitted_manual_item_is_recorded_once(county, seeded, client):
    """Audit M1: the 加减分 form posted twice stored two items."""
    client.force_login(county.supervisor)
    page = client.get(reverse("assurance:assessment", args=[seeded.pk])).content.decode()
    token = page.split('name="m-form_token" value="')[1].split('"')[0]
    data = {"m-organization": county.township.pk, "m-points": "5", "m-reason": "经验做法被采用", "m-form_token": token}
    url = reverse("assurance:manual_add", args=[seeded.pk])
    client.post(url, data)
    page = client.post(url, data, follow=True).content.decode()
    assert "已经登记过" in page
    assert seeded.manual_items.filter(organization=county.township).count() == 2  # the fixture's −1.5 and this one


def test_a_forged_manual_item_token_asks_to_fill_the_form_again(county, seeded, client):
    """The refusal redirects to the page, whose form is empty: it says to fill it in again, not to reload."""
    client.force_login(county.supervisor)
    data = {"m-organization": county.township.pk, "m-points": "5", "m-reason": "经验做法被采用", "m-form_token": "forged"}
    page = client.post(reverse("assurance:manual_add", args=[seeded.pk]), data, follow=True).content.decode()
    assert "表单已失效，加减分未登记，请重新填写后提交。" in page and "刷新" not in page
    assert seeded.manual_items.filter(organization=county.township).count() == 1  # the fixture's −1.5


def test_manual_items_add_up_to_at_most_20_and_a_total_to_at_most_100(county, seeded):
    """Audit M1: three items of 20 took 东里镇 to 总分 104.4. The net of a unit's items is at most ±20 and a
    total never passes 100."""
    town = county.township
    services.add_manual_item(county.supervisor, seeded, town, "20", "省级表彰")  # −1.5 + 20 = 18.5
    with pytest.raises(ActionRefused, match="合计不能超出±20分"):
        services.add_manual_item(county.supervisor, seeded, town, "20", "再次表彰")
    with pytest.raises(ActionRefused, match="合计不能超出±20分"):
        services.add_manual_item(county.supervisor, seeded, town, "2", "经验推广")
    services.add_manual_item(county.supervisor, seeded, town, "1.5", "经验推广")  # net 20
    sheet = next(s for s in figures.compute(seeded, TODAY) if s.organization == town)
    assert sheet.manual_points == Decimal(20) and sheet.base == Decimal("90.9")
    assert sheet.total == Decimal(100)  # 110.9 capped


def _ranking(page: str) -> list[str]:
    """The ranking table's rows as text: 「2 并列 县教体局 …」."""
    body = page.split('id="ranking-heading"')[1].split("</tbody>")[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)[1:]]


def test_equal_totals_share_a_rank_in_the_page_the_sheet_and_the_export(county, client):
    """Standard competition ranking (1, 2, 2, 4): two units with the same 总分 are 并列第2, the next is 4th —
    not 2nd and 3rd by the order they happen to be listed in (review)."""
    units = [county.department, county.township,
             OrganizationFactory(parent=county.government, name="测试县司法局", short_name="县司法局", sort_order=4),
             OrganizationFactory(parent=county.government, name="测试县民政局", short_name="县民政局", sort_order=5)]
    assessment = services.create_assessment(county.supervisor, YEAR)  # no data: every base is 0
    for unit, points in zip(units, ["3", "2", "2"], strict=False):
        services.add_manual_item(county.supervisor, assessment, unit, points, "加分")
    client.force_login(county.supervisor)
    response = client.get(reverse("assurance:assessment_export", args=[assessment.pk]))
    rows = [[c.value for c in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=4)]
    assert [(r[0], r[1], r[-2]) for r in rows] == [(1, "县教体局", 3.0), (2, "东里镇", 2.0), (2, "县司法局", 2.0),
                                                   (4, "县民政局", 0.0)]
    page = client.get(reverse("assurance:assessment", args=[assessment.pk])).content.decode()
    assert [row.split()[:3] for row in _ranking(page)] == [
        ["1", "县教体局", "—"], ["2", "并列", "东里镇"], ["2", "并列", "县司法局"], ["4", "县民政局", "—"]]
    sheet = client.get(reverse("assurance:unit_sheet", args=[assessment.pk, units[2].pk])).content.decode()
    assert "名次 2 / 4（并列）" in sheet
    services.publish(county.supervisor, assessment)  # frozen: the same shared ranks
    assert [(row["rank"], row["tied"]) for row in services.sheets(Assessment.objects.get(pk=assessment.pk))] == [
        (1, False), (2, True), (2, True), (4, False)]


def test_a_ranking_published_before_ties_shared_a_rank_is_read_with_shared_ranks(county, seeded, client):
    services.publish(county.supervisor, seeded)
    stored = Assessment.objects.get(pk=seeded.pk)
    stored.results = [dict(row, total="70.0", rank=n) for n, row in enumerate(stored.results, start=1)]
    stored.save(update_fields=["results"])
    assert [(row["rank"], row["tied"]) for row in services.sheets(stored)] == [(1, True), (1, True)]
    client.force_login(county.supervisor)
    page = client.get(reverse("assurance:assessment", args=[seeded.pk])).content.decode()
    assert [row.split()[:2] for row in _ranking(page)] == [["1", "并列"], ["1", "并列"]]


def test_a_published_ranking_shows_its_column_headings_in_the_readers_language(county, seeded, client):
    """The published ranking stores each part's label as text: published from Chinese, /en/ showed Chinese
    headings (and an English-published one would show English to Chinese readers)."""
    from django.utils import translation

    with translation.override("en"):
        services.publish(county.supervisor, seeded)
    client.force_login(county.supervisor)
    chinese = client.get(reverse("assurance:assessment", args=[seeded.pk])).content.decode()
    assert "检查指标得分" in chinese and "依申请公开按期答复" in chinese
    with translation.override("en"):
        response = client.get(reverse("assurance:assessment", args=[seeded.pk]))
    english = response.content.decode()
    assert response.status_code == 200 and "名次" not in english  # the English page
    assert "检查指标得分" not in english and "依申请公开按期答复" not in english
