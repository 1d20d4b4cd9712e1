import pytest
from django.urls import reverse

from gongkai.accounts.factories import UserFactory
from gongkai.audit.models import AuditEvent
from gongkai.catalog.models import CatalogNode
from gongkai.organizations.factories import credit_code_for
from gongkai.organizations.models import Organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def _post(code: str, name: str = "测试县新设局") -> dict:
    return {"kind": Organization.Kind.DEPARTMENT, "name": name, "short_name": "新设局", "credit_code": code,
            "sort_order": 100, "is_active": "on", "office_web": "", "guide_text": ""}


def _wrong_check_character(code: str) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    return code[:-1] + next(c for c in alphabet if c != code[-1])


def test_wrong_check_character_is_refused(admin_client):
    code = _wrong_check_character(credit_code_for(777))
    response = admin_client.post(reverse("admin:organizations_organization_add"), _post(code))
    assert response.status_code == 200
    assert f"统一社会信用代码“{code}”的校验码不正确（GB 32100-2015）" in response.content.decode()
    assert not Organization.objects.filter(name="测试县新设局").exists()


def test_valid_code_is_accepted_normalized_audited_and_gets_a_catalog(admin_client):
    code = credit_code_for(778)
    spaced = f"{code[:6]} {code[6:12]}-{code[12:]}".lower()
    response = admin_client.post(reverse("admin:organizations_organization_add"), _post(spaced))
    assert response.status_code == 302, response.context["adminform"].form.errors
    organization = Organization.objects.get(name="测试县新设局")
    assert organization.credit_code == code
    assert CatalogNode.objects.filter(organization=organization, template_key="art20.1").exists()
    assert AuditEvent.objects.filter(action="admin.add", object_type="organizations.organization",
                                     object_id=str(organization.id)).exists()


def test_guide_text_is_sanitized_in_the_admin(admin_client, org):
    data = _post(org.credit_code, name=org.name)
    data["guide_text"] = "<p>说明</p><script>alert(1)</script>"
    response = admin_client.post(reverse("admin:organizations_organization_change", args=[org.pk]), data)
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.guide_text == "<p>说明</p>"
    event = AuditEvent.objects.get(action="admin.change", object_id=str(org.pk))
    assert event.changes["guide_text"][1] == "<p>说明</p>"


def test_an_organization_cannot_become_its_own_parent_or_its_childs_child(admin_client, org):
    child = Organization.objects.create(parent=org, kind=Organization.Kind.DEPARTMENT, name="下属单位",
                                        credit_code=credit_code_for(779))
    url = reverse("admin:organizations_organization_change", args=[org.pk])
    for parent in (org, child):
        data = {**_post(org.credit_code, name=org.name), "parent": parent.pk}
        response = admin_client.post(url, data)
        assert response.status_code == 200
        assert "上级机构不能是本机构或其下级机构。" in response.content.decode()
        org.refresh_from_db()
        assert org.parent_id is None
