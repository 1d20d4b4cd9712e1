"""No staff page links to a page its reader may not open: for each demo role, every link of the staff
menu, and every /staff/ link on the pages the menu leads to (one per URL pattern), answers 200.

A link is shown only when the user holds the permission the target view asks (accounts.permissions,
through the `may` template tag); before, the menu tested `{% url … as x %}{% if x %}` (always true) and
showed 目录管理 and 操作日志 to 信息员, and pages linked to 文书模板, 备案登记簿, 留言办理设置 and another
unit's 政策解读 edit page, each a 403."""

import re
import types
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import Resolver404, resolve

from gongkai.accounts.models import User
from gongkai.demo.loader import load

pytestmark = pytest.mark.django_db

# 信息员, 审核员, 单位管理员 of a department and of a 街道, 政务公开办, 大数据中心.
ROLES = ["wlj_xxy", "bgs_shy", "bgs_gly", "nmjd_xxy", "gkb", "dsj"]
# Links that leave the pages (downloads, logout) or start an action are not followed.
SKIP = re.compile(r"/(export|download|logout)|\.(xlsx|docx|pdf|csv|zip)$")


class Links(HTMLParser):
    def __init__(self, within: str | None = None):
        super().__init__()
        self.within, self.depth, self.hrefs = within, 0 if within else 1, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.within and tag == "nav" and self.within in (attrs.get("class") or ""):
            self.depth += 1
        if tag == "a" and self.depth and attrs.get("href", "").startswith("/staff/"):
            self.hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        if self.within and tag == "nav" and self.depth:
            self.depth -= 1


def links(html: str, within: str | None = None) -> list[str]:
    parser = Links(within)
    parser.feed(html)
    return list(dict.fromkeys(parser.hrefs))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        with transaction.atomic():
            load()
            yield types.SimpleNamespace(media=media)
            transaction.set_rollback(True)


@pytest.fixture
def db_demo(demo, db, settings):
    settings.MEDIA_ROOT = demo.media
    return demo


def route(href: str) -> str:
    try:
        return resolve(urlsplit(href).path).view_name
    except Resolver404:
        return href


def crawl(client, username: str) -> tuple[dict[str, str], list[str]]:
    """The pages of the user's staff menu and one page of each view they link to: ({url: html}, broken)."""
    if username in CRAWLED:  # the demo is the module's and only read: each user's pages are fetched once
        return CRAWLED[username]
    client.force_login(User.objects.get(username=username))
    home = client.get("/staff/")
    assert home.status_code == 200
    menu = links(home.content.decode(), within="main-nav")
    assert len(menu) > 5, menu
    pages, broken, seen = {"/staff/": home.content.decode()}, [], set()
    for href in menu:
        response = client.get(href, follow=True)  # 本单位信息 and 检查指标 redirect to the user's unit
        if response.status_code != 200:
            broken.append(f"menu {href}: {response.status_code}")
            continue
        seen.add(route(href))
        pages[href] = response.content.decode()
        for link in links(pages[href]):
            name = route(link)
            if name in seen or SKIP.search(urlsplit(link).path):
                continue
            seen.add(name)
            answer = client.get(link, follow=True)
            if answer.status_code != 200:
                broken.append(f"{href} -> {link} ({name}): {answer.status_code}")
            elif "text/html" in answer.get("Content-Type", ""):
                pages[link] = answer.content.decode()
    CRAWLED[username] = pages, broken
    return pages, broken


CRAWLED: dict[str, tuple[dict[str, str], list[str]]] = {}


@pytest.mark.parametrize("username", ROLES)
def test_every_link_of_the_staff_menu_and_its_pages_opens(db_demo, client, username):
    pages, broken = crawl(client, username)
    assert broken == [], "\n".join(broken)


class Tables(HTMLParser):
    """The tables of a page's <main>: classes, column headings (the heading row's texts) and body rows, each
    cell as (tag, data-label, colspan)."""

    def __init__(self):
        super().__init__()
        self.tables, self.in_main, self.in_head, self.text = [], False, False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main = True
        if not self.in_main or (tag != "table" and not self.tables):
            return
        table = self.tables[-1] if self.tables else None
        if tag == "table":
            self.tables.append({"classes": (attrs.get("class") or "").split(), "headings": [], "rows": []})
        elif "cell-label" in (attrs.get("class") or "").split():
            table["classes"].append("cell-label")
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr" and self.in_head:
            table["headings"] = []
        elif tag == "th" and self.in_head:
            self.text = []
        elif tag == "tr":
            table["rows"].append([])
        elif tag in ("th", "td") and table["rows"]:
            table["rows"][-1].append((tag, (attrs.get("data-label") or "").strip(), int(attrs.get("colspan") or 1)))

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "th" and self.text is not None:
            self.tables[-1]["headings"].append(" ".join("".join(self.text).split()))
            self.text = None
        elif tag == "thead":
            self.in_head = False
        elif tag == "main":
            self.in_main = False


def unlabelled_cells(html: str) -> tuple[list[str], int]:
    """Body cells of the page's list tables without their column's heading as data-label, and how many list
    tables there were. Not list tables: a matrix or figures (marked .grid), a table without a heading row
    (row headings and their values), and a table whose cells name their column in their text (.cell-label,
    shown on a phone only). A cell spanning columns (an empty list's notice) has no one heading."""
    parser = Tables()
    parser.feed(html)
    problems, checked = [], 0
    for table in parser.tables:
        headings = table["headings"]
        if {"grid", "cell-label"} & set(table["classes"]) or not headings:
            continue
        checked += 1
        for row in table["rows"]:
            column = 0
            for tag, label, span in row:
                heading = headings[column] if column < len(headings) else ""
                if tag == "td" and span == 1 and (not label or heading and label != heading):
                    problems.append(f"「{heading}」 column: data-label {label!r} ({', '.join(headings)})")
                column += span
    return problems, checked


@pytest.mark.parametrize("username", ["gkb", "wlj_xxy", "nmjd_xxy"])
def test_every_list_table_of_the_staff_pages_names_each_cells_column(db_demo, client, username):
    """On a phone a staff table becomes a card per row whose fields read 「状态：已受理」 only where each cell
    carries its column's heading as data-label (workbench.css); any other table scrolls sideways and a
    clerk cannot read a row at once. Every list table on the pages of the user's menu (and one page of
    each view they link to) names each cell's column (before, about 60 did not: 申请列表, 留言列表,
    待整改的问题 …)."""
    pages, _ = crawl(client, username)
    problems, tables = [], 0
    for url, html in pages.items():
        found, checked = unlabelled_cells(html)
        problems += [f"{url}: {problem}" for problem in dict.fromkeys(found)]
        tables += checked
    assert tables > 15
    assert problems == [], "\n".join(problems)


HAN = re.compile(r"[\u4e00-\u9fff]")
RAW_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def test_the_audit_log_of_the_demo_reads_in_chinese(db_demo):
    """操作日志详情: every changed field has a Chinese label, and no value is a choice code, a foreign-key
    id, an ISO datetime or HTML (before, stored values were shown raw: proactive, 11, <p>…)."""
    from gongkai.audit.display import readable_changes
    from gongkai.audit.models import AuditEvent

    unlabelled, raw = set(), set()
    for event in AuditEvent.objects.exclude(changes={}).iterator():
        for row in readable_changes(event):
            if not HAN.search(row["field"]):
                unlabelled.add(f"{event.object_type}.{row['name']}")
            for value in (row["before"], row["after"]):
                text = str(value) if value is not None else ""
                if RAW_DATETIME.search(text) or "<p>" in text:
                    raw.add(f"{event.object_type}.{row['name']}: {text[:60]}")
    assert sorted(unlabelled) == [], "\n".join(sorted(unlabelled))
    assert sorted(raw) == [], "\n".join(sorted(raw))
