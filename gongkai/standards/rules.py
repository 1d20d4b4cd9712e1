"""A 事项's 公开时限 as rules: the kind read from the 时限 text, the update rule its catalog node carries,
and the day an empty 事项 falls past its 时限.

- 信息形成或者变更之日起20个工作日内 (条例第二十六条, statute.PROACTIVE_PUBLICATION_WORKDAYS): event-driven; the
  node has no update interval; an assigned 事项 still empty 20 working days after it entered the unit's
  catalog is past its 时限.
- 预算、决算批准或批复后20日内 (预算法第十四条, statute.BUDGET_LAW_PUBLICATION_DAYS): the node carries the
  预算法 publication rule of gongkai.catalog (本级 for governments and 乡镇, 部门 for departments) and a
  yearly update interval.
- 每年 / 每季度 / 每月: the node's expected update interval (366 / 92 / 31 days); an empty or stale node is
  past its 时限 once that interval has run from the later of its entry and its last publication.
"""

import datetime as dt
import re

from gongkai.catalog.models import PublicationRule
from gongkai.standards.choices import Deadline
from gongkai.workdays import statute
from gongkai.workdays.calendar import UnknownYearError, WorkdayCalendar

PERIOD_DAYS = {Deadline.ANNUAL: 366, Deadline.QUARTERLY: 92, Deadline.MONTHLY: 31, Deadline.BUDGET: 366}
BUDGET_PATTERN = re.compile(r"(批准|批复)[后之日起]*\s*20\s*日")


def parse_deadline(text: str) -> str:
    """The Deadline kind of a 时限 cell ("信息形成或者变更之日起20个工作日内", "部门预算批复后20日内", "每季度")."""
    text = (text or "").replace(" ", "")
    if BUDGET_PATTERN.search(text):
        return Deadline.BUDGET
    if "工作日" in text:
        return Deadline.WORKDAYS
    if "每月" in text or "月度" in text or "按月" in text:
        return Deadline.MONTHLY
    if "季度" in text:
        return Deadline.QUARTERLY
    if "每年" in text or "年度" in text or "按年" in text:
        return Deadline.ANNUAL
    return Deadline.WORKDAYS


def node_rule(matter, organization) -> tuple[int | None, str]:
    """(expected_update_days, publication_rule) of the catalog node of `matter` in `organization`'s catalog."""
    days = PERIOD_DAYS.get(matter.deadline)
    rule = ""
    if matter.deadline == Deadline.BUDGET:
        department = organization.kind in ("department", "zone", "institution") or "部门" in matter.level2
        rule = PublicationRule.DEPARTMENT_BUDGET if department else PublicationRule.BUDGET
    return days, rule


def due_when_empty(matter_deadline: str, since: dt.date, cal: WorkdayCalendar | None = None) -> dt.date:
    """The day an empty 事项 that entered the catalog on `since` falls past its 时限."""
    if matter_deadline == Deadline.WORKDAYS:
        cal = cal or WorkdayCalendar()
        try:
            return cal.add_workdays(since, statute.PROACTIVE_PUBLICATION_WORKDAYS)
        except UnknownYearError:
            # A year nobody entered yet: count four calendar weeks (20 working days without holidays).
            return since + dt.timedelta(days=statute.PROACTIVE_PUBLICATION_WORKDAYS * 7 // 5)
    if matter_deadline == Deadline.BUDGET:
        return since + dt.timedelta(days=PERIOD_DAYS[Deadline.BUDGET])
    return since + dt.timedelta(days=PERIOD_DAYS[matter_deadline])
