"""The documented production set-up (deploy/): real nginx with the shipped configuration in front of
the application. Published pages are files nginx serves itself; publishing and withdrawing an item
reach the pages served through nginx within seconds (docs/decisions/0007-page-cache.md).

Runs nginx (/usr/sbin/nginx; .ci/run installs it) in front of the live server; skipped locally without
nginx, failed in CI."""

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from gongkai.core import pagecache
from gongkai.publishing import services
from tests.browser.conftest import ROOT, _missing
from tests.browser.data import build_county, publish

pytestmark = pytest.mark.browser

DEPLOY = ROOT / "deploy"
TITLE = "关于2020年秋季学期开学工作的通知"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found is None:
        _missing("nginx is not installed: apt-get install nginx")
    return found


@pytest.fixture
def nginx(live_server, settings, tmp_path):
    """nginx with deploy/gongkai.nginx.conf in front of the live server; yields its base URL."""
    binary = _nginx_binary()
    run, pages = tmp_path / "run", tmp_path / "pages"
    run.mkdir()
    pages.mkdir()
    settings.GONGKAI_PAGE_CACHE_DIR = str(pages)
    port = _free_port()
    upstream = live_server.url.split("://", 1)[1]
    site = (DEPLOY / "gongkai.nginx.conf").read_text()
    for placeholder, value in {"@LISTEN@": f"127.0.0.1:{port}", "@UPSTREAM@": upstream,
                               "@PAGES_DIR@": str(pages), "@STATIC_ROOT@": str(settings.STATIC_ROOT)}.items():
        site = site.replace(placeholder, value)
    (run / "gongkai.conf").write_text(site)
    main = (DEPLOY / "nginx-local.conf").read_text().replace("@RUN@", str(run))
    main = main.replace("@USER@", "user root;" if os.geteuid() == 0 else "")
    (run / "nginx.conf").write_text(main)
    process = subprocess.Popen([binary, "-p", str(run), "-c", str(run / "nginx.conf")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"nginx did not start: {process.stdout.read().decode()}")
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


def fetch(url: str) -> tuple[dict, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return dict(response.headers), response.read().decode()


def test_publishing_and_withdrawing_reach_the_pages_nginx_serves(nginx, new_page):
    county = build_county()
    node_url = reverse("portal:node", args=[county.department.id, county.node.id])
    home_file = pagecache.file_for("127.0.0.1", "/")

    # Before: the first visit renders and publishes the page, the next one is nginx's own file.
    headers, html = fetch(nginx + "/")
    assert TITLE not in html and "public" in headers["Cache-Control"] and "Set-Cookie" not in headers
    assert home_file.is_file()
    headers, _html = fetch(nginx + "/")
    assert headers.get("Accept-Ranges") == "bytes"  # nginx's static file module answered
    fetch(nginx + node_url)
    assert pagecache.file_for("127.0.0.1", node_url).is_file()

    item = publish(county, TITLE)
    reader = new_page()
    reader.goto(nginx + "/")
    expect(reader.get_by_role("link", name=TITLE).first).to_be_visible(timeout=5_000)
    reader.goto(nginx + node_url)
    expect(reader.get_by_role("link", name=TITLE).first).to_be_visible(timeout=5_000)
    item_url = reverse("portal:item", args=[item.id])
    reader.goto(nginx + item_url)
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert pagecache.file_for("127.0.0.1", item_url).is_file()

    services.withdraw(county.reviewer, item, "通知内容已调整，另行发布")
    reader.goto(nginx + item_url)
    expect(reader.get_by_role("note")).to_contain_text("撤回原因：通知内容已调整，另行发布", timeout=5_000)

    # The display switches work through nginx: the reader's own pages come from the application.
    reader.get_by_role("link", name="长者模式").click()
    expect(reader.locator("body")).to_have_class(re.compile(r"\belder\b"))
    expect(reader.get_by_role("note")).to_contain_text("撤回原因")


def test_static_files_under_hashed_names_are_kept_for_good_and_the_rest_for_a_week(nginx, settings):
    """Pages link content-hashed names after collectstatic (gongkai/core/staticstorage.py)."""
    site = Path(settings.STATIC_ROOT) / "gongkai" / "site"
    site.mkdir(parents=True, exist_ok=True)
    (site / "base.0123456789ab.css").write_text("body { color: #222; }\n")
    (site / "base.css").write_text("body { color: #222; }\n")

    hashed, body = fetch(nginx + "/static/gongkai/site/base.0123456789ab.css")
    plain, _body = fetch(nginx + "/static/gongkai/site/base.css")

    assert body == "body { color: #222; }\n"
    assert "immutable" in hashed["Cache-Control"] and hashed["X-Content-Type-Options"] == "nosniff"
    assert "immutable" not in plain["Cache-Control"] and "max-age=604800" in plain["Cache-Control"]
