"""The indicators findings count against, with the most each may deduct (单项指标扣分之和不超过该项指标的分值,
国办秘函〔2019〕19号 指标说明), and the points of one finding of each rule.

The thresholds and the pass mark are national and live in gongkai/workdays/statute.py. The points and caps
below are the county's scoring scheme for its 绩效考核 (工作要点 三(三)), adapted from the 扣分指标 of
国办秘函〔2019〕19号 (e.g. "政策文件类栏目6个月未更新扣5分"); a county changes them here, in one place.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Indicator:
    code: str
    title: str
    cap: Decimal  # the most the indicator's findings deduct together; 0 for veto-only indicators


INDICATORS: dict[str, Indicator] = {i.code: i for i in [
    Indicator("site_update", _("网站不更新"), Decimal(0)),
    Indicator("column_update", _("栏目更新"), Decimal(20)),
    Indicator("empty_columns", _("空白栏目"), Decimal(15)),
    Indicator("column_structure", _("政府信息公开专栏"), Decimal(20)),
    Indicator("guide", _("政府信息公开指南"), Decimal(10)),
    Indicator("timeliness", _("主动公开时限"), Decimal(10)),
    Indicator("links", _("链接可用性"), Decimal(10)),
    Indicator("requests", _("依申请公开办理"), Decimal(15)),
    Indicator("filing", _("依申请公开备案"), Decimal(10)),
    Indicator("interpretation", _("政策解读"), Decimal(10)),
    Indicator("normative", _("规范性文件管理"), Decimal(10)),
    Indicator("annual_report", _("政府信息公开工作年度报告"), Decimal(10)),
    Indicator("enterprise_policies", _("涉企政策公开"), Decimal(10)),
    Indicator("participation", _("决策公开和公众参与"), Decimal(10)),
    Indicator("interaction", _("互动回应"), Decimal(0)),
    Indicator("serious_errors", _("严重错误"), Decimal(10)),
]}

# Points of one finding, by rule code.
POINTS: dict[str, Decimal] = {
    "news_stale": Decimal(5),
    "notices_stale": Decimal(5),
    "stale_nodes": Decimal(2),
    "empty_nodes": Decimal(2),
    "column_parts": Decimal(5),
    "guide_fields": Decimal(2),  # per missing 第十二条 field
    "publication_lag": Decimal(1),
    "publication_overdue": Decimal(1),
    "broken_links": Decimal(1),
    "requests_overdue": Decimal(5),
    "filings_overdue": Decimal(2),
    "interpretation_missing": Decimal(2),
    "normative_expired": Decimal(2),
    "annual_report_late": Decimal(10),
    "policy_push_missing": Decimal(2),  # per unit and quarter
    "consultation_outcome_missing": Decimal(2),
    "standard_matters_empty": Decimal(1),  # gongkai.standards: per 事项 of the 标准目录 empty past its 时限
    "serious_errors": Decimal(2),  # an outdated organ name (gongkai.assurance); misspelt names are a veto
}

# Findings of items published late are looked for among those published within this many days (the
# inspection looks at the current period; a late publication cannot be undone afterwards).
LOOKBACK_DAYS = 365
