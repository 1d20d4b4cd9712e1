"""Every rule on a seeded site with known problems: the run finds exactly those problems, no more."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.catalog.models import CatalogNode, Section
from gongkai.inspection import engine
from gongkai.inspection.models import Finding, Severity
from gongkai.inspection.tests.site import clear, item
from gongkai.publishing.models import Attachment

pytestmark = pytest.mark.django_db


def found(run=None) -> set[tuple]:
    return {(f.organization.short_name, f.rule, f.subject) for f in Finding.objects.select_related("organization")
            .exclude(state=Finding.State.RESOLVED)}


def test_a_clean_site_has_no_findings(site):
    run = engine.run()
    assert found() == set()
    assert not run.errors
    assert {s.organization_id: (s.score, s.qualified) for s in run.scores.all()} == {
        org.pk: (Decimal(100), True) for org in site.units}


def test_every_rule_finds_exactly_its_seeded_problems(site, settings):
    gov, dept, town = site.government, site.department, site.township
    # 动态 20 days old, 通知公告 7 months old, 统计信息 (every 120 days) 150 days old.
    news, notices, stats = site.node(dept, "plan.news"), site.node(dept, "plan.notices"), site.node(dept, "art20.4")
    for node, days in ((news, 20), (notices, 215), (stats, 150)):
        clear(node)
        item(dept, [node], days_ago=days)
    # Five empty columns in the township: five 扣分 findings and the 单项否决 of 空白栏目≥5.
    empties = ["art20.7", "art20.8", "art20.12", "art21.t1", "art21.t2"]
    for key in empties:
        clear(site.node(town, key))
    # The township's 指南 lacks two 第十二条 contact details.
    town.office_fax = town.office_web = ""
    town.save()
    # The department's column lost its 政府信息公开制度 part.
    CatalogNode.objects.filter(organization=dept, section=Section.SYSTEM).delete()
    # Published 40 days after it was formed (more than 20 working days).
    late = item(dept, [site.node(dept, "art20.5")], days_ago=2, formed_days_ago=40)
    # Two broken internal links and an external one (not checked: external checks are off), a missing file.
    page = item(gov, [site.node(gov, "art20.15")], body='<p><a href="/xxgk/items/999999/">旧文件</a>'
                '<a href="/no/such/page/">失效页面</a><a href="https://example.invalid/x">外部</a>'
                '<a href="mailto:gk@example.cn">邮箱</a><a href="/xxgk/">专栏</a></p>')
    attachment = Attachment.objects.create(item=page, file="attachments/xx/missing.pdf", original_name="缺失.pdf",
                                           content_type="application/pdf", size=10, sha256="0" * 64)
    # A 规划信息 published 30 days ago without its 政策解读.
    policy = item(gov, [site.node(gov, "art20.3")], days_ago=30)
    run = engine.run()
    assert not run.errors
    expected = {
        ("县教体局", "news_stale", f"node:{news.pk}"),
        ("县教体局", "notices_stale", f"node:{notices.pk}"),
        ("县教体局", "stale_nodes", f"node:{stats.pk}"),
        ("县教体局", "column_parts", "section:system"),
        ("县教体局", "publication_lag", f"item:{late.pk}"),
        ("东里镇", "guide_fields", "guide"),
        ("东里镇", "empty_columns_veto", "count"),
        *{("东里镇", "empty_nodes", f"node:{site.node(town, key).pk}") for key in empties},
        ("县政府", "broken_links", f"attachment:{attachment.pk}"),
        ("县政府", "interpretation_missing", f"item:{policy.pk}"),
    }
    broken = {f.subject for f in Finding.objects.filter(rule="broken_links", subject__startswith="item:")}
    assert len(broken) == 2 and all(s.startswith(f"item:{page.pk}:") for s in broken)
    expected |= {("县政府", "broken_links", s) for s in broken}
    assert found() == expected
    guide = Finding.objects.get(rule="guide_fields")
    assert guide.points == Decimal(4) and guide.evidence["missing"] == ["传真号码", "互联网联系方式"]
    assert Finding.objects.get(rule="empty_columns_veto").severity == Severity.VETO
    news_finding = Finding.objects.get(rule="news_stale")
    assert news_finding.evidence["counts"]["days_since_update"] == 20
    assert news_finding.evidence["urls"] == [f"/xxgk/{dept.pk}/node/{news.pk}/"]
    reasons = {f.evidence["reason"] for f in Finding.objects.filter(rule="broken_links")}
    assert reasons == {"item_not_public", "not_found", "file_missing"}


def test_the_home_page_not_updated_for_two_weeks_is_a_veto(site):
    from gongkai.publishing.models import InformationItem

    InformationItem.objects.update(published_at=timezone.now() - dt.timedelta(days=15))
    engine.run()
    home = Finding.objects.get(rule="home_not_updated")
    assert (home.organization, home.severity) == (site.government, Severity.VETO)
    # Every 动态 column is stale too (and the department's and township's news are counted).
    assert Finding.objects.filter(rule="news_stale").count() == 3


def test_five_stale_key_columns_are_a_veto(site):
    dept = site.department
    for index in range(5):
        node = CatalogNode.objects.create(organization=dept, parent=site.node(dept, "statutory"),
                                          section=Section.STATUTORY, name=f"工作动态{index}")
        item(dept, [node], days_ago=30)
    engine.run()
    assert Finding.objects.filter(rule="news_stale", organization=dept).count() == 5
    veto = Finding.objects.get(rule="key_columns_veto")
    assert veto.organization == dept and veto.evidence["counts"] == {"columns": 5, "threshold": 5}


def test_external_links_are_checked_only_when_enabled(site, settings, monkeypatch):
    from gongkai.inspection import linkcheck

    item(site.government, [site.node(site.government, "art20.15")], body='<a href="https://example.cn/gone">外链</a>')
    calls = []
    monkeypatch.setattr(linkcheck, "check_external", lambda url: calls.append(url) or "http_404")
    engine.run()
    assert calls == [] and not Finding.objects.filter(rule="broken_links").exists()
    settings.GONGKAI_INSPECTION_EXTERNAL_LINKS = True
    engine.run()
    assert calls == ["https://example.cn/gone"]
    assert Finding.objects.get(rule="broken_links").evidence["reason"] == "http_404"


def test_data_of_other_apps(site):
    from gongkai.regulations.factories import normative_document
    from gongkai.reports.models import AnnualReport
    from gongkai.requests.choices import State as CaseState
    from gongkai.requests.factories import received_case

    dept = site.department
    editor, reviewer = user_with_role(dept, Role.EDITOR), user_with_role(dept, Role.REVIEWER)
    # A 规范性文件 whose 有效期 ended without the sweep marking it 已失效.
    document = normative_document(dept, editor, reviewer, expires_on="2025-03-31")
    today = timezone.localdate()
    # A request received 60 days ago, unanswered; one answered 30 days ago and never filed.
    unanswered = received_case(dept, today - dt.timedelta(days=60))
    answered = received_case(dept, today - dt.timedelta(days=40), state=CaseState.REPLIED)
    answered.replied_on = today - dt.timedelta(days=30)
    answered.save()
    # The department has not published last year's annual report.
    AnnualReport.objects.filter(organization=dept).delete()
    run = engine.run()
    assert not run.errors
    assert found() == {
        ("县教体局", "normative_expired", f"normative:{document.pk}"),
        ("县教体局", "requests_overdue", f"case:{unanswered.pk}"),
        ("县教体局", "filings_overdue", f"case:{answered.pk}"),
        ("县教体局", "annual_report_late", f"year:{today.year - 1}"),
    }
    overdue = Finding.objects.get(rule="requests_overdue")
    assert overdue.evidence["case"] == unanswered.tracking_number
    assert "张三" not in str(overdue.evidence) and "370323" not in str(overdue.evidence)


def test_ten_columns_stale_past_their_interval_are_a_veto(site):
    dept = site.department
    for index in range(10):
        node = CatalogNode.objects.create(organization=dept, parent=site.node(dept, "statutory"),
                                          section=Section.STATUTORY, name=f"专项工作{index}", expected_update_days=30)
        item(dept, [node], days_ago=31)
    engine.run()
    assert Finding.objects.filter(rule="stale_nodes", organization=dept).count() == 10
    assert Finding.objects.get(rule="stale_columns_veto").organization == dept


def test_the_command_runs_now_or_queues_one_run_a_day(site, django_capture_on_commit_callbacks):
    import io

    from django.core.management import call_command

    from gongkai.inspection.models import Run

    out = io.StringIO()
    call_command("run_inspection", "--now", stdout=out)
    assert "检查完成" in out.getvalue() and Run.objects.get().trigger == Run.Trigger.MANUAL
    with django_capture_on_commit_callbacks(execute=True):  # the immediate backend runs the queued task
        call_command("run_inspection", stdout=out)
    assert Run.objects.get(trigger=Run.Trigger.SCHEDULE).finished_at is not None
    call_command("run_inspection", stdout=out)
    assert "今日的定期检查已运行或已排队" in out.getvalue()
