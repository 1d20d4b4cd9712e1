"""Progress reports: who may report, evidence, acceptance, the weighted roll-up, overdue occurrences."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role as StaffRole
from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.publishing.factories import published_item
from gongkai.workplan import services
from gongkai.workplan.choices import DeadlineKind, EvidenceKind, Progress, ReportState
from gongkai.workplan.models import Evidence, Occurrence, ProgressReport, Task
from gongkai.workplan.progress import (
    TaskProgress,
    combine_status,
    leaf_progress,
    parent_progress,
    plan_progress,
)
from gongkai.workplan.tabletext import TableRow

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def plan(county):
    plan = services.create_plan(county.supervisor, county.orgs["bgs"], {
        "title": "2021年政务公开工作要点", "year": 2021, "issued_on": dt.date(2021, 3, 1)})
    services.import_rows(county.supervisor, plan, [
        TableRow(("一、拓展公开", "文旅融合发展攻坚行动进展及落实情况"), "县文化和旅游局, 县委宣传部"),
        TableRow(("一、拓展公开", "公开财政预决算"), "县财政局、县审计局"),
        TableRow(("二、平台建设", "每季度梳理涉企政策并集中推送"), "县商务局"),
        TableRow(("二、平台建设", "2021年6月30日前完成网站改版"), "县政府办公室、县大数据发展服务中心"),
        TableRow(("二、平台建设", "建设政务公开专区"), "县政府办公室（牵头）、县行政审批服务局（牵头）、县大数据发展服务中心"),
    ])
    return plan


def task(plan, start: str) -> Task:
    return Task.objects.get(plan=plan, text__startswith=start)


def report(county, plan, start, key, percent, status, accept=True, **kwargs) -> ProgressReport:
    made = services.submit_report(county.editor(key), task(plan, start), county.orgs[key],
                                  {"text": f"{start}进展", "percent": percent, "status": status}, **kwargs)
    if accept is not None:
        services.review_report(county.supervisor, made, accept=accept, comment="" if accept else "请补充佐证")
    return made


def item_of(county, key, **fields):
    org = county.orgs[key]
    return published_item(org, county.editor(key), user_with_role(org, StaffRole.REVIEWER), **fields)


def test_a_unit_reports_with_evidence_and_the_supervisor_accepts(county, plan):
    item = item_of(county, "wlj", title="沂源县文化和旅游局关于文旅融合发展攻坚行动进展情况的公开")
    made = services.submit_report(
        county.editor("wlj"), task(plan, "文旅融合"), county.orgs["wlj"],
        {"text": "已公开上半年进展。", "percent": 60, "status": Progress.IN_PROGRESS},
        items=[item], urls=["https://www.example.cn/news/1.html", f"http://testserver/xxgk/items/{item.pk}/"],
        files=[SimpleUploadedFile("会议纪要.pdf", PDF)],
    )
    assert made.state == ReportState.SUBMITTED
    kinds = list(made.evidence.values_list("kind", flat=True))
    # The platform link is recognised as the same item (kept once), the other URL stays a URL.
    assert kinds == [EvidenceKind.ITEM, EvidenceKind.URL, EvidenceKind.FILE]
    evidence_file = made.evidence.get(kind=EvidenceKind.FILE)
    assert evidence_file.original_name == "会议纪要.pdf" and evidence_file.file.read() == PDF
    # Not counted until accepted.
    assert plan_progress(plan)[task(plan, "文旅融合").id].status == Progress.NOT_STARTED
    services.review_report(county.supervisor, made, accept=True)
    progress = plan_progress(plan)[task(plan, "文旅融合").id]
    assert (progress.percent, progress.status) == (60, Progress.IN_PROGRESS)
    assert AuditEvent.objects.filter(action="workplan.accept_report", object_id=str(made.pk)).exists()
    with pytest.raises(ActionRefused, match="已审核"):
        services.review_report(county.supervisor, made, accept=False, comment="再看看")


@pytest.mark.parametrize(("data", "message"), [
    ({"text": "", "percent": 10, "status": Progress.IN_PROGRESS}, "请填写进展情况"),
    ({"text": "完成", "percent": 90, "status": Progress.DONE}, "100%"),
    ({"text": "未开始", "percent": 5, "status": Progress.NOT_STARTED}, "0%"),
    ({"text": "进展", "percent": 101, "status": Progress.IN_PROGRESS}, "0至100"),
    ({"text": "进展", "percent": "六十", "status": Progress.IN_PROGRESS}, "0至100"),
    ({"text": "进展", "percent": 10, "status": "finished"}, "请选择状态"),
])
def test_invalid_reports_are_refused_with_a_reason(county, plan, data, message):
    with pytest.raises(ActionRefused, match=message):
        services.submit_report(county.editor("wlj"), task(plan, "文旅融合"), county.orgs["wlj"], data)
    assert not ProgressReport.objects.exists()


def test_only_responsible_units_report_on_requirements_and_evidence_is_checked(county, plan):
    data = {"text": "进展", "percent": 10, "status": Progress.IN_PROGRESS}
    with pytest.raises(ActionRefused, match="不是这项任务的责任单位"):
        services.submit_report(county.editor("czj"), task(plan, "文旅融合"), county.orgs["czj"], data)
    with pytest.raises(ActionRefused, match="没有为该单位报送进展的权限"):
        services.submit_report(county.editor("czj"), task(plan, "文旅融合"), county.orgs["wlj"], data)
    with pytest.raises(ActionRefused, match="具体要求上报送"):
        services.submit_report(county.editor("wlj"), task(plan, "一、拓展公开"), county.orgs["wlj"], data)
    with pytest.raises(ActionRefused, match="不是有效的网址"):
        services.submit_report(county.editor("wlj"), task(plan, "文旅融合"), county.orgs["wlj"], data,
                               urls=["javascript:alert(1)"])
    with pytest.raises(ActionRefused, match="内容与扩展名不符"):
        services.submit_report(county.editor("wlj"), task(plan, "文旅融合"), county.orgs["wlj"], data,
                               files=[SimpleUploadedFile("伪装.pdf", b"MZ\x90\x00 not a pdf")])
    from gongkai.publishing import services as publishing

    draft = publishing.create_item(county.editor("wlj"), county.orgs["wlj"],
                                   {"title": "未公开的草稿", "formed_on": dt.date(2021, 3, 2), "body": "<p>草稿</p>"})
    with pytest.raises(ActionRefused, match="不是已公开的信息"):
        services.submit_report(county.editor("wlj"), task(plan, "文旅融合"), county.orgs["wlj"], data, items=[draft])
    assert not ProgressReport.objects.exists() and not Evidence.objects.exists()


def test_returning_needs_a_comment_and_a_returned_report_does_not_count(county, plan):
    made = report(county, plan, "文旅融合", "wlj", 50, Progress.IN_PROGRESS, accept=None)
    with pytest.raises(ActionRefused, match="请填写审核意见"):
        services.review_report(county.supervisor, made, accept=False)
    with pytest.raises(ActionRefused, match="仅限政务公开办"):
        services.review_report(county.editor("wlj"), made, accept=True)
    services.review_report(county.supervisor, made, accept=False, comment="请补充佐证材料")
    assert plan_progress(plan)[task(plan, "文旅融合").id].percent == 0


def test_the_roll_up_is_weighted_and_only_leads_count(county, plan):
    report(county, plan, "文旅融合", "wlj", 60, Progress.IN_PROGRESS)
    report(county, plan, "文旅融合", "xcb", 100, Progress.DONE)  # 县委宣传部 supports: not counted
    report(county, plan, "公开财政预决算", "czj", 100, Progress.DONE)
    services.update_task(county.supervisor, task(plan, "公开财政预决算"), {"weight": 3})
    progress = plan_progress(plan)
    assert progress[task(plan, "文旅融合").id].percent == 60
    parent = progress[task(plan, "一、拓展公开").id]
    assert (parent.percent, parent.status) == (90, Progress.IN_PROGRESS)  # (60×1 + 100×3) / 4
    # Two leads: the average, and 已完成 only when both are done; the supporting unit does not count.
    report(county, plan, "建设政务公开专区", "bgs", 100, Progress.DONE)
    report(county, plan, "建设政务公开专区", "dsj", 100, Progress.DONE)
    zone = plan_progress(plan)[task(plan, "建设政务公开专区").id]
    assert (zone.percent, zone.status) == (50, Progress.IN_PROGRESS)
    report(county, plan, "建设政务公开专区", "spj", 100, Progress.DONE)
    assert plan_progress(plan)[task(plan, "建设政务公开专区").id].status == Progress.DONE
    # The latest accepted report of a unit replaces its earlier ones.
    report(county, plan, "文旅融合", "wlj", 100, Progress.ONGOING)
    assert plan_progress(plan)[task(plan, "文旅融合").id].status == Progress.ONGOING


def test_status_rules():
    assert combine_status([]) == Progress.NOT_STARTED
    assert combine_status([Progress.DONE, Progress.DONE]) == Progress.DONE
    assert combine_status([Progress.DONE, Progress.ONGOING]) == Progress.ONGOING
    assert combine_status([Progress.DONE, Progress.NOT_STARTED]) == Progress.IN_PROGRESS
    assert leaf_progress([], {}).status == Progress.NOT_STARTED
    halves = [(1, TaskProgress(33, Progress.IN_PROGRESS)), (2, TaskProgress(50, Progress.IN_PROGRESS))]
    assert parent_progress(halves).percent == 44  # 133 / 3 = 44.3
    assert parent_progress([(1, TaskProgress(1, Progress.IN_PROGRESS)), (1, TaskProgress(0, Progress.NOT_STARTED))]
                           ).percent == 1  # 0.5 rounds half up


def test_recurring_occurrences_are_overdue_until_each_is_reported_and_flagged_once(
        county, plan, django_capture_on_commit_callbacks):
    business = task(plan, "每季度梳理")
    (deadline,) = business.deadlines.all()
    assert deadline.kind == DeadlineKind.RECURRING
    services.confirm_deadline(county.supervisor, deadline)
    q1, q2, q3, q4 = deadline.occurrences.all()
    assert (q1.label, q1.due_on) == ("2021年第1季度", dt.date(2021, 3, 31))
    today = dt.date(2021, 7, 5)
    overdue = services.overdue_occurrences(today)
    assert [(e.occurrence.label, [o.short_name for o in e.pending]) for e in overdue] == [
        ("2021年第1季度", ["县商务局"]), ("2021年第2季度", ["县商务局"])]
    # A report on the first quarter settles that quarter only.
    services.review_report(county.supervisor, services.submit_report(
        county.editor("swj"), business, county.orgs["swj"],
        {"text": "一季度已推送", "percent": 100, "status": Progress.ONGOING, "occurrence": q1}), accept=True)
    assert [e.occurrence.label for e in services.overdue_occurrences(today)] == ["2021年第2季度"]
    # Flagged once: audit, e-mail to the unit's staff and the 政务公开办.
    county.supervisor.email = "gkb@example.cn"
    county.supervisor.save()
    county.editor("swj").email = "swj@example.cn"
    county.editor("swj").save()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.flag_overdue(today) == 1
    assert services.flag_overdue(today) == 0
    assert Occurrence.objects.get(pk=q2.pk).flagged_at is not None
    assert AuditEvent.objects.filter(action="workplan.overdue", organization=county.orgs["swj"]).count() == 1
    (message,) = mail.outbox
    assert sorted(message.to) == ["gkb@example.cn", "swj@example.cn"]
    assert "2021年第2季度" in message.subject and "沂源县商务局" in message.body


def test_a_once_deadline_is_settled_by_any_accepted_done_report(county, plan):
    site = task(plan, "2021年6月30日前")
    (deadline,) = site.deadlines.all()
    services.confirm_deadline(county.supervisor, deadline)
    today = dt.date(2021, 7, 1)
    (entry,) = services.overdue_occurrences(today)
    assert [o.short_name for o in entry.pending] == ["县政府办公室"]  # the lead only
    assert services.overdue_occurrences(today, organization_ids={county.orgs["dsj"].pk}) == []
    report(county, plan, "2021年6月30日前", "bgs", 100, Progress.DONE)
    assert services.overdue_occurrences(today) == []
    assert services.overdue_occurrences(dt.date(2021, 6, 30)) == []  # not overdue on its due day
