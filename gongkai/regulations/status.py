"""A document's state on a given day, for every page that shows it (the public library, the document page,
the staff pages): the recorded 有效性 (the one search and the API facet on), and what the dates add to it —
尚未施行 before its 施行日期. A lapse is not guessed here: the daily sweep records it the day after the
有效期至 (`expiry.sweep`), so pages, search and the API agree."""

import datetime as dt
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

NOT_YET = "not_yet"


@dataclass(frozen=True)
class Status:
    code: str  # a Validity value, or NOT_YET
    label: str | Promise
    since: dt.date  # the day the state began (or, for NOT_YET, begins)
    until: dt.date | None  # the 有效期至 while the document is, or will be, in force; None once it has ended

    @property
    def ended(self) -> bool:
        return self.until is None

    @property
    def not_yet(self) -> bool:
        return self.code == NOT_YET


def status_of(document, today: dt.date) -> Status:
    if not document.is_current:  # 已废止, 已失效: final, dated by the event that ended it
        return Status(document.validity, document.get_validity_display(), document.validity_since, None)
    if document.effective_from > today:
        return Status(NOT_YET, _("尚未施行"), document.effective_from, document.expires_on)
    return Status(document.validity, document.get_validity_display(), document.validity_since, document.expires_on)


def next_change():
    """The next moment (local midnight) at which a document's state changes with time alone: the earliest
    施行日期 still ahead (尚未施行 → 有效). Registered with the portal's fragment cache (apps.py), so a cached
    page does not say 尚未施行 past that day. None: no document is waiting to take effect."""
    from django.db.models import Min
    from django.utils import timezone

    from gongkai.regulations.models import NormativeDocument

    day = (NormativeDocument.objects.filter(effective_from__gt=timezone.localdate())
           .aggregate(first=Min("effective_from"))["first"])
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
