"""What a 通报 covers: the form counts exactly what issuing in the chosen 发文机关's name lists, and the files of a
通报 issued before that rule (in a unit's name, listing other units) reach nobody who may not see them all."""

import io
import re
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from docx import Document

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.core.services import ActionRefused
from gongkai.inspection import engine, services
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


@pytest.fixture
def legacy(nested, monkeypatch):
    """A 通报 in the 教体局's name issued under the old rule (every finding in the issuer's reach), and one of
    the county's; then migration 0005 marks what the stored files hold."""
    site = nested
    data = services.notice_defaults(timezone.localdate()) | {"prefix": "测教通"}
    with monkeypatch.context() as patch:
        patch.setattr(services, "notice_scope", lambda actor, organization: {o.pk for o in site.units} | {site.school.pk})
        site.old = services.issue_notice(site.supervisor, site.department, data)
    site.county = services.issue_notice(site.supervisor, site.government, data | {"prefix": "测政通"})
    import_module("gongkai.inspection.migrations.0005_notice_lists_other_units").mark(apps, None)
    site.old.refresh_from_db()
    site.county.refresh_from_db()
    return site


def test_a_file_listing_another_units_findings_is_not_served_to_the_issuing_unit(client, legacy):
    site = legacy
    old = site.old
    cells = [c.text for t in Document(io.BytesIO(old.document.docx.open("rb").read())).tables
             for row in t.rows for c in row.cells]
    assert "测试县东里镇人民政府" in cells  # the stored file holds the township's finding
    assert old.lists_other_units and not site.county.lists_other_units
    assert AuditEvent.objects.filter(action="inspection.notice_withheld", object_id=str(old.pk)).exists()
    for unit in (site.department, site.township):
        client.force_login(user_with_role(unit, Role.ORG_ADMIN))
        for name in ("inspection:notice_pdf", "inspection:notice_docx"):
            response = client.get(reverse(name, kwargs={"notice_id": old.pk}))
            assert response.status_code == 403 and "文件中含有其他单位的问题，不提供下载" in response.content.decode()
        page = client.get(reverse("inspection:notice", kwargs={"notice_id": old.pk})).content.decode()
        assert "下载 PDF" not in page and "不提供下载" in page
        # The county's 通报 goes to every unit below it, as before.
        county_pdf = client.get(reverse("inspection:notice_pdf", kwargs={"notice_id": site.county.pk}))
        assert county_pdf.status_code == 200
    assert AuditEvent.objects.filter(action="inspection.notice_file_refused", object_id=str(old.pk)).count() == 4
    client.force_login(site.supervisor)  # who may see every finding it lists
    assert client.get(reverse("inspection:notice_pdf", kwargs={"notice_id": old.pk})).status_code == 200
    page = client.get(reverse("inspection:notice", kwargs={"notice_id": old.pk})).content.decode()
    assert "重新生成通报" in page and "生成公开信息草稿并送审" not in page
    with pytest.raises(ActionRefused, match="不能以发文机关名义公开"):
        services.publish_notice(site.supervisor, old)


def test_a_supervisor_below_the_county_sees_only_its_units_of_an_old_notice(client, legacy):
    site = legacy
    township = Finding.objects.get(organization=site.township)
    client.force_login(user_with_role(site.department, Role.SUPERVISOR))
    page = client.get(reverse("inspection:notice", kwargs={"notice_id": site.old.pk})).content.decode()
    school = Finding.objects.filter(organization=site.school).first()
    assert reverse("inspection:finding", kwargs={"finding_id": school.pk}) in page
    assert reverse("inspection:finding", kwargs={"finding_id": township.pk}) not in page
    assert client.get(reverse("inspection:notice_pdf", kwargs={"notice_id": site.old.pk})).status_code == 403


def test_an_item_made_from_an_old_notice_listing_other_units_cannot_be_approved(legacy):
    """Before the subtree rule, 公开通报 put the whole letter (every unit's findings) and its PDF into a draft of
    the issuing unit, submitted for review: approving it would publish the other units' findings (review)."""
    from gongkai.catalog.services import ensure_catalog, node_by_key
    from gongkai.publishing import services as publishing

    site = legacy
    editor, reviewer = user_with_role(site.department, Role.EDITOR), user_with_role(site.department, Role.REVIEWER)
    ensure_catalog(site.department)
    item = publishing.create_item(editor, site.department, {
        "title": site.old.title, "formed_on": timezone.localdate(), "body": "<p>东里镇人民政府：……</p>"},
        [node_by_key(site.department, "plan.notices")])
    publishing.submit(editor, item)
    Notice.objects.filter(pk=site.old.pk).update(item=item)
    with pytest.raises(ActionRefused, match="由一份含有发文机关及其下级以外单位问题的旧通报生成"):
        publishing.approve(reviewer, item, "经审查，不涉及国家秘密，同意公开。", secrecy_checked=True)
    item.refresh_from_db()
    assert item.state == "submitted"
