"""The built-in list types (清单类型) and their columns, as county sites publish them.

Names, column headings and choices are stored in Chinese (the import matches the Chinese headings and
choices whatever the language); they are marked for translation here so that the public pages show
them in English on /en/ (`ListType.shown_name`, `views_public.shown_columns`).

Each type is a `TypeSpec`; `load_types()` writes them into `ListType` rows idempotently (matched by
code; name, columns and notes follow this file, a list already holding rows keeps its type). It runs
after every `migrate` (apps.py) and from the demo. docs/lists.md explains each type, its sources and
why the columns are what they are.

Column kinds (cells.py validates each):
- text: free text (`long`: several lines, a textarea in the form);
- date: a calendar date, stored as YYYY-MM-DD;
- organization: the full name of an organization on the platform (its short name is accepted);
- link: an http(s) address or a path on this site;
- choice: one of the column's `choices`.

Sources (where the columns come from):
- 权责清单: 中央编办、国务院法制办《关于深入推进和完善地方各级政府工作部门权责清单制度的指导意见》
  (中编办发〔2018〕3号) — 职权类型 in ten kinds, 职权名称, 依据, 实施主体, 责任事项, 追责情形; as in the
  county tables of 山东 (权责清单通用目录).
- 证明事项清单: 国办发〔2020〕42号《关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》 — 证明名称,
  设定依据, 索要单位, 开具单位, 办事指南; 是否实行告知承诺.
- 涉企收费目录清单: 国家发展改革委、财政部 涉企收费目录清单制度 (实行政府定价或政府指导价的经营服务性收费,
  行政事业性收费, 政府性基金) — 收费项目, 执收单位, 收费标准, 政策依据.
- 行政审批中介服务事项目录: 国办发〔2015〕92号 and the 国务院 clean-up decisions — 中介服务事项名称, 涉及的审批事项,
  审批部门, 设置依据, 中介服务实施机构, 收费性质.
- 政务服务事项: 国务院《关于在线政务服务的若干规定》 and the 政务服务事项实施清单 — 事项名称, 事项类型, 实施主体,
  办理时限, 是否一网通办, 是否掌上办, 办事指南.
- 行政执法公示: 国办发〔2018〕118号 (行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度) — 事前公开
  (执法主体), 事中公示 (执法人员出示执法证件; the public checks the 执法证号 against the 执法人员清单), 事后公开
  (执法决定). 执法证号 is public by that rule; a 居民身份证号 never is (cells.py refuses any cell that looks like one).
- 双随机一公开: 国办发〔2015〕58号《关于推广随机抽查规范事中事后监管的通知》, 国发〔2019〕5号 — 随机抽查事项清单,
  年度抽查工作计划, 抽查结果.
- 公共资源交易: 《公共资源交易平台管理暂行办法》(国家发展改革委等14部委令第39号) and 国办发〔2019〕41号 — 项目,
  交易类型, 交易方式, 交易公告, 交易结果.
"""

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext_lazy as _

TEXT, DATE, ORGANIZATION, LINK, CHOICE = "text", "date", "organization", "link", "choice"
KINDS = (TEXT, DATE, ORGANIZATION, LINK, CHOICE)
YES_NO = (_("是"), _("否"))

POWER_TYPES = (_("行政许可"), _("行政处罚"), _("行政强制"), _("行政征收"), _("行政给付"), _("行政检查"), _("行政确认"), _("行政奖励"),
               _("行政裁决"), _("其他"))


@dataclass(frozen=True)
class Column:
    key: str  # ASCII, stable: the cells' key in the database and the API
    label: str  # the column heading in Chinese, as in the XLSX
    kind: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    long: bool = False  # text over several lines
    help: str = ""
    filter: bool = False  # a filter on the public page (choice and organization columns)

    def as_dict(self) -> dict:
        """The column as stored: headings and choices in Chinese (the msgids), whatever the language."""
        data = {"key": self.key, "label": str(self.label), "kind": self.kind, "required": self.required}
        if self.choices:
            data["choices"] = [str(choice) for choice in self.choices]
        if self.long:
            data["long"] = True
        if self.help:
            data["help"] = self.help
        if self.filter:
            data["filter"] = True
        return data


@dataclass(frozen=True)
class TypeSpec:
    code: str
    name: str
    description: str
    columns: tuple[Column, ...]
    group: str = ""  # 行政执法公示, 双随机一公开: types published together
    part: str = ""  # the part of the group this type is (事前公开 …)
    county_wide: bool = False  # usually one list for the whole county (kept by a county body)
    basis: str = ""
    extra: dict = field(default_factory=dict)


def _org(key, label, required=True, help=""):
    return Column(key, label, ORGANIZATION, required=required, help=help, filter=True)


def _choice(key, label, choices, required=True, help=""):
    return Column(key, label, CHOICE, required=required, choices=tuple(choices), help=help, filter=True)


TYPES: tuple[TypeSpec, ...] = (
    TypeSpec(
        "jgzn", _("机构职能目录"),
        "本单位的内设机构、派出机构和下属单位，各自的主要职责、负责人和联系方式。",
        (
            Column("unit", _("机构名称"), required=True),
            _choice("category", _("机构类别"), (_("内设机构"), _("派出机构"), _("下属事业单位"), _("议事协调机构办事机构"), _("其他"))),
            Column("duties", _("主要职责"), required=True, long=True),
            Column("head", _("负责人")),
            Column("address", _("办公地址")),
            Column("phone", _("联系电话")),
            Column("hours", _("办公时间")),
        ),
        basis="《沂源县2020年政务公开工作要点》第6条：全面梳理各级行政机关机构职能目录",
    ),
    TypeSpec(
        "qzqd", _("权责清单"),
        "本单位依法行使的行政职权及其依据、实施主体、对应的责任事项和追责情形。",
        (
            _choice("power_type", _("职权类型"), POWER_TYPES),
            Column("name", _("职权名称"), required=True),
            Column("code", _("职权编码"), help="省级权责清单通用目录中的编码，没有可不填。"),
            Column("basis", _("依据"), required=True, long=True, help="法律、法规、规章的名称和条款。"),
            _org("subject", _("实施主体")),
            Column("office", _("承办机构"), help="本单位承办该职权的内设机构。"),
            Column("duties", _("责任事项"), required=True, long=True),
            Column("accountability", _("追责情形"), required=True, long=True),
            Column("note", _("备注")),
        ),
        basis="中编办发〔2018〕3号；《沂源县2020年政务公开工作要点》第6条：更新完善权责清单并按要求公开",
    ),
    TypeSpec(
        "zmsx", _("证明事项清单"),
        "办理行政事项时索要的证明材料：设定依据、索要单位、开具单位，以及是否实行告知承诺制。",
        (
            Column("name", _("证明名称"), required=True),
            Column("matter", _("适用的办理事项"), required=True),
            Column("basis", _("设定依据"), required=True, long=True),
            _org("requester", _("索要单位")),
            Column("issuer", _("开具单位"), required=True, help="开具证明的机关或机构，可以是平台外的单位（如医疗机构）。"),
            _choice("pledge", _("是否实行告知承诺"), YES_NO,
                    help="实行告知承诺的，申请人书面承诺后不再提交该证明。"),
            Column("guide", _("办事指南"), LINK),
            Column("note", _("备注")),
        ),
        basis="国办发〔2020〕42号；《沂源县2020年政务公开工作要点》任务分解表：7月底前梳理公布证明事项清单",
    ),
    TypeSpec(
        "sqsf", _("涉企收费目录清单"),
        "本县执行的实行政府定价或政府指导价的涉企收费、行政事业性收费和政府性基金。",
        (
            _choice("category", _("收费类别"), (_("行政事业性收费"), _("政府性基金"), _("实行政府定价的经营服务性收费"),
                                           _("实行政府指导价的经营服务性收费"))),
            Column("name", _("收费项目"), required=True),
            Column("collector", _("执收单位"), required=True),
            Column("standard", _("收费标准"), required=True, long=True),
            Column("basis", _("政策依据"), required=True, long=True),
            Column("note", _("备注")),
        ),
        county_wide=True,
        basis="《沂源县2020年政务公开工作要点》任务分解表：按照规定公示本地区执行的涉企收费目录清单",
    ),
    TypeSpec(
        "zjfw", _("行政审批中介服务事项目录"),
        "行政审批中必须由申请人委托中介机构提供的服务，及其设置依据和收费性质。",
        (
            Column("name", _("中介服务事项名称"), required=True),
            Column("approval", _("涉及的审批事项"), required=True),
            _org("department", _("审批部门")),
            Column("basis", _("中介服务设置依据"), required=True, long=True),
            Column("provider", _("中介服务实施机构"), help="具备资质的机构类别，不指定具体机构。"),
            _choice("fee", _("收费性质"), (_("政府定价"), _("政府指导价"), _("市场调节价"), _("不收费"))),
            Column("note", _("备注")),
        ),
        county_wide=True,
        basis="国办发〔2015〕92号；《沂源县2020年政务公开工作要点》任务分解表：及时发布行政审批中介服务事项目录",
    ),
    TypeSpec(
        "zwfw", _("政务服务事项"),
        "依申请办理的政务服务事项：实施主体、办理时限、能否网上和掌上办理，以及办事指南。",
        (
            Column("name", _("事项名称"), required=True),
            _choice("kind", _("事项类型"), (_("行政许可"), _("行政确认"), _("行政给付"), _("行政奖励"), _("行政裁决"), _("其他行政权力"),
                                       _("公共服务"))),
            _org("subject", _("实施主体")),
            Column("time_limit", _("办理时限"), required=True, help="如：法定20个工作日，承诺5个工作日。"),
            _choice("online", _("是否一网通办"), YES_NO),
            _choice("mobile", _("是否掌上办"), YES_NO),
            Column("place", _("办理地点")),
            Column("phone", _("咨询电话")),
            Column("guide", _("办事指南"), LINK),
        ),
        basis="《沂源县2020年政务公开工作要点》第6条：做好政务服务“一网通办”、重点高频民生事项“掌上办”等方面的信息公开",
    ),
    TypeSpec(
        "zfzt", _("行政执法主体"),
        "事前公开：具有行政执法权的主体、执法依据和职责权限、监督和救济渠道。",
        (
            _org("subject", _("执法主体")),
            _choice("nature", _("主体性质"), (_("行政机关"), _("法律法规授权组织"), _("受委托组织"))),
            Column("powers", _("职责权限"), required=True, long=True),
            Column("basis", _("执法依据"), required=True, long=True),
            Column("supervision", _("监督电话")),
            Column("remedy", _("救济渠道"), long=True, help="行政复议、行政诉讼的机关和期限。"),
        ),
        group=_("行政执法公示"), part=_("事前公开"),
        basis="国办发〔2018〕118号：行政执法公示制度",
    ),
    TypeSpec(
        "zfry", _("行政执法人员"),
        "事中公示：执法人员执法时出示执法证件，公众可按执法证号核对其姓名、执法主体和执法类别。",
        (
            Column("name", _("姓名"), required=True),
            _org("subject", _("执法主体")),
            Column("certificate", _("执法证号"), required=True,
                   help="行政执法证件号码（依法公示）。不得填写居民身份证号码。"),
            Column("field", _("执法类别")),
            Column("area", _("执法区域")),
            Column("valid_to", _("证件有效期至"), DATE),
        ),
        group=_("行政执法公示"), part=_("事中公示"),
        basis="国办发〔2018〕118号：执法人员在执法过程中要主动出示执法证件",
    ),
    TypeSpec(
        "zfjd", _("行政执法决定"),
        "事后公开：行政许可、行政处罚等执法决定的文号、当事人、违法事实、依据和结果。",
        (
            Column("number", _("决定书文号"), required=True),
            Column("case", _("案件名称"), required=True),
            Column("party", _("当事人"), required=True,
                   help="法人或其他组织写全称；自然人只写姓氏（如：张某），不得公开身份证号码。"),
            _choice("kind", _("执法类别"), (_("行政许可"), _("行政处罚"), _("行政强制"), _("行政检查"), _("行政征收"), _("其他"))),
            Column("facts", _("主要违法事实"), long=True),
            Column("basis", _("执法依据"), long=True),
            Column("decision", _("处理决定"), required=True, long=True),
            _org("subject", _("执法主体")),
            Column("decided_on", _("决定日期"), DATE, required=True),
        ),
        group=_("行政执法公示"), part=_("事后公开"),
        basis="国办发〔2018〕118号：行政执法决定应当在执法决定作出之日起20个工作日内公开",
    ),
    TypeSpec(
        "ssjsx", _("随机抽查事项清单"),
        "双随机一公开：本部门随机抽查的事项、对象、依据、主体和方式。",
        (
            Column("matter", _("抽查事项"), required=True),
            _choice("category", _("事项类别"), (_("重点检查事项"), _("一般检查事项"))),
            Column("objects", _("抽查对象"), required=True),
            Column("basis", _("抽查依据"), required=True, long=True),
            _org("subject", _("抽查主体")),
            Column("method", _("抽查方式"), help="如：书面检查、实地核查、网络监测。"),
        ),
        group=_("双随机一公开"), part=_("抽查事项清单"),
        basis="国办发〔2015〕58号；国发〔2019〕5号",
    ),
    TypeSpec(
        "ssjjh", _("年度抽查计划"),
        "双随机一公开：本年度的抽查任务、抽查比例、参与部门和时间安排。",
        (
            Column("task", _("抽查任务名称"), required=True),
            Column("matter", _("抽查事项"), required=True),
            Column("scope", _("抽查对象范围"), required=True),
            Column("ratio", _("抽查比例"), required=True),
            _org("lead", _("发起部门")),
            Column("partners", _("配合部门")),
            Column("start", _("计划开始日期"), DATE, required=True),
            Column("end", _("计划完成日期"), DATE, required=True),
        ),
        group=_("双随机一公开"), part=_("年度抽查计划"),
        basis="国发〔2019〕5号：制定年度抽查工作计划并向社会公开",
    ),
    TypeSpec(
        "ssjjg", _("抽查结果"),
        "双随机一公开：抽查对象、日期和结果，抽查完成之日起20个工作日内公开。",
        (
            Column("task", _("抽查任务名称"), required=True),
            Column("entity", _("抽查对象名称"), required=True),
            Column("credit_code", _("统一社会信用代码")),
            Column("matter", _("抽查事项"), required=True),
            Column("checked_on", _("抽查日期"), DATE, required=True),
            _choice("result", _("抽查结果"), (_("未发现问题"), _("发现问题已责令改正"), _("未按规定公示应当公示的信息"),
                                         _("通过登记的住所（经营场所）无法联系"), _("不配合检查情节严重"), _("其他"))),
            _org("inspector", _("检查机关")),
        ),
        group=_("双随机一公开"), part=_("抽查结果"),
        basis="国发〔2019〕5号：抽查检查结果通过国家企业信用信息公示系统和部门网站公开",
    ),
    TypeSpec(
        "ggzy", _("公共资源交易"),
        "工程建设、政府采购、土地和矿业权、国有产权等公共资源交易的项目、方式、公告和结果。",
        (
            Column("project", _("项目名称"), required=True),
            Column("number", _("项目编号")),
            _choice("kind", _("交易类型"), (_("工程建设项目招标投标"), _("政府采购"), _("土地使用权和矿业权出让"), _("国有产权交易"),
                                       _("其他"))),
            _choice("method", _("交易方式"), (_("公开招标"), _("邀请招标"), _("竞争性谈判"), _("竞争性磋商"), _("询价"), _("单一来源采购"),
                                         _("拍卖"), _("挂牌"), _("其他"))),
            Column("owner", _("招标人（采购人、出让人）"), required=True),
            Column("notice", _("交易公告"), LINK),
            Column("notice_on", _("公告日期"), DATE),
            Column("result", _("交易结果"), long=True, help="中标（成交）人及中标（成交）金额；尚未完成的不填。"),
            Column("result_link", _("结果公示"), LINK),
        ),
        county_wide=True,
        basis="《沂源县2020年政务公开工作要点》任务分解表：完善公共资源交易制度，及时公开交易目录、程序、结果等信息",
    ),
)

BY_CODE = {spec.code: spec for spec in TYPES}


def load_types() -> int:
    """Create or update the ListType row of every built-in type; the number of rows written."""
    from gongkai.lists.models import ListType

    written = 0
    for position, spec in enumerate(TYPES, start=1):
        with translation.override(None):  # stored in Chinese: the import matches these headings and choices
            values = {"name": str(spec.name), "description": spec.description, "group": str(spec.group),
                      "part": str(spec.part), "county_wide": spec.county_wide, "basis": spec.basis,
                      "position": position, "builtin": True, "columns": [column.as_dict() for column in spec.columns]}
        current = ListType.objects.filter(code=spec.code).first()
        if current is None:
            ListType.objects.create(code=spec.code, **values)
            written += 1
        elif any(getattr(current, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(current, name, value)
            current.save()
            written += 1
    return written
