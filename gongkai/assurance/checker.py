"""The 严重错误 checker: one Aho–Corasick automaton (pyahocorasick) over the known-wrong forms, the 敏感词 and
the county's leaders and posts, run over an item's title, summary and body in a single pass.

What it reports (国办秘函〔2019〕19号 treats 严重表述错误 as a 单项否决):
- a misspelt name of the state or an organ (ErrorTerm MISSPELLING): severity "veto";
- a leader named with a post that is not theirs («副县长张三» when 张三 is 县长): "veto";
- an organ name outdated by the 2018/2023 reforms (OUTDATED), in information formed on or after the
  reform date: "deduct";
- a 敏感词 (SENSITIVE): "warn", for the reviewer's judgement only (the inspection does not count it).

The automaton is rebuilt when the lists change (their row count and last change are its key).
"""

import datetime as dt
import html
from dataclasses import asdict, dataclass

import ahocorasick
from django.db.models import Count, Max
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.assurance.models import ErrorTerm, Leader

CONTEXT_CHARS = 12
SEVERITY = {ErrorTerm.Kind.MISSPELLING: "veto", ErrorTerm.Kind.OUTDATED: "deduct", ErrorTerm.Kind.SENSITIVE: "warn",
            "leader": "veto"}
POST_SEPARATORS = "、，,；; "
# Posts written before or after a leader's name (besides the posts on the list): the usual county titles.
COMMON_POSTS = ("县委书记", "县委副书记", "县长", "副县长", "常务副县长", "县人大常委会主任", "县人大常委会副主任",
                "县政协主席", "县政协副主席", "县委常委")


@dataclass(frozen=True)
class Warning:
    kind: str
    found: str
    correction: str
    source: str
    context: str
    severity: str

    def as_dict(self) -> dict:
        return asdict(self)


def split_posts(post: str) -> set[str]:
    for separator in POST_SEPARATORS[1:]:
        post = post.replace(separator, POST_SEPARATORS[0])
    return {p.strip() for p in post.split(POST_SEPARATORS[0]) if p.strip()}


class Matcher:
    def __init__(self, terms, leaders):
        self.automaton = ahocorasick.Automaton()
        entries: dict[str, list] = {}
        for term in terms:
            entries.setdefault(term.text, []).append(("term", term))
        self.leaders = list(leaders)
        posts = set(COMMON_POSTS)
        for leader in self.leaders:
            entries.setdefault(leader.name, []).append(("leader", leader))
            posts |= split_posts(leader.post)
        for post in posts:
            entries.setdefault(post, []).append(("post", post))
        for word, values in entries.items():
            self.automaton.add_word(word, (word, values))
        self.empty = not entries
        if not self.empty:
            self.automaton.make_automaton()

    def scan(self, text: str):
        """(start, end, word, values) of every match, overlapping ones included."""
        if self.empty or not text:
            return []
        return [(end - len(word) + 1, end + 1, word, values) for end, (word, values) in self.automaton.iter(text)]


_CACHE: dict = {"key": None, "matcher": None}


def _key():
    terms = ErrorTerm.objects.filter(is_active=True).aggregate(n=Count("id"), at=Max("updated_at"))
    leaders = Leader.objects.filter(is_active=True).aggregate(n=Count("id"), at=Max("updated_at"))
    all_terms = ErrorTerm.objects.aggregate(n=Count("id"))["n"]
    return (terms["n"], terms["at"], leaders["n"], leaders["at"], all_terms)


def matcher() -> Matcher:
    key = _key()
    if _CACHE["key"] != key or _CACHE["matcher"] is None:
        _CACHE["matcher"] = Matcher(ErrorTerm.objects.filter(is_active=True), Leader.objects.filter(is_active=True))
        _CACHE["key"] = key
    return _CACHE["matcher"]


def plain_text(*parts: str) -> str:
    """Title, summary and body (HTML) as one text, tags removed, entities decoded; parts joined by newlines."""
    return "\n".join(html.unescape(strip_tags(part or "")) for part in parts)


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT_CHARS):start].replace("\n", " ")
    after = text[end:end + CONTEXT_CHARS].replace("\n", " ")
    return f"…{before}【{text[start:end]}】{after}…"


def check_text(text: str, formed_on: dt.date | None = None, using: Matcher | None = None) -> list[Warning]:
    found = (using or matcher()).scan(text)
    warnings: list[Warning] = []
    seen = set()
    posts_ending: dict[int, str] = {}
    posts_starting: dict[int, str] = {}
    for start, end, word, values in found:
        if any(kind == "post" for kind, _v in values):
            if len(word) > len(posts_ending.get(end, "")):
                posts_ending[end] = word
            if len(word) > len(posts_starting.get(start, "")):
                posts_starting[start] = word
    for start, end, _word, values in found:
        for kind, value in values:
            if kind == "term":
                term = value
                if term.kind == ErrorTerm.Kind.OUTDATED and term.since and formed_on and formed_on < term.since:
                    continue
                key = (term.kind, term.text)
                if key in seen:
                    continue
                seen.add(key)
                warnings.append(Warning(term.kind, term.text, term.correction, term.source,
                                        _context(text, start, end), SEVERITY[term.kind]))
            elif kind == "leader":
                leader = value
                post = posts_ending.get(start) or posts_starting.get(end)
                if post is None and start > 0 and text[start - 1] in " 　":
                    post = posts_ending.get(start - 1)
                if post is None or post in split_posts(leader.post):
                    continue
                key = ("leader", leader.name, post)
                if key in seen:
                    continue
                seen.add(key)
                warnings.append(Warning(
                    "leader", f"{post}{leader.name}", _("%(name)s现任%(post)s") % {"name": leader.name,
                                                                              "post": leader.post},
                    _("县政务公开办维护的领导姓名和职务名单"), _context(text, start, end), SEVERITY["leader"]))
    order = {"veto": 0, "deduct": 1, "warn": 2}
    warnings.sort(key=lambda w: (order[w.severity], w.found))
    return warnings


def check_item(item) -> list[Warning]:
    return check_text(plain_text(item.title, item.summary, item.body), item.formed_on)


KIND_LABELS = {**dict(ErrorTerm.Kind.choices), "leader": gettext_lazy("领导姓名与职务不符")}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))
