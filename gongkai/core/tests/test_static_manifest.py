"""Pages link content-hashed static names once collectstatic has run (gongkai/core/staticstorage.py),
so a browser never keeps last release's stylesheet; where nothing was collected they link plain names."""

import os
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import caches
from django.core.management import call_command
from django.utils.functional import empty

CORE_STATIC = Path(__file__).resolve().parent.parent / "static"
STYLESHEETS = ("base", "layout", "components", "modes")


@pytest.fixture
def static_root(settings, tmp_path):
    """A STATIC_ROOT of its own, with only the core app's files to collect (the site's stylesheets)."""
    settings.STATIC_ROOT = str(tmp_path / "static")
    settings.STATICFILES_DIRS = [str(CORE_STATIC)]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    finders.get_finder.cache_clear()
    yield tmp_path / "static"
    finders.get_finder.cache_clear()
    staticfiles_storage._wrapped = empty


def stylesheet_links(client) -> list[str]:
    caches["fragments"].clear()  # the page head is a cached fragment; a new release starts new processes
    page = client.get("/").content.decode()
    return re.findall(r'<link rel="stylesheet" href="/static/(gongkai/site/[^"]+)"', page)


def test_after_collectstatic_pages_link_hashed_stylesheets_that_exist(client, db, static_root):
    call_command("collectstatic", "--noinput", verbosity=0)
    staticfiles_storage._wrapped = empty  # a new process reads the manifest collectstatic wrote

    links = stylesheet_links(client)

    assert [re.sub(r"\.[0-9a-f]{12}\.css$", "", link) for link in links] == [
        f"gongkai/site/{name}" for name in STYLESHEETS]
    for link in links:
        assert re.search(r"\.[0-9a-f]{12}\.css$", link), link
        plain = re.sub(r"\.[0-9a-f]{12}(\.css)$", r"\1", link)
        assert (static_root / link).read_bytes() == (CORE_STATIC / plain).read_bytes()


def test_a_changed_stylesheet_gets_a_new_name(client, db, static_root, tmp_path, settings):
    source = tmp_path / "source"
    (source / "gongkai" / "site").mkdir(parents=True)
    for name in STYLESHEETS:
        css = (CORE_STATIC / "gongkai" / "site" / f"{name}.css").read_text()
        (source / "gongkai" / "site" / f"{name}.css").write_text(css)
    settings.STATICFILES_DIRS = [str(source)]
    call_command("collectstatic", "--noinput", verbosity=0)
    staticfiles_storage._wrapped = empty
    before = stylesheet_links(client)

    changed = source / "gongkai" / "site" / "modes.css"
    changed.write_text(css + "\n.senior { font-size: 125%; }\n")
    later = changed.stat().st_mtime + 5  # collectstatic skips a file changed within the same second
    os.utime(changed, (later, later))
    call_command("collectstatic", "--noinput", verbosity=0)
    staticfiles_storage._wrapped = empty
    after = stylesheet_links(client)

    assert before[:3] == after[:3]
    assert before[3] != after[3] and (static_root / after[3]).is_file()


def test_without_collectstatic_pages_link_plain_names_and_render(client, db, static_root):
    response = client.get("/")

    assert response.status_code == 200
    assert stylesheet_links(client) == [f"gongkai/site/{name}.css" for name in STYLESHEETS]
