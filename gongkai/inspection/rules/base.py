"""What a rule is: a small unit that looks at one kind of data and yields hits (problems of units).

Each rule names its source (国办秘函〔2019〕19号, the 条例, the work plan), its indicator, its severity and
its points; `requires_app` names the app whose data it reads, and a rule whose app is not installed does
not run (rules/__init__.py lists it as pending). The engine (engine.py) turns hits into findings.
"""

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.apps import apps
from django.utils import timezone

from gongkai.inspection.indicators import POINTS
from gongkai.inspection.models import Severity
from gongkai.inspection.wording import Text


@dataclass(frozen=True)
class Hit:
    organization_id: int
    subject: str  # identifies the problem within the rule and the unit ("node:12")
    title: "str | Text"  # the problem in one sentence: a Text, rendered in each reader's language (wording)
    evidence: dict = field(default_factory=dict)  # urls, counts, dates
    severity: str | None = None  # None: the rule's severity
    points: Decimal | None = None  # None: the rule's points


@dataclass
class Context:
    """What every rule may read: the day checked and the organizations inspected."""

    today: dt.date
    organization_ids: set[int]
    now: dt.datetime = field(default_factory=timezone.now)

    @cached_property
    def organizations(self):
        from gongkai.organizations.models import Organization

        return list(Organization.objects.filter(pk__in=self.organization_ids).order_by("sort_order", "id"))


class Rule(ABC):
    code: str = ""
    title = ""
    indicator: str = ""
    source = ""
    severity: str = Severity.DEDUCT
    requires_app: str | None = None

    @property
    def points(self) -> Decimal:
        return POINTS.get(self.code, Decimal(0)) if self.severity == Severity.DEDUCT else Decimal(0)

    def available(self) -> bool:
        return self.requires_app is None or apps.is_installed(self.requires_app)

    @abstractmethod
    def check(self, context: Context):
        """Yield a Hit for every problem found."""

    def __repr__(self):
        return f"<Rule {self.code}>"


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (the month's last day when it has no such day)."""
    import calendar

    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
