"""依申请公开 end to end in Chromium: a citizen applies online; the unit confirms it, asks for a 补正, receives
it, consults a third party, drafts a 部分公开 reply that a reviewer approves; the citizen looks the case up
with the number and query code and downloads the 答复书."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from gongkai.accounts.factories import TEST_PASSWORD, user_with_role
from gongkai.accounts.models import Role
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization
from gongkai.requests.models import RequestCase
from gongkai.workdays.calendar import WorkdayCalendar
from gongkai.workdays.models import CalendarYear, DayOverride
from tests.browser.a11y import describe

pytestmark = pytest.mark.browser

DIGITS = "零一二三四五六七八九"
WITHHELD = "中标人的投标报价明细"


@pytest.fixture
def unit(settings):
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0
    # Clocks near the end of the calendar's last year must not stop the test: enter next year plainly.
    next_year = timezone.localdate().year + 1
    if not WorkdayCalendar().knows_year(next_year):
        CalendarYear.objects.create(year=next_year, source="测试：按周末安排")
        DayOverride.objects.create(date=dt.date(next_year, 1, 1), kind=DayOverride.Kind.HOLIDAY, note="元旦")
    government = OrganizationFactory(kind=Organization.Kind.PEOPLE_GOVERNMENT, name="测试县人民政府")
    org = OrganizationFactory(parent=government, name="测试县文化和旅游局", short_name="县文旅局")
    return org, user_with_role(org, Role.EDITOR), user_with_role(org, Role.REVIEWER)


def log_in(page, username: str) -> None:
    page.goto(reverse("accounts:login"))
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("navigation", name="主导航").get_by_role("link", name="我的待办")).to_be_visible()


def panel(page, title: str):
    """The action form on the case page whose heading is `title`."""
    return page.locator("form").filter(has=page.get_by_role("heading", name=title, exact=True))


def expect_success(page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()


def answer(question: str) -> str:
    match = re.search(r"(\S)(加|减)(\S)等于几", question)
    a, b = DIGITS.index(match.group(1)), DIGITS.index(match.group(3))
    return str(a + b if match.group(2) == "加" else a - b)


def test_online_request_from_application_to_downloaded_reply(new_page, unit, axe):
    org, editor, reviewer = unit

    # A citizen applies online (条例第二十九条).
    citizen = new_page()
    citizen.goto(reverse("requests_public:index"))
    citizen.get_by_role("link", name=f"向{org.name}申请").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("提交政府信息公开申请")
    violations = axe(citizen)
    assert not violations, describe(violations)
    expect(citizen.get_by_label("向哪个机关申请")).to_have_value(str(org.pk))
    citizen.get_by_role("radio", name="自然人").check()
    citizen.get_by_label("姓名或名称").fill("李四")
    citizen.get_by_label("身份证件号码或统一社会信用代码").fill("11010519491231002X")
    citizen.get_by_label("联系电话").fill("13912345678")
    citizen.get_by_label("电子邮箱").fill("lisi@example.cn")
    citizen.get_by_label("所需政府信息的名称").fill("城区文化广场改造工程招标情况")
    citizen.get_by_label("所需政府信息的特征性描述").fill("请公开城区文化广场改造工程的招标情况")
    citizen.get_by_role("radio", name="电子邮件").first.check()
    citizen.get_by_role("radio", name="网上查询下载").check()
    citizen.get_by_label("本人承诺所填信息真实、准确").check()
    citizen.get_by_label("验证题").fill(answer(citizen.locator("#challenge-question").inner_text()))
    citizen.get_by_role("button", name="提交申请").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("申请已提交")
    number = citizen.locator("#tracking-number").inner_text().strip()
    code = citizen.locator("#query-code").inner_text().strip()
    case = RequestCase.objects.get(tracking_number=number)
    assert case.state == "pending"

    # The unit confirms with the applicant (第三十一条), asks for a 补正 (第三十条) and receives it.
    staff = new_page()
    log_in(staff, editor.username)
    staff.goto(reverse("requests:list"))
    staff.get_by_role("link", name=number).click()
    expect(staff.locator("#case-state")).to_have_text("待确认")
    form = panel(staff, "双方确认，受理")
    form.get_by_label("确认方式").select_option(label="电话")
    form.get_by_label("确认记录").fill("电话确认申请内容")
    form.get_by_role("button", name="确认受理").click()
    expect_success(staff, "已确认受理")
    expect(staff.locator("#case-state")).to_have_text("已受理")

    form = panel(staff, "一次性告知补正")
    form.get_by_label("需要补正的事项").fill("请写明所需招标文件的具体名称或形成时间")
    form.get_by_label("补正期限（工作日）").fill("10")
    form.get_by_role("button", name="出具补正告知书").click()
    expect_success(staff, "补正告知书已出具")
    expect(staff.locator("#case-state")).to_have_text("补正中")
    expect(staff.locator("#clock-reply")).to_contain_text("暂停计算")

    form = panel(staff, "收到补正")
    form.get_by_label("补正内容").fill("2020年城区文化广场改造工程施工招标公告和中标结果")
    form.get_by_role("button", name="登记收到补正").click()
    expect_success(staff, "已登记收到补正")
    expect(staff.locator("#case-state")).to_have_text("办理中")

    # A third party is consulted (第三十二条) and disagrees.
    form = panel(staff, "征求意见")
    form.get_by_role("radio", name="征求第三方意见").check()
    form.get_by_label("被征求意见方").fill("沂源某建设工程有限公司")
    form.get_by_label("征求意见的内容").fill("贵公司投标报价明细是否同意公开")
    form.get_by_role("button", name="出具征求意见书").click()
    expect_success(staff, "征求意见书已出具")
    expect(staff.locator("#case-state")).to_have_text("征求第三方意见")
    form = panel(staff, "登记意见")
    form.locator('[name="opinion"]').select_option(label="不同意公开")
    form.get_by_label("意见内容").fill("报价明细属于商业秘密")
    form.get_by_role("button", name="登记").click()
    expect_success(staff, "已登记对方意见")
    expect(staff.locator("#case-state")).to_have_text("办理中")
    expect(staff.locator("#clock-reply")).to_contain_text("收到补正之日")

    # The handler drafts a 部分公开 reply (第三十七条); a reviewer confirms the withholding and approves.
    form = panel(staff, "起草答复")
    form.get_by_label("办理结果").select_option(label="部分公开")
    form.get_by_label("答复内容").fill("提供中标结果公告和施工招标公告（见附件）。")
    form.locator('[name="parts-0-description"]').fill(WITHHELD)
    form.locator('[name="parts-0-article"]').select_option(label="第十五条：涉及商业秘密、个人隐私等，公开会损害第三方合法权益")
    form.locator('[name="parts-0-reason"]').fill("第三方不同意公开，属于商业秘密")
    form.get_by_role("button", name="提交审核").click()
    expect_success(staff, "答复已提交审核")
    expect(staff.locator("#case-state")).to_have_text("答复待审")

    checker = new_page()
    log_in(checker, reviewer.username)
    checker.goto(reverse("requests:detail", kwargs={"case_id": case.pk}))
    form = panel(checker, "审核答复")
    form.get_by_role("radio", name="审核通过，出具答复书").check()
    form.get_by_label("本人已按最小化原则审查不予公开的内容及其依据，确认不予公开").check()
    form.get_by_role("button", name="提交审核结论").click()
    expect_success(checker, "审核完成")
    expect(checker.locator("#case-state")).to_have_text("已答复")

    # The citizen looks the case up and downloads the reply.
    citizen.goto(reverse("requests_public:lookup"))
    citizen.get_by_label("申请编号").fill(number)
    citizen.get_by_label("查询码").fill(code)
    citizen.get_by_role("button", name="查询").click()
    expect(citizen.locator("#case-state")).to_have_text("已答复")
    expect(citizen.get_by_role("main")).to_contain_text("部分公开")
    expect(citizen.get_by_role("main")).not_to_contain_text("沂源某建设工程有限公司")
    violations = axe(citizen)
    assert not violations, describe(violations)
    with citizen.expect_download() as info:
        citizen.get_by_role("link", name=re.compile(r"^下载 PDF.*政府信息公开申请答复书$")).click()
    data = open(info.value.path(), "rb").read()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).replace("\n", "")
    assert "政府信息公开申请答复书" in text and "李四：" in text and number in text
    assert WITHHELD in text and "第三十七条" in text
    assert dt.date.today().strftime("%Y年").lstrip("0") in text
