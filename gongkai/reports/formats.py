"""The two national formats of the 政府信息公开工作年度报告, as data (shared/spec/annual-report.md).

国办公开办函〔2021〕30号 is used for report years 2021 onward; the trial format 国办公开办函〔2019〕60号 for
2019 and 2020. Everything that differs between them is in this module: the row keys of table 3, the
sections of table 2 and which of their figures the unit enters by hand. The JSON keys are the spec's;
the 2019 trial format's table 2 and its single （六）其他处理 row have no keys in the spec, so the ones
below extend it (documented in docs/reports.md).
"""

from dataclasses import dataclass

FORMAT_2021 = "2021"
FORMAT_2019 = "2019"
# 国办公开办函〔2019〕60号 (trial format) for report years 2019–2020; 国办公开办函〔2021〕30号 from 2021.
TRIAL_FORMAT_YEARS = range(2019, 2021)
# The 2019 条例 took effect on 2019-05-15 (第五十六条); the first report year under it is 2019.
FIRST_REPORT_YEAR = 2019


def format_for(year: int) -> str:
    return FORMAT_2019 if year in TRIAL_FORMAT_YEARS else FORMAT_2021


# --- Table 3: columns (申请人情况) ------------------------------------------------------------------

APPLICANT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("public_interest", "社会公益组织"),
    ("legal_services", "法律服务机构"),
    ("other_org", "其他"),
)
APPLICANT_KEYS = tuple(key for key, _label in APPLICANT_COLUMNS)
REQUEST_COLUMNS = (*APPLICANT_KEYS, "total")
# 自然人 | 法人或其他组织 → 商业企业 · 科研机构 · 社会公益组织 · 法律服务机构 · 其他 | 总计
LEGAL_PERSON_KEYS = APPLICANT_KEYS[1:]


# --- Table 3: rows ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestRow:
    key: str
    label: str  # the official row text (the leaf)
    group: str = ""  # （三）不予公开 … for sub-rows; "" for rows standing alone
    outcome: bool = False  # a row of 三、本年度办理结果 that cases are counted in


_WITHHELD = "（三）不予公开"
_UNAVAILABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER = "（六）其他处理"
_R = RequestRow

_HEAD = (
    _R("new", "一、本年新收政府信息公开申请数量"),
    _R("carried_over", "二、上年结转政府信息公开申请数量"),
    _R("granted", "（一）予以公开", outcome=True),
    _R("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", outcome=True),
    _R("withheld_state_secret", "1.属于国家秘密", _WITHHELD, True),
    _R("withheld_prohibited_by_law", "2.其他法律行政法规禁止公开", _WITHHELD, True),
    _R("withheld_security_stability", "3.危及“三安全一稳定”", _WITHHELD, True),
    _R("withheld_third_party", "4.保护第三方合法权益", _WITHHELD, True),
    _R("withheld_internal_affairs", "5.属于三类内部事务信息", _WITHHELD, True),
    _R("withheld_process_information", "6.属于四类过程性信息", _WITHHELD, True),
    _R("withheld_enforcement_file", "7.属于行政执法案卷", _WITHHELD, True),
    _R("withheld_administrative_query", "8.属于行政查询事项", _WITHHELD, True),
    _R("unavailable_not_held", "1.本机关不掌握相关政府信息", _UNAVAILABLE, True),
    _R("unavailable_needs_creation", "2.没有现成信息需要另行制作", _UNAVAILABLE, True),
    _R("unavailable_unclear", "3.补正后申请内容仍不明确", _UNAVAILABLE, True),
    _R("not_processed_petition", "1.信访举报投诉类申请", _NOT_PROCESSED, True),
    _R("not_processed_repeated", "2.重复申请", _NOT_PROCESSED, True),
    _R("not_processed_publication", "3.要求提供公开出版物", _NOT_PROCESSED, True),
    _R("not_processed_excessive", "4.无正当理由大量反复申请", _NOT_PROCESSED, True),
    _R("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息", _NOT_PROCESSED, True),
)
_TAIL = (
    _R("total_processed", "（七）总计"),
    _R("carried_forward", "四、结转下年度继续办理"),
)
REQUEST_ROWS: dict[str, tuple[RequestRow, ...]] = {
    FORMAT_2021: (
        *_HEAD,
        _R("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", _OTHER, True),
        _R("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", _OTHER, True),
        _R("other_other", "3.其他", _OTHER, True),
        *_TAIL,
    ),
    # The trial format has （六）其他处理 as one row without sub-rows.
    FORMAT_2019: (*_HEAD, _R("other_processing", "（六）其他处理", outcome=True), *_TAIL),
}
RESULTS_HEADING = "三、本年度办理结果"
# How the 2021 outcome rows fold into the trial format's rows.
TRIAL_ROW_FOR = {"other_no_correction": "other_processing", "other_unpaid_fee": "other_processing",
                 "other_other": "other_processing"}


def request_row_keys(fmt: str) -> tuple[str, ...]:
    return tuple(row.key for row in REQUEST_ROWS[fmt])


def outcome_row_keys(fmt: str) -> tuple[str, ...]:
    return tuple(row.key for row in REQUEST_ROWS[fmt] if row.outcome)


def row_for_outcome(outcome_key: str, fmt: str) -> str:
    """The table-3 row of a 2021 outcome row key in format `fmt`."""
    return TRIAL_ROW_FOR.get(outcome_key, outcome_key) if fmt == FORMAT_2019 else outcome_key


# --- Table 4 ------------------------------------------------------------------------------------------

REVIEW_GROUPS: tuple[tuple[str, str], ...] = (
    ("administrative_review", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_review", "复议后起诉"),
)
REVIEW_COLUMNS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"), ("total", "总计"),
)
REVIEW_RESULT_KEYS = ("upheld", "corrected", "other", "pending")


# --- Table 2 ------------------------------------------------------------------------------------------

COUNT, SIGNED, MONEY = "count", "signed", "money"  # non-negative integer, integer (增/减), 万元 with 2 places


@dataclass(frozen=True)
class ProactiveField:
    key: str
    label: str  # column header
    kind: str = COUNT
    entered: bool = False  # entered by the unit (audited); otherwise computed from the platform


@dataclass(frozen=True)
class ProactiveRow:
    key: str
    label: str


@dataclass(frozen=True)
class ProactiveSection:
    title: str  # 第二十条第（一）项
    rows: tuple[ProactiveRow, ...]
    fields: tuple[ProactiveField, ...]


F, PR = ProactiveField, ProactiveRow
_DECISIONS_2021 = (F("decisions", "本年处理决定数量", entered=True),)
_ITEMS_2019 = (F("previous_items", "上一年项目数量", entered=True), F("change", "本年增/减", SIGNED, entered=True))
PROACTIVE_SECTIONS: dict[str, tuple[ProactiveSection, ...]] = {
    FORMAT_2021: (
        ProactiveSection("第二十条第（一）项", (PR("rules", "规章"), PR("normative_documents", "行政规范性文件")),
                         (F("issued", "本年制发件数"), F("repealed", "本年废止件数"), F("in_force", "现行有效件数"))),
        ProactiveSection("第二十条第（五）项", (PR("licensing", "行政许可"),), _DECISIONS_2021),
        ProactiveSection("第二十条第（六）项", (PR("penalty", "行政处罚"), PR("coercion", "行政强制")), _DECISIONS_2021),
        ProactiveSection("第二十条第（八）项", (PR("fees", "行政事业性收费"),),
                         (F("amount_10k_yuan", "本年收费金额（单位：万元）", MONEY, entered=True),)),
    ),
    FORMAT_2019: (
        ProactiveSection("第二十条第（一）项", (PR("rules", "规章"), PR("normative_documents", "规范性文件")),
                         (F("made", "本年新制作数量"), F("published", "本年新公开数量"),
                          F("total_published", "对外公开总数量"))),
        ProactiveSection("第二十条第（五）项", (PR("licensing", "行政许可"), PR("other_services", "其他对外管理服务事项")),
                         (*_ITEMS_2019, F("decisions", "处理决定数量", entered=True))),
        ProactiveSection("第二十条第（六）项", (PR("penalty", "行政处罚"), PR("coercion", "行政强制")),
                         (*_ITEMS_2019, F("decisions", "处理决定数量", entered=True))),
        ProactiveSection("第二十条第（八）项", (PR("fees", "行政事业性收费"),), _ITEMS_2019),
        ProactiveSection("第二十条第（九）项", (PR("procurement", "政府集中采购"),),
                         (F("projects", "采购项目数量", entered=True),
                          F("amount_10k_yuan", "采购总金额（单位：万元）", MONEY, entered=True))),
    ),
}
# 规章 are made by provincial and 设区的市 governments (立法法第九十三条); a county makes none, and the
# platform has no register of them: the row stays zero.
PLATFORM_ROWS = ("rules", "normative_documents")


def proactive_fields(fmt: str) -> list[tuple[str, ProactiveField]]:
    """(row key, field) for every cell of table 2, in table order."""
    return [(row.key, field) for section in PROACTIVE_SECTIONS[fmt] for row in section.rows for field in section.fields]


def entered_fields(fmt: str) -> list[tuple[str, str, ProactiveField]]:
    """(row key, row label, field) for every cell of table 2 the unit enters."""
    return [(row.key, row.label, field) for section in PROACTIVE_SECTIONS[fmt] for row in section.rows
            for field in section.fields if field.entered]
