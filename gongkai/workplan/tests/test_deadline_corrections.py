"""Deadlines as the 政务公开办 keeps them: what settles a 限期 deadline, correcting a deadline (its former
dates stop counting), and dates checked against the plan's year."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.requests.spam import new_staff_token
from gongkai.workplan import services
from gongkai.workplan.choices import DeadlineKind, Period, Progress
from gongkai.workplan.models import Deadline, Occurrence, ProgressReport
from gongkai.workplan.tests.test_reports import plan, report, task  # noqa: F401 (the plan fixture)

pytestmark = pytest.mark.django_db
SITE = "2021年6月30日前完成网站改版"  # leads: 县政府办公室 (bgs); supports: 县大数据发展服务中心 (dsj)
AFTER = dt.date(2021, 8, 1)


def overdue_dates(today, t):
    return [e.occurrence.due_on for e in services.overdue_occurrences(today) if e.task == t]


def site_deadline(county, plan):  # noqa: F811
    services.confirm_all(county.supervisor, plan)
    return Deadline.objects.get(task=task(plan, SITE))


def test_only_an_accepted_done_report_meets_a_once_deadline(county, plan):  # noqa: F811
    deadline = site_deadline(county, plan)
    site = deadline.task
    assert overdue_dates(AFTER, site) == [dt.date(2021, 6, 30)]
    # 持续推进 at 60 % on the task is progress, not the work done by the date: still overdue.
    report(county, plan, SITE, "bgs", 60, Progress.ONGOING)
    assert overdue_dates(AFTER, site) == [dt.date(2021, 6, 30)]
    # 持续推进 cannot be reported against the date itself.
    with pytest.raises(ActionRefused, match="持续推进"):
        services.submit_report(county.editor("bgs"), site, county.orgs["bgs"], {
            "text": "常态化推进", "percent": 60, "status": Progress.ONGOING,
            "occurrence": deadline.occurrences.get()})
    report(county, plan, SITE, "bgs", 100, Progress.DONE)
    assert overdue_dates(AFTER, site) == []


def test_a_corrected_deadline_keeps_its_old_reports_but_not_its_old_date(county, plan):  # noqa: F811
    deadline = site_deadline(county, plan)
    site = deadline.task
    old = deadline.occurrences.get()
    made = services.submit_report(county.editor("bgs"), site, county.orgs["bgs"], {
        "text": "进行中", "percent": 30, "status": Progress.IN_PROGRESS, "occurrence": old})
    services.review_report(county.supervisor, made, accept=True)
    services.confirm_deadline(county.supervisor, deadline, {"kind": DeadlineKind.ONCE, "due_on": dt.date(2021, 12, 31)})
    assert overdue_dates(AFTER, site) == []  # the former 6月30日 is no longer due
    assert overdue_dates(dt.date(2022, 1, 1), site) == [dt.date(2021, 12, 31)]
    old = Occurrence.objects.get(pk=old.pk)  # kept, with its report, for the record
    assert old.is_superseded and ProgressReport.objects.get(pk=made.pk).occurrence == old
    with pytest.raises(ActionRefused, match="已修改"):
        services.submit_report(county.editor("bgs"), site, county.orgs["bgs"], {
            "text": "已完成", "percent": 100, "status": Progress.DONE, "occurrence": old})
    # A 已完成 report against the former date of the same deadline still shows the work is done.
    services.review_report(county.supervisor, services.submit_report(
        county.editor("bgs"), site, county.orgs["bgs"], {"text": "已完成", "percent": 100, "status": Progress.DONE,
                                                         "occurrence": Occurrence.objects.get(deadline=deadline, due_on=dt.date(2021, 12, 31))}),
        accept=True)
    assert overdue_dates(dt.date(2022, 1, 1), site) == []


def test_the_supervisor_corrects_a_deadline_on_the_task_page(client, county, plan):  # noqa: F811
    deadline = site_deadline(county, plan)
    site = deadline.task
    made = services.submit_report(county.editor("bgs"), site, county.orgs["bgs"], {
        "text": "进行中", "percent": 30, "status": Progress.IN_PROGRESS, "occurrence": deadline.occurrences.get()})
    services.review_report(county.supervisor, made, accept=True)
    client.force_login(county.supervisor)
    page = client.get(reverse("workplan_staff:task", kwargs={"task_id": site.pk})).content.decode()
    edit = reverse("workplan_staff:deadline_edit", kwargs={"deadline_id": deadline.pk})
    assert f'href="{edit}"' in page
    # 删除 is refused once a unit reported; the refusal points to the correction, which is there.
    response = client.post(reverse("workplan_staff:deadline_delete", kwargs={"deadline_id": deadline.pk}), follow=True)
    assert "可修改后重新确认" in response.content.decode()
    form = client.get(edit).content.decode()
    assert 'name="due_on"' in form and 'value="2021-06-30"' in form
    # Invalid input comes back with the errors; nothing is confirmed, changed or audited.
    confirms = AuditEvent.objects.filter(action="workplan.confirm_deadline").count()
    for url, data in [
        (reverse("workplan_staff:deadline_confirm", kwargs={"deadline_id": deadline.pk}),
         {"kind": "once", "due_on": "2021-13-45", "correct": "1"}),
        (edit, {"kind": "once", "due_on": ""}),
        (edit, {"kind": "once", "due_on": "2026-12-31"}),
    ]:
        response = client.post(url, data)
        html = response.content.decode()
        assert response.status_code == 400 and "提交的内容有误" in html and "已确认。" not in html
    assert "完成时限须在工作要点的年度（2021年）之内" in html
    assert "限期完成的任务须填写完成时限" in client.post(edit, {"kind": "once", "due_on": ""}).content.decode()
    assert Deadline.objects.get(pk=deadline.pk).due_on == dt.date(2021, 6, 30)
    assert AuditEvent.objects.filter(action="workplan.confirm_deadline").count() == confirms
    # A valid correction is confirmed, audited and shown; the former date stays listed, no longer due.
    response = client.post(edit, {"kind": "once", "due_on": "2021-12-31"}, follow=True)
    html = response.content.decode()
    assert "完成时限已修改并确认。" in html and "2021-12-31" in html and "时限已修改，不再计为到期" in html
    assert Deadline.objects.get(pk=deadline.pk).due_on == dt.date(2021, 12, 31)
    assert AuditEvent.objects.filter(action="workplan.confirm_deadline").count() == confirms + 1
    # The unit's report form offers the current date only.
    client.force_login(county.editor("bgs"))
    page = client.get(reverse("workplan_staff:task", kwargs={"task_id": site.pk})).content.decode()
    assert "2021-12-31到期" in page and "2021-06-30到期）" not in page


def test_deadline_dates_are_checked_against_the_plan(client, county, plan):  # noqa: F811
    site = task(plan, SITE)
    client.force_login(county.supervisor)
    add = reverse("workplan_staff:deadline_add", kwargs={"task_id": site.pk})
    before = Deadline.objects.filter(task=site).count()
    for data, message in [
        ({"kind": "recurring", "period": "month", "starts_on": "2000-01-01", "ends_on": "2009-12-31"},
         "定期任务的起止日期须在工作要点的年度（2021年）之内"),
        ({"kind": "recurring", "period": "month", "starts_on": "2021-01-01", "ends_on": "2021-12-31"},
         "不能早于工作要点的成文日期（2021-03-01）"),
        ({"kind": "once", "due_on": "2020-12-31"}, "完成时限须在工作要点的年度（2021年）之内"),
    ]:
        response = client.post(add, data | {"form_token": new_staff_token()})
        assert response.status_code == 400 and message in response.content.decode()
    assert Deadline.objects.filter(task=site).count() == before
    assert not Occurrence.objects.filter(due_on__year__lt=2021).exists()
    response = client.post(add, {"kind": "recurring", "period": "month", "starts_on": "2021-03-01",
                                 "ends_on": "2021-12-31", "form_token": new_staff_token()}, follow=True)
    assert "完成时限已设定。" in response.content.decode()
    added = Deadline.objects.filter(task=site, period=Period.MONTH).get()
    assert added.occurrences.count() == 10  # 2021年3月 … 12月
