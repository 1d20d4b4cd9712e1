"""A document's state on a given day, for every page that shows it (the public library, the document page,
the staff pages) and for search and the open API (`public_states`, registered with
`publishing.validity`): the recorded 有效性, and what the dates add to it — 尚未施行 before its 施行日期.
A lapse is not guessed here: the daily sweep records it the day after the 有效期至 (`expiry.sweep`), so
pages, search and the API agree. The state changes with time alone on the 施行日期: the periodic job
announces those documents then (`expiry.announce_state_changes`), so page files and the index follow."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, Q
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.publishing.choices import Validity
from gongkai.regulations.lifecycle import IN_FORCE

NOT_YET = "not_yet"
NOT_YET_LABEL = _("尚未施行")
# 现行有效: in force today — 有效 or 已修改 and its 施行日期 reached; a document 尚未施行 is not among them.
CURRENT = "current"
CURRENT_LABEL = _("现行有效（有效、已修改）")


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

    @property
    def notice(self) -> str:
        """What a page says above the text of a document 尚未施行 (`not_yet_notice`); "" for any other state."""
        return not_yet_notice(self.since) if self.not_yet else ""


def not_yet_notice(effective_from: dt.date) -> str:
    """The one sentence that tells a reader a published document takes effect later: the library's document
    page, the gazette's article page and its DOCX say it alike."""
    return gettext("本文件自 %(date)s 起施行，目前尚未施行。") % {"date": effective_from.isoformat()}


def status_of(document, today: dt.date) -> Status:
    if not document.is_current:  # 已废止, 已失效: final, dated by the event that ended it
        return Status(document.validity, document.get_validity_display(), document.validity_since, None)
    if document.effective_from > today:
        return Status(NOT_YET, NOT_YET_LABEL, document.effective_from, document.expires_on)
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


def not_yet(today: dt.date) -> Q:
    """The documents `status_of` calls 尚未施行 on `today`, as a query."""
    return Q(validity__in=IN_FORCE, effective_from__gt=today)


def in_force(today: dt.date) -> Q:
    """The documents in force on `today` (现行有效): 有效 or 已修改 as `status_of` gives it."""
    return Q(validity__in=IN_FORCE, effective_from__lte=today)


def choices() -> list[tuple[str, object]]:
    """The states a list may be filtered on: 尚未施行, then the recorded 有效性."""
    return [(NOT_YET, NOT_YET_LABEL), *Validity.choices]


def in_state(documents, code: str, today: dt.date):
    """`documents` in state `code` on `today` as `status_of` gives it: 尚未施行, or a recorded 有效性 without
    the documents not yet in force (a document 尚未施行 is not listed as 有效); CURRENT: 有效 and 已修改 so
    counted (in force today)."""
    if code == CURRENT:
        return documents.filter(in_force(today))
    if code == NOT_YET:
        return documents.filter(not_yet(today))
    return documents.filter(validity=code).exclude(not_yet(today))


def public_states(item_ids, today: dt.date) -> dict[int, str]:
    """For search and the API (`publishing.validity`): {item id: NOT_YET} of the items among `item_ids` (a list
    or a subquery) that are 规范性文件 not yet in force on `today`. One query."""
    from gongkai.regulations.models import NormativeDocument

    ids = NormativeDocument.objects.filter(not_yet(today), item_id__in=item_ids).values_list("item_id", flat=True)
    return dict.fromkeys(ids, NOT_YET)


def state_changed(item_ids, today: dt.date) -> dt.datetime | None:
    """For the open API's Last-Modified (`publishing.validity.last_changed`): the latest moment, up to `today`,
    the state of a 规范性文件 among `item_ids` changed without a write to its item — the start of a 施行日期
    reached, or a change of its register record (a corrected 施行日期). One query."""
    from django.utils import timezone

    from gongkai.regulations.models import NormativeDocument

    found = NormativeDocument.objects.filter(item_id__in=item_ids).aggregate(
        saved=Max("updated_at"), began=Max("effective_from", filter=Q(effective_from__lte=today)))
    began = found["began"] and timezone.make_aware(dt.datetime.combine(found["began"], dt.time.min))
    return max((moment for moment in (found["saved"], began) if moment), default=None)


def state_changed_each(item_ids, today: dt.date) -> dict:
    """`state_changed` per item (`publishing.validity.changed_each`, for the sitemap and the feeds): {item id: the
    later of its register record's last change and the start of its 施行日期 once reached}. One query."""
    from django.utils import timezone

    from gongkai.regulations.models import NormativeDocument

    found = {}
    rows = NormativeDocument.objects.filter(item_id__in=item_ids).values_list("item_id", "updated_at", "effective_from")
    for item_id, saved, effective_from in rows:
        began = (timezone.make_aware(dt.datetime.combine(effective_from, dt.time.min))
                 if effective_from <= today else None)
        found[item_id] = max(moment for moment in (saved, began) if moment)
    return found
