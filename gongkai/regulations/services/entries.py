"""Keeping the register: record an item as a 规范性文件 (or create both), correct its entry, its 制定机关 and 备案."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record, snapshot
from gongkai.core.services import ActionRefused
from gongkai.publishing import services as publishing
from gongkai.publishing.choices import State, Validity
from gongkai.publishing.dates import formed_on_problem
from gongkai.publishing.workflow import EDITABLE_STATES
from gongkai.regulations import subscriptions
from gongkai.regulations.dates import (
    check_against_history,
    check_dates,
    latest_renewal,
)
from gongkai.regulations.models import Filing, Issuer, NormativeDocument
from gongkai.regulations.numbers import check_doc_number, check_unique
from gongkai.regulations.services.common import (
    AUDITED,
    DOCUMENT_FIELDS,
    NORMATIVE_NODE,
    _require,
    publishing_announce,
)


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
    effective_from_before = document.effective_from
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
    check_against_history(document, effective_from_before)
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
