"""Permission-matrix registration (gongkai/workbench/tests/test_permission_matrix.py): the register's
objects of a unit and the rows another unit must not change."""

import datetime as dt

from gongkai.regulations import campaigns, services
from gongkai.regulations.factories import normative_document
from gongkai.regulations.models import (
    CleanupCampaign,
    CleanupEntry,
    Event,
    Filing,
    NormativeDocument,
    Relation,
)


def fillers(unit) -> dict:
    name = unit.org.name
    current = normative_document(unit.org, unit.editor, unit.reviewer, title=f"{name}现行规范性文件",
                                 doc_number=f"{name}发〔2020〕1号")
    newer = normative_document(unit.org, unit.editor, unit.reviewer, title=f"{name}修改决定",
                               doc_number=f"{name}发〔2020〕2号", promulgated_on="2020-06-01",
                               effective_from="2020-07-01", expires_on="2025-06-30")
    services.amend(unit.reviewer, newer, current)
    draft = services.create_document(
        unit.editor, unit.org, {"title": f"{name}未发布的规范性文件草稿", "doc_number": f"{name}发〔2020〕3号",
                                "formed_on": dt.date(2020, 8, 1), "body": "<p>草稿</p>"},
        {"promulgated_on": dt.date(2020, 8, 1), "effective_from": dt.date(2020, 9, 1), "expires_on": dt.date(2025, 8, 31),
         "legality_reviewer": "司法局", "legality_reviewed_on": dt.date(2020, 7, 20), "legality_opinion": "合法"})
    unit.items["normative_draft"] = draft.item
    campaign = campaigns.open_campaign(unit.reviewer, unit.org, f"{name}清理", [newer])
    return {"document_id": [current.pk, newer.pk, draft.pk], "campaign_id": [campaign.pk]}


def snapshot(unit) -> dict:
    docs = NormativeDocument.objects.filter(item__organization=unit.org)
    return {
        "documents": list(docs.order_by("pk").values()),
        "relations": list(Relation.objects.filter(target__in=docs).order_by("pk").values()),
        "events": list(Event.objects.filter(document__in=docs).order_by("pk").values()),
        "filings": list(Filing.objects.filter(document__in=docs).order_by("pk").values()),
        "campaigns": list(CleanupCampaign.objects.filter(organization=unit.org).order_by("pk").values()),
        "entries": list(CleanupEntry.objects.filter(campaign__organization=unit.org).order_by("pk").values()),
    }
