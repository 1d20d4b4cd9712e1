"""The organizations of 沂源县 named in the 2020 work plan's 任务分解表 (yiyuan-2020-work-plan.txt).

One list, ORGANIZATIONS, with each unit's official full name and the short form the work plan uses.
ALIASES maps every spelling the work plan uses to an official name; GENERIC_PHRASES are the plan's
group phrases ("各镇（街道）", "县政府有关部门、有关单位") that name no single unit. `match_unit_names`
reads a 责任单位 cell with both, so the work-plan loader can resolve the plan's units the same way the
demo does.

Credit codes (统一社会信用代码, GB 32100-2015) are made up but valid and stable: the registration
authority and type ("11" 机关, "12" 事业单位, "13" 群众团体), the 沂源县 division code 370323, a
9-character organization code built from the unit's fixed `serial` (8 digits + the GB 11714 check
character) and the GB 32100 check character. A serial is never reused for another unit.
"""

import datetime as dt
from dataclasses import dataclass

from gongkai.publishing.choices import Topic

COUNTY_DIVISION = "370323"  # 山东省淄博市沂源县
ROOT_NAME = "沂源县人民政府"

GOVERNMENT, DEPARTMENT, TOWNSHIP, ZONE, INSTITUTION, PARTY = ("government", "department", "township", "zone",
                                                             "institution", "party")
ORGAN, PUBLIC_SERVICE_UNIT, MASS_ORGANIZATION = "11", "12", "13"


@dataclass(frozen=True)
class OrgSpec:
    key: str  # ASCII slug: user names, demo e-mail addresses and web paths
    name: str  # official full name (Organization.name)
    short_name: str  # the form the work plan uses
    kind: str
    serial: int  # fixed; the organization code is derived from it
    doc_prefix: str  # 发文字号 prefix, e.g. 源文旅 → 源文旅发〔2021〕12号
    topic: str  # default 主题分类 of its information
    subjects: tuple[str, ...]  # its lines of work, used for demo titles
    aliases: tuple[str, ...] = ()  # further spellings in the work plan
    registration: str = ORGAN
    office: str = ""  # 政府信息公开工作机构; default: the unit's 办公室
    address: str = ""  # street address in the county seat; townships use their seat
    abolished_on: dt.date | None = None  # 撤销: publishes nothing after this day, inactive once the 2020 story is in


def _dept(key, name, short, serial, prefix, topic, subjects, **kw) -> OrgSpec:
    return OrgSpec(key, name, short, DEPARTMENT, serial, prefix, topic, subjects, **kw)


def _party(key, name, short, serial, prefix, topic, subjects, **kw) -> OrgSpec:
    return OrgSpec(key, name, short, PARTY, serial, prefix, topic, subjects, **kw)


def _inst(key, name, short, serial, prefix, topic, subjects, **kw) -> OrgSpec:
    kw.setdefault("registration", PUBLIC_SERVICE_UNIT)
    return OrgSpec(key, name, short, INSTITUTION, serial, prefix, topic, subjects, **kw)


def _town(key, name, short, serial, prefix, **kw) -> OrgSpec:
    subjects = ("乡村振兴", "农村人居环境整治", "耕地地力保护补贴", "村级公益事业一事一议", "安全生产")
    return OrgSpec(key, name, short, TOWNSHIP, serial, prefix, Topic.AGRICULTURE, subjects,
                   office=f"{short}党政综合办公室", address=f"{short}驻地", **kw)


T = Topic
ORGANIZATIONS: list[OrgSpec] = [
    OrgSpec("yyx", ROOT_NAME, "县政府", GOVERNMENT, 43_0001, "源政", T.GENERAL,
            ("政务公开", "优化营商环境", "安全生产", "乡村振兴", "新型城镇化"),
            office="沂源县人民政府办公室", address="胜利路1号"),
    # 县政府工作部门 (its 办公室 issues the work plan and runs 政务公开 for the county).
    _dept("bgs", "沂源县人民政府办公室", "县政府办公室", 43_0002, "源政办", T.GENERAL,
          ("政务公开", "政府信息公开", "政务新媒体管理", "政府网站管理", "重大行政决策"),
          office="沂源县人民政府办公室政务公开科", address="胜利路1号"),
    _dept("wlj", "沂源县文化和旅游局", "县文化和旅游局", 43_0011, "源文旅", T.CULTURE,
          ("全域旅游", "文旅融合发展", "乡村旅游", "文化市场管理", "公共文化服务")),
    _dept("nyncj", "沂源县农业农村局", "县农业农村局", 43_0012, "源农", T.AGRICULTURE,
          ("乡村振兴", "耕地地力保护补贴", "农业机械购置补贴", "农村人居环境整治", "高标准农田建设")),
    _dept("zrzyj", "沂源县自然资源局", "县自然资源局", 43_0013, "源自然资", T.LAND_ENERGY,
          ("国土空间规划", "土地征收", "不动产登记", "地质灾害防治", "林长制")),
    _dept("zjj", "沂源县住房和城乡建设局", "县住房城乡建设局", 43_0014, "源建", T.URBAN_ENVIRONMENT,
          ("老旧小区改造", "物业管理", "建筑施工安全", "城镇燃气安全", "人民防空"),
          aliases=("县人民防空办公室",)),  # 加挂县人民防空办公室牌子
    _dept("jtysj", "沂源县交通运输局", "县交通运输局", 43_0015, "源交", T.INDUSTRY_TRANSPORT,
          ("农村公路建设", "道路运输管理", "城乡公交一体化", "交通运输安全生产")),
    _dept("zhzfj", "沂源县综合行政执法局", "县综合行政执法局", 43_0016, "源综执", T.URBAN_ENVIRONMENT,
          ("城市管理综合执法", "市容环境卫生", "生活垃圾分类", "违法建设治理")),
    _dept("gaj", "沂源县公安局", "县公安局", 43_0017, "源公", T.PUBLIC_SECURITY,
          ("道路交通安全", "户籍管理", "烟花爆竹燃放管理", "社会治安防控")),
    _dept("yjj", "沂源县应急管理局", "县应急局", 43_0018, "源应急", T.MARKET,
          ("安全生产", "防汛抗旱", "森林防火", "危险化学品安全", "自然灾害救助")),
    _dept("xfj", "沂源县信访局", "县信访局", 43_0019, "源信访", T.GENERAL,
          ("信访事项办理", "矛盾纠纷多元化解", "网上信访")),
    _dept("fgj", "沂源县发展和改革局", "县发展改革局", 43_0020, "源发改", T.ECONOMY,
          ("重大项目建设", "国民经济和社会发展计划", "价格监测", "社会信用体系建设", "粮食安全"),
          aliases=("县发展改革委",)),  # the work plan writes both; one unit
    _dept("spj", "沂源县行政审批服务局", "县行政审批服务局", 43_0021, "源审批", T.GENERAL,
          ("一窗受理·一次办好", "工程建设项目审批制度改革", "证明事项告知承诺制", "企业开办")),
    _dept("gxj", "沂源县工业和信息化局", "县工业和信息化局", 43_0022, "源工信", T.INDUSTRY_TRANSPORT,
          ("产业攀登", "工业企业技术改造", "中小企业发展", "工业经济运行")),
    _dept("swj", "沂源县商务局", "县商务局", 43_0023, "源商", T.COMMERCE,
          ("双招双引", "外贸稳增长", "消费促进", "电子商务进农村")),
    _dept("czj", "沂源县财政局", "县财政局", 43_0024, "源财", T.FINANCE,
          ("预算管理", "政府采购", "国资监管", "减税降费", "惠民惠农财政补贴资金")),
    _dept("wjj", "沂源县卫生健康局", "县卫生健康局", 43_0025, "源卫健", T.HEALTH_SPORTS,
          ("新冠肺炎疫情防控", "健康扶贫", "公共卫生", "家庭医生签约服务", "基本公共卫生服务")),
    _dept("jytyj", "沂源县教育和体育局", "县教育和体育局", 43_0026, "源教体", T.SCIENCE_EDUCATION,
          ("义务教育招生入学", "普惠性学前教育", "学生资助", "全民健身", "民办教育规范发展")),
    _dept("mzj", "沂源县民政局", "县民政局", 43_0027, "源民", T.CIVIL_AFFAIRS,
          ("城乡低保", "特困人员救助", "养老服务", "临时救助", "困境儿童保障")),
    _dept("rsj", "沂源县人力资源和社会保障局", "县人力资源社会保障局", 43_0028, "源人社", T.LABOUR,
          ("稳就业", "高校毕业生就业", "社会保险", "农民工工资支付", "职业技能培训")),
    _dept("kjj", "沂源县科学技术局", "县科技局", 43_0029, "源科", T.SCIENCE_EDUCATION,
          ("科教创新", "高新技术企业培育", "科技特派员", "科学普及")),
    _dept("slj", "沂源县水利局", "县水利局", 43_0030, "源水", T.AGRICULTURE,
          ("齐鲁水塔", "河长制", "水土保持", "农村饮水安全", "防汛抗旱")),
    _dept("scjgj", "沂源县市场监督管理局", "县市场监管局", 43_0031, "源市监", T.MARKET,
          ("双随机、一公开", "食品安全", "药品安全", "产品质量监督抽查", "信用监管")),
    _dept("tyjrj", "沂源县退役军人事务局", "县退役军人局", 43_0032, "源退役", T.CIVIL_AFFAIRS,
          ("退役军人就业创业", "优待抚恤", "退役军人服务保障")),
    _dept("sfj", "沂源县司法局", "县司法局", 43_0033, "源司", T.PUBLIC_SECURITY,
          ("行政执法公示", "法治政府建设", "公共法律服务", "人民调解")),
    # A unit of the 2020 work plan that the 2021 机构改革 replaced (its duties went to the 乡村振兴 line of the
    # 农业农村局): it publishes until May 2021 and is then 撤销, so it makes no annual report after 2020.
    _dept("fpb", "沂源县扶贫开发领导小组办公室", "县扶贫办", 43_0034, "源扶贫办", T.CIVIL_AFFAIRS,
          ("精准扶贫", "扶贫资金", "扶贫项目", "脱贫攻坚"), abolished_on=dt.date(2021, 5, 31)),
    # Units of vertical management (垂直管理) and the county branch of the central bank: administrative
    # bodies that publish on the county platform, so they get a department's catalog.
    _dept("sthjj", "淄博市生态环境局沂源分局", "市生态环境局沂源分局", 43_0041, "淄环源", T.URBAN_ENVIRONMENT,
          ("污染防治", "生态环境质量", "环境影响评价", "排污许可", "大气污染防治")),
    _dept("ybj", "淄博市医疗保障局沂源分局", "市医疗保障局沂源分局", 43_0042, "淄医保源", T.HEALTH_SPORTS,
          ("医保异地就医", "医保基金监管", "城乡居民医疗保险", "药品集中带量采购")),
    _inst("ggzy", "淄博市公共资源交易中心沂源分中心", "市公共资源交易中心沂源分中心", 43_0043, "源公易",
          T.ECONOMY, ("公共资源交易", "工程建设项目招标投标", "政府采购交易")),
    _dept("rmyh", "中国人民银行沂源县支行", "县人民银行", 43_0044, "源银", T.FINANCE,
          ("金融服务", "反假货币", "征信管理", "普惠金融")),
    # Service centres and institutions (事业单位, 群众团体).
    _inst("tcz", "沂源县投资促进服务中心", "县投资促进服务中心", 43_0051, "源投促", T.COMMERCE,
          ("双招双引", "招商引资", "项目推介")),
    _inst("jrzx", "沂源县金融证券工作服务中心", "县金融证券工作服务中心", 43_0052, "源金证", T.FINANCE,
          ("资本市场", "企业上市", "地方金融风险防范", "区域性科创产业金融高地")),
    _inst("dsj", "沂源县大数据发展服务中心", "县大数据发展服务中心", 43_0053, "源大数据", T.GENERAL,
          ("政务服务一网通办", "政务数据共享", "依申请公开备案", "政府网站集约化")),
    _inst("cl", "沂源县残疾人联合会", "县残联", 43_0054, "源残联", T.CIVIL_AFFAIRS,
          ("残疾人就业", "残疾人两项补贴", "残疾人康复服务"), registration=MASS_ORGANIZATION),
    # Party organs (党委工作机关, the 纪委监委机关): not 行政机关 under the 条例, but the work plan names them as
    # responsible units (宣传、网信、组织、政法、改革、纪检监察), so the portal lists them with a 党委工作机关's
    # catalog (机构职能, 通知公告, 工作动态: catalog/templates_builtin.py), outside the annual reports.
    _party("xcb", "中共沂源县委宣传部", "县委宣传部", 43_0061, "源宣", T.CULTURE, ("新闻发布", "政策解读", "舆情回应")),
    _party("zzb", "中共沂源县委组织部", "县委组织部", 43_0062, "源组", T.LABOUR, ("公务员招录", "干部教育培训", "人才工作")),
    _party("zfw", "中共沂源县委政法委员会", "县委政法委", 43_0063, "源政法", T.PUBLIC_SECURITY,
          ("社会治理", "平安沂源建设", "网格化服务管理")),
    _party("zys", "中共沂源县委政策研究室", "县委政研室（改革办）", 43_0064, "源改办", T.GENERAL,
          ("重点改革", "全面深化改革"), aliases=("县委政研室", "县委改革办")),
    _party("jwjw", "中共沂源县纪律检查委员会沂源县监察委员会机关", "县纪委监委机关", 43_0065, "源纪", T.LABOUR,
          ("党风廉政建设", "作风建设", "营商环境监督"), aliases=("县监委",)),
    _party("wxb", "中共沂源县委网络安全和信息化委员会办公室", "县网信办", 43_0066, "源网信", T.CULTURE,
          ("网络安全", "网络舆情", "政务新媒体")),
    # 镇、街道 (all twelve of the county).
    _town("nmjd", "沂源县南麻街道办事处", "南麻街道", 43_0101, "南街办"),
    _town("lsjd", "沂源县历山街道办事处", "历山街道", 43_0102, "历街办"),
    _town("yzz", "沂源县悦庄镇人民政府", "悦庄镇", 43_0103, "悦政"),
    _town("dlz", "沂源县东里镇人民政府", "东里镇", 43_0104, "东政"),
    _town("xlz", "沂源县西里镇人民政府", "西里镇", 43_0105, "西政"),
    _town("dzzz", "沂源县大张庄镇人民政府", "大张庄镇", 43_0106, "大政"),
    _town("zzz", "沂源县中庄镇人民政府", "中庄镇", 43_0107, "中政"),
    _town("zjpz", "沂源县张家坡镇人民政府", "张家坡镇", 43_0108, "张政"),
    _town("yyz", "沂源县燕崖镇人民政府", "燕崖镇", 43_0109, "燕政"),
    _town("sqz", "沂源县石桥镇人民政府", "石桥镇", 43_0110, "石政"),
    _town("lcz", "沂源县鲁村镇人民政府", "鲁村镇", 43_0111, "鲁政"),
    _town("nlsz", "沂源县南鲁山镇人民政府", "南鲁山镇", 43_0112, "南鲁政"),
    OrgSpec("kfq", "沂源经济开发区管理委员会", "沂源经济开发区", ZONE, 43_0201, "源开管", T.INDUSTRY_TRANSPORT,
            ("园区建设", "招商引资", "企业服务", "安全生产"), aliases=("开发区管委会",),
            office="沂源经济开发区管理委员会党政办公室", address="沂源经济开发区"),
]

BY_KEY: dict[str, OrgSpec] = {spec.key: spec for spec in ORGANIZATIONS}
BY_NAME: dict[str, OrgSpec] = {spec.name: spec for spec in ORGANIZATIONS}
TOWNSHIP_KEYS = tuple(spec.key for spec in ORGANIZATIONS if spec.kind == TOWNSHIP)

# A known gap, on purpose: this township's 指南 lacks the fax number and the web contact that
# 条例第十二条 requires (the inspection work finds it). See docs/demo.md.
CONTACT_GAP_KEY = "yyz"
# A built-in catalog node left without any item, on purpose (空白栏目): the development zone's
# 财政预决算 (条例第二十条第（七）项). See docs/demo.md.
EMPTY_NODE = ("kfq", "art20.7")

# Every spelling the work plan uses → the official name.
ALIASES: dict[str, str] = {}
for _spec in ORGANIZATIONS:
    for _spelling in (_spec.short_name, *_spec.aliases):
        ALIASES[_spelling] = _spec.name

# Phrases of the 责任单位 column that name a group or a label, not one unit (normalized spelling).
GENERIC_PHRASES: tuple[str, ...] = (
    "各镇（街道）",
    "县政府有关部门", "县政府各部门", "有关部门", "有关单位", "舆情涉及部门", "单位",
    "（涉密信息除外）",
    "《沂源县司法局关于公布县级行政执法主体的通知》所列具有法定行政执法权的县级行政机关",
    # labels inside the emergency-plan row (县总体预案：县应急局 …)
    "应急预案", "县总体预案", "县自然灾害类专项预案", "县事故灾害类专项预案", "县公共卫生类专项预案",
    "县社会安全类专项预案",
)
# Separators and joining words left between names.
FILLER = set("，,、和等及：:；; （）()\t\u3000")


def normalize(text: str) -> str:
    return (text or "").replace("(", "（").replace(")", "）").strip()


_KEYS = sorted({*ALIASES, *BY_NAME, *GENERIC_PHRASES}, key=len, reverse=True)


def match_unit_names(text: str) -> tuple[list[str], str]:
    """The official names a 责任单位 cell names (in order, once each), and what could not be read.

    The leftover is empty when every part of the cell is a known unit, a generic phrase or a
    separator; anything else (an unknown unit) is returned so callers can report it.
    """
    text = normalize(text)
    names: list[str] = []
    leftover: list[str] = []
    i = 0
    while i < len(text):
        for key in _KEYS:
            if text.startswith(key, i):
                name = BY_NAME[key].name if key in BY_NAME else ALIASES.get(key)
                if name and name not in names:
                    names.append(name)
                i += len(key)
                break
        else:
            leftover.append(text[i])
            i += 1
    return names, "".join(c for c in leftover if c not in FILLER)


def organization_code(serial: int) -> str:
    """A 9-character 组织机构代码: 8 digits and the GB 11714-1997 check character."""
    body = f"{serial:08d}"
    total = sum(int(c) * w for c, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def credit_code(spec: OrgSpec) -> str:
    from gongkai.organizations.validators import with_check_character

    return with_check_character(f"{spec.registration}{COUNTY_DIVISION}{organization_code(spec.serial)}")


STREETS = ("胜利路", "鲁山路", "瑞阳路", "振兴路", "历山路", "螳螂河路", "荆山路", "新城路")
OFFICE_HOURS = "工作日 上午8:30-12:00 下午13:30-17:30（示例）"
POSTCODE = "256100"  # 沂源县


def contact_fields(spec: OrgSpec) -> dict[str, str]:
    """The 政府信息公开工作机构 of a unit (条例第十二条): plausible, and marked 示例 everywhere."""
    number = spec.serial % 100000
    street = spec.address or f"{STREETS[number % len(STREETS)]}{number % 97 + 1}号"
    fields = {
        "office_name": f"{spec.office or spec.name + '办公室'}（示例）",
        "office_address": f"山东省淄博市沂源县{street}（示例）",
        "office_hours": OFFICE_HOURS,
        "office_phone": f"0533-32{number:05d}",
        "office_fax": f"0533-32{(number + 50000) % 100000:05d}",
        "office_email": f"gk_{spec.key}@example.cn",
        "office_web": f"https://www.yiyuan.example.cn/{spec.key}/",
        "office_postcode": POSTCODE,
    }
    if spec.key == CONTACT_GAP_KEY:
        fields["office_fax"] = fields["office_web"] = ""
    return fields
