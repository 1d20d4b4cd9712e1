"""The site works under its own Content-Security-Policy (issue #19, item 9): pages, the ECharts charts,
the staff area and the API docs, with the browser enforcing the policy and reporting any violation."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_workplan import county, log_in  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


def _watched(new_page):
    page = new_page(bypass_csp=False)
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return page, problems


def test_pages_and_charts_work_under_the_policy(new_page, county):  # noqa: F811
    site, plan, editor, _published = county
    citizen, problems = _watched(new_page)
    for url in (reverse("portal:home"), reverse("search:results") + "?q=公开", reverse("requests_public:apply"),
                "/api/v1/docs"):
        response = citizen.goto(url)
        assert "script-src 'self'" in response.headers["content-security-policy"]
    citizen.goto(reverse("workplan:board", args=[plan.pk]))
    expect(citizen.locator(".wp-chart svg").first).to_be_visible()  # ECharts drew the chart

    supervisor, staff_problems = _watched(new_page)
    log_in(supervisor, site.supervisor.username)
    supervisor.goto(reverse("inspection:dashboard"))
    expect(supervisor.get_by_role("heading", level=1)).to_be_visible()

    writer, writer_problems = _watched(new_page)
    log_in(writer, editor.username)
    writer.goto(reverse("publishing:create"))
    expect(writer.locator(".jodit-wysiwyg").first).to_be_visible()  # the rich-text editor started
    staff_problems += writer_problems
    assert not [p for p in problems + staff_problems if "Content Security Policy" in p or "Refused" in p], problems
    assert not problems + staff_problems
