"""One recipe per catalog node: the title, date, 文种, body and attachments of a demo item there.

A recipe returns a dict the Planner (items.py) turns into an ItemSpec. It draws every choice from the
planner's random.Random, so the plan is the same on every run.
"""

import datetime as dt

from gongkai.demo import bodies
from gongkai.demo.data.organizations import GOVERNMENT, TOWNSHIP, contact_fields
from gongkai.demo.files import PHOTO_KINDS
from gongkai.publishing.choices import DocType, Topic, Validity

# Demo items are published between these days; progress reports on the 2020 plan until the end of 2021.
START, END = dt.date(2020, 1, 2), dt.date(2026, 10, 30)
PROGRESS_START, PROGRESS_END = dt.date(2020, 9, 1), dt.date(2021, 12, 30)
QUARTERS = "一二三四"
NORMATIVE_FORMS = ("管理办法", "实施办法", "实施方案", "工作规定（试行）")
SYSTEMS = ("保密审查", "依申请公开办理", "信息发布协调", "政务舆情回应", "主动公开基本目录动态调整")
EMERGENCY_PLANS = ("突发事件总体应急预案", "防汛抗旱应急预案", "森林火灾应急预案", "安全生产事故应急预案",
                   "突发公共卫生事件应急预案")
ART21_COUNTY = {
    "art21.c1": ("关于{y}年城区道路及管网维修改造工程实施情况的公告", DocType.ANNOUNCEMENT, Topic.URBAN_ENVIRONMENT),
    "art21.c2": ("{o}{y}年公共服务事项清单", DocType.OTHER, Topic.GENERAL),
    "art21.c3": ("{o}{y}年社会公益事业建设情况", DocType.OTHER, Topic.GENERAL),
    "art21.c4": ("沂源县人民政府征收土地预公告（{y}年第{n}批次）", DocType.ANNOUNCEMENT, Topic.LAND_ENERGY),
    "art21.c5": ("关于{y}年国有土地上房屋征收与补偿情况的公告", DocType.ANNOUNCEMENT, Topic.LAND_ENERGY),
    "art21.c6": ("关于{y}年春节期间烟花爆竹燃放管理的通告", DocType.PUBLIC_NOTICE, Topic.PUBLIC_SECURITY),
    "art21.c7": ("{y}年{m}月城乡低保资金发放情况公示", DocType.OTHER, Topic.CIVIL_AFFAIRS),
}
ART21_TOWN = {
    "art21.t1": ("{o}{y}年耕地地力保护补贴发放情况公示", Topic.AGRICULTURE),
    "art21.t2": ("{o}{y}年小型农田水利工程建设项目公示", Topic.AGRICULTURE),
    "art21.t3": ("{o}{y}年农村土地承包经营权流转情况公示", Topic.AGRICULTURE),
    "art21.t4": ("{o}{y}年第{n}批农村宅基地使用审核结果公示", Topic.LAND_ENERGY),
    "art21.t5": ("{o}{y}年集体土地征收情况公示", Topic.LAND_ENERGY),
    "art21.t6": ("{o}{y}年房屋征收补偿情况公示", Topic.LAND_ENERGY),
    "art21.t7": ("{o}{y}年村级公益事业建设一事一议筹资筹劳情况公示", Topic.AGRICULTURE),
    "art21.t8": ("{o}{y}年{m}月农村低保审批情况公示", Topic.CIVIL_AFFAIRS),
}


def _name(o) -> str:
    return o.name


def _work(subject: str) -> str:
    """「人才工作」 stays 「人才工作」, 「公务员招录」 becomes 「公务员招录工作」: a title never says 工作工作."""
    return subject if subject.endswith("工作") else f"{subject}工作"


def _when(p) -> dt.date:
    return p.day_between(START, END)


def _contacts(o) -> tuple[str, str]:
    fields = contact_fields(o)
    return fields["office_phone"], fields["office_email"]


def normative(p, o, subject):
    day = _when(p)
    document = f"沂源县{subject}{p.rng.choice(NORMATIVE_FORMS)}"
    nodes = ["art20.1", "plan.notices"] if p.rng.random() < 0.3 else ["art20.1"]
    old = day.year <= 2021
    validity = p.rng.choice([Validity.VALID, Validity.VALID, Validity.EXPIRED, Validity.REPEALED, Validity.AMENDED]) \
        if old else Validity.VALID
    made = {"title": f"{_name(o)}关于印发《{document}》的通知", "day": day, "nodes": nodes,
            "body": bodies.notice(p.rng, o, subject, day), "doc_type": DocType.NOTICE,
            "suffix": "字" if o.kind == GOVERNMENT or (o.key == "bgs" and p.rng.random() < 0.3) else "发",
            "validity": validity, "keywords": f"{subject} 规范性文件"}
    if p.rng.random() < 0.5:
        made["attachments"] = [("docx", f"{document}.docx")]
    return made


def functions(p, o, subject):
    day = p.day_between(START, dt.date(2020, 6, 30))
    fields = contact_fields(o)
    return {"title": f"{_name(o)}机构职能", "day": day, "nodes": ["art20.2"],
            "body": bodies.functions(o, fields["office_phone"], fields["office_address"], fields["office_hours"]),
            "keywords": "机构职能 联系方式"}


def planning(p, o, subject):
    year = p.rng.choice([2021, 2021, 2022, 2023])
    day = p.day_in(year, (3, 11))
    title = f"沂源县“十四五”{subject}规划" if year <= 2022 else f"{_name(o)}{year}年{_work(subject)}计划"
    return {"title": title, "day": day, "nodes": ["art20.3"], "body": bodies.report(p.rng, o, f"{subject}规划编制", day),
            "attachments": [("pdf", f"{title}.pdf")], "keywords": f"{subject} 规划"}


def statistics(p, o, subject):
    day = _when(p)
    title = f"{day.year}年{day.month}月沂源县主要经济指标" if o.kind == GOVERNMENT else \
        f"{o.short_name}{day.year}年{subject}统计数据"
    return {"title": title, "day": day, "nodes": ["art20.4"], "topic": Topic.ECONOMY if o.kind == GOVERNMENT else None,
            "body": bodies.listing(p.rng, o, "有关统计数据", day, _contacts(o)[0]),
            "attachments": [("xlsx_stats", f"{title}.xlsx")], "keywords": f"{subject} 统计"}


def listing(p, o, subject, node, what, keywords, kind="xlsx_list"):
    day = _when(p)
    what = what.format(y=day.year, q=QUARTERS[(day.month - 1) // 3], n=p.rng.randint(1, 6), m=day.month)
    return {"title": f"{_name(o)}{what}", "day": day, "nodes": [node],
            "body": bodies.listing(p.rng, o, what, day, _contacts(o)[0]),
            "attachments": [(kind, f"{what}.xlsx" if kind.startswith("xlsx") else f"{what}.pdf")],
            "keywords": keywords}


def budget(p, o, subject):
    # 预算法第十四条: a township publishes its own (本级) budget and 决算 (第一款), a department its 部门预算、决算 (第二款).
    kind = "" if o.kind == TOWNSHIP else "部门"
    year = p.rng.randint(2020, 2026)
    if p.rng.random() < 0.5:
        day, what = p.day_in(year, (2, 3)), f"{year}年{kind}预算"
    else:
        day, what = p.day_in(year, (8, 9)), f"{year - 1}年度{kind}决算"
    title = f"{_name(o)}{what}公开"
    return {"title": title, "day": day, "nodes": ["art20.7"], "topic": Topic.FINANCE,
            "body": bodies.listing(p.rng, o, what, day, _contacts(o)[0]),
            "attachments": [("pdf", f"{o.short_name}{what}.pdf")], "keywords": "预算 决算 三公经费"}


def emergency(p, o, subject):
    day = _when(p)
    plan = p.rng.choice(EMERGENCY_PLANS)
    if p.rng.random() < 0.5:
        owner = "沂源县" if o.kind == GOVERNMENT else o.name
        title = f"{_name(o)}关于印发《{owner}{plan}》的通知"
        return {"title": title, "day": day, "nodes": ["art20.12"], "doc_type": DocType.NOTICE, "suffix": "发",
                "body": bodies.notice(p.rng, o, "应急管理", day), "attachments": [("pdf", f"{owner}{plan}.pdf")],
                "keywords": "应急预案 应急管理"}
    title = f"{_name(o)}关于做好{day.year}年汛期安全防范工作的通知"
    return {"title": title, "day": p.day_in(day.year, (5, 6)), "nodes": ["art20.12"], "doc_type": DocType.NOTICE,
            "suffix": "发", "body": bodies.notice(p.rng, o, "汛期安全防范", day), "keywords": "防汛 预警信息"}


def recruitment(p, o, subject):
    year = p.rng.randint(2020, 2026)
    day = p.day_in(year, (6, 8))
    title = f"沂源县{year}年考试录用公务员拟录用人员公示"
    if o.kind != GOVERNMENT:
        title = f"{_name(o)}{year}年考试录用公务员拟录用人员公示"
    return {"title": title, "day": day, "nodes": ["art20.14"], "topic": Topic.LABOUR,
            "body": bodies.listing(p.rng, o, "拟录用人员名单", day, _contacts(o)[0], days=7),
            "attachments": [("pdf", f"{year}年拟录用人员名单.pdf")], "keywords": "公务员 招考 录用"}


def decision(p, o, subject):
    day = _when(p)
    draft = f"沂源县{subject}实施方案"
    phone, email = _contacts(o)
    return {"title": f"{_name(o)}关于公开征求《{draft}（征求意见稿）》意见的公告", "day": day,
            "nodes": ["plan.decisions"], "doc_type": DocType.ANNOUNCEMENT,
            "body": bodies.consultation(p.rng, o, draft, day, phone, email),
            "attachments": [("docx", f"{draft}（征求意见稿）.docx")], "keywords": f"{subject} 征求意见"}


def interpretation(p, o, subject):
    day = _when(p)
    document = f"沂源县{subject}{p.rng.choice(NORMATIVE_FORMS)}"
    return {"title": f"《{document}》政策解读", "day": day, "nodes": ["plan.interpretation"],
            "body": bodies.interpretation(p.rng, o, document, day), "keywords": f"{subject} 政策解读"}


def proposal(p, o, subject):
    day = p.day_in(p.rng.randint(2020, 2026), (5, 9))
    source = p.rng.choice(["县人大代表第{n}号建议", "县政协委员第{n}号提案"]).format(n=p.rng.randint(1, 260))
    return {"title": f"{_name(o)}对{day.year}年{source}的答复", "day": day, "nodes": ["plan.proposals"],
            "doc_type": DocType.LETTER, "suffix": "函", "body": bodies.reply(p.rng, o, subject, day, _contacts(o)[0]),
            "keywords": f"{subject} 建议提案"}


def notice(p, o, subject):
    day = _when(p)
    return {"title": f"{_name(o)}关于做好{day.year}年{_work(subject)}的通知", "day": day, "nodes": ["plan.notices"],
            "doc_type": DocType.NOTICE, "suffix": "字" if o.key == "bgs" and p.rng.random() < 0.3 else "发",
            "body": bodies.notice(p.rng, o, subject, day)}


def news(p, o, subject):
    day = _when(p)
    title = f"{o.short_name if o.kind != GOVERNMENT else '县政府'}召开{day.year}年{_work(subject)}推进会"
    made = {"title": title, "day": day, "nodes": ["plan.news"], "body": bodies.news(p.rng, o, subject, day)}
    code = sum(map(ord, title))  # a third of the news carry a photo (图片新闻 on the home page), by title
    if code % 3 == 0:
        made["attachments"] = [(f"photo{code % PHOTO_KINDS}", f"{title}.jpg")]
    return made


def system(p, o, subject):
    day = p.day_between(START, dt.date(2020, 12, 30))
    rule = p.rng.choice(SYSTEMS)
    return {"title": f"{_name(o)}关于印发《政府信息公开{rule}制度》的通知", "day": day, "nodes": ["system"],
            "doc_type": DocType.NOTICE, "suffix": "发", "body": bodies.notice(p.rng, o, "政府信息公开", day),
            "keywords": "政府信息公开 制度"}


def welfare(p, o, subject):
    day = _when(p)
    return {"title": f"{_name(o)}关于{day.year}年{subject}政策措施及实施情况的公开", "day": day,
            "nodes": ["art20.11"], "body": bodies.report(p.rng, o, f"{day.year}年{subject}政策措施实施", day)}


def other(p, o, subject):
    day = _when(p)
    return {"title": f"{_name(o)}关于{day.year}年{_work(subject)}情况的报告", "day": day, "nodes": ["art20.15"],
            "doc_type": DocType.REPORT, "suffix": "发", "body": bodies.report(p.rng, o, f"{day.year}年{subject}工作", day)}


def art21_county(p, o, subject, node):
    pattern, doc_type, topic = ART21_COUNTY[node]
    day = _when(p)
    title = pattern.format(o=o.name, y=day.year, m=day.month, n=p.rng.randint(1, 9))
    if not title.startswith(("沂源县", o.name)):
        title = o.name + title
    made = {"title": title, "day": day, "nodes": [node], "doc_type": doc_type, "topic": topic,
            "body": bodies.listing(p.rng, o, title.removeprefix(o.name), day, _contacts(o)[0])}
    if doc_type == DocType.OTHER:
        made["attachments"] = [("xlsx_list", f"{title.removeprefix(o.name)}.xlsx")]
    else:
        made["suffix"] = "发"
    return made


def art21_town(p, o, subject, node):
    pattern, topic = ART21_TOWN[node]
    day = _when(p)
    title = pattern.format(o=o.short_name, y=day.year, m=day.month, n=p.rng.randint(1, 6))
    what = title.removeprefix(o.short_name)
    made = {"title": title, "day": day, "nodes": [node], "topic": topic,
            "body": bodies.listing(p.rng, o, what, day, _contacts(o)[0])}
    if p.rng.random() < 0.6:
        made["attachments"] = [("xlsx_list", f"{what}.xlsx")]
    return made


LISTINGS = {
    "art20.5": ("行政许可和其他对外管理服务事项办理结果公示（{y}年第{n}期）", "行政许可 办理结果"),
    "art20.6": ("行政处罚决定信息公开（{y}年第{q}季度）", "行政处罚 执法公示"),
    "art20.8": ("行政事业性收费项目目录清单（{y}年）", "行政事业性收费 目录清单"),
    "art20.9": ("{y}年政府采购意向公开", "政府采购 采购意向"),
    "art20.10": ("{y}年重点项目批准和实施情况", "重大建设项目 批准 实施"),
    "art20.13": ("{y}年第{q}季度“双随机、一公开”抽查结果公示", "双随机一公开 监督检查"),
}
RECIPES = {
    "art20.1": normative, "art20.2": functions, "art20.3": planning, "art20.4": statistics, "art20.7": budget,
    "art20.11": welfare, "art20.12": emergency, "art20.14": recruitment, "art20.15": other,
    "plan.decisions": decision, "plan.interpretation": interpretation, "plan.proposals": proposal,
    "plan.notices": notice, "plan.news": news, "system": system,
}


def build(p, o, node: str, subject: str) -> dict:
    if node in LISTINGS:
        what, keywords = LISTINGS[node]
        return listing(p, o, subject, node, what, keywords)
    if node in ART21_COUNTY:
        return art21_county(p, o, subject, node)
    if node in ART21_TOWN:
        return art21_town(p, o, subject, node)
    return RECIPES[node](p, o, subject)


PROGRESS_NODES = (
    (("扶贫", "脱贫", "就业", "社会保障", "社会事业"), "art20.11"),
    (("污染", "生态"), "art20.13"),
    (("项目", "园区"), "art20.10"),
    (("农业", "乡村"), "art21.t1"),
)


def progress(p, o, row) -> dict:
    """A disclosure of a 任务分解表 task's progress, as the work plan asks (工作要点§1)."""
    day = p.day_between(PROGRESS_START, PROGRESS_END)
    year, quarter = (day.year - 1, None) if day.month <= 3 else (day.year, (day.month - 1) // 3)
    period = f"{year}年" + ("" if quarter is None else ("第一季度", "上半年", "第三季度")[quarter - 1])
    node = next((n for words, n in PROGRESS_NODES if any(w in row.phrase for w in words)), "art20.15")
    return {"title": f"{o.name}关于{period}{row.phrase}的公开", "day": day, "nodes": [node],
            "body": bodies.progress(p.rng, o, row.phrase, period, day), "keywords": "政务公开 重点工作 落实情况",
            "doc_type": DocType.OTHER}


def annual(p, o, year: int) -> dict:
    """条例第四十九条: the year's report, published by 31 January of the next year."""
    day = p.day_between(dt.date(year + 1, 1, 6), dt.date(year + 1, 1, 20))
    return {"title": f"{o.name}{year}年政府信息公开工作年度报告", "day": day, "nodes": ["annual_report"],
            "body": bodies.annual_report(p.rng, o, year, day), "keywords": "政府信息公开 年度报告",
            "attachments": [("pdf", f"{o.name}{year}年政府信息公开工作年度报告.pdf")]}
