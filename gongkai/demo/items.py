"""The demo's information items as plain data: what to create, not how.

`plan_items` always returns the same list for the same code (random.Random(2020), working days from
the platform's calendar), so the loader can compare it with what already exists by key. Titles are
built from the seed's 任务分解表 and from the categories of 条例第二十条、第二十一条; bodies from real
sentences of the seed and the 条例 (bodies.py).
"""

import datetime as dt
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from gongkai.catalog.templates_builtin import node_templates
from gongkai.core.sanitize import html_to_text
from gongkai.demo import bodies, recipes
from gongkai.demo.data.organizations import (
    BY_KEY,
    EMPTY_NODE,
    ORGANIZATIONS,
    TOWNSHIP,
    OrgSpec,
    contact_fields,
    match_unit_names,
)
from gongkai.demo.recipes import END, START
from gongkai.demo.seed import SEED_DOC_NUMBER, annex_rows
from gongkai.publishing.choices import DocType
from gongkai.workdays.clocks import proactive_publication_due

TZ = ZoneInfo("Asia/Shanghai")

# The 春节 2020 example of a late publication (条例第二十六条): formed before the holiday, which the
# epidemic extended to 02-02, and published only in March.
SPRING_FESTIVAL_LAG = (dt.date(2020, 1, 10), dt.datetime(2020, 3, 5, 10, 0, tzinfo=TZ))
# 预算法第十四条第二款 (条例第二十六条第二句): the 县财政局's 2021 部门预算, 批复 on 2021-02-03, is due 20 days
# later (02-23) and published on 03-01 — late under the 预算法 though inside the 条例's 20 working days (03-08).
BUDGET_LAW_LAG = (dt.date(2021, 2, 3), dt.datetime(2021, 3, 1, 9, 30, tzinfo=TZ))
LAG_EXAMPLES = {"bgs-lag-2020", "czj-budget-2021"}
LATE_ITEMS = 6
# 撤回 examples: (reason shown to the public, which kind of item it fits).
WITHDRAWN = (
    ("该文件已被新修订的文件替代，原文件现予撤回。", lambda s: "art20.1" in s.nodes),
    ("信息中部分数据有误，现予撤回，更正后将重新发布。", lambda s: "art20.4" in s.nodes or "art20.7" in s.nodes),
    ("该通知所涉活动因疫情防控需要取消，现予撤回。",
     lambda s: "plan.notices" in s.nodes and s.published_at.year <= 2022),
    ("公示所涉事项已调整，原公示现予撤回。", lambda s: s.title.endswith("公示")),
)

# Which nodes each unit fills, in order. "@progress": a row of the 任务分解表 naming the unit;
# "@town": one of 条例第二十一条's township categories; "@random": any of its statutory nodes.
FEATURED_PLANS = {
    "yyx": ["annual"] * 7 + ["art20.1"] * 4 + ["art20.3", "art20.3", "art20.4", "art20.4", "art20.10", "art20.10",
            "art20.12", "art20.12", "art20.14", "art20.14", "plan.decisions", "plan.decisions",
            "plan.interpretation", "plan.interpretation", "plan.notices", "plan.notices", "plan.notices",
            "art21.c4", "art21.c1"],
    "bgs": ["plan.notices"] * 6 + ["plan.news"] * 4 + ["art20.1"] * 3 + ["system", "system"] + ["@progress"] * 3
           + ["plan.decisions", "plan.interpretation", "plan.interpretation", "plan.proposals", "plan.proposals",
              "plan.proposals", "annual", "annual", "art20.2", "art20.7", "art20.7", "art20.12"],
    "wlj": ["art20.2", "art20.5", "art20.6", "art20.7", "art20.7", "art20.8", "art20.11", "art20.12", "art20.13",
            "@progress", "@progress", "plan.notices", "plan.notices", "plan.news", "plan.interpretation"],
    "nmjd": ["art20.2", "art20.7", *(f"art21.t{i}" for i in range(1, 9)), "plan.notices", "plan.news"],
}
KIND_PLANS = {
    "department": ["art20.2", "art20.7", "plan.news", "@progress", "@random"],
    "institution": ["art20.2", "art20.8", "plan.notices", "@progress", "art20.12"],
    "township": ["art20.2", "art20.7", "@town", "@town", "@progress"],
    "zone": ["art20.2", "plan.news", "@progress", "art20.10", "art20.9"],
    "party": ["art20.2", "plan.news", "plan.notices", "@progress", "plan.news"],
}
# A unit's typical node instead of "@random".
TYPICAL_NODE = {
    "rsj": "art20.14", "czj": "art20.9", "mzj": "art21.c7", "gaj": "art21.c6",
    "zrzyj": "art21.c4", "zjj": "art21.c5", "zhzfj": "art21.c1", "spj": "art21.c2", "jytyj": "art21.c3",
    "scjgj": "art20.13", "sthjj": "art20.13", "yjj": "art20.12", "fgj": "art20.10", "sfj": "art20.6",
    "xfj": "plan.proposals", "tyjrj": "art20.11", "wjj": "art20.11", "jtysj": "art20.10", "slj": "art20.10",
}
RANDOM_NODES = ["art20.1", "art20.3", "art20.4", "art20.5", "art20.6", "art20.8", "art20.9", "art20.11",
                "art20.13", "plan.decisions", "plan.interpretation", "plan.proposals", "plan.notices"]
# A 党委工作机关 has only 机构职能, 通知公告 and 工作动态: a random item of it is a notice or news, never one of the
# administrative recipes (行政处罚, 行政事业性收费 …) relabelled.
RANDOM_NODES_OF_KIND = {"party": ["plan.notices", "plan.news"]}
KIND_NODES = {kind: {t.key for t in node_templates() if kind in t.kinds}
              for kind in ("government", "department", "township", "zone", "institution", "party")}


def random_node(rng, kind: str) -> str:
    return rng.choice(RANDOM_NODES_OF_KIND.get(kind, RANDOM_NODES))


@dataclass
class ItemSpec:
    key: str
    org: str  # OrgSpec key
    title: str
    nodes: list[str]
    published_at: dt.datetime
    formed_on: dt.date
    body: str
    topic: str
    keywords: str
    doc_type: str = DocType.OTHER
    doc_suffix: str = ""  # 发 / 字 / 函: the item gets a 发文字号
    doc_number: str = ""
    validity: str = ""
    attachments: list[tuple[str, str]] = field(default_factory=list)  # (file kind, original name)
    withdraw_reason: str = ""

    def data(self) -> dict:
        """The fields publishing.services take."""
        return {
            "title": self.title, "doc_number": self.doc_number, "doc_type": self.doc_type,
            "written_on": self.formed_on, "formed_on": self.formed_on, "topic": self.topic,
            "keywords": self.keywords, "summary": summarize(self.body), "validity": self.validity,
            "body": self.body,
        }


def summarize(body: str, limit: int = 150) -> str:
    """The first sentence after the salutation (各有关单位：…), for 内容概述."""
    text = html_to_text(body)
    first = text.split("。")[0]
    if "：" in first[:30]:
        first = first.split("：", 1)[1].strip()
    return (first + "。") if len(first) < limit else first[: limit - 1] + "…"


@dataclass(frozen=True)
class ProgressRow:
    phrase: str
    names: tuple[str, ...]
    towns: bool

    def names_unit(self, spec: OrgSpec) -> bool:
        return spec.name in self.names or (self.towns and spec.kind == TOWNSHIP)


def progress_rows() -> list[ProgressRow]:
    """Rows of the 任务分解表 whose 具体要求 is a short '…进展及落实情况' phrase (titles can carry it)."""
    rows = []
    for row in annex_rows():
        phrase = row.requirement.split("：")[-1].replace(", ", "，").replace(",", "，")
        if row.responsible and phrase.endswith("情况") and len(phrase) <= 40:
            names, _leftover = match_unit_names(row.responsible)
            rows.append(ProgressRow(phrase, tuple(names), "各镇" in row.responsible))
    return rows


class Planner:
    def __init__(self, calendar):
        self.rng = random.Random(2020)
        self.cal = calendar
        self.progress = progress_rows()
        self.specs: list[ItemSpec] = []
        self.titles: set[tuple[str, str]] = set()

    # --- dates -----------------------------------------------------------------------------
    def workday(self, day: dt.date) -> dt.date:
        while not self.cal.is_workday(day):
            day += dt.timedelta(days=1)
        return day

    def day_between(self, start: dt.date, end: dt.date) -> dt.date:
        day = start + dt.timedelta(days=self.rng.randint(0, (end - start).days))
        day = self.workday(day)
        return day if day <= END else self.workday(start)

    def day_in(self, year: int, months: tuple[int, int]) -> dt.date:
        start = dt.date(year, months[0], 1)
        end = dt.date(year, months[1], 28)
        return self.day_between(max(start, START), min(end, END))

    def moment(self, day: dt.date) -> dt.datetime:
        minutes = self.rng.randint(8 * 60 + 30, 17 * 60 + 30)
        return dt.datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=TZ)

    def formed(self, day: dt.date) -> dt.date:
        return day - dt.timedelta(days=self.rng.randint(0, 9))

    # --- plan ------------------------------------------------------------------------------
    def node_plan(self, spec: OrgSpec) -> list[str]:
        plan = list(FEATURED_PLANS.get(spec.key) or KIND_PLANS[spec.kind])
        available = KIND_NODES[spec.kind]
        result = []
        for entry in plan:
            if entry == "@random":
                entry = TYPICAL_NODE.get(spec.key) or random_node(self.rng, spec.kind)
            elif entry == "@town":
                entry = f"art21.t{self.rng.randint(1, 8)}"
            if (spec.key, entry) == EMPTY_NODE:
                continue
            if entry.startswith("@") or entry == "annual" or entry in available:
                result.append(entry)
        return result

    def add(self, spec: OrgSpec, number: int, made: dict) -> None:
        title = made["title"]
        if (spec.key, title) in self.titles:
            title = f"{title}（{number}）"
        self.titles.add((spec.key, title))
        day = made["day"]
        self.specs.append(ItemSpec(
            key=f"{spec.key}-{number:03d}", org=spec.key, title=title, nodes=made["nodes"],
            published_at=self.moment(day), formed_on=made.get("formed_on") or self.formed(day),
            body=made["body"], topic=made.get("topic") or spec.topic,
            keywords=made.get("keywords") or made["subject"], doc_type=made.get("doc_type", DocType.OTHER),
            doc_suffix=made.get("suffix", ""), validity=made.get("validity", ""),
            attachments=made.get("attachments", []),
        ))

    def plan_unit(self, spec: OrgSpec) -> None:
        # Reports of the years before the platform; 2025's are made by the reports app (gongkai.reports.demo).
        annual_years = iter(range(2018, 2025) if spec.key == "yyx" else (2019, 2020))
        for number, entry in enumerate(self.node_plan(spec), start=1):
            subject = self.rng.choice(spec.subjects)
            if entry == "@progress":
                rows = [row for row in self.progress if row.names_unit(spec)]
                if rows:
                    made = recipes.progress(self, spec, self.rng.choice(rows))
                else:
                    made = recipes.build(self, spec, random_node(self.rng, spec.kind), subject)
            elif entry == "annual":
                made = recipes.annual(self, spec, next(annual_years))
            else:
                made = recipes.build(self, spec, entry, subject)
            made = {"subject": subject, **made}
            made["nodes"] = [n for n in made["nodes"] if n in KIND_NODES[spec.kind]] or ["plan.notices"]
            self.add(spec, number, made)

    def finish(self) -> list[ItemSpec]:
        self.spring_festival_example()
        self.budget_law_example()
        self.specs.sort(key=lambda s: (s.published_at, s.key))
        self.mark_late_and_withdrawn()
        self.number_documents()
        return self.specs

    def spring_festival_example(self) -> None:
        spec = BY_KEY["bgs"]
        formed_on, published_at = SPRING_FESTIVAL_LAG
        title = "沂源县人民政府办公室关于印发沂源县2020年重点工作任务分解方案的通知"
        self.specs.append(ItemSpec(
            key="bgs-lag-2020", org="bgs", title=title, nodes=["plan.notices", "art20.15"],
            published_at=published_at, formed_on=formed_on,
            body=bodies.notice(self.rng, spec, "2020年重点工作任务落实", formed_on),
            topic=spec.topic, keywords="重点工作 任务分解", doc_type=DocType.NOTICE, doc_suffix="发",
        ))

    def budget_law_example(self) -> None:
        spec = BY_KEY["czj"]
        formed_on, published_at = BUDGET_LAW_LAG
        what = "2021年部门预算及“三公”经费预算"
        self.specs.append(ItemSpec(
            key="czj-budget-2021", org="czj", title=f"{spec.name}{what}公开", nodes=["art20.7"],
            published_at=published_at, formed_on=formed_on,
            body=bodies.listing(self.rng, spec, what, formed_on, contact_fields(spec)["office_phone"]),
            topic=spec.topic, keywords="预算 决算 三公经费",
            attachments=[("pdf", f"{spec.short_name}{what}.pdf")],
        ))

    def mark_late_and_withdrawn(self) -> None:
        candidates = [s for s in self.specs if s.key not in LAG_EXAMPLES and not s.key.endswith("-001")]
        self.rng.shuffle(candidates)
        for spec in candidates[:LATE_ITEMS]:
            published = spec.published_at.date()
            formed = published - dt.timedelta(days=self.rng.randint(40, 75))
            while proactive_publication_due(formed, self.cal) >= published:  # 条例第二十六条: make it truly late
                formed -= dt.timedelta(days=7)
            spec.formed_on = formed
        rest = candidates[LATE_ITEMS:]
        for reason, fits in WITHDRAWN:
            spec = next(s for s in rest if fits(s) and not s.withdraw_reason)
            spec.withdraw_reason = reason

    def number_documents(self) -> None:
        counters: dict[tuple[str, str, int], int] = {}
        for spec in self.specs:
            if not spec.doc_suffix:
                continue
            year = spec.formed_on.year
            key = (spec.org, spec.doc_suffix, year)
            counters[key] = counters.get(key, self.rng.randint(0, 6)) + self.rng.randint(1, 5)
            spec.doc_number = f"{BY_KEY[spec.org].doc_prefix}{spec.doc_suffix}〔{year}〕{counters[key]}号"
            if spec.doc_number == SEED_DOC_NUMBER:  # the seed's own number is taken
                counters[key] += 1
                spec.doc_number = f"{BY_KEY[spec.org].doc_prefix}{spec.doc_suffix}〔{year}〕{counters[key]}号"


# The county in reasonable standing: after every unit's own items, each statutory node of its kind that is
# still empty gets one item, except where the story keeps gaps for the inspection to find — 信访局 fills
# nothing (不合格), a few units leave some nodes empty (findings).
UNFILLED = {"xfj"}
GAPS = {"slj": 2, "lcz": 1, "sfj": 2}
# 规范性文件 are not made up to fill a node: each one needs its 政策解读 (the inspection checks it).
NOT_FILLED_NODES = {"art20.1"}
FILL_NUMBER_FROM = 101  # item keys of the filling pass: "<unit>-101" and up
FILL_DOC_NUMBER_FROM = 60  # their 发文字号 continue above the numbers the main pass gives


def statutory_keys(kind: str) -> list[str]:
    """The 政府信息公开制度 part (a 党委工作机关 has none) and the statutory nodes of an organization kind."""
    return [*(["system"] if "system" in KIND_NODES[kind] else []),
            *(t.key for t in node_templates() if t.parent == "statutory" and t.key in KIND_NODES[kind])]


def fill_statutory_nodes(planner: "Planner") -> None:
    """One item in each empty statutory node (see UNFILLED, GAPS), drawn with its own random generator so
    that the units' own items stay as they were."""
    main_rng, planner.rng = planner.rng, random.Random(2025)
    filled: dict[str, set[str]] = {}
    for item in planner.specs:
        filled.setdefault(item.org, set()).update(item.nodes)
    new = []
    for spec in ORGANIZATIONS:
        if spec.key in UNFILLED:
            continue
        empty = [key for key in statutory_keys(spec.kind)
                 if key not in filled.get(spec.key, set()) | NOT_FILLED_NODES and (spec.key, key) != EMPTY_NODE]
        empty = empty[:len(empty) - GAPS.get(spec.key, 0)]
        before = len(planner.specs)
        for number, key in enumerate(empty, start=FILL_NUMBER_FROM):
            subject = planner.rng.choice(spec.subjects)
            made = {"subject": subject, **recipes.build(planner, spec, key, subject)}
            made["nodes"], made["attachments"] = [key], []  # (no files: keeps loading fast)
            planner.add(spec, number, made)
        new += planner.specs[before:]
    counters: dict[tuple[str, str, int], int] = {}
    for item in new:
        if item.doc_suffix:
            year = item.formed_on.year
            key = (item.org, item.doc_suffix, year)
            counters[key] = counters.get(key, FILL_DOC_NUMBER_FROM - 1) + 1
            item.doc_number = f"{BY_KEY[item.org].doc_prefix}{item.doc_suffix}〔{year}〕{counters[key]}号"
    planner.specs.sort(key=lambda s: (s.published_at, s.key))
    planner.rng = main_rng


def plan_items(calendar) -> list[ItemSpec]:
    planner = Planner(calendar)
    for spec in ORGANIZATIONS:
        planner.plan_unit(spec)
    planner.finish()
    fill_statutory_nodes(planner)
    # An abolished unit's items stop at its abolition (dropped after drawing, so the others stay as they were).
    return [spec for spec in planner.specs
            if not BY_KEY[spec.org].abolished_on or spec.published_at.date() <= BY_KEY[spec.org].abolished_on]
