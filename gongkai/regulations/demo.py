"""Demo 规范性文件 of 沂源县 (called by `gongkai load_demo`): documents of the county government, its
office and departments, with 备案 records, amendments, replacements, a renewal, a 暂行 document near
the end of its period (dated from today), a cleanup campaign closed today, and the expiry sweep run on
today so documents whose period has ended are 已失效 with their real lapse date. Idempotent: a document
is looked up by organization and 文号 before it is created.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.catalog.services import node_by_key
from gongkai.demo.data.organizations import BY_KEY
from gongkai.publishing import services as publishing
from gongkai.publishing.choices import DocType, Topic
from gongkai.regulations import campaigns, expiry, services
from gongkai.regulations.models import CleanupCampaign, Filing, NormativeDocument

TZ = ZoneInfo("Asia/Shanghai")
D = dt.date.fromisoformat
CONGRESS, UPPER, GOVERNMENT = Filing.Body.PEOPLES_CONGRESS, Filing.Body.UPPER_GOVERNMENT, Filing.Body.GOVERNMENT


@dataclass(frozen=True)
class Doc:
    key: str
    org: str  # demo organization key; the lead issuer
    number: str
    title: str
    subject: str  # what the 办法 governs, for the body
    promulgated: str
    effective: str
    expires: str
    topic: str
    co_issuers: tuple[str, ...] = ()


def near_expiry_doc(today: dt.date) -> Doc:
    """A 暂行 document whose two years end 60 days from today: the unit's warning is due now."""
    expires = today + dt.timedelta(days=60)
    start = expires + dt.timedelta(days=1)  # two years ending on `expires`
    effective = dt.date(start.year - 2, start.month, 28 if (start.month, start.day) == (2, 29) else start.day)
    promulgated = effective - dt.timedelta(days=30)
    return Doc("bike", "bgs", f"源政办发〔{promulgated.year}〕21号",
               "沂源县人民政府办公室关于印发《沂源县城区共享电动自行车管理暂行办法》的通知", "城区共享电动自行车停放和运营管理",
               promulgated.isoformat(), effective.isoformat(), expires.isoformat(), Topic.URBAN_ENVIRONMENT)


DOCS = [
    Doc("dibao2020", "yyx", "源政发〔2020〕3号", "沂源县人民政府关于印发《沂源县城乡居民最低生活保障实施办法》的通知",
        "城乡居民最低生活保障", "2020-03-02", "2020-04-01", "2025-03-31", Topic.CIVIL_AFFAIRS),
    Doc("wuye", "bgs", "源政办发〔2020〕5号", "沂源县人民政府办公室关于印发《沂源县城区住宅小区物业服务管理暂行办法》的通知",
        "城区住宅小区物业服务", "2020-05-08", "2020-06-08", "2022-06-07", Topic.URBAN_ENVIRONMENT),
    Doc("yingshang2020", "yyx", "源政发〔2020〕8号", "沂源县人民政府关于进一步优化营商环境的若干措施",
        "优化营商环境", "2020-06-01", "2020-06-01", "2023-05-31", Topic.ECONOMY),
    Doc("yingshang2022", "yyx", "源政发〔2022〕6号", "沂源县人民政府关于印发《沂源县优化营商环境若干措施》的通知",
        "优化营商环境", "2022-04-01", "2022-05-01", "2027-04-30", Topic.ECONOMY),
    Doc("gonglu", "bgs", "源政办发〔2022〕12号", "沂源县人民政府办公室关于印发《沂源县农村公路养护管理办法》的通知",
        "农村公路养护管理", "2022-07-15", "2022-08-15", "2027-08-14", Topic.INDUSTRY_TRANSPORT),
    Doc("yiliao", "yyx", "源政发〔2022〕11号", "沂源县人民政府关于印发《沂源县城乡居民医疗救助办法》的通知",
        "城乡居民医疗救助", "2022-08-15", "2022-09-15", "2027-09-14", Topic.HEALTH_SPORTS),
    Doc("guanggao", "bgs", "源政办发〔2021〕18号", "沂源县人民政府办公室关于加强城区户外广告设施管理的通知",
        "城区户外广告设施设置", "2021-11-05", "2021-12-05", "2026-12-04", Topic.URBAN_ENVIRONMENT),
    Doc("jianzhu", "zjj", "源建发〔2021〕7号", "沂源县住房和城乡建设局关于印发《沂源县城区建筑垃圾管理办法》的通知",
        "城区建筑垃圾处置", "2021-09-01", "2021-10-01", "2026-09-30", Topic.URBAN_ENVIRONMENT),
    Doc("gongkai", "bgs", "源政办发〔2023〕9号", "沂源县人民政府办公室关于印发《沂源县政府信息公开申请办理规范》的通知",
        "政府信息公开申请办理", "2023-02-10", "2023-03-10", "2028-03-09", Topic.GENERAL),
    Doc("jiuye", "rsj", "源人社发〔2023〕15号", "关于印发《沂源县就业创业补贴资金管理办法》的通知",
        "就业创业补贴资金管理", "2023-06-12", "2023-07-12", "2028-07-11", Topic.LABOUR, co_issuers=("czj",)),
    Doc("yiliao_xiugai", "yyx", "源政发〔2024〕4号", "沂源县人民政府关于修改《沂源县城乡居民医疗救助办法》的决定",
        "城乡居民医疗救助", "2024-03-20", "2024-04-20", "2029-04-19", Topic.HEALTH_SPORTS),
    Doc("dibao2025", "yyx", "源政发〔2025〕2号", "沂源县人民政府关于印发《沂源县城乡居民最低生活保障办法》的通知",
        "城乡居民最低生活保障", "2025-03-10", "2025-03-10", "2030-03-09", Topic.CIVIL_AFFAIRS),
]

# (newer document, older document, relation, note)
RELATIONS = [
    ("yingshang2022", "yingshang2020", "replaces", "《沂源县优化营商环境若干措施》施行，原措施同时废止"),
    ("yiliao_xiugai", "yiliao", "amends", "提高重特大疾病医疗救助比例，调整救助对象范围"),
    ("dibao2025", "dibao2020", "replaces", "新办法施行，原实施办法同时废止"),
]
RENEWALS = [("jianzhu", "2026-08-20", "2031-08-19", "经评估，该办法实施效果良好，需要继续执行。")]
CAMPAIGN = ("沂源县人民政府办公室2026年规范性文件集中清理", "依据《山东省行政程序规定》第五十三条和淄博市有关清理工作要求", [
    ("gonglu", "continue", "符合现行法律法规和政策，继续有效。"),
    ("gongkai", "amend", "部分条款与新修订的政府信息公开申请办理流程不一致，需要修改。"),
    ("guanggao", "repeal", "相关内容已纳入《沂源县城市市容和环境卫生管理规定》，予以废止。"),
])


def body(doc: Doc, issuers: list) -> str:
    effective, expires = D(doc.effective), D(doc.expires)
    lead = issuers[0].name
    articles = [
        f"第一条 为规范{doc.subject}工作，保障人民群众合法权益，根据有关法律、法规和规章规定，结合本县实际，制定本办法。",
        f"第二条 本办法适用于本县行政区域内的{doc.subject}及其监督管理活动。",
        f"第三条 {lead}负责本办法的组织实施，县有关部门按照各自职责做好相关工作。",
        f"第四条 {doc.subject}应当坚持依法依规、公开公正、便民高效的原则，相关办理结果依法向社会公开。",
        "第五条 违反本办法规定的，由有关部门依法依规处理；构成犯罪的，依法追究刑事责任。",
        f"第六条 本办法自{effective.year}年{effective.month}月{effective.day}日起施行，"
        f"有效期至{expires.year}年{expires.month}月{expires.day}日。",
    ]
    if doc.title.endswith("决定"):
        articles = [f"县人民政府决定对《沂源县{doc.subject}办法》作如下修改：",
                    "一、将第三条修改为：“县医疗保障部门负责本办法的组织实施，县民政、财政、卫生健康等部门按照各自职责做好相关工作。”",
                    "二、将重特大疾病医疗救助年度最高限额由5万元提高到8万元。",
                    f"本决定自{effective.year}年{effective.month}月{effective.day}日起施行。"
                    "《沂源县城乡居民医疗救助办法》根据本决定作相应修改，重新公布。"]
    return "".join(f"<p>{text}</p>" for text in articles)


def _org(key: str):
    from gongkai.organizations.models import Organization

    return Organization.objects.filter(name=BY_KEY[key].name).first()


def _filings(doc: Doc) -> list:
    year = D(doc.promulgated).year
    serial = int("".join(c for c in doc.number.split("〕")[1] if c.isdigit()) or 1)
    filed = D(doc.promulgated) + dt.timedelta(days=20)
    if doc.org == "yyx":
        return [(CONGRESS, filed, f"源人大常备〔{year}〕{serial}号"), (UPPER, filed, f"淄政备〔{year}〕{serial + 20}号")]
    return [(GOVERNMENT, filed, f"源政备〔{year}〕{serial + 40}号")]


def create(admin, doc: Doc) -> NormativeDocument | None:
    organization = _org(doc.org)
    if organization is None:
        return None
    found = NormativeDocument.objects.filter(item__organization=organization, item__doc_number=doc.number).first()
    if found:
        return found
    issuers = [organization, *[o for o in map(_org, doc.co_issuers) if o is not None]]
    promulgated = D(doc.promulgated)
    data = {"title": doc.title, "doc_number": doc.number, "doc_type": DocType.DECISION if doc.title.endswith("决定")
            else DocType.NOTICE, "written_on": promulgated - dt.timedelta(days=3), "formed_on": promulgated,
            "topic": doc.topic, "keywords": f"{doc.subject} 规范性文件", "summary": f"关于{doc.subject}的规范性文件。",
            "body": body(doc, issuers)}
    published_at = dt.datetime(promulgated.year, promulgated.month, promulgated.day, 10, 0, tzinfo=TZ)
    item = publishing.record_migrated_item(None, organization, data, [node_by_key(organization, "art20.1")], published_at)
    document = services.register(admin, item, {
        "promulgated_on": promulgated, "effective_from": D(doc.effective), "expires_on": D(doc.expires),
        "legality_reviewer": "沂源县司法局", "legality_reviewed_on": promulgated - dt.timedelta(days=12),
        "legality_opinion": f"源司审〔{promulgated.year}〕{len(doc.title) % 30 + 1}号：经审核，制定主体、权限、程序合法，内容合法。",
    }, issuers)
    for body_kind, filed_on, number in _filings(doc):
        services.set_filing(admin, document, body_kind, filed_on, number)
    return document


def load(stdout=None) -> None:
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    if admin is None or _org("yyx") is None:
        return
    today = timezone.localdate()
    docs = {d.key: create(admin, d) for d in [*DOCS, near_expiry_doc(today)]}
    created = 0
    for source, target, kind, note in RELATIONS:
        new, old = docs.get(source), docs.get(target)
        if new and old and not old.incoming.filter(source=new).exists():
            services.relate(admin, new, old, kind, note=note)
            created += 1
    for key, on, until, reason in RENEWALS:
        document = docs.get(key)
        if document and document.expires_on < D(until) and document.is_current:
            services.renew(admin, document, D(until), reason, renewed_on=D(on))
    _campaign(docs)
    result = expiry.sweep(today)
    if stdout is not None:
        stdout.write(f"规范性文件演示数据：{len(docs)} 件，新建文件关系 {created} 个，届满失效 {len(result['lapsed'])} 件，"
                     f"到期预警 {len(result['warned'])} 件。")


def _campaign(docs: dict) -> None:
    title, basis, results = CAMPAIGN
    office = _org("bgs")
    opener, closer = User.objects.filter(username="bgs_gly").first(), User.objects.filter(username="bgs_shy").first()
    if office is None or opener is None or closer is None or CleanupCampaign.objects.filter(title=title).exists():
        return
    chosen = [(docs[key], result, reason) for key, result, reason in results if docs.get(key) and docs[key].is_current]
    if not chosen:
        return
    campaign = campaigns.open_campaign(opener, office, title, [d for d, _r, _n in chosen], basis)
    entries = {e.document_id: e for e in campaign.entries.all()}
    for document, result, reason in chosen:
        campaigns.decide(opener, entries[document.pk], result, reason)
    campaigns.close_campaign(closer, campaign, "经审查，清理结果不涉及国家秘密、工作秘密，同意公开。", secrecy_checked=True)
