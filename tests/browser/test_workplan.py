"""Work plans and inspection in the browser: a unit reports progress with a link to a published item, the
政务公开办 accepts it and the public board shows it; the county dashboard shows a seeded 空白栏目 finding and
the unit's score."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from gongkai.accounts.factories import TEST_PASSWORD, user_with_role
from gongkai.accounts.models import Role
from gongkai.inspection.tests.site import build_site, clear, item
from gongkai.workplan import services
from gongkai.workplan.models import ProgressReport, Task
from gongkai.workplan.tabletext import TableRow
from tests.browser.a11y import describe

pytestmark = pytest.mark.browser

REQUIREMENT = "做好义务教育招生入学信息公开"
ITEM_TITLE = "测试县教育和体育局关于2020年义务教育招生入学工作的公告"
REPORT_TEXT = "已在政府信息公开平台公开招生入学政策、划片范围和报名流程。"


def log_in(page, username: str) -> None:
    page.goto(reverse("accounts:login"))
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("navigation", name="主导航").get_by_role("link", name="工作任务")).to_be_visible()


@pytest.fixture
def county(settings):
    site = build_site(settings)
    plan = services.create_plan(site.supervisor, site.government, {"title": "测试县2020年政务公开工作要点",
                                                                   "year": 2020, "doc_number": "测政办字〔2020〕1号"})
    services.import_rows(site.supervisor, plan, [
        TableRow(("一、拓展公开广度和深度", REQUIREMENT), "县教体局、各镇（街道）"),
        TableRow(("一、拓展公开广度和深度", "做好财政预决算信息公开"), "各镇（街道）和县政府有关部门"),
    ])
    editor = user_with_role(site.department, Role.EDITOR, username="jiaoti_xxy", full_name="教体局信息员")
    published = item(site.department, [site.node(site.department, "art20.11")], title=ITEM_TITLE)
    return site, plan, editor, published


def test_a_report_is_accepted_and_shown_and_the_dashboard_shows_an_empty_column(new_page, county, axe):
    site, plan, editor, published = county
    task = Task.objects.get(plan=plan, text=REQUIREMENT)

    # The unit reports progress, with its published item as evidence.
    unit = new_page()
    log_in(unit, editor.username)
    unit.get_by_role("navigation", name="主导航").get_by_role("link", name="工作任务").click()
    unit.get_by_role("link", name=REQUIREMENT).click()
    expect(unit.get_by_role("heading", level=1)).to_have_text(REQUIREMENT)
    unit.get_by_label("状态").select_option(label="推进中")
    unit.get_by_label("完成进度（%）").fill("80")
    unit.get_by_label("进展情况").fill(REPORT_TEXT)
    unit.get_by_label("佐证：本单位已公开的信息").select_option(label=ITEM_TITLE)
    unit.get_by_role("button", name="报送").click()
    expect(unit.get_by_role("status")).to_contain_text("进展报告已报送")
    report = ProgressReport.objects.get()
    assert (report.organization, report.percent, report.state) == (site.department, 80, "submitted")
    assert report.evidence.get().item == published

    # The public does not see it yet.
    citizen = new_page()
    citizen.goto(reverse("workplan:board", args=[plan.pk]))
    expect(citizen.get_by_role("heading", level=1)).to_have_text(plan.title)
    expect(citizen.get_by_text(REPORT_TEXT)).to_have_count(0)

    # The 政务公开办 accepts it.
    supervisor = new_page()
    log_in(supervisor, site.supervisor.username)
    supervisor.get_by_role("navigation", name="主导航").get_by_role("link", name="工作任务").click()
    supervisor.get_by_role("link", name=re.compile(REQUIREMENT)).first.click()
    expect(supervisor.get_by_role("heading", level=1)).to_have_text("进展报告")
    supervisor.get_by_role("radio", name=re.compile("采纳")).check()
    supervisor.get_by_label("审核意见").fill("已核实。")
    supervisor.get_by_role("button", name="提交审核结论").click()
    expect(supervisor.get_by_role("status")).to_contain_text("已采纳")

    # The public board shows the report, its evidence and the progress.
    citizen.reload()
    # Each chart is drawn in its own column of the overview: as wide as its box, not as the whole row.
    citizen.wait_for_function("document.querySelectorAll('.wp-chart svg').length >= 2")
    boxes = citizen.evaluate("Array.from(document.querySelectorAll('.wp-chart:not([hidden])'))"
                             ".map(e => [e.clientWidth, Number(e.querySelector('svg').getAttribute('width'))])")
    assert len(boxes) >= 2 and all(drawn == width for width, drawn in boxes), boxes
    row = citizen.locator(f"#task-{task.pk}")
    expect(row).to_be_hidden()  # the table is folded by 工作任务: the board stays short on a phone
    citizen.locator("details.wp-group", has=row).locator("summary").first.click()
    expect(row).to_be_visible()
    expect(row).to_contain_text(REPORT_TEXT)
    expect(row).to_contain_text("推进中")
    expect(row).to_contain_text("80%")
    violations = axe(citizen)
    assert not violations, describe(violations)
    row.get_by_text("1 份进展报告").click()  # the reports are folded under their count
    row.get_by_role("link", name=ITEM_TITLE).click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text(ITEM_TITLE)

    # A 空白栏目 in the township, found by a run started from the county dashboard.
    clear(site.node(site.township, "art20.7"))
    supervisor.get_by_role("navigation", name="主导航").get_by_role("link", name="检查指标").click()
    supervisor.get_by_role("button", name="立即检查").click()
    expect(supervisor.get_by_role("status")).to_contain_text("检查已开始")
    ranking = supervisor.get_by_role("table", name="单位得分排名")
    township_row = ranking.get_by_role("row").filter(has_text=site.township.name)
    expect(township_row).to_contain_text("98.0")
    expect(township_row).to_contain_text("合格")
    expect(supervisor.get_by_role("table").filter(has_text="空白栏目（有栏目无内容）")).to_be_visible()
    violations = axe(supervisor)
    assert not violations, describe(violations)
    township_row.get_by_role("link", name=site.township.name).click()
    expect(supervisor.get_by_role("heading", level=1)).to_contain_text(site.township.name)
    expect(supervisor.get_by_role("link", name=re.compile("财政预决算.*空白栏目"))).to_be_visible()
    expect(supervisor.locator(".wp-score")).to_contain_text("98.0")
