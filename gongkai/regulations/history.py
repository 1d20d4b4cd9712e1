"""Reading a document's history: its timeline, its relations on both sides, and where its current text is."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.publishing.choices import Validity
from gongkai.regulations.models import SOURCE_ENDED_FIRST, Event, NormativeDocument, Relation


@dataclass(frozen=True)
class Step:
    on: dt.date
    label: str
    other: NormativeDocument | None = None  # the document that acted or was acted on
    note: str = ""
    future: bool = False


OUTGOING_LABELS = {
    Relation.Kind.AMENDS: gettext_lazy("修改了"),
    Relation.Kind.REPEALS: gettext_lazy("废止了"),
    Relation.Kind.REPLACES: gettext_lazy("替代了"),
}


# A 修改/废止/替代 dated ahead whose target ended first (repealed by another document, or lapsed) before the
# day came: the daily sweep never applies it, and the acting document's pages say so.
NOT_APPLIED_LABELS = {
    Relation.Kind.AMENDS: gettext_lazy("原定修改（该文件此前已失效，未执行）"),
    Relation.Kind.REPEALS: gettext_lazy("原定废止（该文件此前已失效，未执行）"),
    Relation.Kind.REPLACES: gettext_lazy("原定替代（该文件此前已失效，未执行）"),
}


# ... and one whose acting document ended first (清理, lapse, another repeal): `services.cancel_scheduled`.
SOURCE_ENDED_LABELS = {
    Relation.Kind.AMENDS: gettext_lazy("原定修改（本文件此前已废止或失效，未执行）"),
    Relation.Kind.REPEALS: gettext_lazy("原定废止（本文件此前已废止或失效，未执行）"),
    Relation.Kind.REPLACES: gettext_lazy("原定替代（本文件此前已废止或失效，未执行）"),
}


SCHEDULED_LABELS = {
    Relation.Kind.AMENDS: gettext_lazy("将被修改"),
    Relation.Kind.REPEALS: gettext_lazy("将被废止"),
    Relation.Kind.REPLACES: gettext_lazy("将被替代"),
}


def _applied(relations):
    """Relations that have changed their target (a relation dated ahead is applied by the daily sweep)."""
    return relations.filter(Exists(Event.objects.filter(relation=OuterRef("pk"))))


def scheduled(document: NormativeDocument) -> list[Relation]:
    """Newer documents that will amend, repeal or replace this one from a later 生效日期 (not yet applied)."""
    if not document.is_current:
        return []
    pending = document.incoming.exclude(Exists(Event.objects.filter(relation=OuterRef("pk")))).exclude(
        SOURCE_ENDED_FIRST)
    return list(pending.select_related("source__item").order_by("effective_on", "id"))


def timeline(document: NormativeDocument, today: dt.date, public: bool = True) -> list[Step]:
    """Every dated step of the document, oldest first: made, in force, acted on and acting, ending."""
    steps = [Step(document.promulgated_on, _("公布")), Step(document.effective_from, _("施行"),
                                                           future=document.effective_from > today)]
    for relation in acts_on(document):
        labels = OUTGOING_LABELS
        if relation.not_applied:
            labels = SOURCE_ENDED_LABELS if relation.source_ended_first else NOT_APPLIED_LABELS
        steps.append(Step(relation.effective_on, str(labels[relation.kind]), relation.target, relation.note,
                          future=relation.effective_on > today))
    for relation in scheduled(document):
        steps.append(Step(relation.effective_on, str(SCHEDULED_LABELS[relation.kind]), relation.source, relation.note,
                          future=True))
    events = document.events.select_related("relation__source__item")
    if public:
        events = events.exclude(kind__in=Event.INTERNAL_KINDS)
    for event in events:
        other = event.relation.source if event.relation_id else None
        label = event.get_kind_display()
        if event.kind == Event.Kind.RENEWED and event.expires_on:
            label = _("延长有效期至%(date)s") % {"date": event.expires_on.isoformat()}
        steps.append(Step(event.on, label, other, event.note if other is None else event.relation.note))
    if document.is_current:
        steps.append(Step(document.expires_on, _("有效期届满"), future=document.expires_on >= today))
    return sorted(steps, key=lambda s: s.on)


def acted_on_by(document: NormativeDocument) -> list[Relation]:
    """The newer documents that amended, repealed or replaced this one (those in effect; see `scheduled`)."""
    return list(_applied(document.incoming).select_related("source__item").order_by("effective_on", "id"))


def acts_on(document: NormativeDocument) -> list[Relation]:
    """The documents this one amends, repeals or replaces; `not_applied` on a relation whose target, or this
    document itself, ended before the relation could take effect (it never will)."""
    relations = list(document.outgoing.annotate(applied=Exists(Event.objects.filter(relation=OuterRef("pk"))))
                     .select_related("target__item", "source").order_by("effective_on", "id"))
    for relation in relations:
        relation.not_applied = not relation.applied and (not relation.target.is_current
                                                         or relation.source_ended_first)
    return relations


def current_text(document: NormativeDocument, _seen=None) -> NormativeDocument | None:
    """Where the text in force is: the document itself when 有效; for 已修改 the latest amending document
    (followed on if that was itself replaced; the document itself if that has ended); for a replaced document its replacement; none when the
    matter is no longer regulated (废止 without replacement, 已失效)."""
    seen = _seen or set()
    if document.pk in seen:  # defensive: relations never form a cycle, but a loop must not hang a page
        return None
    seen.add(document.pk)
    if document.validity == Validity.VALID:
        return document
    incoming = _applied(document.incoming).select_related("source__item").order_by("-effective_on", "-id")
    if document.validity == Validity.AMENDED:
        latest = incoming.filter(kind=Relation.Kind.AMENDS).first()
        if latest is None:
            return document
        # the amending document's own current text; when that has ended since (e.g. 清理 repealed the
        # 修改决定), the amendments live on in this document, never in an ended one
        return current_text(latest.source, seen) or document
    if document.validity == Validity.REPEALED:
        replacement = incoming.filter(kind=Relation.Kind.REPLACES).first()
        return current_text(replacement.source, seen) if replacement else None
    return None
