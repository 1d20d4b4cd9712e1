"""The 严重错误 lists (kept by the 政务公开办) and the check at submission for review."""

import datetime as dt
import json
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.assurance import checker
from gongkai.assurance.models import ErrorTerm, ItemCheck, Leader
from gongkai.assurance.services.common import clean_position, clean_text, require_county
from gongkai.audit.services import record, snapshot
from gongkai.core.services import ActionRefused

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "serious_errors.json"
TERM_FIELDS = ["kind", "text", "correction", "source", "since", "is_active"]
LEADER_FIELDS = ["name", "post", "position", "is_active"]


def builtin_terms() -> list[dict]:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))["terms"]


def load_builtin_terms(term_model=ErrorTerm) -> int:
    """Add the data file's terms that are not in the list yet (never overwrites the 政务公开办's edits)."""
    added = 0
    for entry in builtin_terms():
        _term, created = term_model.objects.get_or_create(
            kind=entry["kind"], text=entry["text"],
            defaults={"correction": entry.get("correction", ""), "source": entry["source"],
                      "since": dt.date.fromisoformat(entry["since"]) if entry.get("since") else None})
        added += created
    return added


@transaction.atomic
def save_term(actor, data: dict, term: ErrorTerm | None = None, request=None) -> ErrorTerm:
    county = require_county(actor)
    before = snapshot(term, TERM_FIELDS) if term else {}
    term = term or ErrorTerm()
    if data.get("kind") not in ErrorTerm.Kind.values:
        raise ActionRefused(_("请选择词条类别。"))
    term.kind = data["kind"]
    term.text = clean_text(data.get("text"), _("错误写法或敏感词"), limit=100)
    term.correction = clean_text(data.get("correction"), _("正确写法"), required=term.kind != ErrorTerm.Kind.SENSITIVE,
                                 limit=200)
    term.source = clean_text(data.get("source"), _("依据"), limit=300)
    term.since = data.get("since") or None
    term.is_active = bool(data.get("is_active", True))
    if ErrorTerm.objects.filter(kind=term.kind, text=term.text).exclude(pk=term.pk).exists():
        raise ActionRefused(_("该词条已在名单中。"))
    term.save()
    record(actor, "assurance.term_save", term, organization=county, before=before, after=snapshot(term, TERM_FIELDS),
           request=request)
    return term


@transaction.atomic
def save_leader(actor, data: dict, leader: Leader | None = None, request=None) -> Leader:
    county = require_county(actor)
    before = snapshot(leader, LEADER_FIELDS) if leader else {}
    leader = leader or Leader()
    leader.name = clean_text(data.get("name"), _("姓名"), limit=20)
    leader.post = clean_text(data.get("post"), _("现任职务"), limit=200)
    leader.position = clean_position(data.get("position"))
    leader.is_active = bool(data.get("is_active", True))
    leader.save()
    record(actor, "assurance.leader_save", leader, organization=county, before=before,
           after=snapshot(leader, LEADER_FIELDS), request=request)
    return leader


# --- the review step (publishing.extensions) -------------------------------------------------------------


def check_at_submission(actor, item) -> ItemCheck:
    """Inside publishing.services.submit: run the checker and keep its warnings for the reviewer."""
    warnings = [w.as_dict() for w in checker.check_item(item)]
    found = ItemCheck.objects.create(item=item, submitted_by=actor, warnings=warnings)
    if warnings:
        record(actor, "assurance.check_warnings", item, organization=item.organization,
               after={"warnings": [w["found"] for w in warnings]})
    return found


def latest_check(item) -> ItemCheck | None:
    return ItemCheck.objects.filter(item=item).order_by("-checked_at", "-id").first()
