"""标准目录 staff pages in the browser: axe-core finds no violation of moderate impact or worse (each section's
table scroll area was a second region with the same name as its section: landmark-unique)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from gongkai.accounts.factories import TEST_PASSWORD, user_with_role
from gongkai.accounts.models import Role
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization
from gongkai.standards import services
from gongkai.standards.models import Domain
from tests.browser.a11y import describe, run_axe

pytestmark = pytest.mark.browser


def test_the_standard_catalog_staff_pages_have_unique_landmarks(new_page):
    government = OrganizationFactory(kind=Organization.Kind.PEOPLE_GOVERNMENT, name="测试县人民政府")
    department = OrganizationFactory(parent=government, name="测试县教育和体育局")
    supervisor = user_with_role(government, Role.SUPERVISOR, username="gkb")
    services.load_builtin()
    education = Domain.objects.get(name="义务教育")
    services.assign(supervisor, education, [department])

    page = new_page(viewport={"width": 1366, "height": 900})
    page.goto(reverse("accounts:login"))
    page.get_by_label("用户名").fill("gkb")
    page.get_by_label("密码", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("navigation", name="主导航")).to_be_visible()
    report = []
    for url in (reverse("standards_staff:index"), reverse("standards_staff:domain", args=[education.pk]),
                reverse("standards_staff:unit", args=[department.pk])):
        assert page.goto(url).status == 200
        violations = run_axe(page, impacts=("moderate", "serious", "critical"))
        if violations:
            report.append(f"{url}:\n{describe(violations)}")
    assert not report, "\n\n".join(report)
