"""Public board and staff pages of work plans."""

import datetime as dt
import io
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role as StaffRole
from gongkai.publishing.factories import published_item
from gongkai.workplan import demo, services
from gongkai.workplan.choices import Progress, ReportState
from gongkai.workplan.models import Deadline, Plan, ProgressReport, Task
from gongkai.workplan.tests.county import seed_plan, seed_table

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def seed(county, monkeypatch):
    """The demo's work plan, loaded by the demo module as `gongkai load_demo` does."""
    reviewer = user_with_role(county.orgs["bgs"], StaffRole.REVIEWER)
    item = published_item(county.orgs["bgs"], county.editor("bgs"), reviewer,
                          title="沂源县人民政府办公室关于印发沂源县2020年政务公开工作要点的通知",
                          doc_number="源政办字〔2020〕66号")
    out = io.StringIO()
    plan = demo.load(out)
    assert demo.load(out) is None  # idempotent
    assert Plan.objects.count() == 1
    return plan, item, out.getvalue()


def test_the_seeds_full_table_is_on_the_public_board(client, seed):
    plan, item, output = seed
    assert "全部责任单位均已匹配到本县机构" in output
    assert plan.item == item and plan.doc_number == "源政办字〔2020〕66号"
    page = client.get(reverse("workplan:board", args=[plan.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    for row in seed_table().rows:
        for cell in row.path:
            assert cell[:20] in html, cell
    # 78 requirements (73 rows, the 应急预案 row split into its six categories) and 27 tasks, each a row.
    assert html.count('class="wp-depth-') == Task.objects.filter(plan=plan).count() == 105
    assert reverse("portal:item", args=[item.pk]) in html
    text = text_of(html)
    assert "各镇（街道）" in text and "县文化和旅游局" in text and "每季度" in text


def test_the_board_works_without_javascript_and_charts_come_from_the_platform(client, seed):
    plan, _item, _output = seed
    html = client.get(reverse("workplan:board", args=[plan.pk])).content.decode()
    assert '/static/vendor/echarts/dist/echarts.min.js' in html
    assert finders.find("vendor/echarts/dist/echarts.min.js") is not None
    assert "cdn" not in html.lower()
    # Every chart is hidden until drawn, hidden from screen readers, and repeats a table.
    assert html.count("data-chart=") == 3
    assert len(re.findall(r'<div class="wp-chart"[^>]*aria-hidden="true" hidden>', html)) == 3
    assert "<caption>各项工作任务完成进度</caption>" in html and "<caption>具体要求完成情况</caption>" in html
    assert 'id="workplan-chart-data"' in html


def test_a_report_flows_from_the_unit_to_the_public_board(client, county):
    plan, _report = seed_plan(county)
    task = Task.objects.get(plan=plan, text__startswith="文旅融合发展攻坚行动")
    editor = county.editor("wlj")
    item = published_item(county.orgs["wlj"], editor, user_with_role(county.orgs["wlj"], StaffRole.REVIEWER),
                          title="沂源县文化和旅游局关于文旅融合发展攻坚行动上半年进展的公开")
    client.force_login(editor)
    page = client.get(reverse("workplan_staff:task", kwargs={"task_id": task.pk}))
    assert "报送进展" in page.content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page.content.decode()).group(1)
    response = client.post(reverse("workplan_staff:task_report", kwargs={"task_id": task.pk}), {
        "organization": county.orgs["wlj"].pk, "status": Progress.IN_PROGRESS, "percent": "60",
        "text": "上半年已公开文旅融合项目进展。", "items": [item.pk], "urls": "https://www.example.cn/a.html",
        "files": [SimpleUploadedFile("伪装.pdf", b"MZ\x90\x00 an executable")], "form_token": token,
    })
    assert response.status_code == 400  # a disguised file is refused, nothing saved
    assert "内容与扩展名不符" in response.content.decode() and not ProgressReport.objects.exists()
    response = client.post(reverse("workplan_staff:task_report", kwargs={"task_id": task.pk}), {
        "organization": county.orgs["wlj"].pk, "status": Progress.IN_PROGRESS, "percent": "60",
        "text": "上半年已公开文旅融合项目进展。", "items": [item.pk], "urls": "https://www.example.cn/a.html",
        "files": [SimpleUploadedFile("会议纪要.pdf", PDF)], "form_token": token,  # unused by the refused post
    })
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    board = reverse("workplan:board", args=[plan.pk])
    assert "上半年已公开文旅融合项目进展" not in client.get(board).content.decode()  # not yet accepted
    # The unit cannot accept its own report.
    assert client.post(reverse("workplan_staff:report", kwargs={"report_id": report.pk}),
                       {"decision": "accept"}).status_code == 403
    client.force_login(county.supervisor)
    index = client.get(reverse("workplan_staff:index")).content.decode()
    assert "待审核的进展报告" in index and "文旅融合发展攻坚行动" in index
    response = client.post(reverse("workplan_staff:report", kwargs={"report_id": report.pk}),
                           {"decision": "accept", "comment": "已核实"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
    client.logout()
    html = client.get(board).content.decode()
    assert "上半年已公开文旅融合项目进展" in html
    assert reverse("portal:item", args=[item.pk]) in html and "https://www.example.cn/a.html" in html
    evidence = report.evidence.get(kind="file")
    download = client.get(reverse("workplan:evidence", args=[evidence.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF
    unit = client.get(reverse("workplan:unit", args=[plan.pk, county.orgs["wlj"].pk])).content.decode()
    assert "文旅融合发展攻坚行动" in unit and "推进中 60%" in text_of(unit)
    assert client.get(reverse("workplan:unit", args=[plan.pk, county.orgs["ybj"].pk])).status_code == 200
    assert client.get(reverse("workplan:unit", args=[plan.pk, county.orgs["cl"].pk + 999])).status_code == 404


def test_a_plain_zip_renamed_to_docx_is_refused_as_evidence_and_a_real_document_is_kept(client, county):
    from gongkai.core.tests.test_uploads import docx_bytes, zip_of

    plan, _report = seed_plan(county)
    task = Task.objects.get(plan=plan, text__startswith="文旅融合发展攻坚行动")
    client.force_login(county.editor("wlj"))
    url = reverse("workplan_staff:task_report", kwargs={"task_id": task.pk})
    data = {"organization": county.orgs["wlj"].pk, "status": Progress.IN_PROGRESS, "percent": "60",
            "text": "上半年进展。"}
    page = client.get(reverse("workplan_staff:task", kwargs={"task_id": task.pk})).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    response = client.post(url, {**data, "files": [SimpleUploadedFile("x.docx", zip_of("a.txt"))], "form_token": token})
    assert response.status_code == 400 and not ProgressReport.objects.exists()
    assert "附件“x.docx”的内容与扩展名不符" in response.content.decode()
    response = client.post(url, {**data, "files": [SimpleUploadedFile("纪要.docx", docx_bytes())], "form_token": token})
    assert response.status_code == 302 and ProgressReport.objects.get().evidence.get().kind == "file"


def test_unaccepted_evidence_and_unpublished_plans_stay_private(client, county):
    plan, _report = seed_plan(county)
    task = Task.objects.get(plan=plan, text__startswith="文旅融合发展攻坚行动")
    report = services.submit_report(county.editor("wlj"), task, county.orgs["wlj"],
                                    {"text": "进展", "percent": 10, "status": Progress.IN_PROGRESS},
                                    files=[SimpleUploadedFile("内部材料.pdf", PDF)])
    evidence = report.evidence.get()
    assert client.get(reverse("workplan:evidence", args=[evidence.pk])).status_code == 404
    services.update_plan(county.supervisor, plan, {"is_public": False})
    assert client.get(reverse("workplan:board", args=[plan.pk])).status_code == 404
    assert plan.title not in client.get(reverse("workplan:plans")).content.decode()


def test_the_supervisor_imports_exports_and_confirms(client, county):
    from gongkai.workplan.tests.test_xlsx import exported

    source, _report = seed_plan(county)
    data = exported(source)
    client.force_login(county.supervisor)
    response = client.post(reverse("workplan_staff:plan_create"), {
        "organization": county.orgs["bgs"].pk, "title": "2020年政务公开工作要点（重新导入）", "year": "2020",
        "issued_on": "2020-08-10", "task_levels": "2", "is_public": "on", "item_ref": "",
    })
    # The exported table's deadlines are of 2020: imported into a plan of that year (into a 2021 plan they
    # would be refused as a hand entry is, and named in the import summary).
    plan = Plan.objects.get(title="2020年政务公开工作要点（重新导入）")
    assert response.status_code == 302
    bad = client.post(reverse("workplan_staff:plan_import", kwargs={"plan_id": plan.pk}),
                      {"table": SimpleUploadedFile("表.xlsx", b"PK\x03\x04 broken zip")})
    assert bad.status_code == 200 and "无法读取该文件" in bad.content.decode()
    response = client.post(reverse("workplan_staff:plan_import", kwargs={"plan_id": plan.pk}),
                           {"table": SimpleUploadedFile("任务分解表.xlsx", data)})
    assert response.status_code == 302
    assert Task.objects.filter(plan=plan).count() == 105
    export = client.get(reverse("workplan_staff:plan_export", kwargs={"plan_id": plan.pk}))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    pending = Deadline.objects.filter(task__plan=plan, confirmed_at__isnull=True)
    # The exported 完成时限 column carried them: explicit, confirmed at import.
    assert pending.count() == 0 and Deadline.objects.filter(task__plan=plan).count() == 11
    page = client.get(reverse("workplan_staff:deadlines", kwargs={"plan_id": source.pk})).content.decode()
    assert "办理完结后3日内" in page
    client.post(reverse("workplan_staff:deadlines", kwargs={"plan_id": source.pk}))
    assert not Deadline.objects.filter(task__plan=source, confirmed_at__isnull=True).exists()


def test_units_see_their_tasks_and_overdue_flags_but_not_the_management_pages(client, county):
    plan, _report = seed_plan(county)
    services.confirm_all(county.supervisor, plan)
    client.force_login(county.editor("wlj"))
    html = client.get(reverse("workplan_staff:index")).content.decode()
    assert "本单位承担的任务" in html and "文旅融合发展攻坚行动" in html
    assert client.get(reverse("workplan_staff:plan_create")).status_code == 403
    assert client.get(reverse("workplan_staff:plan_edit", kwargs={"plan_id": plan.pk})).status_code == 403
    # 县农业农村局 leads no dated task; the townships lead the 2020年底前 rows, which are long overdue.
    client.force_login(county.editor("nmjd"))
    html = client.get(reverse("workplan_staff:index")).content.decode()
    assert "逾期未完成的任务" in html and "2020-12-31" in html
    assert dt.date.today() > dt.date(2020, 12, 31)


def test_a_stale_report_form_with_files_says_the_files_must_be_chosen_again(client, county):
    """A stale token brings the report back as typed with 「请核对后再次提交」, but a browser never refills a file
    input: submitting it again as it stands would file the report without its evidence. The page says so."""
    plan, _report = seed_plan(county)
    task = Task.objects.get(plan=plan, text__startswith="文旅融合发展攻坚行动")
    client.force_login(county.editor("wlj"))
    response = client.post(reverse("workplan_staff:task_report", kwargs={"task_id": task.pk}), {
        "organization": county.orgs["wlj"].pk, "status": Progress.IN_PROGRESS, "percent": "60",
        "text": "上半年进展。", "files": [SimpleUploadedFile("会议纪要.pdf", PDF)], "form_token": "forged"})
    page = response.content.decode()
    assert response.status_code == 400 and not ProgressReport.objects.exists()
    assert "请核对后再次提交" in page and "上半年进展。" in page
    assert "所选附件未保存，请重新选择后再提交。" in page


def test_a_unit_opens_the_accepted_reports_its_task_page_lists(client, county):
    """The task page listed the other responsible unit's accepted report (it is public on /gzyd/ once accepted),
    but its link and its evidence answered 404 to the unit; they open now. A report still under review stays
    the reporting unit's and the 政务公开办's, and a unit with no task in the plan sees none."""
    plan, _report = seed_plan(county)
    task = Task.objects.get(plan=plan, text__startswith="文旅融合发展攻坚行动")
    accepted = services.submit_report(county.editor("wlj"), task, county.orgs["wlj"],
                                      {"text": "已公开上半年进展。", "percent": 60, "status": Progress.IN_PROGRESS},
                                      files=[SimpleUploadedFile("会议纪要.pdf", PDF)])
    services.review_report(county.supervisor, accepted, accept=True)
    pending = services.submit_report(county.editor("wlj"), task, county.orgs["wlj"],
                                     {"text": "下半年进展待审。", "percent": 80, "status": Progress.IN_PROGRESS})
    client.force_login(county.editor("xcb"))
    page = client.get(reverse("workplan_staff:task", kwargs={"task_id": task.pk})).content.decode()
    report_url = reverse("workplan_staff:report", kwargs={"report_id": accepted.pk})
    evidence_url = reverse("workplan_staff:evidence", kwargs={"evidence_id": accepted.evidence.get().pk})
    assert report_url in page and evidence_url in page
    detail = client.get(report_url)
    assert detail.status_code == 200 and "已公开上半年进展。" in detail.content.decode()
    assert client.get(evidence_url).status_code == 200
    assert reverse("workplan_staff:report", kwargs={"report_id": pending.pk}) not in page
    assert client.get(reverse("workplan_staff:report", kwargs={"report_id": pending.pk})).status_code == 404
    from gongkai.organizations.factories import OrganizationFactory

    client.force_login(user_with_role(OrganizationFactory(parent=county.root), StaffRole.EDITOR))  # not in the plan
    assert client.get(report_url).status_code == client.get(evidence_url).status_code == 404
