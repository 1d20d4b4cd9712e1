"""Every statutory period of the platform, named, with its source. Nothing else hard-codes them.

Computations over these periods live in `gongkai.workdays.clocks`; the 依申请公开 reply clock is
built there too (shared/spec/deadlines.md).
"""

import datetime as dt
from dataclasses import dataclass

# 条例第二十六条: proactive information is published within 20 working days of its formation or change.
PROACTIVE_PUBLICATION_WORKDAYS = 20

# 条例第三十三条第二款: reply within 20 working days of receipt (第一款 is the 当场答复).
REPLY_WORKDAYS = 20
# 条例第三十三条第二款: an extension approved by the 负责人 is at most 20 working days.
MAX_EXTENSION_WORKDAYS = 20
# 条例第三十三条第三款: the time consultations (第三十二条、第三十四条) need is not counted in that period;
# 国办函〔2020〕109号: nor is the wait from the 收费通知 to the payment.

# The 2019 条例 (国务院令第711号) took effect on 2019-05-15 (第五十六条). A request received before that day
# follows the 2007 条例 (国务院令第492号) 第二十四条第二款: reply within 15 working days, extension at most
# 15; 第二十四条第三款: the time a consultation of a third party needs is not counted (deadlines.md).
REGULATION_2019_EFFECTIVE = dt.date(2019, 5, 15)
REPLY_WORKDAYS_2007 = 15
MAX_EXTENSION_WORKDAYS_2007 = 15


@dataclass(frozen=True)
class ReplyRegime:
    """The reply period of one version of the 条例, chosen by the 收到申请之日."""

    key: str
    name: str  # the regulation as cited on the case page and in the 台账 export
    reply_workdays: int
    max_extension_workdays: int
    period_article: str  # the period and the extension
    exclusion_article: str  # the waits not counted


REGIME_2019 = ReplyRegime("2019", "2019年条例（国务院令第711号）", REPLY_WORKDAYS, MAX_EXTENSION_WORKDAYS,
                          "第三十三条第二款", "第三十三条第三款")
REGIME_2007 = ReplyRegime("2007", "2007年条例（国务院令第492号）", REPLY_WORKDAYS_2007, MAX_EXTENSION_WORKDAYS_2007,
                          "第二十四条第二款", "第二十四条第三款")


def reply_regime(received_on: dt.date) -> ReplyRegime:
    """The 条例 in force on the 收到申请之日 decides the reply period of the whole case."""
    return REGIME_2007 if received_on < REGULATION_2019_EFFECTIVE else REGIME_2019

# 条例第三十条: the one-time 补正 notice within 7 working days of receipt.
CORRECTION_NOTICE_WORKDAYS = 7
# 条例第三十二条、第三十四条: a consulted third party or agency answers within 15 working days.
CONSULTATION_WORKDAYS = 15
# 国办函〔2020〕109号 (信息处理费): the fee is paid within 20 working days of the 收费通知.
FEE_PAYMENT_WORKDAYS = 20
# 沂源县2020年政务公开工作要点 §10: 「办理完结后3日内」… 报县大数据发展服务中心备案. The plan does not say
# which days: the platform's reading is a setting, GONGKAI_FILING_DAYS (docs/configuration.md): working
# days (the default, as every other period of the 条例 is counted) or natural days (deadlines.md).
FILING_DAYS = 3
FILING_WORKING_DAYS = "workdays"
FILING_NATURAL_DAYS = "days"
FILING_DAY_KINDS = (FILING_WORKING_DAYS, FILING_NATURAL_DAYS)
# deadlines.md: "due soon" is 3 working days or fewer before a deadline.
DUE_SOON_WORKDAYS = 3

# --- 规范性文件 (normative documents): 有效期 rules per province -----------------------------------
# 《山东省行政程序规定》（山东省人民政府令第238号）第五十三条: 规范性文件有效期为3年至5年；标注“暂行”、
# “试行”的，有效期为1年至2年；有效期届满的，规范性文件自动失效. The period runs from the 施行日期.
# A deployment picks its province with GONGKAI_NORMATIVE_RULES (docs/regulations.md); other provinces
# add an entry here with their source.
@dataclass(frozen=True)
class NormativeValidityRule:
    max_years: int
    provisional_max_years: int
    provisional_markers: tuple[str, ...]
    source: str


NORMATIVE_VALIDITY_RULES: dict[str, NormativeValidityRule] = {
    "shandong": NormativeValidityRule(
        max_years=5, provisional_max_years=2, provisional_markers=("暂行", "试行"),
        source="《山东省行政程序规定》（山东省人民政府令第238号）第五十三条",
    ),
}
DEFAULT_NORMATIVE_RULES = "shandong"
# Product rule of the 规范性文件 register (issue [regulations]): the unit is warned 90 days before the
# 有效期 ends, leaving time for the 有效期届满前6个月内 evaluation's outcome (same 第五十三条) to be acted on.
NORMATIVE_EXPIRY_WARNING_DAYS = 90
# Product rule of the register (no statute sets an upper bound): a 施行日期 lies at most this many years after
# the 公布日期, and a 修改/废止/替代 takes effect at most this many years from the day it is recorded. A later
# date is a typing error (9999-06-01), refused before any period is counted from it.
NORMATIVE_MAX_YEARS_AHEAD = 5

# --- 政策解读 ---------------------------------------------------------------------------------------
# 《国务院办公厅关于全面推进政务公开工作的意见》实施细则（国办发〔2016〕80号）: 政策文件与解读方案、解读材料
# 同步组织、同步审签、同步部署; 沂源县2020年政务公开工作要点 §4. The county's practice (configurable with
# GONGKAI_INTERPRETATION_WORKDAYS): an interpretation follows its policy within 3 working days.
INTERPRETATION_WORKDAYS = 3

# 条例第四十九条: departments publish last year's annual report before 1月31日 …
DEPARTMENT_ANNUAL_REPORT_DUE = (1, 31)
# … and the 本级政府's report is published before 3月31日.
GOVERNMENT_ANNUAL_REPORT_DUE = (3, 31)


def annual_report_due(report_year: int, is_people_government: bool) -> dt.date:
    month, day = GOVERNMENT_ANNUAL_REPORT_DUE if is_people_government else DEPARTMENT_ANNUAL_REPORT_DUE
    return dt.date(report_year + 1, month, day)


# --- 依申请公开: 信息处理费 (条例第四十二条) ------------------------------------------------------------
# 国务院办公厅《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）: the fee is charged either 按件
# or 按量, never both for one request, and progressively (each tier's price applies only to the part of
# the count inside that tier). Computed by gongkai.workdays.fees.processing_fee.
#
# 按件计收: 同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；
FEE_BY_REQUEST_FREE_COUNT = 10
# 11—30件（含30件）的部分：每件100元；
FEE_BY_REQUEST_FIRST_TIER_LAST = 30
FEE_BY_REQUEST_FIRST_TIER_YUAN = 100
# 31件以上的部分：以10件为一档，每增加一档，收费标准提高100元/件。
FEE_BY_REQUEST_STEP_COUNT = 10
FEE_BY_REQUEST_STEP_YUAN = 100
# 按量计收: 同一申请… 30页以下（含30页）的，不收费；
FEE_BY_PAGE_FREE_PAGES = 30
# 31—100页（含100页）的部分：每页10元；101—200页（含200页）的部分：每页20元；201页以上的部分：每页40元。
# (last page of the tier, yuan per page); None: no upper bound.
FEE_BY_PAGE_TIERS: tuple[tuple[int | None, int], ...] = ((100, 10), (200, 20), (None, 40))

# --- 检查指标: 《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号） ------------------------------------
# Used by gongkai.inspection (docs/inspection.md). 单项否决指标"网站不更新"：监测时间点前2周内首页栏目无信息更新。
SITE_UPDATE_DAYS = 14
# 单项否决指标"栏目不更新"(1)：监测时间点前2周内的动态、要闻类栏目，以及监测时间点前6个月内的通知公告、
# 政策文件类栏目，累计超过（含）5个未更新。
NEWS_COLUMN_UPDATE_DAYS = 14
NOTICE_COLUMN_UPDATE_MONTHS = 6
STALE_KEY_COLUMNS_VETO_COUNT = 5
# (2)：网站中应更新但长期未更新的栏目数超过（含）10个。
STALE_COLUMNS_VETO_COUNT = 10
# (3)：空白栏目（有栏目无内容）数量超过（含）5个。
EMPTY_COLUMNS_VETO_COUNT = 5
# 单项否决指标"互动回应差"：政务咨询类栏目中存在超过3个月未回应的留言。
UNANSWERED_MESSAGE_MONTHS = 3
# 指标说明：扣分指标总分100分，单项指标扣分之和不超过该项指标的分值；评分结果低于60分的，判定为不合格。
INSPECTION_FULL_SCORE = 100
INSPECTION_PASS_SCORE = 60

# --- 主动公开的期限: 条例第二十六条 and the laws that set their own ---------------------------------------
# 条例第二十六条: 属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。
# 法律、法规对政府信息公开的期限另有规定的，从其规定。A catalog node carries one of these rules
# (CatalogNode.publication_rule, the key); an item's 形成或变更日期 is then the day the rule runs from.
# Computed by gongkai.workdays.clocks.statutory_publication_due.
@dataclass(frozen=True)
class PublicationRule:
    key: str  # what a catalog node stores ("" is the 条例's own period)
    days: int
    workdays: bool  # True: working days; False: 日, natural days
    runs_from: str  # the event the period runs from (the item's 形成或变更日期 records it)
    source: str


PUBLICATION_RULE_REGULATION = PublicationRule(
    key="", days=PROACTIVE_PUBLICATION_WORKDAYS, workdays=True, runs_from="形成或者变更之日",
    source="《中华人民共和国政府信息公开条例》第二十六条",
)
# 《中华人民共和国预算法》第十四条第一款: 经本级人民代表大会或者本级人民代表大会常务委员会批准的预算、预算调整、
# 决算、预算执行情况的报告及报表，应当在批准后二十日内由本级政府财政部门向社会公开 …
# 第二款: 经本级政府财政部门批复的部门预算、决算及报表，应当在批复后二十日内由各部门向社会公开 …
# 二十日 are natural days (the law counts in 日, not 工作日).
BUDGET_LAW_PUBLICATION_DAYS = 20
PUBLICATION_RULE_BUDGET = PublicationRule(
    key="budget_law_14_1", days=BUDGET_LAW_PUBLICATION_DAYS, workdays=False, runs_from="批准之日",
    source="《中华人民共和国预算法》第十四条第一款",
)
PUBLICATION_RULE_DEPARTMENT_BUDGET = PublicationRule(
    key="budget_law_14_2", days=BUDGET_LAW_PUBLICATION_DAYS, workdays=False, runs_from="批复之日",
    source="《中华人民共和国预算法》第十四条第二款",
)
PUBLICATION_RULES: dict[str, PublicationRule] = {rule.key: rule for rule in (
    PUBLICATION_RULE_REGULATION, PUBLICATION_RULE_BUDGET, PUBLICATION_RULE_DEPARTMENT_BUDGET)}
# Counting a period in 日 (the general rules of 《中华人民共和国民法典》, which the 预算法 does not vary):
# 第二百零一条第一款, the day of the event does not count, the period starts the next day; 第二百零三条第一款,
# a period whose last day is a 法定休假日 ends on the first day after the holiday (here: the next working
# day of the calendar, 调休 included). False would read the 20th day strictly, working day or not.
NATURAL_DAY_PERIOD_ENDS_ON_WORKDAY = True

# --- 公众参与 (gongkai.participation) ---------------------------------------------------------------------
# 沂源县2020年政务公开工作要点 附件 任务分解表「推进决策公开」: 公布决策草案及其说明等材料，明确提出意见的方式
# 和期限……公开征求意见的期限一般不少于30日; 《重大行政决策程序暂行条例》（国务院令第713号）第十五条第二款 has
# the same rule and its exception: 因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明. The period counts
# natural days, the opening and the closing day included. A shorter period needs a recorded reason,
# shown on the consultation's page.
CONSULTATION_MIN_DAYS = 30
# The platform's reading of 「及时公开意见收集采纳情况」 (same row of the annex, which sets no number): a
# consultation closed for more than this many working days without its 采纳情况 is an inspection finding.
# Configurable: GONGKAI_CONSULTATION_OUTCOME_WORKDAYS (docs/configuration.md).
CONSULTATION_OUTCOME_WORKDAYS = 20
# --- 政民互动: 留言办理 (gongkai.mailbox, docs/mailbox.md) ------------------------------------------------
# The 3-month veto is national and fixed: 国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》单项否决指标
# "互动回应差"：政务咨询类栏目（如咨询投诉、领导信箱等）中存在超过3个月未回应的留言。
# UNANSWERED_MESSAGE_MONTHS above is that number; the inspection rule messages_unanswered reads it.
#
# The reply periods per type are not national law: each county sets them. These are the platform's
# defaults, taken from Shandong practice (researched and cited in docs/mailbox.md#clocks), and a county
# changes them in 政民互动 → 办理设置 (mailbox.MailboxPolicy). Working days, from the day the message is
# received (网上提交之日 or the day staff register a phone call, letter or visit).
# 咨询: 5 个工作日 — a consultation is answered from policy already in force. The platform's choice between
#   the published practice found: 滕州市（枣庄，山东）市长信箱 受理转办 within 3 个工作日 and simple problems
#   handled in 7–15 个工作日; 沈阳市 市长信箱使用说明: 一般问题原则上3个工作日办结，较复杂的10个工作日.
MESSAGE_CONSULT_WORKDAYS = 5
# 建议、投诉: 15 个工作日 — 《山东省省级政务服务投诉热线管理办法》（山东省人民政府办公厅，2017年4月）：
#   省直有关单位应当在接到转办工单之日起15个工作日内办结（延期7个工作日）.
MESSAGE_SUGGESTION_WORKDAYS = 15
MESSAGE_COMPLAINT_WORKDAYS = 15
# 求助: 10 个工作日 — between the two: a request for help needs action, not only an answer.
MESSAGE_HELP_WORKDAYS = 10
# 其他: as 建议 and 投诉.
MESSAGE_OTHER_WORKDAYS = 15
# Reminder before the reply period ends: the same 办法 gives a 黄牌 when 1 个工作日 is left
# (距离办结时限还有1个工作日未回复办理结果的，系统自动发放黄牌); the platform reminds from 2 working days
# before (configurable), so the unit has a full day more than the 黄牌 gives.
MESSAGE_REMIND_WORKDAYS_BEFORE = 2

# --- 建议提案办理 (gongkai.proposals) ----------------------------------------------------------------------
# 《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》第四十三条第二款（2010年修正起）: 有关机关、组织
# 应当自交办之日起三个月内答复；涉及面广、处理难度大的建议、批评和意见，应当自交办之日起六个月内答复。
# 《山东省人民政府办公厅关于印发〈办理人大代表建议和政协提案办法〉的通知》第八条 gives the same 3 months for
# the 政协提案 handled by the government, so one period serves both kinds. Counted in calendar months from the
# 交办日期 (a month without that day ends on its last day). gongkai.proposals.models.Proposal.due_on.
PROPOSAL_REPLY_MONTHS = 3
PROPOSAL_COMPLEX_REPLY_MONTHS = 6

# --- 政务服务"好差评" (gongkai.ratings) ----------------------------------------------------------------------
# 《国务院办公厅关于建立政务服务"好差评"制度提高政务服务水平的意见》（国办发〔2019〕51号）: 评价分为"非常满意、
# 满意、基本满意、不满意、非常不满意"五个等级；"不满意"和"非常不满意"为差评。好评率 = the first three levels
# over all evaluations (gongkai.ratings.figures).
RATING_BAD_LEVELS = (1, 2)  # 非常不满意 = 1 … 非常满意 = 5
