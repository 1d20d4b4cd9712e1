"""The built-in 「政府信息公开」 catalog structure, per organization kind.

Sources: 国办公开办函〔2019〕61号 (the column's four parts); 条例第二十条 (the 15 categories every
administrative body publishes); 条例第二十一条 (county governments and their departments; 乡镇);
沂源县2020年政务公开工作要点 §5, §7, §12 (决策公开, 建议提案办理, 政策解读, 工作动态).
"""

from dataclasses import dataclass

from gongkai.catalog.models import PublicationRule, Section
from gongkai.organizations.models import ADMINISTRATIVE_KINDS
from gongkai.workdays import statute

# 国办秘函〔2019〕19号 thresholds (named in gongkai.workdays.statute) as a node's expected update interval.
NEWS_DAYS = statute.NEWS_COLUMN_UPDATE_DAYS
NOTICE_DAYS = statute.NOTICE_COLUMN_UPDATE_MONTHS * 30

G, D, T, Z, INST, P = "government", "department", "township", "zone", "institution", "party"
# The bodies the 条例 reaches: 行政机关 (organizations.models.ADMINISTRATIVE_KINDS) and 公共企事业单位 (第五十五条).
ALL = (G, D, T, Z, INST)
ADMINISTRATIVE = tuple(str(kind) for kind in ADMINISTRATIVE_KINDS)
COUNTY_LEVEL = (G, D, Z)
# A 党委工作机关 (Kind.PARTY) is no 行政机关 (条例第二条、第十条): it makes no 政府信息, so it has no 指南 (第十二条),
# no 政府信息公开制度, no 年度报告 (第四十九条) and none of 第二十条's administrative categories (规范性文件, 行政处罚,
# 行政事业性收费 …). Its openness follows the 中国共产党党务公开条例（试行） (its 职能、机构 and the work it does):
# a county portal lists it under the 机构职能, 通知公告 and 工作动态 nodes only (kept under the 法定主动公开内容
# root so that its column has the same shape as the others).
WITH_PARTY = (*ALL, P)


@dataclass(frozen=True)
class NodeTemplate:
    key: str
    name: str
    section: str
    parent: str | None = None
    kinds: tuple[str, ...] = ALL
    basis: str = ""
    expected_update_days: int | None = None
    # 条例第二十六条第二句: (organization kind, PublicationRule) where another law sets the period.
    publication_rules: tuple[tuple[str, str], ...] = ()

    def publication_rule(self, kind: str) -> str:
        return dict(self.publication_rules).get(kind, "")


ROOTS = [
    NodeTemplate("guide", "政府信息公开指南", Section.GUIDE, basis="条例第十二条"),
    NodeTemplate("system", "政府信息公开制度", Section.SYSTEM, basis="条例第四条、第十七条"),
    NodeTemplate("statutory", "法定主动公开内容", Section.STATUTORY, kinds=WITH_PARTY, basis="条例第十九条至第二十一条"),
    NodeTemplate("annual_report", "政府信息公开工作年度报告", Section.ANNUAL_REPORT, basis="条例第四十九条、第五十条",
                 expected_update_days=366),
]

S = Section.STATUTORY
ARTICLE_20 = [
    ("art20.1", "规范性文件", "条例第二十条第（一）项：行政法规、规章和规范性文件", ADMINISTRATIVE, NOTICE_DAYS),
    ("art20.2", "机构职能", "条例第二十条第（二）项：机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名", WITH_PARTY, 365),
    ("art20.3", "规划信息", "条例第二十条第（三）项：国民经济和社会发展规划、专项规划、区域规划及相关政策", ADMINISTRATIVE, None),
    ("art20.4", "统计信息", "条例第二十条第（四）项：国民经济和社会发展统计信息", ADMINISTRATIVE, 120),
    ("art20.5", "行政许可和对外管理服务", "条例第二十条第（五）项：办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果", ADMINISTRATIVE, None),
    ("art20.6", "行政处罚和行政强制", "条例第二十条第（六）项：实施行政处罚、行政强制的依据、条件、程序以及具有一定社会影响的行政处罚决定", ADMINISTRATIVE, None),
    ("art20.7", "财政预决算", "条例第二十条第（七）项：财政预算、决算信息", ADMINISTRATIVE, 366),
    ("art20.8", "行政事业性收费", "条例第二十条第（八）项：行政事业性收费项目及其依据、标准", ALL, None),
    ("art20.9", "政府采购", "条例第二十条第（九）项：政府集中采购项目的目录、标准及实施情况", ADMINISTRATIVE, None),
    ("art20.10", "重大建设项目", "条例第二十条第（十）项：重大建设项目的批准和实施情况", ADMINISTRATIVE, None),
    ("art20.11", "扶贫、教育、医疗、社会保障、促进就业", "条例第二十条第（十一）项：扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况", ADMINISTRATIVE, None),
    ("art20.12", "应急管理", "条例第二十条第（十二）项：突发公共事件的应急预案、预警信息及应对情况", ALL, None),
    ("art20.13", "监督检查", "条例第二十条第（十三）项：环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况", ADMINISTRATIVE, None),
    ("art20.14", "公务员招考", "条例第二十条第（十四）项：公务员招考的职位、名额、报考条件等事项以及录用结果", ADMINISTRATIVE, None),
    ("art20.15", "其他法定公开信息", "条例第二十条第（十五）项：法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息", ALL, None),
]
ARTICLE_21_COUNTY = ["市政建设", "公共服务", "公益事业", "土地征收", "房屋征收", "治安管理", "社会救助"]
ARTICLE_21_TOWNSHIP = ["贯彻落实农业农村政策", "农田水利工程建设运营", "农村土地承包经营权流转", "宅基地使用情况审核",
                       "土地征收", "房屋征收", "筹资筹劳", "社会救助"]
WORK_PLAN = [
    ("plan.decisions", "重大行政决策", "工作要点§5：重大行政决策事项目录、决策草案及意见采纳情况", ADMINISTRATIVE, None),
    ("plan.interpretation", "政策解读", "工作要点§4、§12：谁起草谁解读，政策文件与解读材料同步", ADMINISTRATIVE, None),
    ("plan.proposals", "建议提案办理", "工作要点§7：人大代表建议和政协提案办理结果", COUNTY_LEVEL, 366),
    ("plan.notices", "通知公告", "国办秘函〔2019〕19号：通知公告类栏目超过6个月未更新即扣分", WITH_PARTY, NOTICE_DAYS),
    ("plan.news", "工作动态", "国办秘函〔2019〕19号：动态、要闻类栏目超过2周未更新即扣分", WITH_PARTY, NEWS_DAYS),
]


# 预算法第十四条: a government's (县、乡镇 — each has its own 人大-approved budget) 财政预决算 node publishes
# the 本级 budget and 决算 within 20 days of their 批准 (第一款); a department's or a zone's publishes its
# 部门预算、决算 within 20 days of the 财政部门's 批复 (第二款).
PUBLICATION_RULES = {
    "art20.7": ((G, PublicationRule.BUDGET), (T, PublicationRule.BUDGET),
                (D, PublicationRule.DEPARTMENT_BUDGET), (Z, PublicationRule.DEPARTMENT_BUDGET)),
}


def node_templates() -> list[NodeTemplate]:
    nodes = list(ROOTS)
    for key, name, basis, kinds, days in ARTICLE_20:
        nodes.append(NodeTemplate(key, name, S, "statutory", kinds, basis, days, PUBLICATION_RULES.get(key, ())))
    for index, name in enumerate(ARTICLE_21_COUNTY, start=1):
        nodes.append(NodeTemplate(f"art21.c{index}", name, S, "statutory", COUNTY_LEVEL, "条例第二十一条（县级人民政府及其部门）"))
    for index, name in enumerate(ARTICLE_21_TOWNSHIP, start=1):
        nodes.append(NodeTemplate(f"art21.t{index}", name, S, "statutory", (T,), "条例第二十一条（乡镇人民政府）"))
    for key, name, basis, kinds, days in WORK_PLAN:
        nodes.append(NodeTemplate(key, name, S, "statutory", kinds, basis, days))
    return nodes


def root_sections(kind: str) -> list[str]:
    """The parts of the 「政府信息公开」 column (Section values, in order) an organization of `kind` has."""
    return [tpl.section for tpl in ROOTS if kind in tpl.kinds]


def has_guide(organization) -> bool:
    """Whether `organization` keeps a 政府信息公开指南 (条例第十二条): not a 党委工作机关 (ROOTS)."""
    return Section.GUIDE in root_sections(organization.kind)


def guide_gaps(organization) -> list[str]:
    """The 第十二条 contact details missing from `organization`'s 指南 (their labels); none for a body that
    keeps no 指南. The one rule the workbench's unit list and the inspection rule GuideFields share."""
    return organization.missing_guide_fields() if has_guide(organization) else []
