"""Pages: the public report (chart, table, downloads, no JS needed), the portal's 年报 part, and the staff pages."""

import re

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.reports import services
from gongkai.reports.models import AnnualReport
from gongkai.reports.tests.helpers import make_case
from gongkai.reports.tests.test_reports import FINISHED, publish_report

pytestmark = pytest.mark.django_db


def report_url(report, name="reports:report"):
    return reverse(name, kwargs={"org_id": report.organization_id, "year": report.year})


def test_public_page_chart_and_history_table(client, org, editor, reviewer, monkeypatch):
    from gongkai.reports import views_public

    monkeypatch.setattr(views_public.finders, "find", lambda path: None)  # no vendor/echarts installed
    make_case(org, "2020-03-01", "2020-03-10", "granted", "natural_person")
    make_case(org, "2020-12-30", "2021-01-10", "other_other", "natural_person")
    make_case(org, "2021-02-01", "2021-02-10", "partially_granted", "commercial")
    publish_report(org, editor, reviewer, 2020)
    report = publish_report(org, editor, reviewer, 2021)
    page = client.get(report_url(report)).content.decode()
    assert "<h1 id=\"report-title\">" in page and report.title in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    assert "<title>2020年新收2件</title>" in page and "<title>2021年部分公开1件</title>" in page
    # The same figures as a table: 2020 new 2, processed 1 (予以公开), carried forward 1.
    assert "<tr><th scope=\"row\">2020</th><td>2</td><td>1</td>" in page.replace("\n", "").replace("  ", "")
    assert "echarts" not in page  # without the vendor copy the server-drawn chart is all there is
    assert report_url(report, "reports:docx") in page and report_url(report, "reports:pdf") in page
    monkeypatch.setattr(views_public.finders, "find", lambda path: "/vendor/" + path)
    page = client.get(report_url(report)).content.decode()
    assert "vendor/echarts/dist/echarts.min.js" in page and "reports/chart.js" in page
    assert 'id="request-chart-data"' in page


def test_downloads_and_drafts(client, org, editor, reviewer):
    draft = services.create_report(editor, org, 2021)
    for name in ("reports:report", "reports:docx", "reports:pdf", "reports:json"):
        assert client.get(report_url(draft, name)).status_code == 404
    report = publish_report(org, editor, reviewer, 2021)
    docx = client.get(report_url(report, "reports:docx"))
    assert docx.status_code == 200 and docx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in docx["Content-Disposition"]
    assert client.get(report_url(report, "reports:pdf"))["Content-Type"] == "application/pdf"
    index = client.get(reverse("reports:index")).content.decode()
    assert report.title in index and report_url(report) in index
    services.reopen(reviewer, report, "更正")
    assert client.get(report_url(report)).status_code == 404
    assert report.title not in client.get(reverse("reports:index")).content.decode()


def test_published_report_appears_in_the_portal_annual_report_part(client, org, editor, reviewer):
    report = publish_report(org, editor, reviewer, 2021)
    listing = client.get(reverse("portal:annual_reports", args=[org.id])).content.decode()
    assert report.title in listing
    item_page = client.get(reverse("portal:item", kwargs={"item_id": report.item_id})).content.decode()
    assert report_url(report) in item_page


def test_staff_create_edit_submit_and_publish(client, org, editor, reviewer):
    make_case(org, "2021-02-01", None, "", "natural_person")
    client.force_login(editor)
    assert "编写年报" in client.get(reverse("reports_staff:list")).content.decode()
    response = client.post(reverse("reports_staff:create"), {"organization": org.pk, "year": 2021})
    report = AnnualReport.objects.get(organization=org, year=2021)
    assert response.status_code == 302 and response["Location"] == reverse("reports_staff:detail", args=[report.pk])
    detail = client.get(response["Location"]).content.decode()
    assert "未通过" in detail and "正文各章已填写完整" in detail and "<h1>" in detail
    bad = client.post(reverse("reports_staff:figures", args=[report.pk]),
                      {"licensing.decisions": "-5", "penalty.decisions": "1", "coercion.decisions": "0",
                       "fees.amount_10k_yuan": "1.5"})
    assert bad.status_code == 400 and "error-summary" in bad.content.decode()
    assert '<li aria-current="page">填报数据</li>' in bad.content.decode() and "<h1>填报表二数据</h1>" in bad.content.decode()
    chapters = client.get(reverse("reports_staff:chapters", args=[report.pk])).content.decode()
    assert "<h1>编辑正文</h1>" in chapters and "由平台生成，不能手工修改" in chapters
    report.refresh_from_db()
    assert report.entered == {}
    client.post(reverse("reports_staff:figures", args=[report.pk]),
                {"licensing.decisions": "5", "penalty.decisions": "1", "coercion.decisions": "0",
                 "fees.amount_10k_yuan": "1.5"})
    client.post(reverse("reports_staff:chapters", args=[report.pk]), FINISHED)
    report.refresh_from_db()
    assert report.entered["fees"] == {"amount_10k_yuan": "1.50"} and report.chapters == FINISHED
    client.post(reverse("reports_staff:submit", args=[report.pk]))
    draft_json = client.get(reverse("reports_staff:draft_json", args=[report.pk])).json()
    assert draft_json["proactive"]["licensing"] == {"decisions": 5}
    client.force_login(reviewer)
    refused = client.post(reverse("reports_staff:publish", args=[report.pk]), {"opinion": "同意"})
    assert refused.status_code == 400
    client.post(reverse("reports_staff:publish", args=[report.pk]), {"opinion": "同意", "secrecy_checked": "on"})
    report.refresh_from_db()
    assert report.state == AnnualReport.State.PUBLISHED and report.data["requests"]["carried_forward"]["total"] == 1
    assert AuditEvent.objects.filter(action="report.publish", object_id=str(report.pk)).exists()


def test_staff_publish_with_a_failing_check_needs_a_reason(client, org, editor, reviewer):
    report = services.create_report(editor, org, 2021)  # narrative still has 【请填写】 prompts
    services.submit(editor, report)
    client.force_login(reviewer)
    page = client.get(reverse("reports_staff:detail", args=[report.pk])).content.decode()
    assert "未通过校验仍公布的理由" in page
    response = client.post(reverse("reports_staff:publish", args=[report.pk]),
                           {"opinion": "同意", "secrecy_checked": "on"})
    assert response.status_code == 400 and "未通过校验" in response.content.decode()
    client.post(reverse("reports_staff:publish", args=[report.pk]),
                {"opinion": "同意", "secrecy_checked": "on", "override_reason": "按上级要求先行公布。"})
    report.refresh_from_db()
    assert report.is_published and report.override_reason == "按上级要求先行公布。"


def test_other_units_and_the_public_cannot_reach_staff_pages(client, org, other_org, editor):
    from gongkai.accounts.factories import user_with_role
    from gongkai.accounts.models import Role

    report = services.create_report(editor, org, 2021)
    client.force_login(user_with_role(other_org, Role.REVIEWER))
    assert client.get(reverse("reports_staff:detail", args=[report.pk])).status_code == 404
    assert client.get(reverse("reports_staff:draft_docx", args=[report.pk])).status_code == 404
    refused = client.post(reverse("reports_staff:create"), {"organization": org.pk, "year": 2020})
    assert refused.status_code == 400 and "选择一个有效的选项" in refused.content.decode()
    assert not AnnualReport.objects.filter(year=2020).exists()


def test_english_interface_keeps_the_chinese_document(client, org, editor, reviewer):
    from django.utils import translation

    report = publish_report(org, editor, reviewer, 2021)
    with translation.override("en"):
        url = report_url(report)
    page = client.get(url).content.decode()
    assert url.startswith("/en/") and "Downloads" in page and "Requests and outcomes over the years" in page
    assert "三、收到和处理政府信息公开申请情况" in page and "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in page


@pytest.mark.parametrize(("language", "lang", "word"), [("zh-hans", "zh-Hans", "（表格）"), ("en", "en", "(table)")])
def test_the_hidden_table_word_is_marked_in_the_interfaces_language(client, org, editor, reviewer, language, lang,
                                                                     word):
    """The report is a Chinese document (lang="zh-Hans") on /en/ too, but the hidden word naming each table's
    scrolling region is the interface's: a screen reader must read "(table)" as English, not as Chinese."""
    from django.utils import translation

    report = publish_report(org, editor, reviewer, 2021)
    with translation.override(language):
        page = client.get(report_url(report)).content.decode()
    assert '<article class="report-document" aria-labelledby="report-title" lang="zh-Hans"' in page
    spans = re.findall(r'<span id="[^"]+-table"([^>]*)>([^<]*)</span>', page)
    assert spans and all(text == word and f'lang="{lang}"' in attributes for attributes, text in spans)


def test_the_chart_follows_the_interface_language_and_has_a_text_alternative(client, org, editor, reviewer, monkeypatch):
    """On /en/ the chart's legend, bar labels and text alternative are English; the statutory tables stay
    in the 年报格式's Chinese wording."""
    import re

    from django.utils import translation

    from gongkai.reports import views_public

    monkeypatch.setattr(views_public.finders, "find", lambda path: None)
    make_case(org, "2021-02-01", "2021-02-10", "granted", "natural_person")
    make_case(org, "2021-03-01", "2021-03-10", "partially_granted", "commercial")
    report = publish_report(org, editor, reviewer, 2021)
    chinese = client.get(report_url(report)).content.decode()
    svg = re.search(r"<svg .*?</svg>", chinese, re.S).group(0)
    assert 'role="img" aria-labelledby="request-chart-title" aria-describedby="request-chart-desc"' in svg
    assert '<title id="request-chart-title">历年政府信息公开申请数量和办理结果</title>' in svg
    assert "2021年新收申请2件，办结2件，其中予以公开1件、部分公开1件。" in svg  # every year's figures in words
    with translation.override("en"):
        url = report_url(report)
    english = client.get(url).content.decode()
    svg = re.search(r"<svg .*?</svg>", english, re.S).group(0)
    assert not re.search(r"[\u4e00-\u9fff]", svg), svg  # legend, labels, title, description: all English
    assert '<title id="request-chart-title">Requests and outcomes over the years</title>' in svg
    assert "2021: 2 requests received, 2 answered (Disclosed 1, Partly disclosed 1)." in svg
    assert "<title>2021: Partly disclosed 1</title>" in svg and ">Otherwise handled</text>" in svg
    # The chart's data table follows it; the statutory table 3 keeps the official Chinese wording.
    assert '<th scope="col">Partly disclosed</th>' in english
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in english
    monkeypatch.setattr(views_public.finders, "find", lambda path: "/vendor/" + path)
    english = client.get(url).content.decode()
    data = re.search(r'<script id="request-chart-data" type="application/json">(.*?)</script>', english, re.S).group(1)
    assert '"name": "Received"' in data and '"name": "Partly disclosed"' in data


def test_workbench_menu_links_the_annual_reports(client, editor):
    client.force_login(editor)
    page = client.get(reverse("reports_staff:list")).content.decode()
    assert f'<a href="{reverse("reports_staff:list")}" aria-current="page">年度报告</a>' in page


@pytest.mark.parametrize(("largest", "ticks"), [
    (0, [0, 1, 2, 3, 4, 5]), (5, [0, 1, 2, 3, 4, 5]), (7, [0, 2, 4, 6, 8]), (37, [0, 10, 20, 30, 40]),
    (50, [0, 10, 20, 30, 40, 50]), (51, [0, 20, 40, 60]), (180, [0, 50, 100, 150, 200]), (1234, [0, 500, 1000, 1500]),
])
def test_the_chart_axis_steps_are_equal_round_numbers(largest, ticks):
    """The axis read 0, 12, 25, 37, 50 for a largest bar of 50 (a quarter of the top, rounded down):
    uneven steps a reader cannot read a bar against. Every tick is now a round step of 1, 2 or 5 × 10ⁿ."""
    from gongkai.reports.chart import axis_ticks

    assert axis_ticks(largest) == ticks


def test_the_drawn_axis_labels_are_the_ticks():
    from gongkai.reports.chart import svg
    from gongkai.reports.reading import YearPoint

    drawn = svg([YearPoint(year=2025, new=50, processed=48, carried_forward=0, groups=[("予以公开", 48)], published=True)])
    labels = re.findall(r'text-anchor="end" font-size="12" fill="#333">(\d+)</text>', drawn)
    assert labels == ["0", "10", "20", "30", "40", "50"]
