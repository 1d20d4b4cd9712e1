"""The 有效性 the public sees of an item, for search (index, facets, filter) and the open API.

An item's recorded 有效性 (`InformationItem.validity`, kept by the 规范性文件 register) is what the public
sees, except where an app knows more from the date: a 规范性文件 is 尚未施行 before its 施行日期
(`regulations.status`). Such an app registers, in its AppConfig.ready(), each state it adds and one function
that tells, for a batch of item ids (a list or a subquery), the items in one of its states today:

    from gongkai.publishing import validity
    validity.register("not_yet", _("尚未施行"), states_of)   # states_of(item_ids, today) -> {item id: code}

Publishing, search and the API import no such app (tests/test_architecture.py). The state changes with time
alone, so the app also announces the items whose state changed (`publishing.events`), and search re-indexes
them (regulations: the periodic job, `regulations.expiry.announce_state_changes`).
"""

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from gongkai.publishing.choices import VALIDITY_LABELS, Validity, validity_mark

_LABELS: dict[str, object] = {}
_PROVIDERS: dict[str, Callable] = {}  # by the app's key (one function per app, several states each)
_CHANGES: dict[str, Callable] = {}  # by the app's key: changed_of(item_ids, today) -> datetime | None
_EACH: dict[str, Callable] = {}  # by the app's key: changed_each(item_ids, today) -> {item id: datetime}


def register(code: str, label, states_of: Callable, key: str | None = None,
             changed_of: Callable | None = None, changed_each: Callable | None = None) -> None:
    """Idempotent (ready() may run more than once in tests). `changed_of(item_ids, today)`: the latest moment,
    up to today, the state of one of those items changed without a write to the item (`last_changed`);
    `changed_each(item_ids, today)`: that moment per item, for the items it has one (`changed_each`)."""
    _LABELS[code] = label
    _PROVIDERS[key or code] = states_of
    if changed_of is not None:
        _CHANGES[key or code] = changed_of
    if changed_each is not None:
        _EACH[key or code] = changed_each


def last_changed(item_ids, today: dt.date | None = None) -> dt.datetime | None:
    """The latest moment the public state of one of `item_ids` (a list or a subquery) changed apart from its
    item's row (the 施行日期 reached, the app's record corrected), for `Last-Modified` next to the items'
    `updated_at` (the open API): a conditional request is not answered 304 with yesterday's state."""
    today = today or timezone.localdate()
    moments = [changed_of(item_ids, today) for changed_of in _CHANGES.values()]
    return max((moment for moment in moments if moment is not None), default=None)


def changed_each(item_ids, today: dt.date | None = None) -> dict[int, dt.datetime]:
    """{item id: the latest moment, up to today, its public state changed apart from its row} for the items among
    `item_ids` (a list or a subquery) that have one (one query per registering app): a sitemap's `lastmod` and a
    feed entry's `updated` take the later of it and the item's `updated_at`, so a 规范性文件 that took effect
    today is dated today there, as its page is."""
    today = today or timezone.localdate()
    found: dict[int, dt.datetime] = {}
    for changed in _EACH.values():
        for item_id, moment in changed(item_ids, today).items():
            if moment is not None and (item_id not in found or moment > found[item_id]):
                found[item_id] = moment
    return found


def modified(item, changes: dict[int, dt.datetime]) -> dt.datetime:
    """The latest of the item's `updated_at`, its publication (a scheduled item was last saved before it went
    live) and its moment in `changes` (`changed_each` of its batch)."""
    moments = [item.updated_at, getattr(item, "published_at", None), changes.get(item.pk)]
    return max(moment for moment in moments if moment is not None)


def choices() -> list[tuple[str, object]]:
    """Every state the public may see: the registered ones first (尚未施行 comes before 有效), then 有效性."""
    return [*_LABELS.items(), *Validity.choices]


def label(code: str) -> str:
    """The state's name in the active language; "" for none or an unknown code."""
    text = _LABELS.get(code, VALIDITY_LABELS.get(code))
    return str(text) if text is not None else ""


def public_states(item_ids, today: dt.date | None = None) -> dict[int, str]:
    """{item id: state} of the items among `item_ids` whose public state is not their recorded 有效性 (one
    query per registering app); the others are absent."""
    today = today or timezone.localdate()
    found: dict[int, str] = {}
    for states_of in _PROVIDERS.values():
        for item_id, code in states_of(item_ids, today).items():
            found.setdefault(item_id, code)
    return found


def public_validity(item, states: dict[int, str] | None = None) -> str:
    """The state code of one item (`states`: `public_states` of its batch, computed by the caller)."""
    states = public_states([item.pk]) if states is None else states
    return states.get(item.pk, item.validity or "")


def mark(code: str) -> str:
    """The mark beside a title in a list or a feed for a public state code: a registered state (尚未施行), or
    已修改 / 已废止 / 已失效 (`choices.validity_mark`); "" for 有效 or none."""
    return label(code) if code in _LABELS else validity_mark(code)


def mark_items(items, today: dt.date | None = None) -> list:
    """`items` as a list, each with its public state set for `InformationItem.validity_mark` (one query per
    registering app, for the items recorded 有效 or 已修改 only: a registered state is never one of the ended)."""
    items = list(items)
    candidates = [item.pk for item in items if item.validity in (Validity.VALID, Validity.AMENDED)]
    states = public_states(candidates, today) if candidates else {}
    for item in items:
        item.public_state = states.get(item.pk, item.validity or "")
    return items


def narrow(items, code: str, today: dt.date | None = None):
    """`items` (a queryset of items) narrowed to those whose public state is `code`: a registered state from
    the registering app, a recorded 有效性 without the items in a registered state (a document not yet in
    force is not 有效 there)."""
    states = public_states(items.values_list("pk", flat=True), today)
    if code in _LABELS:
        return items.filter(pk__in=[pk for pk, state in states.items() if state == code])
    return items.filter(validity=code).exclude(pk__in=list(states))
