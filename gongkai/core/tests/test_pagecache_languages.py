"""A stored page is removed in every language the site serves, whichever language the purge names it in: a
change made from an English staff page left the Chinese pages stale, and most apps named only the Chinese
page, leaving /en/ stale until the sweep."""

import pytest
from django.utils import translation

from gongkai.core import pagecache


@pytest.fixture
def page_dir(settings, tmp_path):
    settings.GONGKAI_PAGE_CACHE_DIR = str(tmp_path / "pages")
    return tmp_path / "pages"


def stored(*paths: str) -> dict:
    return {path: pagecache.store("county.example.cn", path, b"<p>page</p>", 0) for path in paths}


def test_every_language_of_a_path_whichever_it_is_named_in():
    assert pagecache.every_language("/hcp/") == ["/hcp/", "/en/hcp/"]
    assert pagecache.every_language("/en/hcp/") == ["/hcp/", "/en/hcp/"]
    assert pagecache.every_language("/en/") == ["/", "/en/"]
    assert pagecache.every_language("/entry/") == ["/entry/", "/en/entry/"]  # not the /en/ prefix


def test_a_page_named_in_chinese_is_removed_in_english_too(page_dir):
    files = stored("/", "/en/", "/hcp/", "/en/hcp/", "/en/hcp/2026-03/", "/xxgk/")
    removed = pagecache.purge(["/"], ["/hcp/"])
    assert removed == 5
    assert [path for path, file in files.items() if file.exists()] == ["/xxgk/"]


def test_a_page_named_in_english_is_removed_in_chinese_too(page_dir):
    files = stored("/", "/en/", "/hcp/2026-03/", "/en/hcp/2026-03/")
    pagecache.purge(["/en/"], ["/en/hcp/"])
    assert not any(file.exists() for file in files.values())


@pytest.mark.django_db
def test_a_survey_change_removes_the_english_pages(page_dir, django_capture_on_commit_callbacks):
    from django.urls import reverse

    from gongkai.surveys import services

    prefix = reverse("surveys:index")
    files = stored("/", "/en/", prefix, "/en" + prefix, "/en" + prefix + "1/")
    with translation.override("zh-hans"), django_capture_on_commit_callbacks(execute=True):
        services._purge()
    assert not any(file.exists() for file in files.values())
