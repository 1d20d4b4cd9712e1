"""The digest that finds an evaluation already imported, and the merge of the duplicates an older digest let in.

The same 差评 can come back with its text's line breaks written differently: a CSV saved on Windows ends the
lines inside a cell with CR LF, an XLSX (Alt+Enter in Excel) with LF, and Excel keeps the spaces a line ends
with. The digest is taken of the text with every line break made LF and each line's trailing white space
removed (`normalise`), and the evaluation's texts are stored so; the time is taken in UTC, so that a stored
evaluation and a row just read give the same digest whatever the site's time zone.

Before this, such a row was stored a second time. Migration 0006 recomputes every digest and merges the
evaluations that now share one (`merge_duplicates`): the one imported first is kept, with the 整改情况 of the
two that was written last (by the batch imported later); each merge is audited (`ratings.merge_duplicate`)
with the removed record, its file, and the 整改情况 not kept, so nothing is lost silently.

This module takes the model classes as arguments and imports no model: the migration passes its historical
ones, the tests the real ones.
"""

import datetime as dt
import hashlib

# The fields of an evaluation that make it the same one (整改情况 left out: a later export fills it in).
DIGEST_FIELDS = ("service", "organization_id", "channel", "rated_at", "level", "complaint")
TEXT_FIELDS = ("service", "channel", "complaint", "rectification")
MERGE_ACTION = "ratings.merge_duplicate"


def normalise(text: str) -> str:
    """LF line breaks, no white space at the end of a line, none around the text."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def digest(values: dict) -> str:
    """`values`: the DIGEST_FIELDS (texts normalised here too, the time aware)."""
    parts = []
    for name in DIGEST_FIELDS:
        value = values[name]
        if isinstance(value, dt.datetime):
            value = value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")
        elif isinstance(value, str):
            value = normalise(value)
        parts.append(str(value))
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def merge_duplicates(Evaluation, AuditEvent) -> list[dict]:
    """Normalise every evaluation's texts, recompute its digest, and merge those that now share a digest into
    the one imported first. Returns one entry per merge: kept, removed (ids), moved (the removed one's 整改情况
    taken), dropped (the 整改情况 not kept, in the audit entry)."""
    ImportBatch = Evaluation._meta.get_field("batch").related_model
    imported = dict(ImportBatch.objects.values_list("pk", "imported_at"))
    groups: dict[str, list] = {}
    for evaluation in Evaluation.objects.select_related("batch").order_by("batch__imported_at", "id"):
        for name in TEXT_FIELDS:
            setattr(evaluation, name, normalise(getattr(evaluation, name)))
        groups.setdefault(digest({name: getattr(evaluation, name) for name in DIGEST_FIELDS}), []).append(evaluation)
    merges = []
    for key, (kept, *others) in groups.items():
        for other in others:
            merges.append(_merge(kept, other, AuditEvent, imported))
            other.delete()
        kept.digest = key
        kept.save(update_fields=[*TEXT_FIELDS, "digest", "rectified_at", "rectification_batch"])
    return merges


def _written(evaluation, imported: dict) -> tuple:
    """When the evaluation's 整改情况 was written: the import of the batch that wrote it (else that added it)."""
    batch_id = evaluation.rectification_batch_id or evaluation.batch_id
    return imported.get(batch_id), batch_id


def remask(Evaluation, AuditEvent, chunk: int = 500) -> list[dict]:
    """The texts of every evaluation that may hold a number core.masking reads now and did not when it was imported
    (numberforms.CANDIDATE) masked again as an import masks them today, and its digest recomputed — else a later
    export holding the same row (its text masked the new way) is stored a second time. An evaluation whose new
    digest is another's is merged into the one imported first (as merge_duplicates, audited). Rows are read a
    chunk at a time; returns the merges."""
    from gongkai.core.masking import mask_numbers
    from gongkai.core.numberforms import CANDIDATE

    ImportBatch = Evaluation._meta.get_field("batch").related_model
    imported = dict(ImportBatch.objects.values_list("pk", "imported_at"))
    done, merges = set(), []
    for pk, *stored in Evaluation.objects.order_by("pk").values_list("pk", *TEXT_FIELDS).iterator(chunk):
        if pk in done or not any(CANDIDATE.search(text) for text in stored):
            continue
        evaluation = Evaluation.objects.select_related("batch").filter(pk=pk).first()  # as now, not as read
        if evaluation is None:
            continue
        texts = {name: normalise(mask_numbers(getattr(evaluation, name))) for name in TEXT_FIELDS}
        if all(texts[name] == getattr(evaluation, name) for name in TEXT_FIELDS):
            continue
        for name, text in texts.items():
            setattr(evaluation, name, text)
        key = digest({name: getattr(evaluation, name) for name in DIGEST_FIELDS})
        other = Evaluation.objects.select_related("batch").filter(digest=key).exclude(pk=pk).first()
        kept = evaluation
        if other is not None:
            first = min((evaluation, other), key=lambda e: (imported.get(e.batch_id), e.pk))
            kept, removed = first, (other if first is evaluation else evaluation)
            merges.append(_merge(kept, removed, AuditEvent, imported, reason=REMASK_REASON))
            done.add(removed.pk)
            removed.delete()
        kept.digest = key
        kept.save(update_fields=[*TEXT_FIELDS, "digest", "rectified_at", "rectification_batch"])
        done.add(kept.pk)
    return merges


# Why two evaluations are the same one (the audit note of a merge).
NEWLINE_REASON = "只有换行或行尾空格不同"
REMASK_REASON = "个人号码按现行规则遮盖后相同"


def _merge(kept, other, AuditEvent, imported: dict, reason: str = NEWLINE_REASON) -> dict:
    """The 整改情况 written last of the two is kept (as it would be had the row been stored once: before the
    guard of `reimport.decide`, a re-import always replaced it); the other one is written into the audit entry.
    The removed evaluation's batch stays linked to the unit."""
    other.batch.organizations.add(other.organization_id)
    before = kept.rectification
    moved = bool(other.rectification) and other.rectification != before and (
        not before or _written(other, imported) > _written(kept, imported))
    dropped = ""
    if other.rectification and before and other.rectification != before:
        dropped = before if moved else other.rectification
    if moved:
        kept.rectification = other.rectification
        kept.rectified_at = other.rectified_at
        kept.rectification_batch_id = other.rectification_batch_id
    note = (f"与记录#{other.pk}（文件「{other.batch.filename}」）是同一条评价（{reason}），"
            f"已合并到较早导入的这一条并删除记录#{other.pk}。")
    if moved:
        note += "整改情况取自被合并的记录（导入较晚）。"
    if dropped and moved:
        note += f"保留的记录原有的整改情况导入较早，已被替换：「{dropped}」。"
    elif dropped:
        note += f"被合并的记录的整改情况与保留的不同且导入较早，未采用：「{dropped}」。"
    AuditEvent.objects.create(
        actor_name="系统", action=MERGE_ACTION, object_type="ratings.evaluation", object_id=str(kept.pk),
        object_repr=f"{kept.service}"[:300], organization_id=kept.organization_id,
        changes={"rectification": [before, kept.rectification]} if moved else {}, note=note)
    return {"kept": kept.pk, "removed": other.pk, "moved": moved, "dropped": dropped}
