"""我的待办 of work plans: a unit's due and overdue tasks and returned reports (with an e-mail when one is
returned), the 政务公开办's reports to review; a report form posted twice files one report."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse

from gongkai.notifications.models import Notice
from gongkai.workplan import services
from gongkai.workplan.choices import Progress
from gongkai.workplan.models import ProgressReport
from gongkai.workplan.tests.test_reports import plan, task  # noqa: F401  (the plan fixture)

pytestmark = pytest.mark.django_db


def home(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("workbench:home")).content.decode()


def test_a_unit_sees_its_overdue_tasks_and_no_other_units(client, county, plan):  # noqa: F811
    site = task(plan, "2021年6月30日前")
    services.confirm_deadline(county.supervisor, site.deadlines.get())
    url = reverse("workplan_staff:task", args=[site.pk])
    html = home(client, county.editor("bgs"))  # the lead
    assert "到期和逾期的工作任务" in html and url in html and "已逾期" in html
    assert url not in home(client, county.editor("swj"))  # not its task
    assert url not in home(client, county.editor("dsj"))  # a supporting unit is not counted


def test_a_returned_report_is_in_the_units_todo_and_mailed_to_it(client, county, plan,  # noqa: F811
                                                                  django_capture_on_commit_callbacks):
    culture = task(plan, "文旅融合")
    editor = county.editor("wlj")
    editor.email = "wlj@example.cn"
    editor.save()
    made = services.submit_report(editor, culture, county.orgs["wlj"],
                                  {"text": "上半年进展", "percent": 40, "status": Progress.IN_PROGRESS})
    html = home(client, county.supervisor)
    assert "待审核的进展报告" in html and reverse("workplan_staff:report", args=[made.pk]) in html
    with django_capture_on_commit_callbacks(execute=True):
        services.review_report(county.supervisor, made, accept=False, comment="请补充佐证材料")
    assert "待审核的进展报告" not in home(client, county.supervisor)
    html = home(client, editor)
    assert "被退回的进展报告" in html and "请补充佐证材料" in html
    assert "被退回的进展报告" not in home(client, county.editor("czj"))
    (notice,) = Notice.objects.filter(topic="workplan.report_returned")
    assert notice.organization == county.orgs["wlj"]
    (message,) = mail.outbox
    assert message.to == ["wlj@example.cn"] and "请补充佐证材料" in message.body
    # Reported again: no longer to do.
    services.submit_report(editor, culture, county.orgs["wlj"],
                           {"text": "已补充佐证", "percent": 50, "status": Progress.IN_PROGRESS})
    assert "被退回的进展报告" not in home(client, editor)


def test_the_review_todo_dates_a_report_in_the_county_time_zone(client, county, plan):  # noqa: F811
    made = services.submit_report(county.editor("wlj"), task(plan, "文旅融合"), county.orgs["wlj"],
                                  {"text": "进展", "percent": 40, "status": Progress.IN_PROGRESS})
    ProgressReport.objects.filter(pk=made.pk).update(submitted_at=dt.datetime(2026, 12, 3, 19, 25, tzinfo=dt.UTC))
    assert "报送于2026-12-04" in home(client, county.supervisor)


def test_a_report_form_posted_twice_files_one_report(client, county, plan):  # noqa: F811
    culture = task(plan, "文旅融合")
    client.force_login(county.editor("wlj"))
    page = client.get(reverse("workplan_staff:task", kwargs={"task_id": culture.pk})).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    data = {"organization": county.orgs["wlj"].pk, "status": Progress.IN_PROGRESS, "percent": "60",
            "text": "上半年进展。", "form_token": token}
    url = reverse("workplan_staff:task_report", kwargs={"task_id": culture.pk})
    assert client.post(url, data).status_code == 302
    second = client.post(url, data, follow=True)
    assert ProgressReport.objects.count() == 1
    assert "这份进展报告已经报送过" in second.content.decode()
