"""A 审核员's first login with two-factor login required: enrolment by QR code (the key typed into a
stand-in authenticator) with the 绑定码 the 单位管理员 gave, recovery codes, then the code after the password on
the next login; without a 绑定码 the page says whom to ask."""

import base64
import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from playwright.sync_api import expect

from gongkai.accounts import enrolment
from gongkai.accounts.factories import TEST_PASSWORD
from tests.browser.a11y import describe
from tests.browser.data import build_county

pytestmark = pytest.mark.browser


def authenticator(secret_text: str, ahead: int = 0) -> str:
    """What an authenticator app shows for the key the page printed."""
    key = base64.b32decode(secret_text.replace(" ", ""))
    return str(totp(key, drift=ahead)).zfill(6)


def password_step(page, username: str) -> None:
    page.goto(reverse("accounts:login"))
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_without_a_set_up_code_the_page_says_whom_to_ask(new_page, axe, settings):
    """Whoever knows only the password (a temporary one read in a chat) gets nothing to scan."""
    settings.GONGKAI_TWO_FACTOR_ROLES = ["reviewer", "org_admin", "supervisor", "superuser"]
    county = build_county()
    page = new_page()
    password_step(page, county.reviewer.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("设置两步验证")
    expect(page.get_by_role("alert")).to_contain_text("请联系本单位管理员")
    expect(page.get_by_role("img", name="两步验证二维码")).to_have_count(0)
    assert not axe(page), describe(axe(page))


def test_a_reviewer_enrols_at_the_first_login_and_gives_a_code_at_the_next(new_page, axe, settings):
    settings.GONGKAI_TWO_FACTOR_ROLES = ["reviewer", "org_admin", "supervisor", "superuser"]
    county = build_county()
    binding = enrolment.issue(None, county.reviewer)  # given by the 单位管理员 apart from the password
    page = new_page()
    password_step(page, county.reviewer.username)

    expect(page.get_by_role("heading", level=1)).to_have_text("设置两步验证")
    expect(page.get_by_role("img", name="两步验证二维码")).to_be_visible()
    assert not axe(page), describe(axe(page))
    secret = page.locator("code.secret").inner_text()
    page.get_by_label("绑定码").fill("ABCD-EFGH")
    page.get_by_label("验证码").fill(authenticator(secret))
    page.get_by_role("button", name="完成设置").click()
    expect(page.get_by_text("绑定码不正确")).to_be_visible()
    assert not axe(page), describe(axe(page))
    page.get_by_label("绑定码").fill(binding)
    page.get_by_label("验证码").fill(authenticator(secret))
    page.get_by_role("button", name="完成设置").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("请保存恢复码")
    assert len(page.locator(".recovery-codes code").all_inner_texts()) == 10
    assert not axe(page), describe(axe(page))
    page.get_by_role("link", name="我已保存，继续").click()
    expect(page.get_by_role("navigation", name="主导航").get_by_role("link", name="我的待办")).to_be_visible()

    page.get_by_role("button", name="退出登录").click()
    password_step(page, county.reviewer.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("两步验证")
    assert not axe(page), describe(axe(page))
    page.get_by_label("验证码").fill(authenticator(secret, ahead=1))
    page.get_by_label(re.compile("不再询问")).check()
    page.get_by_role("button", name="验证").click()
    expect(page.get_by_role("navigation", name="主导航").get_by_role("link", name="我的待办")).to_be_visible()
