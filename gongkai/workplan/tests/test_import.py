"""Importing the seed's 任务分解表: the tree, the units (matched, never invented), the proposed deadlines."""

import datetime as dt

import pytest

from gongkai.core.services import ActionRefused
from gongkai.workplan import services
from gongkai.workplan.choices import DeadlineKind, Period, Role
from gongkai.workplan.models import Deadline, Occurrence, Responsibility, Task
from gongkai.workplan.tabletext import TableRow
from gongkai.workplan.tests.county import seed_plan, seed_table

pytestmark = pytest.mark.django_db


def test_the_seed_table_becomes_the_plans_task_tree(county):
    plan, report = seed_plan(county)
    tasks = list(Task.objects.filter(plan=plan))
    leaves = [t for t in tasks if not any(c.parent_id == t.id for c in tasks)]
    # 73 rows; the 应急预案 row's six categories are six requirements below it.
    assert len(seed_table().rows) == 73 and len(leaves) == report.requirements == 78
    assert [t.text for t in tasks if t.parent_id is None] == [
        "进一步拓展公开广度和深度", "进一步推进行政决策、执行、管理、服务和结果全过程公开",
        "推进基层政务公开标准化规范化全覆盖", "强化政务信息管理和公开平台建设", "强化组织保障和基础工作"]
    assert report.unmatched == {}
    assert "全部责任单位均已匹配到本县机构" in report.summary()
    # Tasks keep the document's order.
    assert [t.position for t in tasks] == sorted(t.position for t in tasks)


def test_units_leads_and_notes(county):
    plan, _report = seed_plan(county)
    culture = Task.objects.get(plan=plan, text__startswith="文旅融合发展攻坚行动")
    roles = {(r.organization.short_name, r.role) for r in culture.responsibilities.select_related("organization")}
    assert ("县文化和旅游局", Role.LEAD) in roles and ("县委宣传部", Role.SUPPORT) in roles
    assert ("南麻街道", Role.SUPPORT) in roles and len(roles) == 14
    assert culture.responsibility_note == "有关部门、有关单位"
    assert culture.responsibility_text.startswith("县文化和旅游局，县委宣传部")  # full-width, as the demo reads the seed
    fiscal = Task.objects.get(plan=plan, text__startswith="继续推进财政预决算")
    assert fiscal.responsibilities.filter(role=Role.LEAD).count() == 12
    assert not fiscal.responsibilities.filter(role=Role.SUPPORT).exists()
    assert fiscal.responsibility_note == "县政府有关部门、单位"


def test_deadlines_are_proposed_not_confirmed(county):
    plan, report = seed_plan(county)
    deadlines = Deadline.objects.filter(task__plan=plan)
    assert report.deadlines == deadlines.count() == 11
    assert not deadlines.filter(confirmed_at__isnull=False).exists()
    assert not Occurrence.objects.filter(deadline__task__plan=plan).exists()
    business = Task.objects.get(plan=plan, text__startswith="做好深化“一窗受理")
    assert [(d.kind, d.period, d.due_on) for d in business.deadlines.all()] == [
        (DeadlineKind.RECURRING, Period.QUARTER, None), (DeadlineKind.ONCE, "", dt.date(2020, 7, 31))]
    filing = Task.objects.get(plan=plan, text__startswith="以完善内部机制为抓手")
    assert [(d.kind, d.event_label, d.event_days) for d in filing.deadlines.all()] == [
        (DeadlineKind.EVENT, "办理完结", 3)]


def test_confirming_creates_the_occurrences(county):
    plan, _report = seed_plan(county)
    business = Task.objects.get(plan=plan, text__startswith="做好深化“一窗受理")
    quarterly, once = business.deadlines.all()
    services.confirm_deadline(county.supervisor, quarterly)
    # The plan is dated 2020-08-10: its quarterly work runs from the third quarter to the year's end.
    assert list(quarterly.occurrences.values_list("label", "due_on")) == [
        ("2020年第3季度", dt.date(2020, 9, 30)), ("2020年第4季度", dt.date(2020, 12, 31))]
    services.confirm_deadline(county.supervisor, once, {"kind": DeadlineKind.ONCE, "due_on": dt.date(2020, 8, 31)})
    assert list(once.occurrences.values_list("due_on", flat=True)) == [dt.date(2020, 8, 31)]
    assert services.confirm_all(county.supervisor, plan) == 9
    assert not Deadline.objects.filter(task__plan=plan, confirmed_at__isnull=True).exists()


def test_only_the_supervisor_imports_and_only_once(county):
    plan, _report = seed_plan(county)
    with pytest.raises(ActionRefused, match="不能重复导入"):
        services.import_rows(county.supervisor, plan, seed_table().rows)
    other = services.create_plan(county.supervisor, county.orgs["bgs"], {"title": "另一份要点", "year": 2021})
    with pytest.raises(ActionRefused, match="仅限政务公开办"):
        services.import_rows(county.editor("bgs"), other, seed_table().rows)
    assert not other.tasks.exists()


def test_unmatched_units_are_reported_and_no_organization_is_created(county):
    from gongkai.organizations.models import Organization

    plan = services.create_plan(county.supervisor, county.orgs["bgs"], {"title": "测试要点", "year": 2021})
    before = Organization.objects.count()
    report = services.import_rows(county.supervisor, plan, [
        TableRow(("一、公开", "公开气象预警信息"), "县气象局、县应急局"),
        TableRow(("一、公开", "公开烟草专卖许可"), "县烟草专卖局"),
    ])
    assert Organization.objects.count() == before
    assert set(report.unmatched) == {"县气象局", "县烟草专卖局"}
    weather = Task.objects.get(plan=plan, text="公开气象预警信息")
    assert weather.unmatched_units == "县气象局"
    # The unknown unit was named first: no lead is assumed, the known unit takes part.
    assert list(weather.responsibilities.values_list("organization__short_name", "role")) == [("县应急局", Role.SUPPORT)]
    assert "未能匹配到本县机构的单位名称" in report.summary()


def test_a_supervisor_edits_a_task_and_its_units(county):
    plan, _report = seed_plan(county)
    task = Task.objects.get(plan=plan, text__startswith="持续推进国资监管")
    services.update_task(county.supervisor, task, {"weight": 3, "responsibility_text": "县财政局（牵头）、各镇（街道）"})
    task.refresh_from_db()
    assert task.weight == 3
    assert list(Responsibility.objects.filter(task=task, role=Role.LEAD).values_list("organization__short_name",
                                                                                     flat=True)) == ["县财政局"]
    with pytest.raises(ActionRefused, match="权重"):
        services.update_task(county.supervisor, task, {"weight": 0})


def test_the_load_workplan_command_reads_pdf_text_and_reports_unmatched_names(county, tmp_path):
    import io

    from django.core.management import call_command

    from gongkai.demo.seed import SEED_PATH
    from gongkai.workplan.models import Plan

    out = io.StringIO()
    call_command("load_workplan", str(SEED_PATH), "--organization", "沂源县人民政府办公室", "--user", "gkb",
                 "--title", "沂源县2020年政务公开工作要点", "--year", "2020", "--doc-number", "源政办字〔2020〕66号",
                 "--issued-on", "2020-08-10", stdout=out)
    plan = Plan.objects.get()
    assert plan.tasks.count() == 105 and "全部责任单位均已匹配到本县机构" in out.getvalue()
    assert "分页重复的行已跳过：1 行" in out.getvalue()
    other = tmp_path / "plan.txt"
    other.write_text("工作任务\t具体要求\t责任单位\n一、公开\t公开气象信息\t县气象局、县应急局\n", encoding="utf-8")
    call_command("load_workplan", str(other), "--organization", "沂源县人民政府办公室", "--user", "gkb",
                 "--title", "测试", "--year", "2021", stdout=out)
    assert "未匹配：县气象局" in out.getvalue()
