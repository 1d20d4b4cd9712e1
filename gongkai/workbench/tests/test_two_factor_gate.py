"""Every staff URL sends a 审核员 or 单位管理员 who has not passed two-factor login to it (issue #19, item 10):
the gate is `accounts.access.staff_required`, and no staff view goes around it."""

import pytest
from django.urls import reverse

from gongkai.workbench.tests.test_permission_matrix import built_units, snapshot, staff_urls, units  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["reviewer", "org_admin"])
def test_every_staff_url_asks_for_the_second_factor_first(client, units, settings, role):  # noqa: F811
    settings.GONGKAI_TWO_FACTOR_ROLES = ["reviewer", "org_admin", "supervisor", "superuser"]
    _a, b = units
    client.force_login(b.users[role])  # the password step passed, the second factor not
    before = snapshot(b)
    setup = reverse("accounts:two_factor_setup")
    problems = []
    for url, _is_object in staff_urls(b):
        for method in (client.get, client.post):
            response = method(url)
            if response.status_code != 302 or not response["Location"].startswith(setup):
                problems.append(f"{method.__name__.upper()} {url} → {response.status_code}")
    assert not problems, "\n".join(problems)
    assert snapshot(b) == before
