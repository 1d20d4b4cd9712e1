"""The 绑定码 of two-factor enrolment (accounts.enrolment): knowing an account's password before its owner's
first login — the temporary password an administrator set and sent on by chat — no longer lets anyone bind
their own authenticator and keep the account."""

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts import enrolment, twofactor
from gongkai.accounts.factories import TEST_PASSWORD, UserFactory, user_with_role
from gongkai.accounts.models import EnrolmentCode, Role
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

CODE = re.compile(r'<code class="enrolment-code">([A-Z2-9]{4}-[A-Z2-9]{4})</code>')


@pytest.fixture(autouse=True)
def required(settings):
    # 审核员 only, so that the tests' 单位管理员 and superuser reach their pages with force_login().
    settings.GONGKAI_TWO_FACTOR_ROLES = ["reviewer"]
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0


def app_code(user) -> str:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).latest("pk")  # this login's (its own secret)
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(device.digits)


def setup_page(client, username, password, binding=None):
    """Log in with the password, open the enrolment page and, given a 绑定码, send it with the app's code."""
    client.post(reverse("accounts:login"), {"username": username, "password": password})
    page = client.get(reverse("accounts:two_factor_setup"))
    if binding is None and "enrolment_code" not in page.content.decode():
        return page
    from gongkai.accounts.models import User

    user = User.objects.get(username=username)
    return client.post(reverse("accounts:two_factor_setup"), {"enrolment_code": binding or "", "token": app_code(user)})


def test_the_temporary_password_alone_no_longer_enrols_an_authenticator(client, org, org_admin):
    """A 单位管理员 creates a 审核员; whoever reads the temporary password in the chat logs in first. Before, they
    bound their own phone with it and owned the account for good; now the page asks for the 绑定码 too."""
    client.force_login(org_admin)
    created = client.post(reverse("organizations:account_create", kwargs={"org_id": org.pk}), {
        "full_name": "张三", "username": "zhangsan", "roles": [Role.REVIEWER.value]}).content.decode()
    password = re.search(r"临时密码：<strong><code>([^<]+)</code>", created).group(1)
    binding = CODE.search(created).group(1)
    assert "与临时密码分开告知本人" in created
    client.logout()
    intruder = setup_page(client, "zhangsan", password, binding="")
    assert intruder.status_code == 400 and "绑定码" in intruder.content.decode()
    guessed = client.post(reverse("accounts:two_factor_setup"), {"enrolment_code": "ABCD-EFGH", "token": "123456"})
    assert "绑定码不正确" in guessed.content.decode()
    assert not TOTPDevice.objects.filter(user__username="zhangsan", confirmed=True).exists()
    assert AuditEvent.objects.filter(action="auth.otp_failed", note="绑定码不正确").count() == 1
    # The owner, told the 绑定码 apart from the password, enrols (lower case and spaces do not matter).
    client.logout()
    owner = setup_page(client, "zhangsan", password, binding=binding.lower().replace("-", " "))
    assert owner.status_code == 200 and "请保存恢复码" in owner.content.decode()
    assert AuditEvent.objects.filter(action="auth.otp_enrol", note="使用绑定码").exists()
    event = AuditEvent.objects.get(action="auth.otp_code")
    assert event.actor == org_admin and binding not in f"{event.note} {event.changes}"
    assert binding not in EnrolmentCode.objects.get().code_hash


def test_a_code_is_single_use_and_expires(client, reviewer):
    binding = enrolment.issue(None, reviewer)
    assert enrolment.check(reviewer, binding)[0] is not None
    EnrolmentCode.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    row, reason = enrolment.check(reviewer, binding)
    assert row is None and "已于" in reason and "失效" in reason
    binding = enrolment.issue(None, reviewer)  # a new one replaces the old
    assert EnrolmentCode.objects.count() == 1
    setup_page(client, reviewer.username, TEST_PASSWORD, binding)
    assert twofactor.enrolled(reviewer) and EnrolmentCode.objects.get().used_at is not None
    call_command("reset_two_factor", reviewer.username, stdout=io.StringIO())  # a lost phone: a fresh code
    assert enrolment.check(reviewer, binding)[0] is None


def test_without_a_valid_code_the_page_says_whom_to_ask(client, org, reviewer, org_admin, settings):
    page = setup_page(client, reviewer.username, TEST_PASSWORD).content.decode()
    assert "您还没有可用的绑定码" in page and "请联系本单位管理员" in page
    assert "<svg" not in page and 'name="token"' not in page  # nothing to scan, nothing to type
    client.logout()
    settings.GONGKAI_TWO_FACTOR_ROLES = ["reviewer", "org_admin"]
    page = setup_page(client, org_admin.username, TEST_PASSWORD).content.decode()
    assert "请联系县政务公开办或系统管理员" in page


def test_wrong_codes_wait_like_failed_logins(client, reviewer, settings):
    settings.AXES_FAILURE_LIMIT = 2
    binding = enrolment.issue(None, reviewer)
    for _ in range(2):
        setup_page(client, reviewer.username, TEST_PASSWORD, "WRNG-CODE")
    response = setup_page(client, reviewer.username, TEST_PASSWORD, binding)  # right, but too soon
    assert response.status_code == 400 and "绑定码错误次数过多" in response.content.decode()
    assert not twofactor.enrolled(reviewer)


def test_every_administrator_who_sets_a_password_gets_a_code(client, org, org_admin, reviewer):
    client.force_login(org_admin)
    url = reverse("organizations:accounts", kwargs={"org_id": org.pk})
    page = client.post(url, {"user": reviewer.pk, "action": "reset"}).content.decode()
    assert CODE.search(page) and "与临时密码分开告知本人" in page
    page = client.post(url, {"user": reviewer.pk, "action": "code"}).content.decode()  # the code alone
    assert enrolment.check(reviewer, CODE.search(page).group(1))[0] is not None
    assert "密码不变" in page
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    page = client.post(reverse("admin:auth_user_password_change", args=[reviewer.pk]), {
        "password1": "Xin-Mima-2026-ok", "password2": "Xin-Mima-2026-ok"}).content.decode()
    shown = re.search(r'<h2 class="enrolment-code">([A-Z2-9-]{9})</h2>', page).group(1)
    assert enrolment.check(reviewer, shown)[0] is not None
    page = client.post(reverse("admin:accounts_user_add"), {
        "username": "lisi", "full_name": "李四", "password1": "Xin-Mima-2026-ok", "password2": "Xin-Mima-2026-ok",
        "must_change_password": "on", "usable_password": "true"}).content.decode()
    assert "已同时生成两步验证绑定码" in page and "我已记下，继续" in page
    assert AuditEvent.objects.filter(action="auth.otp_code").count() == 4


def test_enrolled_accounts_and_posts_without_two_factor_login_get_no_code(client, org, org_admin, reviewer, editor):
    setup_page(client, reviewer.username, TEST_PASSWORD, enrolment.issue(None, reviewer))
    client.force_login(org_admin)
    for account in (reviewer, editor):
        page = client.post(reverse("organizations:accounts", kwargs={"org_id": org.pk}),
                           {"user": account.pk, "action": "reset"}).content.decode()
        assert "临时密码" in page and not CODE.search(page) and "生成绑定码" not in page
    assert twofactor.enrolled(reviewer)


def test_one_enrols_of_ones_own_accord_only_with_ones_own_password(client, org):
    editor = user_with_role(org, Role.EDITOR, must_change_password=True)
    response = setup_page(client, editor.username, TEST_PASSWORD)
    assert response.status_code == 302 and response.url == reverse("accounts:password_change")
    editor.must_change_password = False
    editor.save()
    page = client.get(reverse("accounts:two_factor_setup")).content.decode()
    assert "<svg" in page and "enrolment_code" not in page  # no 绑定码 needed: they own the password


def test_a_secret_shown_to_someone_else_is_never_the_one_the_owner_binds(client, reviewer):
    """Whoever read the temporary password logs in first and scans the QR code (a valid 绑定码 exists, so the page
    shows one). It used to be the very secret the owner then confirmed with the 绑定码: the intruder's phone gave
    valid codes for the account for good. Each browser now gets a secret of its own."""
    import base64

    from django.test import Client

    binding = enrolment.issue(None, reviewer)
    secret = re.compile(r'<code class="secret">([A-Z2-7 ]+)</code>')

    def now_code(text: str) -> str:
        key = base64.b32decode(text.replace(" ", ""))
        return str(totp(key)).zfill(6)

    intruder = Client()
    intruder.post(reverse("accounts:login"), {"username": reviewer.username, "password": TEST_PASSWORD})
    seen = secret.search(intruder.get(reverse("accounts:two_factor_setup")).content.decode()).group(1)
    client.post(reverse("accounts:login"), {"username": reviewer.username, "password": TEST_PASSWORD})
    owners = secret.search(client.get(reverse("accounts:two_factor_setup")).content.decode()).group(1)
    assert owners != seen
    response = client.post(reverse("accounts:two_factor_setup"), {"enrolment_code": binding, "token": now_code(owners)})
    assert response.status_code == 200 and twofactor.enrolled(reviewer)
    # The intruder's phone gives no code the account takes (here with the password still unchanged).
    intruder = Client()
    intruder.post(reverse("accounts:login"), {"username": reviewer.username, "password": TEST_PASSWORD})
    refused = intruder.post(reverse("accounts:two_factor_verify"), {"token": now_code(seen)})
    assert refused.status_code == 400 and "验证码不正确" in refused.content.decode()
    assert intruder.get("/staff/").status_code == 302


def test_a_code_alone_only_for_an_active_account_that_must_enrol(client, org, org_admin, editor, reviewer):
    """「生成绑定码」 (POST action=code) for a 信息员, whose post needs no two-factor login, or for a deactivated
    account showed the administrator a code for nothing (docs/accounts.md: an active account that must enrol)."""
    client.force_login(org_admin)
    url = reverse("organizations:accounts", kwargs={"org_id": org.pk})
    page = client.post(url, {"user": editor.pk, "action": "code"}).content.decode()
    assert not CODE.search(page) and "该账号不需要绑定码" in page
    reviewer.is_active = False
    reviewer.save()
    page = client.post(url, {"user": reviewer.pk, "action": "code"}).content.decode()
    assert not CODE.search(page) and "该账号已停用" in page
    assert not EnrolmentCode.objects.exists() and not AuditEvent.objects.filter(action="auth.otp_code").exists()


def test_the_unit_page_reads_the_authenticators_once_for_all_its_accounts(client, org, org_admin):
    """本单位账号 marks 待绑定验证器 and the 两步验证 column from one query of authenticators, not one per account
    (a unit with dozens of 审核员 read them one query each)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("organizations:accounts", kwargs={"org_id": org.pk})
    client.force_login(org_admin)

    def device_queries(expected_waiting):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        assert page.count("待绑定验证器") == expected_waiting
        return sum(TOTPDevice._meta.db_table in query["sql"] for query in queries.captured_queries)

    reviewers = [user_with_role(org, Role.REVIEWER, username=f"shenhe{n}") for n in range(2)]
    TOTPDevice.objects.create(user=reviewers[0], name="phone", confirmed=True)
    few = device_queries(1)
    for n in range(2, 6):
        user_with_role(org, Role.REVIEWER, username=f"shenhe{n}")
    assert device_queries(5) == few
