"""条例第二十六条 for a published item: which period applies and whether it was published in time.

The period is the 条例's 20 working days from the 形成或变更日期 unless a catalog node the item sits in
carries the rule of a law that sets its own (第二十六条第二句「从其规定」, e.g. 预算法第十四条: 20 days
from the 批准 or 批复). Of several such rules the earliest due date applies. The computation is
gongkai.workdays.clocks.statutory_publication_lag; the staff pages, 我的待办 and the inspection all ask here.
"""

import datetime as dt

from django.db.models import DateField, ExpressionWrapper, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from gongkai.workdays import statute
from gongkai.workdays.calendar import WorkdayCalendar
from gongkai.workdays.clocks import StatutoryPublicationLag, statutory_publication_lag

# Every rule's period spans at least its number of calendar days (working days, or natural days that
# only move forward onto a working day): an item published within this many days cannot be late, so
# queries leave it out before the calendar is asked.
NEVER_LATE_WITHIN_DAYS = min(rule.days for rule in statute.PUBLICATION_RULES.values())


def may_be_late() -> Q:
    """A filter keeping the items published more than NEVER_LATE_WITHIN_DAYS after their 形成或变更日期.
    The arithmetic is on the 发布日期, never on the 形成或变更日期: a stored impossible date (9999-12-31)
    must not make the database's date arithmetic fail for every item of the query."""
    latest_formed = ExpressionWrapper(TruncDate("published_at") - dt.timedelta(days=NEVER_LATE_WITHIN_DAYS),
                                      output_field=DateField())
    return Q(formed_on__lt=latest_formed)


def publication_rules(item) -> list[statute.PublicationRule]:
    """The rules of the item's catalog nodes (prefetch `catalog_nodes` when judging many items)."""
    keys = {node.publication_rule for node in item.catalog_nodes.all() if node.publication_rule}
    rules = [statute.PUBLICATION_RULES[key] for key in sorted(keys) if key in statute.PUBLICATION_RULES]
    return rules or [statute.PUBLICATION_RULE_REGULATION]


def item_publication_lag(item, cal: WorkdayCalendar | None = None,
                         published_on: dt.date | None = None) -> StatutoryPublicationLag:
    """The item's lag under its rule. Raises UnknownYearError when the calendar does not know a year."""
    cal = cal or WorkdayCalendar()
    published_on = published_on or timezone.localdate(item.published_at)
    lags = [statutory_publication_lag(item.formed_on, published_on, rule, cal) for rule in publication_rules(item)]
    return min(lags, key=lambda lag: lag.due)
