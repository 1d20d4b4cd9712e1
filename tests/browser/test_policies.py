"""惠企政策 on a phone: an enterprise finds the policy open today for its industry, reads the six fields and
opens the 政策明白纸; the finder and the policy page pass axe and do not scroll sideways at 390 px."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.policies.factories import enterprise_policy
from tests.browser.a11y import describe
from tests.browser.data import build_county

pytestmark = pytest.mark.browser


def policies(county):
    today = timezone.localdate()
    return {
        "open": enterprise_policy(county.department, county.editor, county.reviewer, title="制造业企业技术改造奖补办法",
                                  industries=["C"], contact="企业服务股 0533-3221001"),
        "closed": enterprise_policy(county.department, county.editor, county.reviewer, title="制造业展会补助（去年）",
                                    industries=["C"], starts_on=today - dt.timedelta(days=90),
                                    ends_on=today - dt.timedelta(days=3)),
        "farming": enterprise_policy(county.department, county.editor, county.reviewer, title="农机购置补贴",
                                     industries=["A"]),
    }


def test_an_enterprise_finds_an_open_policy_for_its_industry_on_a_phone(new_page, axe):
    county = build_county()
    found = policies(county)
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto("/qyzc/")  # linked from the main navigation, the home panel and 办事服务 (gongkai/policies/tests)
    expect(page.get_by_role("heading", level=1)).to_have_text("惠企政策")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not (violations := axe(page)), describe(violations)

    page.get_by_label("所属行业").select_option(label="制造业")
    page.get_by_label("只看正在申报的政策").check()
    page.get_by_role("button", name="查找").click()
    results = page.locator(".policy-card")
    expect(results).to_have_count(1)
    card = results.first
    expect(card.get_by_role("heading")).to_contain_text("制造业企业技术改造奖补办法")
    expect(card).to_contain_text("正在申报")
    for label in ("申请条件", "申报材料", "办理流程", "承办部门", "联系方式", "申报时间"):
        expect(card).to_contain_text(label)
    expect(card).to_contain_text("企业服务股 0533-3221001")

    card.get_by_role("link", name="查看详情").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("制造业企业技术改造奖补办法")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not (violations := axe(page)), describe(violations)
    flyer = page.get_by_role("link", name="政策明白纸（PDF，可打印）").get_attribute("href")
    response = page.request.get(flyer)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF") and str(found["open"].pk) in flyer


def test_an_enterprise_subscribes_on_a_phone_confirms_from_the_mail_file_and_receives_the_units_digest(
        new_page, settings, tmp_path, live_server):
    from gongkai.organizations.validators import with_check_character
    from gongkai.policies import services
    from gongkai.policies.quarters import Quarter
    from tests.browser.test_subscriptions import link_in, read_mail, subject, text_of

    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    county = build_county()
    policies(county)
    page = new_page(viewport={"width": 390, "height": 844})

    # The enterprise finds an open policy for its industry, then subscribes to the pushes of 涉企政策.
    page.goto("/qyzc/")
    page.get_by_label("所属行业").select_option(label="制造业")
    page.get_by_label("只看正在申报的政策").check()
    page.get_by_role("button", name="查找").click()
    expect(page.locator(".policy-card")).to_have_count(1)
    page.goto("/dy/enterprise_policies/")
    page.get_by_label("企业名称").fill("沂源县瑞阳机械制造有限公司")
    page.get_by_label("统一社会信用代码").fill(with_check_character("91370323MA3C00001"))
    page.get_by_label("制造业").check()
    page.get_by_label("电子邮箱").fill("office@ruiyang.example.cn")
    page.get_by_label("即时推送").check()
    page.get_by_role("button", name="订阅").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("请查收邮件")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    [confirmation] = [m for m in read_mail(tmp_path / "mail") if "/dy/qr/" in text_of(m)]
    assert str(confirmation["To"]).strip() == "office@ruiyang.example.cn"
    page.goto(link_in(confirmation, "qr", live_server.url))
    page.get_by_role("button", name="确认订阅").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("订阅成功")

    # The unit compiles this quarter's digest and its reviewer sends it: the enterprise receives it, with
    # the 制造业 policy and the PDF; a farming-only digest would not have reached it.
    quarter = Quarter.of(timezone.localdate())
    digest = services.compile_digest(county.editor, county.department, quarter)
    services.send_digest(county.reviewer, digest, url=live_server.url + "/qyzc/")
    [push] = [m for m in read_mail(tmp_path / "mail") if "/dy/qr/" not in text_of(m) and "涉企政策" in subject(m)]
    assert str(push["To"]).strip() == "office@ruiyang.example.cn"
    body = push.get_body(preferencelist=("plain",)).get_content()
    assert "制造业企业技术改造奖补办法" in body
    assert any(part.get_content_type() == "application/pdf" for part in push.iter_attachments())
    assert "/dy/td/" in push["List-Unsubscribe"]
