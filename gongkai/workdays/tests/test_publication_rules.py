"""条例第二十六条第二句: where another law sets the publication period (预算法第十四条: 二十日, natural days)."""

import datetime as dt

import pytest

from gongkai.workdays import statute
from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar
from gongkai.workdays.clocks import (
    proactive_publication_due,
    statutory_publication_due,
    statutory_publication_lag,
)
from gongkai.workdays.tests.test_calendar import UNKNOWN

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat
BUDGET, DEPARTMENT = statute.PUBLICATION_RULE_BUDGET, statute.PUBLICATION_RULE_DEPARTMENT_BUDGET


def test_the_rules_are_named_with_their_sources():
    assert statute.BUDGET_LAW_PUBLICATION_DAYS == 20
    assert BUDGET.source == "《中华人民共和国预算法》第十四条第一款" and BUDGET.runs_from == "批准之日"
    assert DEPARTMENT.source == "《中华人民共和国预算法》第十四条第二款" and DEPARTMENT.runs_from == "批复之日"
    assert not BUDGET.workdays and not DEPARTMENT.workdays
    assert statute.PUBLICATION_RULES[""] is statute.PUBLICATION_RULE_REGULATION
    assert statute.PUBLICATION_RULE_REGULATION.days == statute.PROACTIVE_PUBLICATION_WORKDAYS


@pytest.mark.parametrize(("approved", "due"), [
    # 2024 预算 approved by the county 人大 on Friday 01-19: the 20th day is Thursday 02-08, before 春节.
    ("2024-01-19", "2024-02-08"),
    # 2021 部门预算 批复 on 02-03: 02-23, a Tuesday after 春节 (02-11..02-17 do count: natural days).
    ("2021-02-03", "2021-02-23"),
    # The 20th day a Saturday (2024-03-23): the period ends on Monday 03-25 (民法典第二百零三条).
    ("2024-03-03", "2024-03-25"),
    # The 20th day 国庆 2024-10-01: the period ends on 10-08, the first working day after the holiday.
    ("2024-09-11", "2024-10-08"),
    # The 20th day 中秋 2023-09-29: the holiday runs to 10-06; Saturday 10-07 is a 调休 working day.
    ("2023-09-09", "2023-10-07"),
])
def test_budget_law_periods_are_natural_days(approved, due):
    assert statutory_publication_due(D(approved), BUDGET) == D(due)
    assert statutory_publication_due(D(approved), DEPARTMENT) == D(due)


def test_the_regulations_own_rule_is_twenty_working_days():
    assert statutory_publication_due(D("2021-02-03"), statute.PUBLICATION_RULE_REGULATION) == D("2021-03-08")
    assert proactive_publication_due(D("2021-02-03")) == D("2021-03-08")


@pytest.mark.parametrize(("published", "late", "late_workdays"), [
    ("2021-02-23", False, 0),  # the last day
    ("2021-02-24", True, 1),
    ("2021-03-01", True, 4),  # inside the 条例's 20 working days (03-08), late under the 预算法
])
def test_department_budget_lag(published, late, late_workdays):
    lag = statutory_publication_lag(D("2021-02-03"), D(published), DEPARTMENT)
    assert (lag.due, lag.is_late, lag.late_workdays) == (D("2021-02-23"), late, late_workdays)
    assert lag.rule is DEPARTMENT
    assert not statutory_publication_lag(D("2021-02-03"), D(published), statute.PUBLICATION_RULE_REGULATION).is_late


def test_the_strict_reading_is_one_constant_away(monkeypatch):
    monkeypatch.setattr(statute, "NATURAL_DAY_PERIOD_ENDS_ON_WORKDAY", False)
    assert statutory_publication_due(D("2024-09-11"), BUDGET) == D("2024-10-01")


def test_an_unknown_year_is_not_guessed():
    approved = dt.date(UNKNOWN - 1, 12, 20)
    with pytest.raises(UnknownYearError):
        statutory_publication_due(approved, BUDGET, WorkdayCalendar())
