"""Who leads a requirement of the seed's 任务分解表, and the board's percentages that follow from it:
「各镇（街道）和县X局」 rows are led by the department, the 应急预案 row's categories by their own units, and a
lead's accepted report sets the requirement's percent (50 % reported, 50 % shown)."""

import re

import pytest
from django.urls import reverse

from gongkai.workplan import services
from gongkai.workplan.choices import Progress, Role
from gongkai.workplan.models import Task
from gongkai.workplan.progress import plan_progress
from gongkai.workplan.tests.county import seed_plan

pytestmark = pytest.mark.django_db
AGRICULTURE = "深度调整农业供给侧结构进展、执行情况"  # 各镇(街道)和县农业农村局
EMERGENCY = "加强各级各类应急预案公开"


@pytest.fixture
def plan(county):
    plan, _report = seed_plan(county)
    plan.is_public = True
    plan.save()
    return plan


def roles(task) -> dict[str, list[str]]:
    found = {Role.LEAD: [], Role.SUPPORT: []}
    for resp in task.responsibilities.select_related("organization").order_by("position"):
        found[resp.role].append(resp.organization.short_name)
    return found


def accepted(county, task, key, percent, status=Progress.IN_PROGRESS):
    report = services.submit_report(county.editor(key), task, county.orgs[key],
                                    {"text": "2020年上半年进展已公开。", "percent": percent, "status": status})
    services.review_report(county.supervisor, report, accept=True)
    return report


def board_cell(html: str, task: Task) -> str:
    row = re.search(rf'<tr id="task-{task.pk}".*?</tr>', html, re.S).group(0)
    return re.search(r'<span class="wp-percent">(\d+)%</span>', row).group(1)


def test_townships_and_a_department_the_department_leads(county, plan):
    task = Task.objects.get(plan=plan, text=AGRICULTURE)
    found = roles(task)
    assert found[Role.LEAD] == ["县农业农村局"]
    assert len(found[Role.SUPPORT]) == 12 and "南麻街道" in found[Role.SUPPORT]
    # Only notes after 和: the townships lead.
    fiscal = Task.objects.get(plan=plan, text__startswith="继续推进财政预决算")
    assert len(roles(fiscal)[Role.LEAD]) == 12


def test_the_emergency_plan_categories_are_requirements_with_their_units(county, plan):
    parent = Task.objects.get(plan=plan, text__startswith=EMERGENCY)
    assert not parent.responsibilities.exists()
    children = list(Task.objects.filter(parent=parent).order_by("position"))
    assert [c.text for c in children] == ["各镇（街道）应急预案", "县总体预案", "县自然灾害类专项预案", "县事故灾害类专项预案",
                                          "县公共卫生类专项预案", "县社会安全类专项预案"]
    by_text = {c.text: roles(c) for c in children}
    assert len(by_text["各镇（街道）应急预案"][Role.LEAD]) == 12
    assert by_text["县总体预案"] == {Role.LEAD: ["县应急局"], Role.SUPPORT: []}
    assert by_text["县公共卫生类专项预案"] == {Role.LEAD: ["县卫生健康局"], Role.SUPPORT: ["县农业农村局", "县市场监管局"]}
    assert children[2].responsibility_text.startswith("县应急局、县综合行政执法局")


def test_a_leads_accepted_fifty_percent_shows_fifty_percent(client, county, plan):
    task = Task.objects.get(plan=plan, text=AGRICULTURE)
    general = Task.objects.get(plan=plan, text="县总体预案")
    accepted(county, task, "nmjd", 100, Progress.DONE)  # a supporting township's report does not count
    progress = plan_progress(plan)
    assert (progress[task.pk].percent, progress[task.pk].status) == (0, Progress.NOT_STARTED)
    accepted(county, task, "nyncj", 50)
    accepted(county, general, "yjj", 50)
    progress = plan_progress(plan)
    assert (progress[task.pk].percent, progress[task.pk].status) == (50, Progress.IN_PROGRESS)
    assert progress[general.pk].percent == 50
    # The 应急预案 requirement is the average of its six categories.
    assert progress[general.parent_id].percent == 8
    html = client.get(reverse("workplan:board", args=[plan.pk])).content.decode()
    assert board_cell(html, task) == "50" and board_cell(html, general) == "50"
    unit = client.get(reverse("workplan:unit", args=[plan.pk, county.orgs["nyncj"].pk])).content.decode()
    row = next(part for part in unit.split("<tr>") if AGRICULTURE in part)
    assert "牵头" in row and "推进中 50%" in row and '<span class="wp-percent">50%</span>' in row


def test_the_migration_gives_plans_imported_before_the_department_lead(county, plan):
    from importlib import import_module

    from django.apps import apps

    from gongkai.workplan.models import Responsibility

    task = Task.objects.get(plan=plan, text=AGRICULTURE)
    zone_row = Task.objects.get(plan=plan, text__startswith="围绕强基础、提内涵")  # 各镇(街道)、沂源经济开发区和县发展改革局
    fiscal = Task.objects.get(plan=plan, text__startswith="继续推进财政预决算")
    for old in (task, zone_row):  # as the import stored them before: the townships lead
        Responsibility.objects.filter(task=old).update(role=Role.SUPPORT)
        Responsibility.objects.filter(task=old, organization__kind="township").update(role=Role.LEAD)
    import_module("gongkai.workplan.migrations.0002_department_leads_township_rows").forwards(apps, None)
    assert roles(task)[Role.LEAD] == ["县农业农村局"] and len(roles(task)[Role.SUPPORT]) == 12
    assert roles(zone_row)[Role.LEAD] == ["县发展改革局"] and "沂源经济开发区" in roles(zone_row)[Role.SUPPORT]
    assert len(roles(fiscal)[Role.LEAD]) == 12  # only notes after 和: unchanged
