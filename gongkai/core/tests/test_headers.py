"""Hardening headers (issue #19, item 9): a Content-Security-Policy without inline scripts on every
page, and templates that need none."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

import gongkai

pytestmark = pytest.mark.django_db

TEMPLATES = sorted(Path(gongkai.__file__).parent.glob("*/templates/**/*.html"))
# PDF/Word templates rendered on the server by WeasyPrint, never served to a browser as pages.
PRINT_ONLY = {"letters/gongwen.html", "regulations/compilation.html", "requests/filing_cover.html"}


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("url", ["/", "/search/?q=公开", "/accounts/login/", "/yisqgk/apply/", "/api/v1/organizations"])
def test_every_answer_has_a_policy_without_inline_scripts(client, org, url):
    policy = _policy(client.get(url))
    # Scripts only from the site itself; WebAssembly may be compiled (pdf.js's image decoders), but no
    # inline script, no JavaScript eval and no other host.
    assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["base-uri"] == ["'self'"]


def test_staff_pages_have_the_policy_too(client, editor):
    client.force_login(editor)
    assert "'unsafe-inline'" not in _policy(client.get(reverse("workbench:home")))["script-src"]


def test_no_template_has_an_inline_script_or_event_handler():
    problems = []
    for path in TEMPLATES:
        if any(str(path).endswith("templates/" + name) for name in PRINT_ONLY):
            continue
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "application/json" not in tag and "application/ld+json" not in tag:
                problems.append(f"{path}: inline {tag}")
        for handler in re.findall(r"<[^>]*\son[a-z]+\s*=", text):
            problems.append(f"{path}: event handler attribute in {handler[:60]}")
        if "javascript:" in text:
            problems.append(f"{path}: javascript: URL")
    assert not problems, "\n".join(problems)


def test_the_policy_built_once_is_django_csps_and_a_view_may_still_change_its_own(rf, settings):
    from csp.decorators import csp_update
    from csp.utils import build_policy
    from django.http import HttpResponse

    from gongkai.core.middleware import ContentSecurityPolicyMiddleware

    plain = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("x"))
    assert plain(rf.get("/"))["Content-Security-Policy"] == build_policy()
    updated = ContentSecurityPolicyMiddleware(csp_update({"img-src": ["https://example.org"]})(
        lambda request: HttpResponse("x")))
    assert "https://example.org" in updated(rf.get("/"))["Content-Security-Policy"]
    # A settings change (override_settings) is seen: the built policy is not kept past it.
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert plain(rf.get("/"))["Content-Security-Policy"] == "default-src 'none'"
