"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's live server.

Playwright's own browser download is not used (no network in CI): Debian's `/usr/bin/chromium` is
launched directly; `.ci/run` installs it with `fonts-noto-cjk`. axe-core comes from npm
(`make install` puts it in node_modules/), never from a CDN.

Playwright's sync API runs an event loop in the test thread, which trips Django's guard against ORM
calls from async code; the tests only call the ORM synchronously between browser steps, so the guard
is turned off for this directory.
"""

import os
from pathlib import Path

import pytest

from tests.browser.a11y import AXE_JS, run_axe

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TIMEOUT_MS = 15_000


def _missing(what: str) -> None:
    message = f"{what} (run `make install`; .ci/run installs the Debian packages)"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} is not installed: apt-get install chromium fonts-noto-cjk")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server, transactional_db):
    """A factory of pages, each in its own browser context (own cookies: a separate person)."""
    contexts = []

    def make(**options):
        # axe is injected as an inline script, which the site's Content-Security-Policy forbids; the CSP
        # test (test_csp.py) opens its pages with bypass_csp=False.
        options.setdefault("bypass_csp", True)
        context = browser.new_context(
            base_url=live_server.url, locale="zh-CN", timezone_id="Asia/Shanghai", accept_downloads=True,
            **options,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def axe():
    """`axe(page)` runs axe-core on the page and returns its serious and critical violations."""
    if not AXE_JS.exists():
        _missing(f"{AXE_JS.relative_to(ROOT)} is missing")
    return run_axe
