import pytest
from django.urls import reverse

from gongkai.accounts.factories import user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization

pytestmark = pytest.mark.django_db

OFFICE_POST = {
    "office_name": "测试局办公室", "office_address": "测试县人民路1号", "office_hours": "工作日 8:30-17:30",
    "office_phone": "0533-3200000", "office_fax": "0533-3200001", "office_email": "gk@example.cn",
    "office_web": "https://www.example.cn/", "office_postcode": "256100",
    "guide_text": "<p>补充说明</p><img src=x onerror=alert(1)>",
}


def test_detail_for_the_units_staff(client, org, editor):
    client.force_login(editor)
    response = client.get(reverse("organizations:detail", kwargs={"org_id": org.id}))
    assert response.status_code == 200
    body = response.content.decode()
    assert org.name in body
    assert org.office_phone in body
    assert reverse("organizations:edit", kwargs={"org_id": org.id}) not in body  # editors cannot edit


def test_detail_of_another_unit_is_refused(client, org, other_org, editor):
    client.force_login(editor)
    response = client.get(reverse("organizations:detail", kwargs={"org_id": other_org.id}))
    assert response.status_code == 403
    assert other_org.name not in response.content.decode()


def test_admin_edits_own_unit(client, org, org_admin):
    client.force_login(org_admin)
    url = reverse("organizations:edit", kwargs={"org_id": org.id})
    assert client.get(url).status_code == 200
    response = client.post(url, {**OFFICE_POST, "office_phone": "0533-3288888"})
    assert response.status_code == 302
    assert response["Location"] == reverse("organizations:detail", kwargs={"org_id": org.id})
    org.refresh_from_db()
    assert org.office_phone == "0533-3288888"
    assert org.office_postcode == "256100"
    assert "onerror" not in org.guide_text
    assert AuditEvent.objects.filter(action="organization.update_office", organization=org).count() == 1


def test_edit_with_bad_input_shows_chinese_errors_and_saves_nothing(client, org, org_admin):
    client.force_login(org_admin)
    before = Organization.objects.get(pk=org.pk)
    response = client.post(reverse("organizations:edit", kwargs={"org_id": org.id}),
                           {**OFFICE_POST, "office_postcode": "2561", "office_email": "坏地址"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "邮政编码应为6位数字" in body
    assert "输入一个有效的 Email 地址" in body
    org.refresh_from_db()
    assert org.office_postcode == before.office_postcode
    assert org.office_email == before.office_email
    assert not AuditEvent.objects.filter(action="organization.update_office").exists()


@pytest.mark.parametrize("who", ["editor", "reviewer", "other_admin", "supervisor"])
def test_only_the_units_admin_can_edit(client, request, org, who):
    client.force_login(request.getfixturevalue(who))
    url = reverse("organizations:edit", kwargs={"org_id": org.id})
    before = Organization.objects.get(pk=org.pk)
    assert client.get(url).status_code == 403
    assert client.post(url, {**OFFICE_POST, "office_phone": "110"}).status_code == 403
    org.refresh_from_db()
    assert org.office_phone == before.office_phone
    assert org.guide_text == before.guide_text


def test_unknown_organization_is_404(client, org_admin):
    client.force_login(org_admin)
    assert client.get(reverse("organizations:edit", kwargs={"org_id": 999999})).status_code == 404


def test_supervisor_list_marks_missing_fields(client, org, other_org, county, supervisor):
    gap = OrganizationFactory(parent=county, office_phone="", office_fax="", name="缺项测试局")
    client.force_login(supervisor)
    response = client.get(reverse("organizations:list"))
    assert response.status_code == 200
    body = response.content.decode()
    rows = {row["organization"].id: row for row in response.context["rows"]}
    assert set(rows) == {county.id, org.id, gap.id}  # other_org is not under this county
    assert rows[gap.id]["missing"] == ["联系电话", "传真号码"]
    assert rows[org.id]["missing"] == []
    assert "缺少：联系电话、传真号码" in body
    assert other_org.name not in body


def test_a_party_office_is_not_marked_for_guide_fields_it_does_not_need(client, org, county, supervisor):
    """A 党委工作机关 keeps no 政府信息公开指南 (catalog.templates_builtin.has_guide): the list says 不适用 and does
    not count it incomplete, and its page asks for no 第十二条 details (as the inspection rule GuideFields)."""
    party = OrganizationFactory(parent=county, kind=Organization.Kind.PARTY, name="中共测试县委宣传部",
                                office_name="", office_phone="")
    client.force_login(supervisor)
    response = client.get(reverse("organizations:list"))
    rows = {row["organization"].id: row for row in response.context["rows"]}
    assert rows[party.id]["missing"] == [] and response.context["incomplete"] == 0
    assert "不适用（无政府信息公开指南）" in response.content.decode()
    detail = client.get(reverse("organizations:detail", kwargs={"org_id": party.id})).content.decode()
    assert "政府信息公开指南须载明" not in detail


def test_unit_staff_are_sent_to_their_unit(client, org, editor):
    client.force_login(editor)
    response = client.get(reverse("organizations:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("organizations:detail", kwargs={"org_id": org.id})


def test_account_without_post_cannot_see_the_list(client, org):
    from gongkai.accounts.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("organizations:list")).status_code == 403


def test_filing_center_reads_but_does_not_edit(client, org, county):
    filing = user_with_role(county, Role.FILING_CENTER)
    client.force_login(filing)
    assert client.get(reverse("organizations:detail", kwargs={"org_id": org.id})).status_code == 200
    assert client.get(reverse("organizations:edit", kwargs={"org_id": org.id})).status_code == 403


def test_workbench_menu_links_to_the_units_page(client, org, editor):
    client.force_login(editor)
    body = client.get(reverse("organizations:detail", kwargs={"org_id": org.id})).content.decode()
    assert f'href="{reverse("organizations:index")}"' in body
    assert reverse("organizations:index") == reverse("organizations:list")


@pytest.mark.parametrize("field, value", [("office_address", "测试县人民路\x071号"), ("office_hours", "工作日\x0b8:30"),
                                          ("office_name", "测试局\x00办公室"), ("guide_text", "<p>说明\x1b</p>")])
def test_control_characters_in_the_office_details_are_refused_in_chinese(client, org, org_admin, field, value):
    # They reach the public 指南 and contact pages, the API and the reply letters' 附注.
    client.force_login(org_admin)
    response = client.post(reverse("organizations:edit", kwargs={"org_id": org.id}), {**OFFICE_POST, field: value})
    assert response.status_code == 200
    assert "不能包含控制字符" in response.content.decode()
    org.refresh_from_db()
    assert getattr(org, field) != value
    assert not AuditEvent.objects.filter(action="organization.update_office").exists()


@pytest.mark.parametrize("field", ["office_phone", "office_fax"])
@pytest.mark.parametrize("value", ["请致电办公室", "3221234", "0533-32212", "12345678901234", "0533-3221234、电话"])
def test_an_office_phone_or_fax_that_is_not_a_number_is_refused_in_chinese(client, org, org_admin, field, value):
    client.force_login(org_admin)
    before = getattr(Organization.objects.get(pk=org.pk), field)
    response = client.post(reverse("organizations:edit", kwargs={"org_id": org.id}), {**OFFICE_POST, field: value})
    assert response.status_code == 200
    assert "电话号码格式不正确：固定电话须带区号，如 0533-3221234" in response.content.decode()
    org.refresh_from_db()
    assert getattr(org, field) == before


@pytest.mark.parametrize("value, stored", [
    ("0533-3221234", "0533-3221234"), ("05333221234", "05333221234"), ("(0533)3221234", "(0533)3221234"),
    ("0533-3221234-801", "0533-3221234-801"), ("０５３３－３２２１２３４", "0533-3221234"),
    ("400-123-4567", "400-123-4567"), ("8001234567", "8001234567"), ("139 1234 5678", "13912345678"),
    ("0533-3221234、0533-3221235", "0533-3221234、0533-3221235"), ("\u200e0533-3221234", "0533-3221234"),
    ("0533-3221234转8001", "0533-3221234转8001"), ("（0533）3221234", "(0533)3221234"),
    ("0533—3221234", "0533-3221234"), ("0533–3221234", "0533-3221234"), ("0533 322 1234", "05333221234"),
    ("12345", "12345"), ("0533-12345", "0533-12345"), ("0533-3221234、12345", "0533-3221234、12345"),
])
def test_landline_service_and_mobile_numbers_are_kept(client, org, org_admin, value, stored):
    client.force_login(org_admin)
    response = client.post(reverse("organizations:edit", kwargs={"org_id": org.id}),
                           {**OFFICE_POST, "office_phone": value, "office_fax": value})
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.office_phone, org.office_fax) == (stored, stored)
