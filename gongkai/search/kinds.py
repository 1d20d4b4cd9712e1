"""Content types in the search index: the type facet (`type=` on /search/ and /api/v1/search).

Every indexed item is 政府信息 ("item") unless an app says it is more: an app whose records are items
with more to them (规范性文件, 政策解读, and the types still to come) registers its kind in its
AppConfig.ready() with a function that picks, from a batch of item ids, those of its kind. The search
app never imports those apps. Texts that are not items (政府公报 articles) come through search/extra.py
and count in the facet as their own type ("gazette").
"""

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

ITEM = "item"
GAZETTE = "gazette"
_KINDS: dict[str, tuple[object, Callable]] = {}
LABELS = {ITEM: _("政府信息"), GAZETTE: _("公报文章")}


def register(code: str, label, ids_of: Callable[[list[int]], set[int]]) -> None:
    """`ids_of(item_ids)` returns the ids among `item_ids` that are of this kind (one query)."""
    _KINDS[code] = (label, ids_of)
    LABELS[code] = label


def of(item_ids: list[int]) -> dict[int, str]:
    """{item id: kind} for a batch (items of no registered kind are absent: they are ITEM)."""
    found: dict[int, str] = {}
    for code, (_label, ids_of) in _KINDS.items():
        for item_id in ids_of(list(item_ids)):
            found.setdefault(item_id, code)
    return found


def label(code: str) -> str | None:
    value = LABELS.get(code)
    return str(value) if value is not None else None


def choices() -> list[tuple[str, object]]:
    return list(LABELS.items())


def known(code: str) -> bool:
    return code in LABELS


def narrow(items, code: str):
    """`items` (a queryset of items) narrowed to those of type `code`, as `of` types them (the first
    registered kind that claims an item wins; ITEM is an item no kind claims). A type that is not made of
    items (GAZETTE, and kinds that claim none) gives no items. For lists without a search query
    (/api/v1/documents); the registered functions take the queryset's ids as a subquery."""
    ids = items.values_list("pk", flat=True)
    claimed: set[int] = set()
    for kind, (_label, ids_of) in _KINDS.items():
        found = set(ids_of(ids)) - claimed
        if kind == code:
            return items.filter(pk__in=found)
        claimed |= found
    return items.exclude(pk__in=claimed) if code == ITEM else items.none()
