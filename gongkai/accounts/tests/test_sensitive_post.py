"""A failing request to the two-factor pages: Django's error report (the mail to ADMINS, the log) lists the
request's POST data, filtered by SafeExceptionReporterFilter. The 绑定码 and the codes typed there must come out
as stars, as the password of the login and password-change forms (Django's auth views) already do."""

import sys

import pytest
from django.core.signals import got_request_exception
from django.urls import reverse
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from gongkai.accounts import twofactor
from gongkai.accounts.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

BINDING, TOKEN, PASSWORD = "K7QM-3XWP", "493817", "Xin-Mima-2026-qwe"


@pytest.fixture
def failing(client, monkeypatch):
    """The next request fails inside the view; yields what the error report is built from."""
    def broken(*_args, **_kwargs):
        raise RuntimeError("数据库暂时不可用")

    monkeypatch.setattr(twofactor, "enrolled", broken)
    monkeypatch.setattr(twofactor, "passed", lambda request: False)
    caught = []

    def receiver(sender, request, **kwargs):
        caught.append((request, sys.exc_info()))

    got_request_exception.connect(receiver)
    client.raise_request_exception = False
    yield caught
    got_request_exception.disconnect(receiver)


@pytest.mark.parametrize(("url", "data", "secrets"), [
    ("accounts:two_factor_setup", {"enrolment_code": BINDING, "token": TOKEN, "next": "/gzt/"}, ("enrolment_code", "token")),
    ("accounts:two_factor_verify", {"token": TOKEN, "remember": "on", "next": "/gzt/"}, ("token",)),
], ids=["setup", "verify"])
def test_the_codes_never_reach_an_error_report(client, editor, failing, url, data, secrets):
    client.force_login(editor)
    assert client.post(reverse(url), data).status_code == 500
    [(request, exc_info)] = failing
    posted = SafeExceptionReporterFilter().get_post_parameters(request)
    assert all(posted[name] == SafeExceptionReporterFilter.cleansed_substitute for name in secrets)
    assert posted["next"] == "/gzt/"  # the rest stays readable for whoever fixes the error
    report = ExceptionReporter(request, *exc_info, is_email=True).get_traceback_text()
    assert "数据库暂时不可用" in report and BINDING not in report and TOKEN not in report


def test_the_password_change_form_is_cleansed_too(client, editor, failing, monkeypatch):
    """Django's PasswordChangeView marks every field in its dispatch, but the second-factor check
    (SecondFactorRequiredMixin) runs before it: a failure there reported both passwords in clear."""
    monkeypatch.setattr(twofactor, "passed", lambda request: (_ for _ in ()).throw(RuntimeError("数据库暂时不可用")))
    client.force_login(editor)
    data = {"old_password": TEST_PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD}
    assert client.post(reverse("accounts:password_change"), data).status_code == 500
    [(request, exc_info)] = failing
    report = ExceptionReporter(request, *exc_info, is_email=True).get_traceback_text()
    assert PASSWORD not in report and TEST_PASSWORD not in report
