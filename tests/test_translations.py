"""The English interface: every catalog complete and compiled, and pages under /en/ in English.

Each app keeps its catalog in gongkai/<app>/locale/en/LC_MESSAGES/django.po (regenerate with
`cd gongkai/<app> && gongkai makemessages -l en --no-obsolete`, compile with `gongkai compilemessages`).
Run makemessages only in an app that already has a locale/ directory: elsewhere Django writes the catalog
to the first LOCALE_PATHS entry, gongkai/locale, which holds only the hand-written zh_Hans overrides of
Django's own messages (an English catalog there once shipped 240 empty entries the app-glob never read).
Text that ends up in a statutory document (letters, published clean-up results) keeps its Chinese wording
on purpose, so its msgstr equals its msgid.
"""

import ast
import gettext
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from gongkai.catalog.models import CatalogNode
from gongkai.publishing.factories import published_item

ROOT = Path(__file__).resolve().parent.parent
# Every English catalog at any depth, the project-level gongkai/locale included (LOCALE_PATHS is read first).
CATALOGS = sorted(ROOT.glob("gongkai/**/locale/en/LC_MESSAGES/django.po"))
PROJECT_LOCALE = ROOT / "gongkai" / "locale"
CJK = re.compile(r"[\u4e00-\u9fff]")
NAMED = re.compile(r"%\([^)]+\)[#0 +-]?\d*(?:\.\d+)?[sdifrxXeEgGc]")
POSITIONAL = re.compile(r"%(?!\()[#0 +-]?\d*(?:\.\d+)?[sdifrxXeEgGc]")
BRACES = re.compile(r"\{[A-Za-z0-9_]*\}")  # {0}, {name}; the letters' {申请人} placeholders are Chinese words


@dataclass
class Entry:
    line: int
    flags: set = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict = field(default_factory=dict)  # index (0 for a singular entry) -> text

    @property
    def label(self) -> str:
        return f"line {self.line}: {self.msgid[:60]!r}"


def parse_po(path: Path) -> list[Entry]:
    """A small reader for the .po files GNU gettext writes (obsolete #~ entries are skipped)."""
    entries, entry, target = [], None, None

    def finish():
        if entry is not None and (entry.msgid or entry.msgstr):
            entries.append(entry)

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if entry is not None and target is not None:  # a comment starts the next entry
                finish()
                entry, target = None, None
            if entry is None:
                entry = Entry(line=number)
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith('"'):
            value = ast.literal_eval(line)
            if target == "msgctxt":
                entry.msgctxt += value
            elif target == "msgid":
                entry.msgid += value
            elif target == "msgid_plural":
                entry.msgid_plural += value
            else:
                entry.msgstr[target] += value
            continue
        keyword, _, value = line.partition(" ")
        value = ast.literal_eval(value)
        if keyword in ("msgctxt", "msgid") and target is not None and target not in ("msgctxt",):
            finish()
            entry, target = None, None
        if entry is None:
            entry = Entry(line=number)
        if keyword == "msgctxt":
            entry.msgctxt, target = value, "msgctxt"
        elif keyword == "msgid":
            entry.msgid, target = value, "msgid"
        elif keyword == "msgid_plural":
            entry.msgid_plural, target = value, "msgid_plural"
        elif keyword == "msgstr":
            entry.msgstr[0], target = value, 0
        elif keyword.startswith("msgstr["):
            index = int(keyword[7:-1])
            entry.msgstr[index], target = value, index
        else:
            raise AssertionError(f"{path}:{number}: unexpected line {raw!r}")
    finish()
    return entries


def placeholders(text: str, python_format: bool) -> list[str]:
    found = NAMED.findall(text) + BRACES.findall(text)
    if python_format:
        found += POSITIONAL.findall(text.replace("%%", ""))
    return sorted(found)


def messages(path: Path) -> list[Entry]:
    return [e for e in parse_po(path) if e.msgid]


def test_every_app_with_an_interface_has_an_english_catalog():
    apps = {p.parts[-5] for p in CATALOGS}
    for app in ("core", "accounts", "audit", "catalog", "organizations", "publishing", "portal", "workbench",
                "workdays", "requests", "letters", "regulations", "interpretations", "gazette", "reports", "demo"):
        assert app in apps, f"gongkai/{app} has no locale/en catalog"


def catalog_id(path: Path) -> str:
    return str(path.relative_to(ROOT / "gongkai").parents[2])


def shipped_catalogs() -> list[Path]:
    """The .po files git ships (the glob above when this is not a git checkout)."""
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        return sorted(ROOT.glob("gongkai/**/locale/*/LC_MESSAGES/*.po"))
    listed = subprocess.run([git, "ls-files", "*.po"], cwd=ROOT, capture_output=True, text=True, check=True)
    return sorted(ROOT / line for line in listed.stdout.splitlines())


def test_every_shipped_english_catalog_is_checked():
    english = [p for p in shipped_catalogs() if p.parts[-3] == "en"]
    assert english, "no English catalogs found"
    assert not set(english) - set(CATALOGS), sorted(str(p.relative_to(ROOT)) for p in set(english) - set(CATALOGS))


def test_shipped_catalogs_have_no_untranslated_or_fuzzy_entries():
    """Also the catalogs outside the English set (the zh_Hans overrides): an empty msgstr is not compiled."""
    problems = []
    for path in shipped_catalogs():
        for entry in messages(path):
            expected = [0, 1] if entry.msgid_plural is not None else [0]
            if "fuzzy" in entry.flags:
                problems.append(f"{path.relative_to(ROOT)} fuzzy {entry.label}")
            elif sorted(entry.msgstr) != expected or not all(entry.msgstr[i].strip() for i in expected):
                problems.append(f"{path.relative_to(ROOT)} untranslated {entry.label}")
    assert not problems, "\n".join(problems[:20]) + f"\n({len(problems)} in all)"


def test_project_locale_holds_only_overrides_of_djangos_own_catalog():
    """gongkai/locale is read before every app: an English catalog there would shadow the apps' translations."""
    assert sorted(p.name for p in PROJECT_LOCALE.iterdir() if p.is_dir()) == ["zh_Hans"]


@pytest.mark.parametrize("path", CATALOGS, ids=catalog_id)
def test_catalog_is_complete(path):
    header = next(e for e in parse_po(path) if not e.msgid)
    assert "fuzzy" not in header.flags, "a fuzzy header is ignored by msgfmt (charset, plural forms)"
    assert "Language: en\n" in header.msgstr[0] and "nplurals=2;" in header.msgstr[0]
    entries = messages(path)
    assert entries, f"{path} is empty"
    problems = []
    for entry in entries:
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy {entry.label}")
        expected = [0, 1] if entry.msgid_plural is not None else [0]
        if sorted(entry.msgstr) != expected or not all(entry.msgstr[i].strip() for i in expected):
            problems.append(f"untranslated {entry.label}")
            continue
        python_format = "python-format" in entry.flags
        sources = [entry.msgid, entry.msgid_plural] if entry.msgid_plural is not None else [entry.msgid]
        for index, source in enumerate(sources):
            if placeholders(source, python_format) != placeholders(entry.msgstr[index], python_format):
                problems.append(f"placeholders differ {entry.label} -> {entry.msgstr[index][:60]!r}")
    assert not problems, f"{path.relative_to(ROOT)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", CATALOGS, ids=catalog_id)
def test_compiled_catalog_matches_the_po_file(path):
    """The committed .mo files are what a machine without gettext serves: they must not be stale."""
    mo = path.with_suffix(".mo")
    assert mo.exists(), f"{mo.relative_to(ROOT)} missing: run `gongkai compilemessages`"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in messages(path):
        if entry.msgid_plural is not None:
            got = [compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n) if entry.msgctxt
                   else compiled.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
            want = [entry.msgstr[0], entry.msgstr[1]]
        else:
            got = [compiled.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else compiled.gettext(entry.msgid)]
            want = [entry.msgstr[0]]
        if got != want:
            stale.append(entry.label)
    assert not stale, f"{mo.relative_to(ROOT)} is stale (run `gongkai compilemessages`): {stale[:5]}"


def test_po_reader_sees_untranslated_fuzzy_and_placeholder_problems(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#, fuzzy\nmsgid "首页"\nmsgstr "Home"\n\n'
        'msgid "搜索"\nmsgstr ""\n\n'
        '#, python-format\nmsgid "共 %(n)s 条"\nmsgid_plural "共 %(n)s 条"\nmsgstr[0] "one item"\nmsgstr[1] "%(n)s items"\n',
        encoding="utf-8",
    )
    home, search, count = messages(po)
    assert "fuzzy" in home.flags
    assert search.msgstr == {0: ""}
    assert placeholders(count.msgid, True) != placeholders(count.msgstr[0], True)
    assert placeholders(count.msgid_plural, True) == placeholders(count.msgstr[1], True)


class VisibleText(HTMLParser):
    """Text a reader sees or hears (including aria-label, alt, title), minus script, style and lang="zh-Hans" parts."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in self.VOID and (self.hidden or tag in ("script", "style")
                                     or (attrs.get("lang") or "").lower().startswith("zh")):
            self.hidden.append(tag)
            return
        if tag == "html":
            return
        for name in ("aria-label", "alt", "title", "placeholder"):
            if attrs.get(name):
                self.parts.append(attrs[name])

    def handle_endtag(self, tag):
        if self.hidden and self.hidden[-1] == tag:
            self.hidden.pop()

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.parts.append(data.strip())


CHROME = ["Skip to main content", "Text size", "Senior mode", "Report an error on this government website"]
PORTAL_CHROME = ["Search this site", "Main navigation", "Home", "Government Information Disclosure",
                 "Disclosure on request", "Normative documents", "Policy interpretations", "Government gazette"]
CHINESE_CHROME = ["跳到主要内容", "站内搜索", "主导航", "首页", "政府信息公开", "依申请公开", "字号", "长者模式"]
CHALLENGE = re.compile(r"[零一二三四五六七八九十][加减][零一二三四五六七八九十]等于几？")


@pytest.mark.django_db
def test_public_and_staff_pages_under_en_are_in_english(client, org, editor, reviewer):
    item = published_item(org, editor, reviewer)
    data = {org.name, org.short_name, org.office_name, org.office_address, item.title, item.doc_number, "正文"}
    data |= set(CatalogNode.objects.filter(organization=org).values_list("name", flat=True))
    pages = {
        "/en/": PORTAL_CHROME + ["Latest information", "Disclosure by organization"],
        "/en/xxgk/": PORTAL_CHROME + ["Browse by organization"],
        f"/en/xxgk/items/{item.pk}/": PORTAL_CHROME + ["Index table", "Index number", "Date of publication"],
        "/en/accounts/login/": ["Staff login", "Username", "Password", "Log in"],
        "/en/yisqgk/": PORTAL_CHROME + ["Before you apply", "Submit a disclosure request online"],
        "/en/yisqgk/apply/": PORTAL_CHROME + ["Submit an information disclosure request", "Applicant type"],
    }
    for url, english in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="en">' in html, url
        parser = VisibleText()
        parser.feed(html)
        text = "\n".join(parser.parts)
        for phrase in CHROME + english:
            assert phrase in text, f"{url}: {phrase!r} missing"
        untranslated = []
        for part in parser.parts:
            for value in sorted(filter(None, data), key=len, reverse=True):
                part = part.replace(value, "")
            part = CHALLENGE.sub("", part)  # the anti-spam question is asked in Chinese numerals by design
            if CJK.search(part):
                untranslated.append(part)
        assert not untranslated, f"{url}: untranslated text {untranslated}"
        for chinese in CHINESE_CHROME:
            assert chinese not in text, f"{url}: {chinese!r} not translated"
