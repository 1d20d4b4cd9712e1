"""有效期: the warning before a document's period ends and its lapse (已失效) when it ends unrenewed; and
修改/废止/替代 recorded ahead of their 生效日期 (「自2027年6月1日起废止」), applied when that day comes; and
the documents that took effect (施行日期 reached) announced like any changed item.

Run by `gongkai run_periodic` (`enqueue_sweep`) and `gongkai regulations_sweep`, which enqueue
`tasks.sweep_validity`, which calls `sweep(today)`. All steps are idempotent (a warning is given once per
有效期至; a lapsed document is no longer in force; a relation is applied once, by its event), so running the
sweep twice, or late, does no harm: a late run lapses and applies with the correct dates. Every change the
sweep makes is announced (`publishing.events`, by `services.change_validity`): the page files nginx serves
and the search index follow at once. A document taking effect changes nothing stored, so
`announce_state_changes` announces the documents whose 施行日期 came since its last run (`StateRun`).
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.core.services import ActionRefused
from gongkai.publishing.choices import State
from gongkai.regulations.lifecycle import IN_FORCE
from gongkai.regulations.models import SOURCE_ENDED_FIRST, Event, NormativeDocument, Relation, StateRun
from gongkai.regulations.services import apply_scheduled, change_validity
from gongkai.workdays.normative import normative_lapses_on
from gongkai.workdays.statute import NORMATIVE_EXPIRY_WARNING_DAYS

LIVE_STATES = (State.PUBLISHED, State.WITHDRAWN)


def in_force(today: dt.date):
    return NormativeDocument.objects.filter(validity__in=IN_FORCE, item__state__in=LIVE_STATES)


def due_warnings(today: dt.date):
    """Documents in force whose 有效期 ends within the warning window and whose unit was not yet warned."""
    already = Event.objects.filter(document=OuterRef("pk"), kind=Event.Kind.EXPIRY_WARNING,
                                   expires_on=OuterRef("expires_on"))
    return (
        in_force(today)
        .filter(expires_on__gte=today, expires_on__lte=today + dt.timedelta(days=NORMATIVE_EXPIRY_WARNING_DAYS))
        .exclude(Exists(already))
        .select_related("item__organization")
    )


def expiring_soon(organization_ids, today: dt.date):
    """For the staff list: documents in force whose 有效期 ends within the warning window."""
    return in_force(today).filter(
        item__organization_id__in=organization_ids, expires_on__gte=today,
        expires_on__lte=today + dt.timedelta(days=NORMATIVE_EXPIRY_WARNING_DAYS),
    ).select_related("item")


@transaction.atomic
def warn(document: NormativeDocument, today: dt.date) -> Event:
    event = Event.objects.create(
        document=document, kind=Event.Kind.EXPIRY_WARNING, on=today, expires_on=document.expires_on,
        validity_before=document.validity, validity_after=document.validity,
        note=_("有效期至%(date)s，请在届满前完成评估：需要继续执行的延长有效期，需要修改的按程序修改。")
        % {"date": document.expires_on.isoformat()},
    )
    record(None, "regulations.expiry_warning", document, organization=document.item.organization,
           after={"expires_on": document.expires_on.isoformat()})
    from gongkai.regulations.tasks import send_expiry_warning

    transaction.on_commit(lambda: send_expiry_warning.enqueue(event.pk))
    return event


@transaction.atomic
def lapse(document: NormativeDocument) -> Event:
    document = NormativeDocument.objects.select_for_update().select_related("item__organization").get(pk=document.pk)
    return change_validity(
        None, document, "lapse", Event.Kind.LAPSED, normative_lapses_on(document.expires_on),
        _("有效期至%(date)s届满，未延长有效期，自动失效。") % {"date": document.expires_on.isoformat()},
    )


def due_relations(today: dt.date):
    """修改/废止/替代 whose 生效日期 has come and which have not yet changed their (still in force) target;
    not those whose acting document ended first (audited then, `services.cancel_scheduled`)."""
    applied = Event.objects.filter(relation=OuterRef("pk"))
    return (Relation.objects.filter(effective_on__lte=today, target__validity__in=IN_FORCE,
                                    target__item__state__in=LIVE_STATES)
            .exclude(Exists(applied)).exclude(SOURCE_ENDED_FIRST).select_related("target"))


def sweep(today: dt.date) -> dict:
    """Apply the relations, lapse and warn everything due on `today`, each document in its own transaction.
    Relations and lapses go in the order of their dates, so a late run applies whichever came first."""
    due = [(normative_lapses_on(doc.expires_on), 0, doc.pk, doc) for doc in in_force(today).filter(expires_on__lt=today)]
    due += [(relation.effective_on, 1, relation.pk, relation) for relation in due_relations(today)]
    lapsed, applied = [], []
    for _on, order, _pk, obj in sorted(due, key=lambda step: step[:3]):
        try:
            if order == 0:
                lapsed.append(lapse(obj).document_id)
            elif apply_scheduled(obj) is not None:
                applied.append(obj.target_id)
        except ActionRefused:  # no longer in force: an earlier step of this run ended it
            continue
    warned = [warn(doc, today).document_id for doc in due_warnings(today)]
    return {"warned": warned, "lapsed": lapsed, "applied": applied}


def took_effect(since: dt.date | None, today: dt.date):
    """Documents in force, with a public page, whose 施行日期 is after `since` and no later than `today`: their
    state changed from 尚未施行 to 有效 in between. `since` None (no run before, the baseline): those taking
    effect today only — a state reached before is already what pages and search show, one still ahead has not
    changed."""
    documents = NormativeDocument.objects.public().filter(validity__in=IN_FORCE)
    if since is None:
        return documents.filter(effective_from=today)
    return documents.filter(effective_from__gt=since, effective_from__lte=today)


def still_waiting(today: dt.date):
    """Documents in force, with a public page, whose 施行日期 is still ahead (尚未施行)."""
    return NormativeDocument.objects.public().filter(validity__in=IN_FORCE, effective_from__gt=today)


@transaction.atomic
def announce_state_changes(today: dt.date) -> list[int]:
    """Announce (`publishing.events.announce`, "updated") the documents that took effect since the last run,
    once: the portal removes the page files that show them (their page, the library, the catalog lists) and
    search re-indexes them (尚未施行 → 有效). A day is announced once (`StateRun`); a day before the latest
    run (a clock set back) announces nothing. The first run (no `StateRun` yet) is the baseline: it announces
    the documents taking effect that day only, and has search re-index those still waiting. Only `enqueue_sweep` (`gongkai run_periodic`) calls it, not
    `gongkai regulations_sweep`. Returns the documents' ids."""
    from gongkai.publishing.events import announce

    latest = StateRun.objects.aggregate(day=Max("day"))["day"]
    if latest is not None and latest >= today:
        return []
    try:
        with transaction.atomic():
            run = StateRun.objects.create(day=today)
    except IntegrityError:  # another run_periodic announced this day at the same moment
        return []
    documents = list(took_effect(latest, today).values_list("pk", "item_id"))
    for _pk, item_id in documents:
        announce(item_id, "updated")
    if latest is None:
        # The first run after upgrading records the baseline: the documents still waiting have not changed, so
        # they are not announced (no page file removed, no subscriber told, for each of them). Only the search
        # index may hold them as 有效 (built before it knew 尚未施行): it re-indexes them, nothing else.
        from gongkai.search.tasks import enqueue_indexing

        enqueue_indexing(list(still_waiting(today).values_list("item_id", flat=True)))
    run.announced = len(documents)
    run.save(update_fields=["announced"])
    return [pk for pk, _item_id in documents]


def enqueue_sweep(today: dt.date | None = None) -> int:
    """For `gongkai run_periodic`: enqueue today's sweep when anything is due, and announce the documents that
    took effect since the last run; returns how many documents are due (lapse, warning or a relation taking
    effect) plus how many took effect."""
    from django.utils import timezone

    from gongkai.regulations.tasks import sweep_validity

    today = today or timezone.localdate()
    due = (in_force(today).filter(expires_on__lt=today).count() + due_warnings(today).count()
           + due_relations(today).count())
    if due:
        sweep_validity.enqueue(today.isoformat())
    from gongkai.regulations.subscriptions import announce_due

    took = announce_state_changes(today)  # first: a failing mail must not keep 尚未施行 on the day's pages
    announce_due()  # a document published on a schedule is news once public (subscribers, not counted here)
    return due + len(took)
