"""「重置密码」: the 单位管理员 (or the 政务公开办) gives a temporary password; the user must change it."""

import pytest
from django.urls import reverse

from gongkai.accounts.factories import TEST_PASSWORD, user_with_role
from gongkai.accounts.models import Role
from gongkai.audit.models import AuditEvent
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization

pytestmark = pytest.mark.django_db


def _reset(client, org, user):
    response = client.post(reverse("organizations:accounts", kwargs={"org_id": org.pk}), {"user": user.pk})
    issued = response.context["issued"] if response.context else None
    return response, issued["password"] if issued else None


def test_the_unit_admin_resets_a_password_and_the_user_must_change_it(client, org, editor, org_admin):
    client.force_login(org_admin)
    assert "本单位账号（重置密码）" in client.get(reverse("organizations:detail", kwargs={"org_id": org.pk})
                                          ).content.decode()
    response, temporary = _reset(client, org, editor)
    assert response.status_code == 200 and temporary
    assert temporary in response.content.decode() and "只显示这一次" in response.content.decode()
    event = AuditEvent.objects.get(action="auth.password_reset")
    assert event.actor == org_admin and event.object_id == str(editor.pk)
    assert temporary not in f"{event.note} {event.changes} {event.object_repr}"
    # The old password is gone; the temporary one logs in but leads only to the password change.
    client.post(reverse("accounts:logout"))
    editor.refresh_from_db()
    assert editor.must_change_password and not editor.check_password(TEST_PASSWORD)
    login = client.post(reverse("accounts:login"), {"username": editor.username, "password": temporary})
    assert login.status_code == 302
    work = client.get(reverse("workbench:home"))
    assert work.status_code == 302 and work["Location"] == reverse("accounts:password_change")
    page = client.get(reverse("accounts:password_change")).content.decode()
    assert "临时密码" in page
    same = client.post(reverse("accounts:password_change"), {
        "old_password": temporary, "new_password1": temporary, "new_password2": temporary})
    assert "新密码不能与当前密码相同" in same.content.decode()
    changed = client.post(reverse("accounts:password_change"), {
        "old_password": temporary, "new_password1": "Zi-Ji-De-2026-Mima", "new_password2": "Zi-Ji-De-2026-Mima"})
    assert changed.status_code == 302
    assert client.get(reverse("workbench:home")).status_code == 200
    editor.refresh_from_db()
    assert not editor.must_change_password


def test_the_supervisor_resets_passwords_in_units_below_them(client, org, editor):
    county = OrganizationFactory(kind=Organization.Kind.PEOPLE_GOVERNMENT, name="测试县人民政府")
    org.parent = county
    org.save()
    supervisor = user_with_role(county, Role.SUPERVISOR)
    client.force_login(supervisor)
    response, temporary = _reset(client, org, editor)
    assert temporary and AuditEvent.objects.filter(action="auth.password_reset").exists()


def test_others_cannot_reset_and_are_told_why(client, org, other_org, editor):
    url = reverse("organizations:accounts", kwargs={"org_id": org.pk})
    for outsider in (user_with_role(org, Role.REVIEWER), user_with_role(other_org, Role.ORG_ADMIN)):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
        assert client.post(url, {"user": editor.pk}).status_code == 403
    # A unit admin cannot reset somebody of another unit through their own unit's page ...
    admin = user_with_role(org, Role.ORG_ADMIN)
    client.force_login(admin)
    stranger = user_with_role(other_org, Role.EDITOR)
    response, temporary = _reset(client, org, stranger)
    assert temporary is None and "该账号不属于本单位" in response.content.decode()
    # ... nor an account that also works in a unit they do not manage.
    from gongkai.accounts.models import Membership

    Membership.objects.create(user=editor, organization=other_org, role=Role.EDITOR)
    response, temporary = _reset(client, org, editor)
    assert temporary is None and "无权管理的其他单位" in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password(TEST_PASSWORD) and not editor.must_change_password
    assert not AuditEvent.objects.filter(action="auth.password_reset").exists()


@pytest.mark.parametrize("county_role", [Role.SUPERVISOR, Role.FILING_CENTER])
def test_a_county_account_is_reset_only_by_a_system_administrator(client, county_role):
    # The county roles sit on the county government's own organization: its 单位管理员 must not be able to
    # reset (and so log in as) the 政务公开办 or the 大数据中心, who reach every unit below.
    county = OrganizationFactory()
    admin = user_with_role(county, Role.ORG_ADMIN)
    officer = user_with_role(county, county_role)
    client.force_login(admin)
    response, temporary = _reset(client, county, officer)
    assert temporary is None and "只能由系统管理员重置密码" in response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(TEST_PASSWORD) and not officer.must_change_password
    assert not AuditEvent.objects.filter(action="auth.password_reset").exists()


def test_a_user_with_a_temporary_password_may_still_switch_the_language(client, org, editor):
    editor.must_change_password = True
    editor.save(update_fields=["must_change_password"])
    client.force_login(editor)
    change = reverse("accounts:password_change")
    response = client.post(reverse("set_language"), {"language": "en", "next": change})
    assert response.status_code == 302 and response["Location"] in (change, "/en" + change)
    assert client.get(reverse("workbench:home"))["Location"] == change


def test_the_admin_is_offered_a_password_change_for_their_own_row_not_a_reset(client, org, editor, org_admin):
    client.force_login(org_admin)
    page = client.get(reverse("organizations:accounts", kwargs={"org_id": org.pk})).content.decode()
    assert f"重置{editor}的密码" in page
    assert f"重置{org_admin}的密码" not in page and "修改自己的密码" in page


def test_a_unit_admin_cannot_reset_another_unit_admins_password_but_the_county_office_can(client, org, org_admin):
    # A 单位管理员 who reset a fellow 单位管理员 could log in as them and act under their name: only the 政务公开办
    # above the unit (or a system administrator) may, and the page offers no button that would be refused.
    colleague = user_with_role(org, Role.ORG_ADMIN, full_name="另一位单位管理员")
    client.force_login(org_admin)
    page = client.get(reverse("organizations:accounts", kwargs={"org_id": org.pk})).content.decode()
    assert f"重置{colleague}的密码" not in page
    assert "该账号是单位管理员账号，只能由政务公开办或系统管理员重置密码。" in page
    response, temporary = _reset(client, org, colleague)  # a crafted POST
    assert temporary is None and "只能由政务公开办或系统管理员重置密码" in response.content.decode()
    colleague.refresh_from_db()
    assert colleague.check_password(TEST_PASSWORD) and not colleague.must_change_password
    assert not AuditEvent.objects.filter(action="auth.password_reset").exists()
    county = OrganizationFactory(kind=Organization.Kind.PEOPLE_GOVERNMENT, name="测试县人民政府")
    org.parent = county
    org.save()
    client.force_login(user_with_role(county, Role.SUPERVISOR))
    page = client.get(reverse("organizations:accounts", kwargs={"org_id": org.pk})).content.decode()
    assert f"重置{colleague}的密码" in page
    response, temporary = _reset(client, org, colleague)
    assert temporary and AuditEvent.objects.filter(action="auth.password_reset").count() == 1
