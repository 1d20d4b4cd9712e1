"""Where the report's figures come from: neutral records, and one adapter module per source app.

The counting (gongkai.reports.compute) only sees these records, so it is tested without the source apps'
workflows and each source can change its storage without touching the counting. Adapters:

- `requests`: 依申请公开 cases and their 行政复议/行政诉讼 (gongkai.requests);
- `regulations`: 规范性文件 issued, repealed and in force (gongkai.regulations.services.annual_counts);
- `activity`: items published per catalog node, 政策解读, 政府公报 (for the narrative drafts).
"""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class CaseRecord:
    """One 政府信息公开申请 as table 3 counts it."""

    organization_id: int | None  # None: a group of cases of several organizations (the source counts in groups)
    received_on: dt.date  # 第三十一条 date: counts in 一 in its year
    replied_on: dt.date | None  # 答复日期: counts in 三 in its year; None while open
    outcome_key: str  # the 2021 row key of its 办理结果 ("" when replied without a known outcome)
    applicant_key: str  # the column of its 申请人类型 ("" when unknown)
    reply_due: dt.date | None = None  # its 答复期限 (for "replied on time"); None when unknown
    fee_yuan: int = 0  # 信息处理费 charged
    count: int = 1  # cases this record stands for (the source counts in groups: same counting, fewer rows)


@dataclass(frozen=True)
class Punctuality:
    """Of the cases replied in the year: how many have a recomputable 答复期限, and how many met it."""

    due_known: int = 0
    on_time: int = 0


@dataclass(frozen=True)
class RemedyRecord:
    """One 行政复议 or 行政诉讼 about a case (table 4)."""

    organization_id: int
    kind: str  # "review" | "litigation"
    litigation_type: str  # "direct" | "after_review" for litigation
    filed_on: dt.date
    decided_on: dt.date | None
    result: str  # "upheld" | "corrected" | "other" | "pending"


@dataclass(frozen=True)
class NormativeCounts:
    """规范性文件 of the organizations in one year (table 2, 第二十条第（一）项)."""

    issued: int = 0  # 公布日期 in the year
    repealed: int = 0  # 废止 (incl. 替代, 清理废止) dated in the year
    in_force: int = 0  # 现行有效 on 31 December
    published: int = 0  # first published on the platform in the year (2019 trial format: 本年新公开数量)
    published_total: int = 0  # published by 31 December (2019 trial format: 对外公开总数量)


@dataclass(frozen=True)
class Activity:
    """What the platform knows of a year's 主动公开 work (narrative drafts only)."""

    items_published: int = 0
    items_by_node: tuple[tuple[str, int], ...] = ()  # (catalog node name, items), largest first
    interpretations: int = 0
    gazette_issues: int = 0
