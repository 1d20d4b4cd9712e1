"""规范性文件 services: one function per verb. Each checks permission and the lifecycle, changes both
sides of a relation in one transaction, keeps InformationItem.validity in step, and writes the audit log.
Refusals raise ActionRefused with a reason in Chinese. Cleanup campaigns are in `campaigns.py`,
expiry (warning and lapse) in `expiry.py`.
"""

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
from gongkai.publishing.choices import State, Validity
from gongkai.publishing.dates import formed_on_problem
from gongkai.publishing.workflow import EDITABLE_STATES
from gongkai.regulations import subscriptions
from gongkai.regulations.dates import (
    check_acting_date,
    check_against_history,
    check_dates,
    latest_renewal,
)
from gongkai.regulations.lifecycle import rule, target_validity
from gongkai.regulations.models import CURRENT_VALIDITIES, Event, Filing, Issuer, NormativeDocument, Relation
from gongkai.regulations.numbers import check_doc_number, check_unique
from gongkai.workdays.normative import (
    normative_is_provisional,
    normative_latest_expiry,
    normative_latest_scheduled,
)
from gongkai.workdays.statute import NORMATIVE_MAX_YEARS_AHEAD

DOCUMENT_FIELDS = ["promulgated_on", "effective_from", "expires_on", "legality_reviewer", "legality_reviewed_on",
                   "legality_opinion"]
AUDITED = [*DOCUMENT_FIELDS, "validity", "validity_since", "pending_amendment"]
NORMATIVE_NODE = "art20.1"

RELATION_EVENTS = {
    Relation.Kind.AMENDS: ("amend", Event.Kind.AMENDED),
    Relation.Kind.REPEALS: ("repeal", Event.Kind.REPEALED),
    Relation.Kind.REPLACES: ("replace", Event.Kind.REPLACED),
}


def _require(actor, perm: str, organization_id: int) -> None:
    if not has_perm(actor, perm, organization_id):
        raise ActionRefused(_("您没有权限执行此操作（仅限本单位有相应岗位的人员）。"))


def _set_issuers(actor, document: NormativeDocument, issuers) -> None:
    """The lead 制定机关 is the publishing unit or one the actor keeps the register of (the public library
    and the annual report credit it); 联合制定 organs may be any active organ and are recorded as such."""
    issuers = list(dict.fromkeys(issuers))
    if not issuers:
        raise ActionRefused(_("请至少选择一个制定机关（牵头机关在前）。"))
    lead, current = issuers[0], document.issuer_links.filter(position=0).values_list("organization_id", flat=True)
    if (lead.pk != document.item.organization_id and lead.pk not in current
            and not has_perm(actor, "regulations.manage", lead.pk)):
        raise ActionRefused(_("牵头制定机关须为发布机构（%(org)s）或您有权登记规范性文件的单位，不能以“%(lead)s”的名义登记；"
                              "其他机关可列为联合制定机关。")
                            % {"org": document.item.organization.name, "lead": lead.name})
    recorded = set(document.issuer_links.values_list("organization_id", flat=True))
    inactive = [o for o in issuers if not o.is_active and o.pk not in recorded]  # abolished since: kept as recorded
    if inactive:
        raise ActionRefused(_("“%(org)s”已撤销，不能列为制定机关。") % {"org": inactive[0].name})
    document.issuer_links.all().delete()
    Issuer.objects.bulk_create(
        [Issuer(document=document, organization=org, position=pos) for pos, org in enumerate(issuers)]
    )


@transaction.atomic
def register(actor, item, data: dict, issuers=(), request=None) -> NormativeDocument:
    """Record an information item as a 规范性文件 (its metadata beside the item)."""
    _require(actor, "regulations.manage", item.organization_id)
    if item.state == State.DELETED:
        raise ActionRefused(_("已删除的信息不能登记为规范性文件。"))
    if NormativeDocument.objects.filter(item=item).exists():
        raise ActionRefused(_("该信息已登记为规范性文件。"))
    if not item.doc_number.strip():
        raise ActionRefused(_("规范性文件须有发文字号。"))
    check_doc_number(item.doc_number)
    check_unique(item)
    values = {field: data[field] for field in DOCUMENT_FIELDS}
    check_dates(item.title, values["promulgated_on"], values["effective_from"], values["expires_on"],
                values["legality_reviewed_on"], written_on=item.written_on)
    document = NormativeDocument.objects.create(
        item=item, validity=Validity.VALID, validity_since=values["effective_from"], **values
    )
    _set_issuers(actor, document, list(issuers) or [item.organization])
    publishing.set_validity(actor, item, Validity.VALID, _("登记为规范性文件"))
    record(actor, "regulations.register", document, organization=item.organization,
           after=snapshot(document, AUDITED) | {"issuers": [o.pk for o in document.issuer_list()]}, request=request)
    publishing_announce(document)  # re-indexed as a 规范性文件 (the search page's type facet)
    if item.state == State.PUBLISHED:  # published first, registered now: 新发布 only if that publication is new
        transaction.on_commit(lambda: subscriptions.registered(document.pk))
    return document


@transaction.atomic
def create_document(actor, organization, item_data: dict, data: dict, issuers=(), extra_nodes=(),
                    request=None) -> NormativeDocument:
    """A new draft item in the 规范性文件 column and its register entry, together."""
    from gongkai.catalog.services import node_by_key

    node = node_by_key(organization, NORMATIVE_NODE)
    if node is None:
        raise ActionRefused(_("本单位的公开目录中没有“规范性文件”栏目。"))
    # before the item: its 形成或变更日期 is the 公布日期, and a refusal names the field the clerk typed
    check_dates(item_data.get("title", ""), data["promulgated_on"], data["effective_from"], data["expires_on"],
                data["legality_reviewed_on"], written_on=item_data.get("written_on"))
    item = publishing.create_item(actor, organization, item_data, [node, *extra_nodes], request=request)
    return register(actor, item, data, issuers, request=request)


@transaction.atomic
def update_document(actor, document: NormativeDocument, data: dict, issuers=None, request=None) -> NormativeDocument:
    document = NormativeDocument.objects.select_for_update().select_related("item").get(pk=document.pk)
    _require(actor, "regulations.manage", document.item.organization_id)
    before = snapshot(document, AUDITED)
    published = document.item.state not in EDITABLE_STATES
    if published and data.get("expires_on", document.expires_on) != document.expires_on:
        raise ActionRefused(_("已发布文件的有效期只能通过“延长有效期”或清理结论变更。"), field="expires_on")
    changed = [f for f in DOCUMENT_FIELDS if f in data and data[f] != getattr(document, f)]
    if issuers is not None and [o.pk for o in dict.fromkeys(issuers)] != [o.pk for o in document.issuer_list()]:
        changed.append("issuers")  # the 制定机关 the library and the annual report credit
    if published and changed and not has_perm(actor, "item.edit_published", document.item.organization_id):
        # the same rule as the item itself: after publication only the unit's 审核员 corrects it
        raise ActionRefused(_("已发布或已撤回文件的登记信息只能由本单位审核员更正。"))
    for field in DOCUMENT_FIELDS:
        if field in data:
            setattr(document, field, data[field])
    check_dates(document.item.title, document.promulgated_on, document.effective_from, document.expires_on,
                document.legality_reviewed_on, renewed_on=latest_renewal(document),
                # the 成文日期 is the item's: checked again only when the 公布日期 it must precede changes
                written_on=document.item.written_on if "promulgated_on" in changed else None)
    check_against_history(document)
    if document.validity == Validity.VALID and not document.events.exists():
        document.validity_since = document.effective_from
    document.save()
    before["issuers"] = [o.pk for o in document.issuer_list()]
    if issuers is not None:
        _set_issuers(actor, document, issuers)
    record(actor, "regulations.update", document, organization=document.item.organization, before=before,
           after=snapshot(document, AUDITED) | {"issuers": [o.pk for o in document.issuer_list()]}, request=request)
    if changed:  # its page, and with a corrected 施行日期 its state (尚未施行 ↔ 有效): page files, search
        publishing_announce(document)
    return document


@transaction.atomic
def set_filing(actor, document: NormativeDocument, body: str, filed_on: dt.date, number: str,
               request=None) -> Filing:
    """备案 record: where, when and under which number the document was filed."""
    _require(actor, "regulations.manage", document.item.organization_id)
    number = (number or "").strip()
    if body not in Filing.Body.values:
        raise ActionRefused(_("请选择备案机关。"))
    if not number:
        raise ActionRefused(_("请填写备案号。"))
    if filed_on < document.promulgated_on:
        raise ActionRefused(_("备案日期不能早于公布日期。"))
    problem = formed_on_problem(filed_on, _("备案日期"))
    if problem:
        raise ActionRefused(problem)
    previous = Filing.objects.select_for_update().filter(document=document, body=body).first()
    before = ({"body": body, "filed_on": previous.filed_on.isoformat(), "number": previous.number}
              if previous else None)  # a second 备案 with the same body replaces it: the audit keeps the old one
    filing, created = Filing.objects.update_or_create(
        document=document, body=body, defaults={"filed_on": filed_on, "number": number}
    )
    record(actor, "regulations.filing", document, organization=document.item.organization, before=before,
           after={"body": body, "filed_on": filed_on.isoformat(), "number": number}, request=request)
    publishing_announce(document)  # its page lists the 备案
    return filing


def _locked(document: NormativeDocument) -> NormativeDocument:
    return NormativeDocument.objects.select_for_update().select_related("item__organization").get(pk=document.pk)


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


def _check_transition(document: NormativeDocument, verb: str) -> None:
    if target_validity(verb, document.validity) is False:
        raise ActionRefused(
            _("《%(title)s》当前为“%(validity)s”，不能再变更其有效性。")
            % {"title": document.title, "validity": document.get_validity_display()}
        )


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


def publishing_announce(document: NormativeDocument) -> None:
    """A document's page changed without its item (it lists what it amends, its 有效期至 or 待修改 changed):
    tell search, feeds and the page files, as publishing does for an item (`publishing.events`)."""
    from gongkai.publishing.events import announce

    announce(document.item_id, "updated")


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


def annual_counts(organization_ids, year: int) -> dict[str, int]:
    """Read-only, for the annual report's table 2 (gongkai.reports): the published 规范性文件 whose lead
    制定机关 (else the publishing organization) is one of `organization_ids`, counted for `year`:
    issued (公布日期 in the year), repealed (废止 or 替代 dated in the year), in_force, published (first
    published on the platform in the year) and published_total (published by 31 December).

    in_force: table 2's 现行有效件数 (shared/spec/annual-report.md, `in_force`; 「截至Y年底现行有效」 in
    reports/narrative.py): in force on 31 December — 施行日期 reached (one taking effect in January is 尚未施行
    then), not ended by then (the dated events) and 有效期至 not before it."""
    from django.db.models import Q

    from gongkai.publishing.models import InformationItem

    ids = list(organization_ids)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    docs = NormativeDocument.objects.filter(
        Q(issuer_links__position=0, issuer_links__organization_id__in=ids)
        | Q(issuer_links__isnull=True, item__organization_id__in=ids),
        item__in=InformationItem.objects.public(),
    ).distinct()
    counts = {"issued": 0, "repealed": 0, "in_force": 0, "published": 0, "published_total": 0}
    events: dict[int, list[tuple[dt.date, int, str]]] = {}
    for event in Event.objects.filter(document__in=docs, on__lte=end).exclude(validity_after=""):
        events.setdefault(event.document_id, []).append((event.on, event.pk, event.validity_after))
    for doc in docs.select_related("item"):
        published_on = timezone.localtime(doc.item.published_at).date() if doc.item.published_at else None
        counts["issued"] += start <= doc.promulgated_on <= end
        if published_on and published_on <= end:
            counts["published_total"] += 1
            counts["published"] += published_on >= start
        history = sorted(events.get(doc.pk, []))
        counts["repealed"] += any(start <= on <= end and after == Validity.REPEALED for on, _pk, after in history)
        validity_at_end = history[-1][2] if history else Validity.VALID
        counts["in_force"] += (doc.effective_from <= end and doc.expires_on >= end
                               and validity_at_end in (Validity.VALID, Validity.AMENDED))
    return counts
