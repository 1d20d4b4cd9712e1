"""The 负面清单: the 政务公开办 keeps the entries (public); the review step shows them as a checklist and
records the entries considered and, for a 不予公开 item, the entry it falls under."""

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.assurance.models import NegativeEntry, ReviewChecklist
from gongkai.assurance.services.common import clean_position, clean_text, require, require_county
from gongkai.audit.services import record, snapshot
from gongkai.core.exemptions import ExemptionBasis
from gongkai.core.services import ActionRefused

FIELDS = ["title", "description", "basis", "law", "examples", "position", "is_active"]


def _apply(entry: NegativeEntry, data: dict) -> None:
    entry.title = clean_text(data.get("title"), _("信息类别"), limit=200)
    entry.description = clean_text(data.get("description"), _("说明"), required=False)
    entry.examples = clean_text(data.get("examples"), _("常见情形"), required=False)
    entry.law = clean_text(data.get("law"), _("其他法律依据"), required=False, limit=300)
    if data.get("basis") not in ExemptionBasis.values:
        raise ActionRefused(_("请选择条例第十四至十六条中的依据。"))
    entry.basis = data["basis"]
    if entry.basis == ExemptionBasis.OTHER_LAW and not entry.law:
        raise ActionRefused(_("依据为“其他法律、行政法规”时，请写明具体法律条款。"))
    entry.position = clean_position(data.get("position"))
    entry.is_active = bool(data.get("is_active", True))


@transaction.atomic
def save_entry(actor, data: dict, entry: NegativeEntry | None = None, request=None) -> NegativeEntry:
    county = require_county(actor)
    if entry is not None:
        entry = NegativeEntry.objects.select_for_update().get(pk=entry.pk)
        require(actor, "assurance.manage", entry.organization_id)
        before = snapshot(entry, FIELDS)
    else:
        entry, before = NegativeEntry(organization=county), None
    _apply(entry, data)
    entry.save()
    record(actor, "assurance.negative_save", entry, organization=entry.organization, before=before or {},
           after=snapshot(entry, FIELDS), request=request)
    _purge()
    return entry


def _purge() -> None:
    from gongkai.core.pagecache import purge

    transaction.on_commit(lambda: purge(["/fmqd/", "/"], []))


def public_entries():
    return NegativeEntry.objects.filter(is_active=True, organization__is_active=True)


# --- the review step (publishing.extensions) -------------------------------------------------------------


def entries_for(item):
    """The entries of the item's county (the entries of any organization above or at the item's unit)."""
    ids = [o.pk for o in item.organization.ancestors()] + [item.organization_id]
    return list(NegativeEntry.objects.filter(is_active=True, organization_id__in=ids))


def record_review(actor, item, review, data) -> ReviewChecklist | None:
    """Inside publishing.services.approve: the entries ticked (`negative_considered`) and, for a 不予公开
    item, the entry cited (`negative_cited`), which must rest on the item's own 不予公开 basis."""
    entries = {e.pk: e for e in entries_for(item)}
    if not entries:
        return None
    getlist = data.getlist if hasattr(data, "getlist") else lambda k: data.get(k) or []
    considered = []
    for raw in getlist("negative_considered"):
        try:
            considered.append(entries[int(raw)])
        except (KeyError, ValueError, TypeError):
            raise ActionRefused(_("所选负面清单条目不存在，请刷新页面后重试。")) from None
    cited = None
    if item.disclosure_mode == "not_disclosed":
        raw = data.get("negative_cited") or ""
        try:
            cited = entries[int(raw)]
        except (KeyError, ValueError, TypeError):
            raise ActionRefused(_("不予公开的信息须选择所属的负面清单条目。")) from None
        if cited.basis != item.exemption_basis:
            raise ActionRefused(_("所选负面清单条目的依据（%(entry)s）与该信息的不予公开依据（%(item)s）不一致。") % {
                "entry": cited.get_basis_display(), "item": item.get_exemption_basis_display()})
        if cited not in considered:
            considered.append(cited)
    checklist = ReviewChecklist.objects.create(review=review, cited=cited)
    checklist.considered.set(considered)
    record(actor, "assurance.negative_checklist", item, organization=item.organization,
           after={"considered": [e.title for e in considered], "cited": cited.title if cited else ""})
    return checklist


def checklist_of(review_ids) -> dict[int, ReviewChecklist]:
    return {c.review_id: c for c in ReviewChecklist.objects.filter(review_id__in=list(review_ids))
            .select_related("cited").prefetch_related("considered")}
