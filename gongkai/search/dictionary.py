"""Services of the synonym dictionary (search/synonyms.py): one function per verb, permission checked,
audited, and the documents holding the changed words re-indexed."""

from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import organization_ids_with
from gongkai.audit.services import record
from gongkai.core.services import ActionRefused
from gongkai.publishing.models import Attachment, InformationItem
from gongkai.search import synonyms
from gongkai.search.models import SynonymGroup

STARTING_LIST = Path(__file__).resolve().parent / "data" / "synonyms.txt"
REINDEX_BATCH = 500


def may_edit(actor) -> bool:
    return bool(organization_ids_with(actor, "search.synonyms"))


def _require(actor) -> None:
    if not may_edit(actor):
        raise ActionRefused(_("只有政务公开办的工作人员可以维护同义词词典。"))


def _clean(words: str) -> str:
    found = synonyms.split_words(words)
    if len(found) < 2:
        raise ActionRefused(_("一个同义词组至少要有两个词。"))
    too_long = [w for w in found if len(w) > synonyms.MAX_WORD_CHARS]
    if too_long:
        raise ActionRefused(_("“%(word)s”太长：每个词不超过 %(n)d 个字。") % {"word": too_long[0][:40],
                                                                      "n": synonyms.MAX_WORD_CHARS})
    return " ".join(found)


def affected_item_ids(words) -> list[int]:
    """Live items whose indexed text holds one of `words` (what a dictionary change re-indexes)."""
    words = [w for w in words if w]
    if not words:
        return []
    match = Q()
    for word in words:
        match |= (Q(title__icontains=word) | Q(body__icontains=word) | Q(summary__icontains=word)
                  | Q(keywords__icontains=word))
    ids = set(InformationItem.objects.live().filter(match).values_list("id", flat=True))
    in_attachments = Q()
    for word in words:
        in_attachments |= Q(text__icontains=word)
    ids |= set(Attachment.objects.filter(in_attachments, item__in=InformationItem.objects.live())
               .values_list("item_id", flat=True))
    return sorted(ids)


def _reindex(words) -> None:
    from gongkai.search.tasks import enqueue_indexing

    synonyms.forget()
    ids = affected_item_ids(words)
    for start in range(0, len(ids), REINDEX_BATCH):
        enqueue_indexing(ids[start:start + REINDEX_BATCH])
    transaction.on_commit(synonyms.forget)


@transaction.atomic
def save_group(actor, group: SynonymGroup | None, words: str, note: str = "", request=None) -> SynonymGroup:
    _require(actor)
    cleaned = _clean(words)
    before = {"words": group.words, "note": group.note} if group else None
    old_words = group.word_list() if group else []
    group = group or SynonymGroup()
    group.words, group.note = cleaned, (note or "").strip()[:200]
    group.save()
    record(actor, "search.synonyms_save", group, before=before, after={"words": group.words, "note": group.note},
           request=request)
    _reindex(set(old_words) | set(group.word_list()))
    return group


@transaction.atomic
def delete_group(actor, group: SynonymGroup, request=None) -> None:
    _require(actor)
    words = group.word_list()
    record(actor, "search.synonyms_delete", group, before={"words": group.words, "note": group.note}, after={},
           request=request)
    group.delete()
    _reindex(words)


def load_starting_list() -> int:
    """Fill an empty dictionary with the shipped starting list (tests, a fresh demo); returns the groups
    added."""
    if SynonymGroup.objects.exists():
        return 0
    lines = [line.strip() for line in STARTING_LIST.read_text(encoding="utf-8").splitlines()]
    SynonymGroup.objects.bulk_create(
        [SynonymGroup(words=line, note="初始词典") for line in lines if line and not line.startswith("#")])
    synonyms.forget()
    return SynonymGroup.objects.count()
