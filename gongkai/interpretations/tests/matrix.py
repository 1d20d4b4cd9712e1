"""Permission-matrix registration: a unit's draft interpretation and its rows."""

import datetime as dt

from gongkai.interpretations import services
from gongkai.interpretations.models import Interpretation, PolicyLink


def fillers(unit) -> dict:
    interpretation = services.create_interpretation(
        unit.editor, unit.org, {"title": f"{unit.org.name}未发布的政策解读", "formed_on": dt.date(2020, 8, 1),
                                "body": "<p>解读草稿</p>"},
        {"form": Interpretation.Form.TEXT}, [unit.items["published"]])
    unit.items["interpretation_draft"] = interpretation.item
    return {"interpretation_id": [interpretation.pk]}


def snapshot(unit) -> dict:
    found = Interpretation.objects.filter(item__organization=unit.org)
    return {"interpretations": list(found.order_by("pk").values()),
            "links": list(PolicyLink.objects.filter(interpretation__in=found).order_by("pk").values())}
