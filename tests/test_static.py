"""Static files: only the listed files of node_modules are served and collected; the site's own stylesheet."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.template.loader import render_to_string

ECHARTS = "vendor/echarts/dist/echarts.min.js"

needs_npm = pytest.mark.skipif(not (Path(settings.NODE_MODULES_DIR) / "echarts").is_dir(),
                               reason="node_modules/echarts is missing: run `make install` (npm ci)")


@needs_npm
def test_listed_npm_files_are_found_and_nothing_else():
    assert finders.find(ECHARTS) == str(Path(settings.NODE_MODULES_DIR) / "echarts/dist/echarts.min.js")
    assert finders.find(ECHARTS, find_all=True) == [finders.find(ECHARTS)]
    assert finders.find("vendor/echarts/dist/echarts.js") is None
    assert finders.find("vendor/echarts/package.json") is None
    assert finders.find("vendor/axe-core/axe.min.js") is None  # a test tool, never served


@needs_npm
def test_collectstatic_copies_only_the_listed_npm_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # no compression: fast
    call_command("collectstatic", interactive=False, verbosity=0)
    vendor = sorted(str(p.relative_to(settings.STATIC_ROOT)) for p in (settings.STATIC_ROOT / "vendor").rglob("*")
                    if p.is_file())
    assert vendor == sorted(f"vendor/{name}" for name in settings.VENDOR_STATIC_FILES)
    assert ECHARTS in vendor and "vendor/jodit/es2021/jodit.min.js" in vendor
    assert "vendor/pdfjs-dist/build/pdf.min.mjs" in vendor
    assert not any("sandbox" in name or "quickjs" in name for name in vendor)  # pdf.js scripting is not shipped
    assert (settings.STATIC_ROOT / "gongkai" / "site" / "base.css").is_file()


@needs_npm
def test_the_vendor_file_is_served(client, db):
    response = client.get(f"/static/{ECHARTS}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(("text/javascript", "application/javascript"))
    assert client.get("/static/vendor/echarts/dist/echarts.js").status_code == 404


SITE_STYLESHEETS = ["gongkai/site/base.css", "gongkai/site/layout.css", "gongkai/site/components.css",
                    "gongkai/site/modes.css"]


def test_pages_link_the_site_stylesheet_in_its_parts_in_order_and_each_is_served(client, db):
    """The site's stylesheet is four files, each overriding the ones before: a page and the server-error page
    link all of them, in that order, and each is served with a caching header."""

    def linked(html: str) -> list[str]:
        return re.findall(r'<link rel="stylesheet" href="/static/(gongkai/site/[\w-]+\.css)"', html)

    assert linked(client.get("/").content.decode()) == SITE_STYLESHEETS
    assert linked(render_to_string("500.html")) == SITE_STYLESHEETS
    for path in SITE_STYLESHEETS:
        response = client.get(f"/static/{path}")
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith("text/css")
        assert "max-age" in response["Cache-Control"]
