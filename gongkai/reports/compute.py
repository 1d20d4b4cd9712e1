"""Counting: the spec's JSON of a report from neutral records (gongkai.reports.sources), as a unit would
count by hand. Pure functions; `gather` fetches the records of a set of organizations for a year.

Table 3 (shared/spec/annual-report.md): a case counts in 一 in the year it was received, in 三 in the year
it was replied (under the row of its 办理结果, 部分公开 only there), in 二 when it was open at the end of
the previous year and in 四 when it is open at the end of this year. The 总计 column and the （七）总计 row
are counted, not summed, so that a case without a known applicant type or outcome shows up as a failed
check instead of vanishing.

Table 4: a 行政复议 or 行政诉讼 counts in the year it was filed, and again in each later year it was still
undecided at the start of; its column is its result when decided by 31 December, else 尚未审结.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from gongkai.reports import formats
from gongkai.reports.sources import Activity, CaseRecord, NormativeCounts, Punctuality, RemedyRecord

CENT = Decimal("0.01")


def bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def money(value) -> str:
    """A 万元 amount as the spec writes it: a decimal string with two places."""
    return str(Decimal(str(value or 0)).quantize(CENT, rounding=ROUND_HALF_UP))


# --- Table 3 ------------------------------------------------------------------------------------------


def empty_request_table(fmt: str) -> dict[str, dict[str, int]]:
    return {key: dict.fromkeys(formats.REQUEST_COLUMNS, 0) for key in formats.request_row_keys(fmt)}


def request_table(cases: list[CaseRecord], year: int, fmt: str) -> dict[str, dict[str, int]]:
    start, end = bounds(year)
    table = empty_request_table(fmt)
    outcome_keys = set(formats.outcome_row_keys(formats.FORMAT_2021))

    def add(row: str, case: CaseRecord) -> None:
        if case.applicant_key in formats.APPLICANT_KEYS:
            table[row][case.applicant_key] += case.count
        table[row]["total"] += case.count

    for case in cases:
        received, replied = case.received_on, case.replied_on
        if start <= received <= end:
            add("new", case)
        if received < start and (replied is None or replied >= start):
            add("carried_over", case)
        if replied is not None and start <= replied <= end:
            add("total_processed", case)
            if case.outcome_key in outcome_keys:
                add(formats.row_for_outcome(case.outcome_key, fmt), case)
        if received <= end and (replied is None or replied > end):
            add("carried_forward", case)
    return table


# --- Table 4 ------------------------------------------------------------------------------------------


def empty_review_table() -> dict[str, dict[str, int]]:
    return {key: {column: 0 for column, _label in formats.REVIEW_COLUMNS} for key, _label in formats.REVIEW_GROUPS}


def review_group(remedy: RemedyRecord) -> str:
    if remedy.kind == "review":
        return "administrative_review"
    return "litigation_after_review" if remedy.litigation_type == "after_review" else "litigation_direct"


def review_table(remedies: list[RemedyRecord], year: int) -> dict[str, dict[str, int]]:
    start, end = bounds(year)
    table = empty_review_table()
    for remedy in remedies:
        decided = remedy.decided_on
        if decided is None and remedy.result != "pending":
            decided = remedy.filed_on  # a result recorded without its date (e.g. from a 台账)
        if remedy.filed_on > end or (remedy.filed_on < start and decided is not None and decided < start):
            continue
        done = decided is not None and decided <= end and remedy.result in formats.REVIEW_RESULT_KEYS
        column = remedy.result if done else "pending"
        group = table[review_group(remedy)]
        group[column] += 1
        group["total"] += 1
    return table


# --- Table 2 ------------------------------------------------------------------------------------------


def _entered_value(entered: dict, row: str, spec: formats.ProactiveField):
    value = (entered.get(row) or {}).get(spec.key)
    if spec.kind == formats.MONEY:
        return money(value)
    return int(value or 0)


def proactive_table(fmt: str, normative: NormativeCounts, entered: dict) -> dict[str, dict]:
    computed = {
        formats.FORMAT_2021: {"issued": normative.issued, "repealed": normative.repealed,
                              "in_force": normative.in_force},
        formats.FORMAT_2019: {"made": normative.issued, "published": normative.published,
                              "total_published": normative.published_total},
    }[fmt]
    table: dict[str, dict] = {}
    for row, spec in formats.proactive_fields(fmt):
        cells = table.setdefault(row, {})
        if spec.entered:
            cells[spec.key] = _entered_value(entered, row, spec)
        elif row == "normative_documents":
            cells[spec.key] = computed[spec.key]
        else:  # 规章: a county makes none (formats.PLATFORM_ROWS)
            cells[spec.key] = 0
    return table


def sum_entered(fmt: str, entries: list[dict]) -> dict:
    """The unit-entered table-2 figures of several organizations added up (the 本级政府 report)."""
    total: dict[str, dict] = {}
    for row, _label, spec in formats.entered_fields(fmt):
        if spec.kind == formats.MONEY:
            value = money(sum((Decimal(_entered_value(e, row, spec)) for e in entries), Decimal(0)))
        else:
            value = sum(_entered_value(e, row, spec) for e in entries)
        total.setdefault(row, {})[spec.key] = value
    return total


# --- The whole report -----------------------------------------------------------------------------------


@dataclass
class Figures:
    """What the narrative drafts quote besides the tables."""

    replied: int = 0
    on_time: int = 0  # replied by the recomputed 答复期限
    due_known: int = 0  # replied cases whose 答复期限 could be recomputed
    fee_cases: int = 0
    fee_yuan: int = 0
    normative: NormativeCounts = field(default_factory=NormativeCounts)
    activity: Activity = field(default_factory=Activity)


def figures(cases: list[CaseRecord], year: int, normative: NormativeCounts, activity: Activity,
            punctuality: Punctuality | None = None) -> Figures:
    """`punctuality`, when the source counted it, replaces the count of records with a reply_due."""
    start, end = bounds(year)
    replied = [c for c in cases if c.replied_on is not None and start <= c.replied_on <= end]
    charged = [c for c in replied if c.fee_yuan]
    if punctuality is None:
        known = [c for c in replied if c.reply_due is not None]
        punctuality = Punctuality(due_known=sum(c.count for c in known),
                                  on_time=sum(c.count for c in known if c.replied_on <= c.reply_due))
    return Figures(replied=sum(c.count for c in replied), on_time=punctuality.on_time,
                   due_known=punctuality.due_known, fee_cases=sum(c.count for c in charged),
                   fee_yuan=sum(c.fee_yuan for c in charged), normative=normative, activity=activity)


def report_data(organization_code: str, year: int, cases, remedies, normative: NormativeCounts,
                entered: dict) -> dict:
    """The spec's JSON of one report."""
    fmt = formats.format_for(year)
    return {
        "format": fmt,
        "organization": organization_code,
        "year": year,
        "proactive": proactive_table(fmt, normative, entered),
        "requests": request_table(cases, year, fmt),
        "reviews": review_table(remedies, year),
    }


@dataclass
class Gathered:
    cases: list
    remedies: list
    normative: NormativeCounts
    activity: Activity
    punctuality: Punctuality | None = None


def gather(organization_ids, year: int, with_activity: bool = True) -> Gathered:
    from gongkai.reports.sources import activity, regulations, requests

    start, end = bounds(year)
    ids = list(organization_ids)
    return Gathered(
        cases=requests.cases(ids, start, end),
        remedies=requests.remedies(ids, start, end),
        normative=regulations.normative_counts(ids, year),
        activity=activity.activity(ids, year) if with_activity else Activity(),
        punctuality=requests.punctuality(ids, start, end) if with_activity else None,
    )
