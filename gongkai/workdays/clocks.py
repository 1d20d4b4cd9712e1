"""Statutory clocks computed from stored inputs (never stored themselves)."""

import datetime as dt
from dataclasses import dataclass

from gongkai.workdays.calendar import WorkdayCalendar
from gongkai.workdays.statute import PROACTIVE_PUBLICATION_WORKDAYS


@dataclass(frozen=True)
class PublicationLag:
    formed_on: dt.date
    due: dt.date
    published_on: dt.date
    late_workdays: int

    @property
    def is_late(self) -> bool:
        # deadlines.md: overdue on the day after the deadline, working day or not.
        return self.published_on > self.due


def proactive_publication_due(formed_on: dt.date, cal: WorkdayCalendar | None = None) -> dt.date:
    """条例第二十六条: the 20th working day after the information was formed or changed."""
    cal = cal or WorkdayCalendar()
    return cal.add_workdays(formed_on, PROACTIVE_PUBLICATION_WORKDAYS)


def publication_lag(formed_on: dt.date, published_on: dt.date, cal: WorkdayCalendar | None = None) -> PublicationLag:
    cal = cal or WorkdayCalendar()
    due = proactive_publication_due(formed_on, cal)
    late = cal.count_workdays(due, published_on) if published_on > due else 0
    return PublicationLag(formed_on=formed_on, due=due, published_on=published_on, late_workdays=late)
