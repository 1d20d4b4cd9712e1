"""Hostile and careless input in the work plan: control characters (the XLSX export cannot hold them),
personal numbers in what /gzyd/ publishes, a deadline submitted twice, 「N个工作日内」 counted in working
days, and deadlines the import cannot set named in its summary."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.core.services import ActionRefused
from gongkai.workplan import services
from gongkai.workplan.choices import DayKind, DeadlineKind, Progress
from gongkai.workplan.deadlines import parse_deadlines
from gongkai.workplan.forms import DeadlineForm, PlanForm, ReportForm, ReviewForm, TaskForm
from gongkai.workplan.models import Deadline, Plan, ProgressReport
from gongkai.workplan.tabletext import TableRow
from gongkai.workplan.tests.test_reports import plan, task  # noqa: F401 (the plan fixture)
from gongkai.workplan.views_common import deadline_cell

pytestmark = pytest.mark.django_db
SITE = "2021年6月30日前完成网站改版"


def test_control_characters_are_refused_in_plans_tasks_deadlines_and_reports(county, plan):  # noqa: F811
    with pytest.raises(ActionRefused, match="控制字符"):
        services.create_plan(county.supervisor, county.orgs["bgs"], {"title": "要点\x1b", "year": 2021})
    with pytest.raises(ActionRefused, match="控制字符"):
        services.update_plan(county.supervisor, plan, {"title": "要点\x07"})
    site = task(plan, SITE)
    with pytest.raises(ActionRefused, match="控制字符"):
        services.update_task(county.supervisor, site, {"text": "网站\x0b改版"})
    with pytest.raises(ActionRefused, match="控制字符"):
        services.add_deadline(county.supervisor, site, {"kind": "event", "event_label": "\x1b\x1b", "event_days": 3})
    with pytest.raises(ActionRefused, match="控制字符"):
        services.submit_report(county.editor("bgs"), site, county.orgs["bgs"],
                               {"text": "已完成\x1b", "percent": 50, "status": Progress.IN_PROGRESS})
    made = services.submit_report(county.editor("bgs"), site, county.orgs["bgs"],
                                  {"text": "已完成一半", "percent": 50, "status": Progress.IN_PROGRESS})
    with pytest.raises(ActionRefused, match="控制字符"):
        services.review_report(county.supervisor, made, accept=False, comment="请补充\x07")
    assert Plan.objects.get(pk=plan.pk).title == "2021年政务公开工作要点"
    assert "\x0b" not in task(plan, SITE).text and not Deadline.objects.filter(event_label__contains="\x1b").exists()
    for form in (PlanForm(data={"title": "要点\x1b", "year": 2021, "task_levels": 2}),
                 TaskForm(data={"text": "任务\x1b", "weight": 1}),
                 DeadlineForm(data={"kind": "event", "event_label": "\x1b", "event_days": 3}),
                 ReviewForm(data={"decision": "return", "comment": "\x07"})):
        assert not form.is_valid() and "控制字符" in str(form.errors)
    form = ReportForm(data={"text": "进展\x1b", "status": "in_progress", "percent": 1})
    assert not form.is_valid() and "控制字符" in str(form.errors["text"])


def test_the_export_of_a_plan_stored_with_a_control_character_is_refused_at_entry(client, county, plan):  # noqa: F811
    client.force_login(county.supervisor)
    response = client.post(reverse("workplan_staff:plan_edit", kwargs={"plan_id": plan.pk}),
                           {"title": "要点\x1b", "year": 2021, "task_levels": 2})
    assert response.status_code in (200, 400) and "控制字符" in response.content.decode()
    assert client.get(reverse("workplan_staff:plan_export", kwargs={"plan_id": plan.pk})).status_code == 200


@pytest.mark.parametrize("text", ["走访张三（身份证370323199001011234）", "联系人张三13812345678", "联系 +86 138 1234 5678"])
def test_a_report_with_a_personal_number_is_refused(county, plan, text):  # noqa: F811
    with pytest.raises(ActionRefused, match="身份证号码|手机号码"):
        services.submit_report(county.editor("bgs"), task(plan, SITE), county.orgs["bgs"],
                               {"text": text, "percent": 50, "status": Progress.IN_PROGRESS})
    assert not ProgressReport.objects.exists()


def test_a_report_stored_before_the_check_is_published_masked(client, county, plan):  # noqa: F811
    made = services.submit_report(county.editor("bgs"), task(plan, SITE), county.orgs["bgs"],
                                  {"text": "联系电话0533-3241234", "percent": 50, "status": Progress.IN_PROGRESS})
    services.review_report(county.supervisor, made, accept=True)
    ProgressReport.objects.filter(pk=made.pk).update(text="联系人张三13812345678，身份证370323199001011234")
    plan.is_public = True
    plan.save()
    page = client.get(reverse("workplan:board", kwargs={"plan_id": plan.pk})).content.decode()
    assert "138****5678" in page and "13812345678" not in page and "370323199001011234" not in page


def test_a_deadline_submitted_twice_is_set_once(client, county, plan):  # noqa: F811
    site = task(plan, SITE)
    client.force_login(county.supervisor)
    page = client.get(reverse("workplan_staff:task", kwargs={"task_id": site.pk})).content.decode()
    import re

    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    add = reverse("workplan_staff:deadline_add", kwargs={"task_id": site.pk})
    data = {"kind": "once", "due_on": "2021-09-30", "form_token": token}
    assert client.post(add, data).status_code == 302
    response = client.post(add, data, follow=True)
    assert "已经设定过" in response.content.decode()
    assert Deadline.objects.filter(task=site, due_on=dt.date(2021, 9, 30)).count() == 1
    with pytest.raises(ActionRefused, match="相同的完成时限"):
        services.add_deadline(county.supervisor, site, {"kind": "once", "due_on": dt.date(2021, 9, 30)})
    assert Deadline.objects.filter(task=site, due_on=dt.date(2021, 9, 30)).count() == 1


def test_working_day_deadlines_are_read_stored_and_shown(client, county, plan):  # noqa: F811
    (parsed,) = parse_deadlines("收到通知后十五个工作日内完成", 2020)
    assert (parsed.kind, parsed.event_days, parsed.event_day_kind) == (DeadlineKind.EVENT, 15, DayKind.WORKING)
    assert parse_deadlines("办理完结后3日内备案", 2020)[0].event_day_kind == DayKind.CALENDAR
    site = task(plan, SITE)
    client.force_login(county.supervisor)
    page = client.get(reverse("workplan_staff:task", kwargs={"task_id": site.pk})).content.decode()
    assert 'value="working"' in page
    import re

    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    client.post(reverse("workplan_staff:deadline_add", kwargs={"task_id": site.pk}), {
        "kind": "event", "event_label": "收到通知", "event_days": 15, "event_day_kind": "working",
        "form_token": token})
    added = Deadline.objects.get(task=site, kind=DeadlineKind.EVENT)
    assert added.event_day_kind == DayKind.WORKING
    site.deadline_text = ""
    assert "收到通知后15个工作日内" in deadline_cell(site)
    page = client.get(reverse("workplan_staff:task", kwargs={"task_id": site.pk})).content.decode()
    assert "收到通知后15个工作日内" in page


def test_the_import_names_the_deadlines_it_cannot_set(county):
    plan2020 = services.create_plan(county.supervisor, county.orgs["bgs"], {"title": "2020年要点", "year": 2020})
    report = services.import_rows(county.supervisor, plan2020, [
        TableRow(("一、公开", "公开预算"), "县财政局", deadline="2月30日前"),
        TableRow(("一、公开", "备案规范性文件"), "县司法局", deadline="印发后0日内"),
        TableRow(("一、公开", "建设专区"), "县政府办公室", deadline="2021年底前"),
        TableRow(("一、公开", "网站改版"), "县政府办公室", deadline="2020年底前"),
    ])
    summary = report.summary()
    assert "第1行“2月30日前”" in summary and "第2行“印发后0日内”" in summary
    assert "第3行“2021年底前”" in summary and "2020年" in summary
    assert not Deadline.objects.filter(task__plan=plan2020, due_on__year=2021).exists()
    assert Deadline.objects.filter(task__plan=plan2020, due_on=dt.date(2020, 12, 31)).count() == 1


def test_only_this_sites_links_count_as_its_items(county, plan):  # noqa: F811
    from gongkai.workplan.choices import EvidenceKind
    from gongkai.workplan.reporting import _platform_item
    from gongkai.workplan.tests.test_reports import item_of

    item = item_of(county, "bgs", title="网站改版的公告")
    assert _platform_item(f"http://testserver/xxgk/items/{item.pk}/") == item
    assert _platform_item(f"/xxgk/items/{item.pk}/") == item
    assert _platform_item(f"https://evil.example/xxgk/items/{item.pk}/") is None
    made = services.submit_report(county.editor("bgs"), task(plan, SITE), county.orgs["bgs"],
                                  {"text": "已改版", "percent": 50, "status": Progress.IN_PROGRESS},
                                  urls=[f"https://evil.example/xxgk/items/{item.pk}/"])
    assert list(made.evidence.values_list("kind", flat=True)) == [EvidenceKind.URL]


def test_the_plans_issue_date_lies_in_its_year_or_the_one_before_and_not_in_the_future(county, plan):  # noqa: F811
    from django.utils import timezone

    for day in (dt.date(2019, 12, 31), dt.date(2022, 1, 1), dt.date(2099, 1, 1)):
        with pytest.raises(ActionRefused, match="成文日期"):
            services.update_plan(county.supervisor, plan, {"issued_on": day})
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ActionRefused, match="成文日期不能晚于今天"):
        services.create_plan(county.supervisor, county.orgs["bgs"], {"title": "要点", "year": tomorrow.year,
                                                                    "issued_on": tomorrow})
    services.update_plan(county.supervisor, plan, {"issued_on": dt.date(2020, 12, 28)})
    assert Plan.objects.get(pk=plan.pk).issued_on == dt.date(2020, 12, 28)


def test_occurrence_labels_are_stored_in_chinese_and_shown_in_the_pages_language(county, plan):  # noqa: F811
    from django.utils import translation

    from gongkai.workplan.models import Occurrence

    with translation.override("en"):
        services.confirm_all(county.supervisor, plan)  # an English-speaking supervisor confirms
    quarterly = Occurrence.objects.filter(deadline__period="quarter").order_by("due_on").first()
    once = Occurrence.objects.get(deadline__task=task(plan, SITE))
    assert (quarterly.label, once.label) == ("2021年第1季度", "2021-06-30前")
    with translation.override("en"):
        assert (quarterly.display_label, once.display_label) == ("Q1 2021", "by 2021-06-30")
    with translation.override("zh-hans"):
        assert (quarterly.display_label, once.display_label) == ("2021年第1季度", "2021-06-30前")


def test_the_migration_marks_working_day_deadlines_read_before(county, plan):  # noqa: F811
    from importlib import import_module

    from django.apps import apps

    site = task(plan, SITE)
    old = Deadline.objects.create(task=site, kind="event", event_days=20, event_label="项目验收",
                                  phrase="项目验收后20个工作日内", source="parsed")
    calendar = Deadline.objects.create(task=site, kind="event", event_days=3, event_label="办理完结",
                                       phrase="办理完结后3日内", source="parsed")
    import_module("gongkai.workplan.migrations.0005_event_day_kind").working_days_as_read(apps, None)
    old.refresh_from_db()
    calendar.refresh_from_db()
    assert (old.event_day_kind, calendar.event_day_kind) == (DayKind.WORKING, DayKind.CALENDAR)


@pytest.mark.parametrize("text", ["统一社会信用代码113703230043002469", "合同编号202603150000012345",
                                  "完成投资15000000000元", "见 https://x.gov.cn/art_2067_13701234567.html"])
def test_a_progress_report_keeps_codes_amounts_and_links(text):
    from gongkai.workplan.checks import unpersonal

    assert unpersonal(text, "进展情况") == text
