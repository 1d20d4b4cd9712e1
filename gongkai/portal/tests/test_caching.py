"""Anonymous pages are cacheable (the same bytes for every anonymous visitor: no cookie, no CSRF token,
public with an ETag), and the page files nginx serves are removed when an item they show changes
(docs/decisions/0007-page-cache.md)."""

import pytest
from django.urls import reverse

from gongkai.core import pagecache
from gongkai.core.preferences import COOKIE_NAME
from gongkai.portal.tests.helpers import approved
from gongkai.publishing import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(org, editor, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.publish(reviewer, approved(org, editor, reviewer, title="关于缓存测试的通知"))


@pytest.fixture
def page_dir(settings, tmp_path):
    settings.GONGKAI_PAGE_CACHE_DIR = str(tmp_path / "pages")
    return tmp_path / "pages"


def anonymous_urls(org, item):
    node = item.catalog_nodes.first()
    return [reverse("portal:home"), reverse("portal:column"), reverse("portal:org_column", args=[org.id]),
            reverse("portal:node", args=[org.id, node.id]), reverse("portal:item", args=[item.id]),
            "/en" + reverse("portal:item", args=[item.id]), reverse("search:results") + "?q=缓存",
            reverse("feeds:latest_rss"), "/api/v1/documents"]


def test_anonymous_pages_set_no_cookie_carry_no_token_and_are_public_with_an_etag(client, org, item):
    for url in anonymous_urls(org, item):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, (url, response.cookies)
        assert "csrfmiddlewaretoken" not in response.content.decode(), url
        if not url.startswith("/api/"):  # the API sets its own (api.py)
            assert response["Cache-Control"] == "public, max-age=0, must-revalidate", url
        assert "cookie" not in response.get("Vary", "").lower(), url
        assert "accept-language" not in response.get("Vary", "").lower(), url
        again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304 and not again.content, url


def test_two_visitors_get_the_same_bytes(client, org, item):
    url = reverse("portal:item", args=[item.id])
    first, second = client.get(url), client.get(url)
    assert first.content == second.content and first["ETag"] == second["ETag"]


def test_display_preferences_make_the_page_private_and_staff_pages_are_left_alone(client, org, item, editor):
    url = reverse("portal:home")
    client.cookies[COOKIE_NAME] = "le"
    response = client.get(url)
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert 'class="font-l elder' in response.content.decode()
    del client.cookies[COOKIE_NAME]
    client.force_login(editor)
    staff = client.get(url)
    assert "public" not in staff.get("Cache-Control", "")


def test_the_public_application_form_keeps_its_csrf_token_and_is_not_shared(client, org):
    response = client.get(reverse("requests_public:apply"))
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert "public" not in response.get("Cache-Control", "")


def test_pages_are_stored_for_nginx_and_removed_when_the_item_changes(client, org, item, page_dir, reviewer,
                                                                      django_capture_on_commit_callbacks):
    node = item.catalog_nodes.first()
    urls = {"home": reverse("portal:home"), "node": reverse("portal:node", args=[org.id, node.id]),
            "item": reverse("portal:item", args=[item.id]), "rss": reverse("feeds:latest_rss")}
    for url in urls.values():
        client.get(url)
    client.get(reverse("search:results") + "?q=缓存")  # a query string is never stored
    files = {key: pagecache.file_for("testserver", url) for key, url in urls.items()}
    assert all(path.is_file() for path in files.values()), files
    assert files["home"] == page_dir / "testserver" / "index.html"
    assert "关于缓存测试的通知" in files["node"].read_text()
    assert not (page_dir / "testserver" / "search").exists()
    other = approved(org, item.created_by, reviewer, title="另一条信息", node_key="plan.notices")
    unrelated = pagecache.file_for("testserver", reverse("portal:item", args=[other.id]))
    client.get(reverse("portal:item", args=[other.id]))  # not public yet: not stored
    assert not unrelated.exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(reviewer, item, "内容已调整")
    assert not any(path.exists() for path in files.values())
    response = client.get(urls["item"])
    assert "内容已调整" in response.content.decode()


def test_a_page_rendered_before_a_purge_is_not_stored_after_it(page_dir):
    import time

    started = time.time_ns()
    pagecache.purge(["/"])
    assert pagecache.store("testserver", "/", b"<p>old</p>", started) is None
    assert pagecache.store("testserver", "/", b"<p>new</p>", time.time_ns()) is not None


@pytest.mark.parametrize("path", ["/../etc/", "/a/../b/", "/.hidden/", "//x/", "/x\\y/"])
def test_no_file_outside_the_page_directory(page_dir, path):
    assert pagecache.file_for("testserver", path) is None
    assert pagecache.file_for("evil/../host", "/") is None


def test_purge_pages_after_an_upgrade_removes_every_page_and_every_fragment(client, org, item, page_dir):
    import io

    from django.core.management import call_command

    from gongkai.portal import fragments

    home = reverse("portal:home")
    client.get(home)
    client.get(reverse("portal:item", args=[item.id]))
    assert pagecache.file_for("testserver", home).is_file()
    generation = fragments.generation()
    out = io.StringIO()
    call_command("purge_pages", stdout=out)
    assert not any(path.is_file() for path in page_dir.rglob("*") if path.name != pagecache.STAMP)
    assert fragments.generation() != generation  # every process computes its fragments anew
    assert "已删除页面文件 2 个" in out.getvalue()


def test_a_change_made_in_english_removes_the_chinese_pages(client, org, item, page_dir, reviewer,
                                                            django_capture_on_commit_callbacks):
    """The task ran in the staff member's language: reversed in English, the pages named were /en/… and
    /en/en/…, and the Chinese home, node and item pages stayed stale."""
    from django.utils import translation

    node = item.catalog_nodes.first()
    urls = [reverse("portal:home"), reverse("portal:node", args=[org.id, node.id]),
            reverse("portal:item", args=[item.id])]
    urls += ["/en" + url for url in urls]
    for url in urls:
        client.get(url)
    files = [pagecache.file_for("testserver", url) for url in urls]
    assert all(path.is_file() for path in files), files
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.withdraw(reviewer, item, "内容已调整")
    assert [path for path in files if path.exists()] == []
