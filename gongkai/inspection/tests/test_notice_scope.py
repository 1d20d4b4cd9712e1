"""What a 通报 covers: the form counts exactly what issuing in the chosen 发文机关's name lists."""

import re

import pytest
from django.urls import reverse

from gongkai.inspection import engine
from gongkai.inspection.models import Finding, Notice
from gongkai.inspection.tests.site import clear
from gongkai.letters.models import DocNumberSequence
from gongkai.organizations.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nested(site):
    """The 教体局 gets a school below it: the county and the 教体局 may both issue; the township has a finding."""
    site.school = OrganizationFactory(parent=site.department, name="测试县第一中学", short_name="一中")
    clear(site.node(site.township, "art20.7"))
    site.department.office_web = ""
    site.department.save()
    engine.run()
    return site


def _post(client, organization, **extra):
    form = client.get(reverse("inspection:notice_create")).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
    return client.post(reverse("inspection:notice_create"), {
        "organization": organization.pk, "title": "关于政务公开检查情况的通报", "prefix": "测政公开通",
        "intro": "现将检查情况通报如下。", "requirements": "请于10个工作日内整改。", "form_token": token} | extra)


def test_the_form_counts_what_a_notice_in_the_chosen_issuers_name_lists(client, nested):
    site = nested
    below = Finding.objects.filter(organization__in=[site.department, site.school])
    assert below.count() < Finding.objects.count()  # the township's finding is outside the 教体局
    client.force_login(site.supervisor)
    html = client.get(reverse("inspection:notice_create"), {"organization": site.department.pk}).content.decode()
    assert f"通报将列出测试县教育和体育局及其下级单位的 {below.count()} 个待整改和待复核的问题（2 个单位" in html
    assert "测试县第一中学" in html and "测试县东里镇人民政府" not in html  # the preview by unit
    assert f'name="organization" value="{site.department.pk}"' in html
    response = _post(client, site.department)
    notice = Notice.objects.get()
    assert response.status_code == 302 and set(notice.findings.all()) == set(below)
    # The county's page counts everything.
    html = client.get(reverse("inspection:notice_create")).content.decode()
    assert f"的 {Finding.objects.count()} 个待整改和待复核的问题（3 个单位" in html


def test_the_form_takes_only_an_issuer_and_a_well_formed_prefix(client, nested):
    site = nested
    client.force_login(site.supervisor)
    html = client.get(reverse("inspection:notice_create"), {"organization": "x'"}).content.decode()
    assert "以测试县人民政府名义发文" in html  # an unknown choice shows the first issuer
    response = _post(client, site.township)  # no unit below it: not an issuer
    assert response.status_code == 200 and "请从本页选择可以发文的机关。" in response.content.decode()
    for prefix in ("测政〔2026〕", "测政\n公开", "测政 通"):
        response = _post(client, site.government, prefix=prefix)
        assert response.status_code == 200 and "发文字号代字须为1至20个字" in response.content.decode()
    assert not Notice.objects.exists() and not DocNumberSequence.objects.exists()  # no 文号 taken
