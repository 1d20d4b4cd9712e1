"""The checks a report must pass before publishing (the table's 勾稽关系, shared/spec/annual-report.md).

Each check lists its problems in Chinese, column by column, so the unit can find the case that is wrong.
A report that fails a blocking check is published only with an explicit, audited override
(services.publish). A check that cannot be made (no published report of last year) is shown as such.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.reports import formats

COLUMN_LABELS = {**dict(formats.APPLICANT_COLUMNS), "total": "总计"}
REVIEW_GROUP_LABELS = dict(formats.REVIEW_GROUPS)
REVIEW_GROUP_LABELS["litigation_direct"] = "行政诉讼（未经复议直接起诉）"
REVIEW_GROUP_LABELS["litigation_after_review"] = "行政诉讼（复议后起诉）"


@dataclass
class Check:
    key: str
    label: str
    passed: bool | None  # None: could not be checked
    problems: list[str] = field(default_factory=list)
    note: str = ""
    blocking: bool = True

    @property
    def failed(self) -> bool:
        return self.passed is False and self.blocking


def _balance(requests: dict) -> Check:
    check = Check("balance", gettext_lazy("每一列：一＋二＝三（七）总计＋四"), True)
    for column in formats.REQUEST_COLUMNS:
        left = requests["new"][column] + requests["carried_over"][column]
        right = requests["total_processed"][column] + requests["carried_forward"][column]
        if left != right:
            check.passed = False
            check.problems.append(_("“%(column)s”列：一（%(new)s）＋二（%(old)s）＝%(left)s，而三（七）总计（%(done)s）"
                                    "＋四（%(open)s）＝%(right)s。") % {
                "column": COLUMN_LABELS[column], "new": requests["new"][column],
                "old": requests["carried_over"][column], "left": left, "done": requests["total_processed"][column],
                "open": requests["carried_forward"][column], "right": right})
    return check


def _outcome_sum(requests: dict, fmt: str) -> Check:
    check = Check("outcome_sum", gettext_lazy("三（七）总计等于本年度各项办理结果之和"), True)
    for column in formats.REQUEST_COLUMNS:
        outcomes = sum(requests[row][column] for row in formats.outcome_row_keys(fmt))
        if outcomes != requests["total_processed"][column]:
            check.passed = False
            check.problems.append(_("“%(column)s”列：本年答复%(total)s件，其中有办理结果的%(sum)s件（请补录办理结果）。") % {
                "column": COLUMN_LABELS[column], "total": requests["total_processed"][column], "sum": outcomes})
    return check


def _column_sum(requests: dict, fmt: str) -> Check:
    check = Check("column_sum", gettext_lazy("总计列等于各类申请人之和"), True)
    rows = {row.key: row.label for row in formats.REQUEST_ROWS[fmt]}
    for key, label in rows.items():
        parts = sum(requests[key][column] for column in formats.APPLICANT_KEYS)
        if parts != requests[key]["total"]:
            check.passed = False
            check.problems.append(_("“%(row)s”行：总计%(total)s件，各类申请人合计%(sum)s件（请补录申请人类型）。") % {
                "row": label, "total": requests[key]["total"], "sum": parts})
    return check


def _review_totals(reviews: dict) -> Check:
    check = Check("review_totals", gettext_lazy("行政复议、行政诉讼的总计等于各项结果之和"), True)
    for key, group in reviews.items():
        parts = sum(group[column] for column in formats.REVIEW_RESULT_KEYS)
        if parts != group["total"]:
            check.passed = False
            check.problems.append(_("“%(group)s”：总计%(total)s件，各项结果合计%(sum)s件。") % {
                "group": REVIEW_GROUP_LABELS[key], "total": group["total"], "sum": parts})
    return check


def _carry_over(requests: dict, previous: dict | None, year: int) -> Check:
    check = Check("carry_over", gettext_lazy("二、上年结转等于上一年度已公布年报的四、结转下年度继续办理"), True)
    if previous is None:
        check.passed = None
        check.note = _("%(year)s年度年报未在本平台公布，无法核对上年结转数。") % {"year": year - 1}
        return check
    before = previous["requests"]["carried_forward"]
    for column in formats.REQUEST_COLUMNS:
        if requests["carried_over"][column] != before.get(column, 0):
            check.passed = False
            check.problems.append(_("“%(column)s”列：本年度上年结转%(now)s件，%(year)s年度年报结转下年度%(then)s件。") % {
                "column": COLUMN_LABELS[column], "now": requests["carried_over"][column], "year": year - 1,
                "then": before.get(column, 0)})
    return check


def _members(mismatches: list[str] | None) -> Check | None:
    if mismatches is None:
        return None
    check = Check("members", gettext_lazy("与各单位已公布年报的表三一致"), not mismatches, list(mismatches),
                  blocking=False)
    if mismatches:
        check.note = _("各单位年报公布后其申请记录又有变动，核对后可重新公布相应单位的年报。")
    return check


def _narrative(chapters: dict) -> Check:
    from gongkai.reports.narrative import CHAPTERS, PROMPT

    check = Check("narrative", gettext_lazy("正文各章已填写完整"), True)
    for key, title in CHAPTERS:
        text = (chapters or {}).get(key, "").strip()
        if not text:
            check.passed = False
            check.problems.append(_("“%(title)s”尚未填写。") % {"title": title})
        elif PROMPT in text:
            check.passed = False
            check.problems.append(_("“%(title)s”中还有“【请填写】”提示，请补充或删除。") % {"title": title})
    return check


def run(data: dict, previous: dict | None, chapters: dict | None = None,
        member_mismatches: list[str] | None = None) -> list[Check]:
    requests, fmt = data["requests"], data["format"]
    checks = [_balance(requests), _outcome_sum(requests, fmt), _column_sum(requests, fmt),
              _review_totals(data["reviews"]), _carry_over(requests, previous, data["year"])]
    if chapters is not None:
        checks.append(_narrative(chapters))
    members = _members(member_mismatches)
    if members is not None:
        checks.append(members)
    return checks


def failures(checks: list[Check]) -> list[Check]:
    return [check for check in checks if check.failed]
