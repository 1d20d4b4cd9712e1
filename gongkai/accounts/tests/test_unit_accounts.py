"""「账号管理」: a 单位管理员 creates, deactivates and reactivates the accounts of their own unit (accounts.staffing)."""

import pytest
from django.urls import reverse

from gongkai.accounts.factories import TEST_PASSWORD, user_with_role
from gongkai.accounts.models import Membership, Role, User
from gongkai.audit.models import AuditEvent
from gongkai.organizations.factories import OrganizationFactory
from gongkai.organizations.models import Organization

pytestmark = pytest.mark.django_db


def _create(client, org, **data):
    data = {"full_name": "张三", "username": "zhangsan", "phone": "", "roles": [Role.EDITOR], **data}
    return client.post(reverse("organizations:account_create", kwargs={"org_id": org.pk}), data)


def test_the_unit_admin_creates_an_account_that_must_change_its_password(client, org, org_admin):
    client.force_login(org_admin)
    home = client.get(reverse("workbench:home")).content.decode()
    assert "账号管理" in home
    index = client.get(reverse("organizations:accounts_index"))
    assert index["Location"] == reverse("organizations:accounts", kwargs={"org_id": org.pk})
    assert "新建账号" in client.get(index["Location"]).content.decode()
    response = _create(client, org, phone="１３９ １２３４ ５６７８", roles=[Role.EDITOR, Role.REVIEWER])
    assert response.status_code == 200
    password = response.context["password"]
    page = response.content.decode()
    assert password in page and "只显示这一次" in page
    user = User.objects.get(username="zhangsan")
    assert user.full_name == "张三" and user.is_active and user.must_change_password
    assert user.phone == "13912345678"
    assert set(Membership.objects.filter(user=user).values_list("organization_id", "role")) == {
        (org.pk, Role.EDITOR), (org.pk, Role.REVIEWER)}
    # The phone number is encrypted at rest and kept out of the log, as the password is.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM accounts_user WHERE id = %s", [user.pk])
        assert "13912345678" not in cursor.fetchone()[0]
    event = AuditEvent.objects.get(action="account.create")
    assert event.actor == org_admin and event.organization == org and event.object_id == str(user.pk)
    assert "信息员、审核员" in event.note
    logged = f"{event.note} {event.changes} {event.object_repr}"
    assert password not in logged and "13912345678" not in logged and "5678" not in logged
    # The new user logs in with the temporary password and is led to choose their own.
    client.post(reverse("accounts:logout"))
    assert client.post(reverse("accounts:login"), {"username": "zhangsan", "password": password}).status_code == 302
    assert client.get(reverse("workbench:home"))["Location"] == reverse("accounts:password_change")


@pytest.mark.parametrize(("data", "message"), [
    ({"roles": [Role.ORG_ADMIN]}, "单位管理员只能分配信息员、审核员岗位。"),
    ({"roles": [Role.SUPERVISOR]}, "单位管理员只能分配信息员、审核员岗位。"),
    ({"roles": []}, "请至少选择一个岗位。"),
    ({"username": "张 三"}, "登录用户名只能包含字母、数字和 @ . + - _ 这些符号。"),
    ({"phone": "12345"}, "电话号码格式不正确"),
    ({"full_name": ""}, "这个字段是必填项。"),
])
def test_invalid_accounts_are_refused_in_chinese(client, org, org_admin, data, message):
    client.force_login(org_admin)
    response = _create(client, org, **data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not User.objects.exclude(pk=org_admin.pk).exists()
    assert not AuditEvent.objects.filter(action="account.create").exists()


def test_a_taken_user_name_is_refused_whatever_its_case(client, org, org_admin, editor):
    client.force_login(org_admin)
    response = _create(client, org, username=editor.username.upper())
    assert f"登录用户名“{editor.username.upper()}”已被使用" in response.content.decode()
    assert User.objects.count() == 2


def test_no_one_else_may_create_accounts_for_the_unit(client, org, other_org, reviewer):
    url = reverse("organizations:account_create", kwargs={"org_id": org.pk})
    county_office = user_with_role(other_org, Role.SUPERVISOR)  # a county role reaching other units only
    for outsider in (reviewer, user_with_role(other_org, Role.ORG_ADMIN), county_office):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
        assert _create(client, org).status_code == 403
        assert client.get(reverse("organizations:accounts", kwargs={"org_id": org.pk})).status_code == 403
    assert not User.objects.filter(username="zhangsan").exists()
    client.force_login(reviewer)
    assert client.get(reverse("organizations:accounts_index")).status_code == 403
    assert "账号管理" not in client.get(reverse("workbench:home")).content.decode()


def _act(client, org, user, action):
    return client.post(reverse("organizations:accounts", kwargs={"org_id": org.pk}),
                       {"user": user.pk, "action": action}, follow=True)


def test_the_unit_admin_deactivates_and_reactivates_an_account(client, org, org_admin, editor):
    client.force_login(org_admin)
    page = _act(client, org, editor, "deactivate").content.decode()
    assert f"已停用账号 {editor}" in page and f"启用{editor}的账号" in page
    editor.refresh_from_db()
    assert not editor.is_active
    event = AuditEvent.objects.get(action="account.deactivate")
    assert event.changes == {"is_active": [True, False]} and event.organization == org
    # The deactivated account cannot log in, and its open session ends.
    other = client.__class__()
    other.force_login(editor)
    assert other.get(reverse("workbench:home")).status_code == 302
    assert other.post(reverse("accounts:login"), {"username": editor.username, "password": TEST_PASSWORD}
                      ).status_code == 200
    assert f"已启用账号 {editor}" in _act(client, org, editor, "reactivate").content.decode()
    editor.refresh_from_db()
    assert editor.is_active and AuditEvent.objects.filter(action="account.reactivate").count() == 1


@pytest.mark.parametrize("raw", ["²", "①", "99999999999999999999", "-1", "", "abc"])
def test_a_forged_account_id_is_answered_with_a_message_not_a_server_error(client, org, org_admin, editor, raw):
    """str.isdigit() let "²" through to User.objects.filter(pk=...), which raised (a 500), as a 20-digit id did."""
    client.force_login(org_admin)
    response = client.post(reverse("organizations:accounts", kwargs={"org_id": org.pk}),
                           {"user": raw, "action": "deactivate"}, follow=True)
    assert response.status_code == 200 and "请选择要办理的账号。" in response.content.decode()
    editor.refresh_from_db()
    assert editor.is_active and not AuditEvent.objects.filter(action="account.deactivate").exists()


def test_accounts_the_unit_admin_may_not_deactivate(client, org, other_org, org_admin, editor):
    client.force_login(org_admin)
    peer = user_with_role(org, Role.ORG_ADMIN)
    stranger = user_with_role(other_org, Role.EDITOR)
    both = user_with_role(org, Role.EDITOR)
    Membership.objects.create(user=both, organization=other_org, role=Role.EDITOR)
    for target, message in ((org_admin, "不能停用或启用自己的账号。"), (peer, "单位管理员账号只能由系统管理员停用或启用。"),
                            (stranger, "该账号不属于本单位。"), (both, "无权管理的其他单位")):
        assert message in _act(client, org, target, "deactivate").content.decode()
        target.refresh_from_db()
        assert target.is_active
    assert not AuditEvent.objects.filter(action="account.deactivate").exists()
    # Another unit's admin sees nothing of this unit's accounts and changes none of them.
    client.force_login(user_with_role(other_org, Role.ORG_ADMIN))
    assert _act(client, org, editor, "deactivate").status_code == 403
    editor.refresh_from_db()
    assert editor.is_active


def test_the_unit_admin_sees_the_phone_numbers_and_the_county_office_sees_them_masked(client, org, org_admin):
    """User.phone is for the unit's own 单位管理员: the 政务公开办, who opens the page to reset passwords, sees
    it masked (139****5678)."""
    county = OrganizationFactory(kind=Organization.Kind.PEOPLE_GOVERNMENT, name="测试县人民政府")
    org.parent = county
    org.save()
    target = user_with_role(org, Role.EDITOR)
    target.phone = "13912345678"
    target.save()
    url = reverse("organizations:accounts", kwargs={"org_id": org.pk})
    client.force_login(org_admin)
    assert "13912345678" in client.get(url).content.decode()
    client.force_login(user_with_role(county, Role.SUPERVISOR))
    page = client.get(url)
    assert page.status_code == 200 and f"重置{target}的密码" in page.content.decode()
    assert "13912345678" not in page.content.decode() and "139****5678" in page.content.decode()


def test_a_post_in_a_dissolved_unit_does_not_stop_the_unit_admin_deactivating(client, org, other_org, org_admin):
    """Only active units count as 「其他单位」: someone who still holds a post in a dissolved unit is deactivated
    by their current unit's admin (as passwords.refusal already treats a reset)."""
    moved = user_with_role(org, Role.EDITOR)
    Membership.objects.create(user=moved, organization=other_org, role=Role.EDITOR)
    other_org.is_active = False
    other_org.save()
    client.force_login(org_admin)
    page = _act(client, org, moved, "deactivate").content.decode()
    assert f"已停用账号 {moved}" in page and "无权管理的其他单位" not in page
    moved.refresh_from_db()
    assert not moved.is_active


def test_a_control_character_in_the_name_is_refused_in_chinese(client, org, org_admin):
    client.force_login(org_admin)
    response = _create(client, org, full_name="张\x07三")
    assert response.status_code == 200
    assert "“姓名”不能包含控制字符" in response.content.decode()
    assert not User.objects.filter(username="zhangsan").exists()


def test_the_new_account_button_reads_new_account_in_english(client, org, org_admin):
    client.force_login(org_admin)
    page = client.get("/en" + reverse("organizations:accounts", kwargs={"org_id": org.pk}), follow=True)
    text = page.content.decode()
    assert "New account" in text and "Account created" not in text
