"""Changing validity: the lifecycle step (`change_validity`), 修改 / 废止 / 替代 between two documents (`relate`,
applied at once or by the daily sweep, `apply_scheduled`; cancelled when the acting document ends first) and
延长有效期 (`renew`)."""

import datetime as dt

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record, snapshot
from gongkai.core.services import ActionRefused
from gongkai.organizations.services import descendant_ids
from gongkai.publishing import services as publishing
from gongkai.publishing.choices import State
from gongkai.regulations import subscriptions
from gongkai.regulations.dates import (
    check_acting_date,
)
from gongkai.regulations.lifecycle import rule, target_validity
from gongkai.regulations.models import CURRENT_VALIDITIES, Event, NormativeDocument, Relation
from gongkai.regulations.services.common import (
    AUDITED,
    RELATION_EVENTS,
    _check_transition,
    _locked,
    _require,
    publishing_announce,
)
from gongkai.workdays.normative import (
    normative_is_provisional,
    normative_latest_expiry,
    normative_latest_scheduled,
)
from gongkai.workdays.statute import NORMATIVE_MAX_YEARS_AHEAD


def change_validity(actor, document: NormativeDocument, verb: str, kind: str, on: dt.date, note: str,
                    relation=None, campaign=None, expires_on=None, request=None) -> Event:
    """Move a (locked) document along the lifecycle, with its event, item validity and audit entry.
    Callers hold the transaction and have checked permission."""
    _check_transition(document, verb)
    after = target_validity(verb, document.validity)
    before = snapshot(document, AUDITED)
    validity_before = document.validity
    if after != document.validity or verb == "amend":  # 已修改 carries the date of the latest amendment
        document.validity = after
        document.validity_since = on
    if expires_on is not None:
        document.expires_on = expires_on
    if verb == "mark_to_amend":
        document.pending_amendment = True
    elif after != validity_before or verb == "amend":
        document.pending_amendment = False  # amended, or no longer in force
    document.save()
    event = Event.objects.create(
        document=document, kind=kind, on=on, validity_before=validity_before, validity_after=document.validity,
        expires_on=expires_on, relation=relation, campaign=campaign, note=note,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if document.item.validity != document.validity:  # announced by publishing
        publishing.set_validity(actor, document.item, document.validity,
                                f"{event.get_kind_display()}（{on.isoformat()}）")
    else:  # its page changed all the same (another amendment, a new 有效期至, 待修改): page files, search
        publishing_announce(document)
    record(actor, f"regulations.{verb}", document, organization=document.item.organization, before=before,
           after=snapshot(document, AUDITED), note=note, request=request)
    if validity_before in CURRENT_VALIDITIES and not document.is_current:
        cancel_scheduled(actor, document, request=request)
    transaction.on_commit(lambda: subscriptions.validity_changed(event.pk))
    return event


def cancel_scheduled(actor, source: NormativeDocument, request=None) -> list[Relation]:
    """`source` has just ended: its 修改/废止/替代 dated on or after its end never take effect (a document
    without force changes nothing). The sweep leaves them alone (`Relation.source_ended_first`); each is
    audited here, once, on the document that stays as it is."""
    pending = (source.outgoing.filter(effective_on__gte=source.validity_since)
               .exclude(Exists(Event.objects.filter(relation=OuterRef("pk")))).select_related("target__item"))
    for relation in pending:
        verb, _event_kind = RELATION_EVENTS[relation.kind]
        target = relation.target
        record(actor, "regulations.scheduled_not_applied", target, organization=target.item.organization,
               after={"relation": relation.kind, "source": source.pk, "effective_on": relation.effective_on.isoformat()},
               note=_("《%(title)s》已于%(end)s%(validity)s，其定于%(day)s生效的%(kind)s不再执行，本文件有效性不变。")
               % {"title": source.title, "end": source.validity_since.isoformat(),
                  "validity": source.get_validity_display(), "day": relation.effective_on.isoformat(),
                  "kind": relation.get_kind_display()}, request=request)
        publishing_announce(target)  # its page no longer announces the relation
    return list(pending)


def _may_act_on(actor, source: NormativeDocument, target: NormativeDocument) -> bool:
    """The organ of the newer document acts on its own documents and those of organizations below it;
    otherwise the actor must also hold the verb on the older document's organization."""
    target_org = target.item.organization_id
    if target_org in descendant_ids([source.item.organization_id]):
        return True
    return has_perm(actor, "regulations.change_validity", target_org)


@transaction.atomic
def relate(actor, source: NormativeDocument, target: NormativeDocument, kind: str, effective_on: dt.date | None = None,
           note: str = "", request=None) -> Relation:
    """修改 / 废止 / 替代: `source` (the newer document) acts on `target`; both sides change together."""
    if kind not in RELATION_EVENTS:
        raise ActionRefused(_("请选择文件关系（修改、废止或替代）。"))
    if source.pk == target.pk:
        raise ActionRefused(_("文件不能修改、废止或替代其自身。"))
    # Lock both rows in a fixed order so two concurrent actions never deadlock.
    first, second = sorted([source.pk, target.pk])
    locked = {pk: _locked(NormativeDocument(pk=pk)) for pk in (first, second)}
    source, target = locked[source.pk], locked[target.pk]
    _require(actor, "regulations.change_validity", source.item.organization_id)
    if not _may_act_on(actor, source, target):
        raise ActionRefused(_("《%(title)s》不属于本单位或下级单位，不能由本单位的文件修改或废止。")
                            % {"title": target.title})
    if source.item.state != State.PUBLISHED:
        raise ActionRefused(_("修改、废止或替代其他文件的文件须先发布。"))
    if target.item.state not in (State.PUBLISHED, State.WITHDRAWN):
        raise ActionRefused(_("被修改、废止或替代的文件须是已发布的文件。"))
    if target.outgoing.filter(target=source).exists():
        raise ActionRefused(_("两个文件不能互相修改或废止。"))
    effective_on = effective_on or source.effective_from
    if not source.is_current and effective_on >= source.validity_since:  # an ended document acts no more
        raise ActionRefused(_("本文件已于%(day)s%(validity)s，不能自该日起修改、废止或替代其他文件。")
                            % {"day": source.validity_since.isoformat(), "validity": source.get_validity_display()})
    if effective_on < target.promulgated_on:
        raise ActionRefused(_("生效日期不能早于被作用文件的公布日期。"))
    if effective_on < source.promulgated_on:  # a document acts only from the day it exists
        raise ActionRefused(_("生效日期不能早于本文件的公布日期（%(day)s）。")
                            % {"day": source.promulgated_on.isoformat()})
    check_acting_date(source, kind, effective_on)  # 替代 and 修改: not before the newer document is in force
    today = timezone.localdate()
    latest = normative_latest_scheduled(today)
    if effective_on > latest:
        raise ActionRefused(_("生效日期 %(day)s 距今超过%(years)s年，请核对（最迟%(latest)s）。")
                            % {"day": effective_on.isoformat(), "years": NORMATIVE_MAX_YEARS_AHEAD,
                               "latest": latest.isoformat()})
    if Relation.objects.filter(source=source, target=target, kind=kind).exists():
        raise ActionRefused(_("这两个文件之间已登记过相同的关系。"))
    verb, _event_kind = RELATION_EVENTS[kind]
    _check_transition(target, verb)
    note = (note or "").strip()
    relation = Relation.objects.create(source=source, target=target, kind=kind, effective_on=effective_on, note=note,
                                       created_by=actor if getattr(actor, "is_authenticated", False) else None)
    if effective_on <= today:
        _apply(actor, relation, target, request=request)
    else:  # 「自某日起废止」: the older document stays as it is until then; the daily sweep applies it
        record(actor, f"regulations.{verb}_scheduled", target, organization=target.item.organization,
               after={"relation": kind, "source": source.pk, "effective_on": effective_on.isoformat()},
               note=note, request=request)
    record(actor, f"regulations.{verb}_other", source, organization=source.item.organization,
           after={"relation": kind, "target": target.pk, "target_title": target.title,
                  "effective_on": effective_on.isoformat()}, note=note, request=request)
    publishing_announce(source)
    return relation


def _apply(actor, relation: Relation, target: NormativeDocument, request=None) -> Event:
    verb, event_kind = RELATION_EVENTS[relation.kind]
    source = relation.source
    return change_validity(actor, target, verb, event_kind, relation.effective_on,
                           relation.note or _("被《%(title)s》（%(number)s）%(kind)s")
                           % {"title": source.title, "number": source.item.doc_number,
                              "kind": Relation.Kind(relation.kind).label},
                           relation=relation, request=request)


@transaction.atomic
def apply_scheduled(relation: Relation) -> Event | None:
    """The daily sweep, on or after a relation's 生效日期: change the older document now, as the system.
    Idempotent: a relation already applied, whose target is no longer in force, or whose source ended
    first (`cancel_scheduled`), is left alone."""
    relation = Relation.objects.select_related("source__item").get(pk=relation.pk)
    target = _locked(relation.target)
    verb, _event_kind = RELATION_EVENTS[relation.kind]
    if relation.events.exists() or target_validity(verb, target.validity) is False or relation.source_ended_first:
        return None
    publishing_announce(relation.source)  # its page lists the relation as in effect now, no longer ahead
    return _apply(None, relation, target)


def amend(actor, source, target, effective_on=None, note="", request=None) -> Relation:
    return relate(actor, source, target, Relation.Kind.AMENDS, effective_on, note, request)


def repeal(actor, source, target, effective_on=None, note="", request=None) -> Relation:
    return relate(actor, source, target, Relation.Kind.REPEALS, effective_on, note, request)


def replace(actor, source, target, effective_on=None, note="", request=None) -> Relation:
    return relate(actor, source, target, Relation.Kind.REPLACES, effective_on, note, request)


@transaction.atomic
def renew(actor, document: NormativeDocument, new_expires_on: dt.date, reason: str, renewed_on: dt.date | None = None,
          request=None) -> Event:
    """延长有效期 after evaluation: the new period counts from the renewal and obeys the province's rule."""
    document = _locked(document)
    _require(actor, "regulations.change_validity", document.item.organization_id)
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(_("请说明延长有效期的理由（评估结论）。"))
    renewed_on = renewed_on or timezone.localdate()
    check_renewal(document, new_expires_on, renewed_on)
    return change_validity(actor, document, "renew", Event.Kind.RENEWED, renewed_on, reason,
                           expires_on=new_expires_on, request=request)


def check_renewal(document: NormativeDocument, new_expires_on: dt.date, renewed_on: dt.date) -> None:
    if new_expires_on <= document.expires_on:
        raise ActionRefused(_("新的有效期至须晚于原有效期至（%(date)s）。") % {"date": document.expires_on.isoformat()})
    current = rule()
    latest = normative_latest_expiry(renewed_on, normative_is_provisional(document.title, current), current)
    if new_expires_on > latest:
        raise ActionRefused(_("延长后的有效期自延长之日起不得超过规定年限（%(source)s），最迟至%(latest)s。")
                            % {"source": current.source, "latest": latest.isoformat()})
