"""Import the rows of a checked sheet (sheet.py) as drafts, or as drafts submitted for review, through
the publishing services: all rows or none (one transaction), each item audited as staff-created."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.catalog.models import CatalogNode
from gongkai.core.services import ActionRefused
from gongkai.publishing import services as publishing


def _item_data(data: dict) -> dict:
    result = dict(data)
    for key in ("formed_on", "written_on"):
        result[key] = dt.date.fromisoformat(result[key]) if result.get(key) else None
    return result


@transaction.atomic
def import_rows(actor, organization, rows: list[dict], submit: bool, request=None) -> list:
    """`rows`: [{"number", "data", "node_ids"}] of valid rows. Returns the items; raises ActionRefused
    (naming the row) and saves nothing when one cannot be created or submitted."""
    items = []
    for row in rows:
        nodes = list(CatalogNode.objects.filter(id__in=row["node_ids"], organization=organization))
        try:
            item = publishing.create_item(actor, organization, _item_data(row["data"]), nodes, request=request)
            if submit:
                item = publishing.submit(actor, item, request=request)
        except ActionRefused as exc:
            raise ActionRefused(_("第 %(n)d 行：%(reason)s 本次未导入任何信息。") % {"n": row["number"],
                                                                          "reason": exc.reason}) from exc
        items.append(item)
    return items
