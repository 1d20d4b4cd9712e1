"""The shared error pages (无权访问, 页面已过期, 页面未找到, 网址参数不正确) wrap a long web address or an
unbroken string in their message on a 390 px phone: the page never scrolls sideways."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import render
from django.test import RequestFactory, override_settings
from django.utils import translation

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
WIDTHS = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
LONG_ADDRESS = "https://www.yiyuan.gov.cn/" + "gongkai/xinxi/" * 12 + "a" * 60 + ".html"


def _html(template, language, live_server, **context):
    request = RequestFactory().get("/" + "x" * 200 + "/", HTTP_HOST=live_server.url.split("//")[1])
    request.user = AnonymousUser()
    with translation.override(language):
        return render(request, template, context).content.decode()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(("template", "context"), [
    ("workbench/forbidden.html", {"reason": "不能打开 " + LONG_ADDRESS}),
    ("403_csrf.html", {"reason": "Origin checking failed - " + LONG_ADDRESS}),
    ("404.html", {}),
    ("400.html", {}),
])
@override_settings(DEBUG=True)
def test_error_pages_do_not_scroll_sideways_at_390_px(new_page, live_server, template, context, language):
    page = new_page(viewport=PHONE)
    page.goto("/", wait_until="load")
    page.set_content(_html(template, language, live_server, **context), wait_until="load")
    scroll_width, client_width = page.evaluate(WIDTHS)
    assert scroll_width <= client_width, f"{template} ({language}): {scroll_width} px on a {client_width} px screen"
    if context:
        assert LONG_ADDRESS in page.locator("main").inner_text().replace("\n", "")
