"""Calendar quarters (季度), the period of the 每季度梳理涉企政策，集中推送 of the work plan."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1–4

    @classmethod
    def of(cls, day: dt.date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    def next(self) -> "Quarter":
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def previous(self) -> "Quarter":
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    def is_finished(self, today: dt.date) -> bool:
        return today > self.last_day

    @property
    def label(self) -> str:
        return _("%(year)s年第%(quarter)s季度") % {"year": self.year, "quarter": self.number}

    def __str__(self) -> str:
        return self.label


def recent(today: dt.date, count: int) -> list[Quarter]:
    """The current quarter and the `count - 1` before it, newest first."""
    quarters, quarter = [], Quarter.of(today)
    for _n in range(count):
        quarters.append(quarter)
        quarter = quarter.previous()
    return quarters
