"""The page's items, as a result shows them: from what the index stored where it is current, else from
the database.

A backend that stores what a hit shows (the embedded one: `IndexDocument.shown()`, with the
`updated_at` of the row it was built from) saves the service reading and building the page's rows.
Whether an item may be shown is still the database's answer, in one small query for the page: only
live items (published, time reached, 主动公开) are shown, and an item whose `updated_at` differs from
the one indexed (changed since; the index not told yet) is read from the database like the items of a
backend that stores nothing. The organization's name always comes from the database (a rename does not
re-index its items).
"""

import datetime as dt
from functools import lru_cache

from django.db import connection
from django.db.models.base import ModelState
from django.utils import timezone

from gongkai.organizations.models import Organization
from gongkai.publishing.models import InformationItem
from gongkai.search.documents import EPOCH, micros
from gongkai.search.query import BackendPage

# What a hit shows (the search page, the API's /search and /documents?q=) and what is read of the
# page's items that the index cannot vouch for: only these columns.
HIT_FIELDS = ("id", "title", "summary", "doc_number", "keywords", "index_no", "organization_id", "published_at",
              "topic", "doc_type", "validity", "organization__id", "organization__name", "organization__short_name")
# The item's columns a stored hit fills, in the model's order (Model.from_db wants them so).
_STORED = [f.attname for f in InformationItem._meta.concrete_fields
           if f.attname in {"id", *HIT_FIELDS} and f.attname != "id"]
_CHECKED = ("id", "updated_at", "organization__name", "organization__short_name")
_NOW_MARKER = dt.datetime(1971, 1, 1, tzinfo=dt.UTC)  # stands for `now` in the SQL kept by _live_sql


@lru_cache(maxsize=256)
def _live_sql(vendor: str, count: int) -> tuple[str, tuple]:
    """The SQL of `live()` for `count` ids, compiled by the ORM once per page size (compiling it costs a
    search more than running it): the ids stand as -1, -2, …, the time as _NOW_MARKER."""
    live = InformationItem.objects.live(now=_NOW_MARKER).filter(id__in=[-n for n in range(1, count + 1)])
    return live.order_by().values_list(*_CHECKED).query.sql_with_params()


def _live_rows(ids: list[int]) -> list[tuple]:
    """(id, updated_at, organization name, short name) of the live items among `ids`."""
    sql, template = _live_sql(connection.vendor, len(ids))
    marker, now = (connection.ops.adapt_datetimefield_value(moment) for moment in (_NOW_MARKER, timezone.now()))
    params = [ids[-value - 1] if isinstance(value, int) and value < 0 else now if value == marker else value
              for value in template]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _moment(value) -> dt.datetime:
    """A datetime column as read by a cursor: SQLite hands over text in UTC."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _loaded(model, values: dict):
    """An instance as the ORM leaves a row read with only these columns: the others are deferred (reading
    one loads it). Built without Model.__init__'s walk over every field, which costs a page of twenty
    hits more than reading them (no model of these has pre_init or post_init receivers)."""
    instance = model.__new__(model)
    instance.__dict__.update(values)
    state = instance._state = ModelState()
    state.adding, state.db = False, "default"
    return instance


def _from_index(item_id: int, shown: dict, organization: Organization) -> InformationItem:
    values = {name: shown[name] for name in _STORED}
    values["id"], values["published_at"] = item_id, EPOCH + dt.timedelta(microseconds=shown["published_at"])
    item = _loaded(InformationItem, values)
    item._state.fields_cache["organization"] = organization  # as select_related leaves it
    return item


def page_items(page: BackendPage) -> tuple[dict[int, InformationItem], dict[int, str]]:
    """({id: item} of the page's live items, {id: body HTML} of those whose snippet must be cut from the
    body in the database, not from the text the index stored). Items not live are absent."""
    items: dict[int, InformationItem] = {}
    wanted = page.ids  # what is read from the database
    if page.ids and all(item_id in page.shown for item_id in page.ids):
        stale, organizations = [], {}
        for item_id, updated_at, org_name, org_short in _live_rows(page.ids):
            shown = page.shown[item_id]
            if shown.get("updated_at") != micros(_moment(updated_at)) or shown.get("published_at") is None:
                stale.append(item_id)
                continue
            org_id = shown["organization_id"]
            if org_id not in organizations:
                organizations[org_id] = _loaded(Organization, {"id": org_id, "name": org_name, "short_name": org_short})
            items[item_id] = _from_index(item_id, shown, organizations[org_id])
        if not stale:
            return items, {}
        wanted = stale
    else:
        stale = [i for i in page.ids if i not in page.texts]
    fields = HIT_FIELDS if not stale else (*HIT_FIELDS, "body")
    # Unordered: the page's order is the backend's.
    live = InformationItem.objects.live().filter(id__in=wanted).order_by()
    read = {item.id: item for item in live.select_related("organization").only(*fields)}
    items.update(read)
    return items, {i: item.body for i, item in read.items() if i in stale}
