"""Permission-matrix registration: a proposal led by the unit, replied, and the unit's draft summary."""

import datetime as dt

from gongkai.proposals import services
from gongkai.proposals.models import Proposal, Summary


def fillers(unit) -> dict:
    number = Proposal.objects.filter(year=2026).count() + 1
    proposal = services.register(None, {
        "year": 2026, "kind": "suggestion", "number": number, "title": f"{unit.org.name}内部建议", "proposers": "张某某",
        "lead_unit": unit.org, "assigned_on": dt.date(2026, 3, 20)})
    services.reply(unit.editor, proposal, {"reply": "<p>答复</p>", "replied_on": dt.date(2026, 5, 20),
                                           "classification": "A", "adopted": True})
    summary = services.generate_summary(unit.editor, 2026, unit.org)
    return {"proposal_id": [proposal.pk], "summary_id": [summary.pk]}


def snapshot(unit) -> dict:
    return {"proposals": list(Proposal.objects.filter(lead_unit=unit.org).order_by("pk").values()),
            "summaries": list(Summary.objects.filter(organization=unit.org).order_by("pk").values())}
