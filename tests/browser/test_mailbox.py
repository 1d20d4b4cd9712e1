"""政民互动 end to end in Chromium: a citizen writes to a unit (after the "先看看常见问题" step); the unit
replies and publishes the answer; the citizen finds the reply with the tracking number and query code,
rates it, and the published answer appears in the public list without the writer's name."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.accounts.factories import TEST_PASSWORD, user_with_role
from gongkai.accounts.models import Role
from gongkai.mailbox.models import Message
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization
from gongkai.workdays.calendar import WorkdayCalendar
from gongkai.workdays.models import CalendarYear, DayOverride
from tests.browser.a11y import describe

pytestmark = pytest.mark.browser

DIGITS = "零一二三四五六七八九十"


@pytest.fixture
def unit(settings):
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0
    next_year = timezone.localdate().year + 1
    if not WorkdayCalendar().knows_year(next_year):
        CalendarYear.objects.create(year=next_year, source="测试：按周末安排")
        DayOverride.objects.create(date=dt.date(next_year, 1, 1), kind=DayOverride.Kind.HOLIDAY, note="元旦")
    government = OrganizationFactory(kind=Organization.Kind.PEOPLE_GOVERNMENT, name="测试县人民政府")
    org = OrganizationFactory(parent=government, name="测试县教育和体育局", short_name="县教体局")
    return org, user_with_role(org, Role.EDITOR)


def answer(question: str) -> str:
    match = re.search(r"(\S)(加|减)(\S)等于几", question)
    a, b = DIGITS.index(match.group(1)), DIGITS.index(match.group(3))
    return str(a + b if match.group(2) == "加" else a - b)


def test_a_citizen_writes_the_unit_replies_the_citizen_rates_and_the_answer_is_public(new_page, unit, axe):
    org, editor = unit

    citizen = new_page()
    citizen.goto(reverse("mailbox:column"))
    citizen.get_by_role("link", name="县长信箱和部门信箱").click()
    citizen.get_by_role("link", name=f"{org.name}信箱").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("我要写信")
    citizen.get_by_label("您的问题").fill("城区小学招生划片范围")
    citizen.get_by_role("button", name="先看看常见问题").click()
    expect(citizen.get_by_text("第2步，共2步：填写留言")).to_be_visible()
    expect(citizen.get_by_label("写信对象")).to_have_value(str(org.pk))
    expect(citizen.get_by_label("标题")).to_have_value("城区小学招生划片范围")
    violations = axe(citizen)
    assert not violations, describe(violations)
    citizen.get_by_role("radio", name="咨询").check()
    citizen.get_by_label("留言内容").fill("孩子今年秋季上一年级，城区各小学的招生划片范围什么时候公布？")
    citizen.get_by_label("姓名", exact=True).fill("李四")
    citizen.get_by_label("联系方式", exact=True).fill("13953398765")
    citizen.get_by_label("同意在网站公开我的留言和答复").check()
    citizen.get_by_label("验证题", exact=True).fill(answer(citizen.locator("#challenge-question").inner_text()))
    citizen.get_by_role("button", name="提交留言").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("留言已提交")
    number = citizen.locator("#tracking-number").inner_text().strip()
    code = citizen.locator("#query-code").inner_text().strip()
    assert Message.objects.get(tracking_number=number).organization == org

    staff = new_page()
    staff.goto(reverse("accounts:login"))
    staff.get_by_label("用户名").fill(editor.username)
    staff.get_by_label("密码", exact=True).fill(TEST_PASSWORD)
    staff.get_by_role("button", name="登录").click()
    staff.goto(reverse("mailbox_staff:list"))
    staff.get_by_role("link", name=number).click()
    expect(staff.locator("#message-state")).to_have_text("待受理")
    form = staff.locator("form").filter(has=staff.get_by_role("heading", name="答复", exact=True))
    form.get_by_label("答复内容").fill("您好！城区小学招生划片范围将于5月下旬在县政府网站公布。")
    form.get_by_role("button", name="发送答复").click()
    expect(staff.locator("#message-state")).to_have_text("已答复")
    staff.get_by_role("button", name="在网站公开").click()
    expect(staff.get_by_role("link", name="查看公开页面")).to_be_visible()

    citizen.goto(reverse("mailbox:lookup"))
    citizen.get_by_label("留言编号").fill(number)
    citizen.get_by_label("查询码").fill(code)
    citizen.get_by_role("button", name="查询").click()
    expect(citizen.locator("#reply-text")).to_contain_text("5月下旬")
    citizen.get_by_role("radio", name="满意", exact=True).check()
    citizen.get_by_role("button", name="提交评价").click()
    expect(citizen.locator("#my-rating")).to_have_text("您的评价：满意")

    citizen.goto(reverse("mailbox:list"))
    entry = citizen.locator("#answer-list li").filter(has_text="城区小学招生划片范围")
    expect(entry).to_contain_text("满意")
    entry.get_by_role("link").click()
    expect(citizen.get_by_text("5月下旬在县政府网站公布")).to_be_visible()
    expect(citizen.locator("main")).not_to_contain_text("李四")
    violations = axe(citizen)
    assert not violations, describe(violations)
