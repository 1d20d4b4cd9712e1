"""The county dashboard, the unit dashboard, 整改 through the page, 通报 pages; who sees what."""

import re

import pytest
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.inspection import engine
from gongkai.inspection.models import Finding, Notice, Run
from gongkai.inspection.tests.site import clear

pytestmark = pytest.mark.django_db


@pytest.fixture
def checked(site):
    clear(site.node(site.township, "art20.7"))
    engine.run()
    return site


def test_the_county_dashboard_ranks_units_and_shows_the_trend(client, checked):
    site = checked
    client.force_login(site.supervisor)
    html = client.get(reverse("inspection:dashboard")).content.decode()
    assert "单位得分排名" in html and "测试县东里镇人民政府" in html and "98.0" in html
    assert html.index("测试县人民政府</a>") < html.index("测试县东里镇人民政府</a>")  # 100 before 98
    assert "空白栏目（有栏目无内容）" in html  # findings by rule
    assert 'id="inspection-chart-data"' in html and "vendor/echarts/dist/echarts.min.js" in html


def test_run_now_runs_through_the_task_queue(client, site, django_capture_on_commit_callbacks):
    client.force_login(site.supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("inspection:run"))
    assert response.status_code == 302
    run = Run.objects.get()
    assert run.trigger == Run.Trigger.MANUAL and run.triggered_by == site.supervisor and run.finished_at
    unit_user = user_with_role(site.department, Role.ORG_ADMIN)
    client.force_login(unit_user)
    assert client.post(reverse("inspection:run")).status_code == 403


def test_a_unit_sees_its_own_dashboard_and_answers_a_finding(client, checked):
    site = checked
    finding = Finding.objects.get(rule="empty_nodes")
    admin = user_with_role(site.township, Role.ORG_ADMIN)
    client.force_login(admin)
    response = client.get(reverse("inspection:dashboard"))
    assert response["Location"] == reverse("inspection:unit", kwargs={"org_id": site.township.pk})
    html = client.get(response["Location"]).content.decode()
    assert "98.0" in html and "财政预决算" in html
    page = reverse("inspection:finding", kwargs={"finding_id": finding.pk})
    assert "报送整改情况" in client.get(page).content.decode()
    assert client.post(page, {"text": ""}).status_code == 200
    client.post(page, {"text": "已公开2020年预算。"})
    assert Finding.objects.get(pk=finding.pk).state == Finding.State.RECTIFIED
    # Another unit neither sees nor answers it.
    client.force_login(user_with_role(site.department, Role.ORG_ADMIN))
    assert client.get(page).status_code == 404
    assert client.get(reverse("inspection:unit", kwargs={"org_id": site.township.pk})).status_code == 404


def test_the_supervisor_issues_a_notice_and_units_download_it(client, checked):
    site = checked
    client.force_login(site.supervisor)
    form = client.get(reverse("inspection:notice_create")).content.decode()
    assert "关于" in form and "政务公开检查情况的通报" in form
    token = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
    response = client.post(reverse("inspection:notice_create"), {
        "organization": site.government.pk, "title": "关于政务公开检查情况的通报", "prefix": "测政公开通",
        "intro": "现将检查情况通报如下。", "requirements": "请于10个工作日内整改。", "form_token": token})
    notice = Notice.objects.get()
    assert response["Location"] == reverse("inspection:notice", kwargs={"notice_id": notice.pk})
    client.force_login(user_with_role(site.township, Role.REVIEWER))
    assert "关于政务公开检查情况的通报" in client.get(reverse("inspection:notices")).content.decode()
    pdf = client.get(reverse("inspection:notice_pdf", kwargs={"notice_id": notice.pk}))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    docx = client.get(reverse("inspection:notice_docx", kwargs={"notice_id": notice.pk}))
    assert docx["Content-Disposition"].startswith("attachment")
    assert client.post(reverse("inspection:notice_publish", kwargs={"notice_id": notice.pk})).status_code == 403


def test_the_rules_page_cites_sources_and_lists_pending_checks(client, site):
    client.force_login(site.supervisor)
    html = client.get(reverse("inspection:rules")).content.decode()
    assert "国办秘函〔2019〕19号" in html and "条例第二十六条" in html and "条例第十二条" in html
    assert "互动回应差" in html and "平台尚无群众留言" not in html  # the veto rule runs on gongkai.mailbox


def test_the_rules_page_has_no_empty_pending_heading(client, site, monkeypatch):
    """Every rule's data is on the platform: no 「尚未接入的检查项」 heading over an empty list; one pending rule
    brings it back with the rule."""
    from gongkai.inspection import views
    from gongkai.inspection.rules import PendingRule

    client.force_login(site.supervisor)
    html = client.get(reverse("inspection:rules")).content.decode()
    assert "尚未接入的检查项" not in html and "<ul></ul>" not in html
    monkeypatch.setattr(views, "pending_rules", lambda: [PendingRule("x", "某检查项", "某依据", "数据尚未接入")])
    html = client.get(reverse("inspection:rules")).content.decode()
    assert "尚未接入的检查项" in html and "某检查项" in html


def test_one_manual_run_at_a_time_and_a_failed_one_does_not_block(client, site):
    import datetime as dt

    from django.utils import timezone

    client.force_login(site.supervisor)
    client.post(reverse("inspection:run"))  # queued; its task waits for the commit, which never comes here
    queued = Run.objects.get()
    assert queued.finished_at is None
    assert "正在进行" in client.get(reverse("inspection:dashboard")).content.decode()
    client.post(reverse("inspection:run"))
    assert Run.objects.count() == 1
    Run.objects.filter(pk=queued.pk).update(started_at=timezone.now() - dt.timedelta(hours=2))
    client.post(reverse("inspection:run"))
    assert Run.objects.count() == 2


def test_the_rules_page_states_the_consultation_outcome_period_as_a_number(client, site, settings):
    settings.GONGKAI_CONSULTATION_OUTCOME_WORKDAYS = 15
    client.force_login(site.supervisor)
    html = client.get(reverse("inspection:rules")).content.decode()
    assert "截止后15个工作日计" in html
    assert "GONGKAI_CONSULTATION_OUTCOME_WORKDAYS" not in html


def test_a_run_that_fails_is_finished_says_so_and_does_not_block_the_next(client, checked, monkeypatch,
                                                                          django_capture_on_commit_callbacks):
    def broken(record, organization_ids):
        raise RuntimeError("数据库连接中断")

    monkeypatch.setattr(engine, "_score", broken)
    client.force_login(checked.supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("inspection:run"))
    failed = Run.objects.latest("pk")
    assert failed.finished_at is not None and "RuntimeError" in str(failed.errors)
    html = client.get(reverse("inspection:dashboard")).content.decode()
    assert "运行出错，未能完成" in html and "正在进行" not in html
    assert "测试县东里镇人民政府" in html and "98.0" in html  # the last completed run's results stay
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("inspection:run"))
    assert Run.objects.latest("pk").pk != failed.pk and Run.objects.latest("pk").finished_at is not None
    assert "未能完成" not in client.get(reverse("inspection:dashboard")).content.decode()


def _issue(client, site, organization, **extra):
    form = client.get(reverse("inspection:notice_create")).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
    return client.post(reverse("inspection:notice_create"), {
        "organization": organization.pk, "title": "关于政务公开检查情况的通报", "prefix": "测政公开通",
        "intro": "现将检查情况通报如下。", "requirements": "请于10个工作日内整改。", "form_token": token} | extra)


def test_a_unit_sees_only_its_own_findings_of_a_notice_in_its_name(client, checked):
    site = checked
    site.department.office_web = ""
    site.department.save()
    engine.run()
    department, township = (Finding.objects.get(organization=o) for o in (site.department, site.township))
    client.force_login(site.supervisor)
    form = client.get(reverse("inspection:notice_create")).content.decode()
    assert f'value="{site.government.pk}"' in form and f'value="{site.department.pk}"' not in form
    # A 通报 in the 教体局's name (a stale one, or one listing the township's problem) shows the 教体局 only its own.
    notice = Notice.objects.create(organization=site.department, title="关于检查情况的通报", intro="导语",
                                   requirements="要求", issued_by=site.supervisor)
    notice.findings.set([department, township])
    client.force_login(user_with_role(site.department, Role.ORG_ADMIN))
    html = client.get(reverse("inspection:notice", kwargs={"notice_id": notice.pk})).content.decode()
    assert department.title in html and township.title not in html
    client.force_login(site.supervisor)
    html = client.get(reverse("inspection:notice", kwargs={"notice_id": notice.pk})).content.decode()
    assert department.title in html and township.title in html


def test_a_refused_publication_says_the_notice_was_issued(client, checked):
    site = checked
    client.force_login(site.supervisor)  # no 信息员 post at the 县政府: no information item can be drafted
    response = _issue(client, site, site.government, publish="on")
    notice = Notice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("inspection:notice", kwargs={"notice_id": notice.pk})
    html = client.get(response["Location"]).content.decode()
    assert f"通报已生成（文号{notice.document.doc_number}），但未能生成公开信息草稿：" in html
    assert "没有信息员岗位" in html and notice.item is None


def test_answering_a_finding_already_rectified_says_why_nothing_happened(client, checked):
    site = checked
    finding = Finding.objects.get(rule="empty_nodes")
    client.force_login(user_with_role(site.township, Role.ORG_ADMIN))
    page = reverse("inspection:finding", kwargs={"finding_id": finding.pk})
    client.post(page, {"text": "已公开2020年预算。"})
    response = client.post(page, {"text": "再次报送。"})
    assert response.status_code == 302 and response["Location"] == page
    html = client.get(page).content.decode()
    assert "该问题当前为“已整改待复核”，不需要报送整改情况。" in html
    assert finding.events.filter(text="再次报送。").count() == 0


def test_units_with_equal_scores_share_a_rank_on_the_dashboard(client, checked):
    """Four units on 88.0 were ranked 2, 3, 4, 5 by their order in the unit list; equal scores share a rank."""
    from gongkai.inspection.models import Score

    site = checked
    run = Run.objects.latest("finished_at")
    scores = list(Score.objects.filter(run=run).order_by("organization_id"))
    assert len(scores) >= 3
    Score.objects.filter(run=run).update(qualified=True, score=90)
    Score.objects.filter(pk=scores[0].pk).update(score=95)
    client.force_login(site.supervisor)
    html = client.get(reverse("inspection:dashboard")).content.decode()
    table = html.split('id="ranking-heading"', 1)[1].split("</table>", 1)[0]
    ranks = re.findall(r'<td data-label="名次">(\d+)( <span class="tie">并列</span>)?</td>', table)
    assert ranks[0] == ("1", "") and all(rank == ("2", " <span class=\"tie\">并列</span>") for rank in ranks[1:])


def test_the_ranking_leaves_out_party_organs_as_the_assessment_does(client, checked):
    """A 党委工作机关 is outside the 条例 and not assessed (assurance.assessed_units): it was ranked first among
    the county's units and counted in the trend's average; now it is listed apart, scored but not ranked."""
    from gongkai.inspection.models import Score
    from gongkai.organizations.factories import OrganizationFactory
    from gongkai.organizations.models import Organization

    site = checked
    party = OrganizationFactory(parent=site.government, kind=Organization.Kind.PARTY, name="中共测试县委组织部",
                                short_name="县委组织部")
    run = Run.objects.latest("finished_at")
    Score.objects.create(run=run, organization=party, score=100, qualified=True, findings=0)
    Score.objects.filter(run=run, organization=site.government).update(score=80)
    client.force_login(site.supervisor)
    html = client.get(reverse("inspection:dashboard")).content.decode()
    ranked = html.split('id="ranking-heading"', 1)[1].split("</section>", 1)[0]
    assert "中共测试县委组织部" not in ranked
    assert re.findall(r'<td data-label="名次">(\d+)', ranked)[0] == "1"
    apart = html.split('id="unranked-heading"', 1)[1].split("</section>", 1)[0]
    assert "中共测试县委组织部" in apart and "不参加排名" in html
    trend = html.split('id="trend-heading"', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r"<td>([^<]*)</td>", trend.split("<tbody>", 1)[1])
    assert cells[1:4] == ["92.7", "3", "3"]  # (80 + 100 + 98) / 3, of three units, not four


def test_a_notice_with_a_control_character_is_refused_not_a_server_error(client, checked):
    """An escape character pasted into a 通报's title or 导语 reached the DOCX (XML) and answered 500; the form
    now names the field, and no 通报 is issued (no 文号 is taken)."""
    site = checked
    client.force_login(site.supervisor)
    form = client.get(reverse("inspection:notice_create")).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
    response = client.post(reverse("inspection:notice_create"), {
        "organization": site.government.pk, "title": "关于政务公开检查情况的通报\x1b", "prefix": "测政公开通",
        "intro": "现将检查情况\x08通报如下。", "requirements": "请于10个工作日内整改。", "form_token": token})
    assert response.status_code == 200
    assert "“标题”不能包含控制字符" in response.content.decode()
    assert not Notice.objects.exists()


def test_a_rectification_with_a_control_character_is_refused(client, checked):
    from gongkai.core.services import ActionRefused
    from gongkai.inspection import services

    site = checked
    finding = Finding.objects.filter(organization=site.township).first()
    reviewer = user_with_role(site.township, Role.REVIEWER)
    with pytest.raises(ActionRefused, match="不能包含控制字符"):
        services.rectify(reviewer, finding, "已补充\x1b栏目内容。")
    finding.refresh_from_db()
    assert finding.state == Finding.State.OPEN


def test_a_notice_with_a_noncharacter_is_refused_not_a_server_error(client, checked):
    """U+FFFE passed the control-character check (core.forms.CONTROL_CHARS), then the DOCX's title property
    refused it: a 500. It is refused as the other characters a 公文 cannot hold, and no 文号 is taken."""
    site = checked
    client.force_login(site.supervisor)
    form = client.get(reverse("inspection:notice_create")).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
    response = client.post(reverse("inspection:notice_create"), {
        "organization": site.government.pk, "title": "关于政务公开检查情况的通报\ufffe", "prefix": "测政公开通",
        "intro": "现将检查情况通报如下。", "requirements": "请于10个工作日内整改。", "form_token": token})
    assert response.status_code == 200
    assert "“标题”不能包含控制字符" in response.content.decode()
    assert not Notice.objects.exists()
