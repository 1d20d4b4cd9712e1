"""A citizen follows a unit by e-mail from its column page, confirms from the mail file, and receives
the unit's next publication; then unsubscribes with the link in that mail."""

import email
import re
from email import policy

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.data import build_county, publish

pytestmark = pytest.mark.browser

ADDRESS = "citizen@example.cn"


def read_mail(directory) -> list:
    """Every message the file backend wrote (one file per connection, messages separated by a line of dashes)."""
    messages = []
    for path in sorted(directory.glob("*.log")):
        for chunk in re.split(rb"\n-{79}\n", path.read_bytes()):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.strip() + b"\n", policy=policy.default))
    return messages


def subject(message) -> str:
    return str(message["Subject"]).strip()


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def link_in(message, part: str, base: str) -> str:
    url = next(u for u in re.findall(r"https?://\S+", text_of(message)) if f"/dy/{part}/" in u)
    return re.sub(r"^https?://[^/]+", base, url)


def test_citizen_subscribes_to_a_unit_confirms_from_the_mail_file_and_receives_the_next_item(
        page, settings, tmp_path, live_server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    county = build_county()

    page.goto(reverse("portal:org_column", args=[county.department.pk]))
    page.get_by_role("link", name="邮件订阅本单位发布的信息").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("订阅")
    expect(page.get_by_label("订阅对象")).to_have_value(str(county.department.pk))
    page.get_by_label("电子邮箱").fill(ADDRESS)
    page.get_by_label("即时推送").check()
    page.get_by_role("button", name="订阅").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("请查收邮件")

    [confirmation] = read_mail(tmp_path / "mail")
    assert str(confirmation["To"]).strip() == ADDRESS and county.department.name in subject(confirmation)
    page.goto(link_in(confirmation, "qr", live_server.url))
    page.get_by_role("button", name="确认订阅").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("订阅成功")

    publish(county, "关于2020年春季学期开学工作的通知")
    news = [m for m in read_mail(tmp_path / "mail") if subject(m) == "关于2020年春季学期开学工作的通知"]
    assert len(news) == 1 and str(news[0]["To"]).strip() == ADDRESS
    assert str(news[0]["List-Unsubscribe-Post"]).strip() == "List-Unsubscribe=One-Click"
    assert "/dy/td/" in news[0]["List-Unsubscribe"]

    page.goto(link_in(news[0], "td", live_server.url))
    page.get_by_role("button", name="确认退订").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("已退订")
    publish(county, "关于2020年秋季学期开学工作的通知")
    assert not [m for m in read_mail(tmp_path / "mail") if subject(m) == "关于2020年秋季学期开学工作的通知"]
