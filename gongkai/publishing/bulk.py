"""Bulk form of `services.record_migrated_item`, for large migrations (`gongkai import_documents`).

Each entry ends exactly as record_migrated_item leaves it: a published item with its 索引号 (given,
and reserved; or the next serial of its organization and year), its catalog nodes, a revision that
includes the nodes, the review record of the old system's 保密审查, an `item.migrate` audit event and
the `published` announcement. The difference is the cost: a handful of queries per batch instead of
about twenty per item. A batch is all-or-nothing; callers fall back to record_migrated_item one entry
at a time to find the entry that failed.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.models import AuditEvent
from gongkai.audit.services import snapshot
from gongkai.core.services import ActionRefused
from gongkai.publishing.choices import State
from gongkai.publishing.common import AUDITED_FIELDS, apply_data, check_catalog
from gongkai.publishing.events import announce
from gongkai.publishing.models import IndexSequence, InformationItem, Review
from gongkai.publishing.numbering import (
    INDEX_NO_PATTERN,
    SERIAL_LIMIT,
    exhausted,
    format_index_no,
    index_no_problem,
    taken_serials,
)

ItemNode = InformationItem.catalog_nodes.through
HistoryNode = apps.get_model("publishing", "HistoricalInformationItem_catalog_nodes")  # a revision's links


@dataclass
class MigratedEntry:
    organization: object
    data: dict
    catalog_nodes: list
    published_at: dt.datetime
    index_no: str = ""
    source_url: str = ""
    item: InformationItem | None = field(default=None, repr=False)


def _sequences(pairs) -> dict:
    """Locked IndexSequence rows for (organization id, year) pairs, created when missing (three queries)."""
    pairs = set(pairs)
    if not pairs:
        return {}
    IndexSequence.objects.bulk_create([IndexSequence(organization_id=org_id, year=year) for org_id, year in pairs],
                                      ignore_conflicts=True)
    rows = IndexSequence.objects.select_for_update().filter(
        organization_id__in={org_id for org_id, _year in pairs}, year__in={year for _org, year in pairs}
    ).order_by("organization_id", "year")
    return {(row.organization_id, row.year): row for row in rows if (row.organization_id, row.year) in pairs}


def _number(entries: list[MigratedEntry]) -> None:
    """Reserve the given 索引号 and allocate serials to the others, one locked row per organization-year."""
    wanted = {}
    for entry in entries:
        if entry.index_no:
            problem = index_no_problem(entry.organization, entry.index_no)
            if problem:
                raise ActionRefused(problem)
            wanted[(entry.organization.id, int(INDEX_NO_PATTERN.match(entry.index_no)["year"]))] = None
        else:
            wanted[(entry.organization.id, timezone.localtime(entry.published_at).year)] = None
    sequences = _sequences(wanted)
    starting = {row.pk: row.last_serial for row in sequences.values()}
    taken = {}  # (organization id, year): serials items already carry beyond the sequence (normally none)
    for entry in entries:  # in order, as one record_migrated_item after another would number them
        if entry.index_no:
            entry.item.index_no = entry.index_no
            match = INDEX_NO_PATTERN.match(entry.index_no)
            sequence = sequences[(entry.organization.id, int(match["year"]))]
            sequence.last_serial = max(sequence.last_serial, int(match["serial"]))
            continue
        year = timezone.localtime(entry.published_at).year
        sequence = sequences[(entry.organization.id, year)]
        key = (entry.organization.id, year)
        if key not in taken:
            taken[key] = taken_serials(entry.organization, year, sequence.last_serial)
        sequence.last_serial += 1
        while sequence.last_serial in taken[key]:
            sequence.last_serial += 1
        if sequence.last_serial > SERIAL_LIMIT:
            raise exhausted(entry.organization, year)
        entry.item.index_no = format_index_no(entry.organization.credit_code, year, sequence.last_serial)
    changed = [(row.last_serial, row.pk) for row in sequences.values() if row.last_serial != starting[row.pk]]
    with connection.cursor() as cursor:  # one statement, many rows (bulk_update's CASE chain is slow here)
        cursor.executemany(f"UPDATE {IndexSequence._meta.db_table} SET last_serial = %s WHERE id = %s", changed)


@transaction.atomic
def record_migrated_items(entries: list[MigratedEntry]) -> list[InformationItem]:
    now = timezone.now()
    reason = _("历史信息迁移")
    for entry in entries:
        entry.catalog_nodes = check_catalog(entry.organization, entry.catalog_nodes)
        item = InformationItem(organization=entry.organization, created_by=None, source_url=entry.source_url,
                               state=State.PUBLISHED, published_at=entry.published_at, state_changed_at=now)
        apply_data(item, entry.data)
        entry.item = item
    _number(entries)
    items = InformationItem.objects.bulk_create([entry.item for entry in entries])
    history = InformationItem.history.bulk_history_create(items, default_change_reason=reason, default_date=now)
    links = ItemNode.objects.bulk_create([
        ItemNode(informationitem_id=entry.item.id, catalognode_id=node.id)
        for entry in entries for node in entry.catalog_nodes
    ])
    revision = {record.id: record for record in history}
    HistoryNode.objects.bulk_create([
        HistoryNode(id=link.id, history=revision[link.informationitem_id], informationitem_id=link.informationitem_id,
                    catalognode_id=link.catalognode_id)
        for link in links
    ])
    opinion = _("历史信息迁移：保密审查已在原系统完成。")
    Review.objects.bulk_create([
        Review(item=entry.item, reviewer=None, decision=Review.Decision.APPROVED, secrecy_checked=True,
               opinion=opinion, decided_at=entry.published_at)
        for entry in entries
    ])
    AuditEvent.objects.bulk_create([
        AuditEvent(actor=None, actor_name="系统", action="item.migrate", object_type=InformationItem._meta.label_lower,
                   object_id=str(entry.item.id), object_repr=str(entry.item)[:300], organization=entry.organization,
                   changes={k: [None, v] for k, v in snapshot(entry.item, AUDITED_FIELDS).items() if v is not None})
        for entry in entries
    ])
    for entry in entries:
        announce(entry.item.id, "migrated")  # not news for subscribers (publishing.events)
    return items
