"""我的待办 of the 检查指标: a unit's findings to rectify, the 政务公开办's findings awaiting 复核; a 通报
form posted twice issues one 通报."""

import re

import pytest
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.inspection import engine, services
from gongkai.inspection.models import Finding, Notice
from gongkai.inspection.tests.site import clear

pytestmark = pytest.mark.django_db


@pytest.fixture
def checked(site):
    clear(site.node(site.township, "art20.7"))
    engine.run()
    return site


def home(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("workbench:home")).content.decode()


def test_a_units_findings_to_rectify_and_the_supervisors_to_recheck_are_in_my_todo(client, checked):
    site = checked
    finding = Finding.objects.get(rule="empty_nodes", organization=site.township)
    url = reverse("inspection:finding", kwargs={"finding_id": finding.pk})
    township_admin = user_with_role(site.township, Role.ORG_ADMIN)
    html = home(client, township_admin)
    assert "待整改的检查问题" in html and url in html
    # Another unit does not see it; an editor, who may not answer it, is not asked to.
    assert url not in home(client, user_with_role(site.department, Role.ORG_ADMIN))
    assert "待整改的检查问题" not in home(client, user_with_role(site.township, Role.EDITOR))
    assert "整改待复核的检查问题" not in home(client, site.supervisor)
    services.rectify(township_admin, finding, "已公开2020年预算。")
    html = home(client, site.supervisor)
    assert "整改待复核的检查问题" in html and url in html
    assert url not in home(client, township_admin)


def test_a_notice_form_posted_twice_issues_one_notice(client, checked):
    site = checked
    client.force_login(site.supervisor)
    form = client.get(reverse("inspection:notice_create")).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
    data = {"organization": site.government.pk, "title": "关于政务公开检查情况的通报", "prefix": "测政公开通",
            "intro": "现将检查情况通报如下。", "requirements": "请于10个工作日内整改。", "form_token": token}
    first = client.post(reverse("inspection:notice_create"), data)
    assert first["Location"] == reverse("inspection:notice", kwargs={"notice_id": Notice.objects.get().pk})
    second = client.post(reverse("inspection:notice_create"), data, follow=True)
    assert Notice.objects.count() == 1  # and no second 文号 taken
    assert "这份通报已经生成过" in second.content.decode()
    forged = client.post(reverse("inspection:notice_create"), data | {"form_token": "x"})
    assert "表单已失效" in forged.content.decode() and Notice.objects.count() == 1
