import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from gongkai.core.preferences import COOKIE_MAX_AGE, COOKIE_NAME

pytestmark = pytest.mark.django_db


def body_class(response) -> str:
    """The display classes of <body> (page-* classes name the kind of page)."""
    html = response.content.decode()
    classes = html.split('<body class="', 1)[1].split('"', 1)[0].split()
    return " ".join(c for c in classes if not c.startswith("page-"))


def test_font_size_and_elder_mode_persist_in_a_cookie(client, org):
    column = reverse("portal:column")
    assert body_class(client.get(column)).split() == ["font-m"]

    response = client.get(reverse("portal:preferences"), {"font": "l", "next": column})
    assert response.status_code == 302 and response["Location"] == column
    cookie = response.cookies[COOKIE_NAME]
    assert cookie.value == "l" and cookie["max-age"] == COOKIE_MAX_AGE and cookie["httponly"]
    assert body_class(client.get(column)).split() == ["font-l"]

    client.get(reverse("portal:preferences"), {"elder": "on", "next": column})
    page = client.get(column)
    assert set(body_class(page).split()) == {"font-l", "elder"}
    # The switch shows its state to assistive technology, and offers the way back.
    html = page.content.decode()
    assert '?font=l&amp;next=/xxgk/" rel="nofollow" aria-current="true"' in html
    assert "退出长者模式" in html

    client.get(reverse("portal:preferences"), {"elder": "off", "font": "s", "next": column})
    assert body_class(client.get(column)).split() == ["font-s"]


def test_unknown_values_keep_the_current_preferences(client, org):
    client.get(reverse("portal:preferences"), {"font": "l"})
    client.get(reverse("portal:preferences"), {"font": "xxl", "elder": "maybe"})
    assert client.cookies[COOKIE_NAME].value == "l"


@pytest.mark.parametrize("target", [
    "https://evil.example/phish", "//evil.example/", "javascript:alert(1)", "http://testserver.evil.example/",
])
def test_unsafe_next_is_replaced_by_the_home_page(client, target):
    response = client.get(reverse("portal:preferences"), {"font": "l", "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")


def test_preferences_work_as_links_and_as_a_posted_form(client, org):
    column = reverse("portal:column")
    html = client.get(column).content.decode()
    assert "csrfmiddlewaretoken" not in html and "<form class=\"display-controls" not in html
    response = client.get(reverse("portal:preferences"), {"font": "s", "next": column})
    assert response.status_code == 302 and response["Location"] == column
    assert "no-store" in response["Cache-Control"]
    client.post(reverse("portal:preferences"), {"elder": "on", "next": column})
    assert set(body_class(client.get(column)).split()) == {"font-s", "elder"}
    # Back to the default display: the cookie goes, and with it the reader's private copies.
    response = client.get(reverse("portal:preferences"), {"font": "m", "elder": "off", "next": column})
    assert response.cookies[COOKIE_NAME].value == "" and response.cookies[COOKIE_NAME]["max-age"] == 0


def test_language_switch_is_a_link_to_the_same_page_in_the_other_language(client, org):
    column = reverse("portal:column")
    html = client.get(column).content.decode()
    assert f'href="{reverse("portal:preferences")}?language=en&amp;next=/xxgk/"' in html
    response = client.get(reverse("portal:preferences"), {"language": "en", "next": column})
    assert response.status_code == 302 and response["Location"] == "/en/xxgk/"
    assert not response.cookies
    english = client.get("/en/xxgk/").content.decode()
    assert "language=zh-hans&amp;next=/en/xxgk/" in english
    back = client.get("/en/preferences/", {"language": "zh-hans", "next": "/en/xxgk/"})
    assert back["Location"] == column


def test_server_error_page_renders_without_a_request():
    html = render_to_string("500.html")
    assert "服务器错误" in html and 'lang="zh-Hans"' in html


@pytest.mark.parametrize("path", ["/search/", "/xxgk/"])  # through the fragment cache and the plain include
def test_a_very_long_address_is_not_repeated_in_every_switch(client, org, path):
    """A search of 3,000 characters put its whole address into each of the five switches (about 250 KB of
    page); past MAX_BACK_PATH_CHARS the switches send the reader back to the page without its query."""
    long_query = "政务公开" * 750
    html = client.get(path, {"q": long_query}).content.decode()
    assert len(html) < 60_000
    assert f'?font=l&amp;next={path}"' in html and f'language=en&amp;next={path}"' in html
    short = client.get(path, {"q": "预算"}).content.decode()
    assert "next=" + path + "%3Fq%3D%25E9%25A2%2584%25E7%25AE%2597" in short  # a normal address comes back whole


@pytest.mark.parametrize("path", ["/xxgk/", "/"])
def test_the_header_search_box_echoes_the_query_without_control_characters(client, org, path):
    """The search box in every page's header showed a NUL in ?q= as 「�」."""
    html = client.get(path, {"q": "预算\x00公开\x1b"}).content.decode()
    assert 'id="site-search-q" name="q" type="search" value="预算公开"' in html
    assert "\x00" not in html and "\x1b" not in html


@pytest.mark.parametrize(("prefix", "home"), [("/", "/"), ("/en/", "/en/")])
def test_a_very_long_path_sends_the_switches_back_to_the_home_page(client, org, prefix, home):
    """A hand-made path of thousands of characters (answered 404) was repeated whole in each of the five
    switches; past MAX_BACK_PATH_CHARS they send the reader to the home page, in the page's language."""
    path = prefix + "政务公开/" * 600
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 404
    assert len(html) < 60_000
    assert f'?font=l&amp;next={home}"' in html and f'?elder=on&amp;next={home}"' in html
    assert f"next={prefix}%E6%94%BF" not in html  # 政…: the path is not repeated
