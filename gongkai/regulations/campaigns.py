"""清理 campaigns: open for a set of documents, record a result for each, close.

Closing does, in one transaction: the result list becomes an information item drafted in the name of the
campaign's opener and reviewed (保密审查) and published by the closer — four eyes, like every item —
and each result is applied to its document (继续有效, possibly with a new 有效期; 修改: marked 待修改 and
still in force until the amending document is related; 废止 → 已废止; 宣布失效 → 已失效).
"""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.services import record
from gongkai.core.i18n import in_document_language
from gongkai.core.secrecy import require_secrecy_review
from gongkai.core.services import ActionRefused
from gongkai.organizations.services import descendant_ids
from gongkai.publishing import services as publishing
from gongkai.publishing.choices import DocType, State
from gongkai.regulations.lifecycle import IN_FORCE
from gongkai.regulations.models import CleanupCampaign, CleanupEntry, Event, NormativeDocument
from gongkai.regulations.services import NORMATIVE_NODE, change_validity, check_renewal

Result = CleanupEntry.Result

APPLY = {
    # result: (lifecycle verb, event kind)
    Result.CONTINUE: ("confirm", Event.Kind.CONFIRMED),
    Result.AMEND: ("mark_to_amend", Event.Kind.TO_BE_AMENDED),
    Result.REPEAL: ("cleanup_repeal", Event.Kind.CLEANUP_REPEALED),
    Result.DECLARE_INVALID: ("declare_invalid", Event.Kind.DECLARED_INVALID),
}


def _require(actor, perm: str, organization_id: int) -> None:
    if not has_perm(actor, perm, organization_id):
        raise ActionRefused(_("您没有权限执行此操作（仅限本单位有相应岗位的人员）。"))


def close_refusal(actor, campaign: CleanupCampaign) -> str | None:
    """Why `actor` may not close `campaign` (None: they may). Closing reviews and publishes the result list,
    so it needs the 审核 and 发布 posts of the organizing unit besides 清理, and someone other than the opener."""
    org_id = campaign.organization_id
    if not has_perm(actor, "regulations.cleanup", org_id):
        return _("您没有完成清理的岗位。")
    if campaign.state != CleanupCampaign.State.OPEN:
        return _("该清理已完成。")
    if not (has_perm(actor, "item.review", org_id) and has_perm(actor, "item.publish", org_id)):
        return _("完成清理须由本单位审核员完成：清理结果须经审核员保密审查后发布。")
    if actor.pk == campaign.opened_by_id:
        return _("清理结果由发起人起草，须由本单位其他审核员审核并发布。")
    return None


def not_applied_reason(document: NormativeDocument) -> str:
    """What the result list says of a document that left force while its campaign was open."""
    from gongkai.publishing.choices import Validity

    if document.validity == Validity.REPEALED:
        return _("清理期间已废止")
    return _("清理期间已失效")


def candidates(organization):
    """Documents a campaign of `organization` may cover: in force, published, of it or units below it."""
    return (
        NormativeDocument.objects.filter(
            validity__in=IN_FORCE, item__state__in=(State.PUBLISHED, State.WITHDRAWN),
            item__organization_id__in=descendant_ids([organization.id]),
        ).select_related("item__organization").order_by("item__organization__sort_order", "-promulgated_on")
    )


@transaction.atomic
def open_campaign(actor, organization, title: str, documents, basis: str = "", request=None) -> CleanupCampaign:
    _require(actor, "regulations.cleanup", organization.id)
    _require(actor, "item.create", organization.id)
    title = (title or "").strip()
    if not title:
        raise ActionRefused(_("请填写清理名称，例如：2020年规范性文件集中清理。"))
    documents = list(dict.fromkeys(documents))
    if not documents:
        raise ActionRefused(_("请至少选择一件规范性文件。"))
    allowed = set(candidates(organization).values_list("pk", flat=True))
    outside = [d for d in documents if d.pk not in allowed]
    if outside:
        raise ActionRefused(_("《%(title)s》不是本单位或下级单位现行有效的已发布文件，不能纳入清理。")
                            % {"title": outside[0].title})
    busy = CleanupEntry.objects.filter(campaign__state=CleanupCampaign.State.OPEN, document__in=documents).first()
    if busy:
        raise ActionRefused(_("《%(title)s》已在进行中的清理“%(campaign)s”中。")
                            % {"title": busy.document.title, "campaign": busy.campaign.title})
    campaign = CleanupCampaign.objects.create(organization=organization, title=title, basis=(basis or "").strip(),
                                              opened_by=actor, opened_on=timezone.localdate())
    CleanupEntry.objects.bulk_create([CleanupEntry(campaign=campaign, document=d) for d in documents])
    record(actor, "regulations.cleanup_open", campaign, organization=organization,
           after={"title": title, "documents": [d.pk for d in documents]}, request=request)
    return campaign


@transaction.atomic
def decide(actor, entry: CleanupEntry, result: str, reason: str, new_expires_on=None, request=None) -> CleanupEntry:
    entry = CleanupEntry.objects.select_for_update().select_related("campaign", "document__item").get(pk=entry.pk)
    campaign = entry.campaign
    _require(actor, "regulations.cleanup", campaign.organization_id)
    if campaign.state != CleanupCampaign.State.OPEN:
        raise ActionRefused(_("清理已完成，结论不能再修改。"))
    if result not in Result.values:
        raise ActionRefused(_("请选择清理结论：继续有效、修改、废止或宣布失效。"))
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(_("请填写清理理由。"))
    if new_expires_on is not None:
        if result != Result.CONTINUE:
            raise ActionRefused(_("只有结论为“继续有效”的文件才能延长有效期。"))
        check_renewal(entry.document, new_expires_on, timezone.localdate())
    entry.result, entry.reason, entry.new_expires_on = result, reason, new_expires_on
    entry.decided_by, entry.decided_at = actor, timezone.now()
    entry.save()
    record(actor, "regulations.cleanup_decide", entry.document, organization=campaign.organization,
           after={"campaign": campaign.pk, "result": result, "reason": reason,
                  "new_expires_on": new_expires_on.isoformat() if new_expires_on else None}, request=request)
    return entry


def result_list_html(campaign: CleanupCampaign, entries) -> str:
    return render_to_string("regulations/cleanup_result_body.html", {"campaign": campaign, "entries": entries})


@in_document_language
def _result_document(campaign: CleanupCampaign, entries) -> dict:
    """The published 清理结果 is an official document: in the site's language, whatever the language of the
    staff member who closes the campaign."""
    return {"title": _("%(title)s结果") % {"title": campaign.title},
            "summary": _("共清理规范性文件%(count)s件。") % {"count": len(entries)},
            "body": result_list_html(campaign, entries)}


@transaction.atomic
def close_campaign(actor, campaign: CleanupCampaign, opinion: str, secrecy_checked: bool, request=None):
    campaign = CleanupCampaign.objects.select_for_update().select_related("organization").get(pk=campaign.pk)
    org = campaign.organization
    refusal = close_refusal(actor, campaign)
    if refusal:
        raise ActionRefused(refusal)
    opinion = require_secrecy_review(secrecy_checked, opinion)  # 条例第十七条, before anything is drafted
    entries = list(campaign.entries.select_related("document__item__organization").order_by("id"))
    for entry in entries:  # a document that lapsed or was repealed meanwhile is recorded, not changed
        entry.not_applied = "" if entry.document.validity in IN_FORCE else not_applied_reason(entry.document)
    undecided = [e for e in entries if not e.result and not e.not_applied]
    if undecided:
        raise ActionRefused(_("还有%(count)s件文件没有清理结论，例如《%(title)s》。")
                            % {"count": len(undecided), "title": undecided[0].document.title})
    today = timezone.localdate()
    from gongkai.catalog.services import node_by_key

    node = node_by_key(org, NORMATIVE_NODE)
    if node is None:
        raise ActionRefused(_("本单位的公开目录中没有“规范性文件”栏目，无法发布清理结果。"))
    data = {"doc_type": DocType.OTHER, "formed_on": today, **_result_document(campaign, entries)}
    drafter = campaign.opened_by
    item = publishing.create_item(drafter, org, data, [node], request=request)
    publishing.submit(drafter, item, request=request)
    publishing.approve(actor, item, opinion, secrecy_checked, request=request)
    item = publishing.publish(actor, item, request=request)
    for entry in entries:
        if entry.not_applied:
            entry.save(update_fields=["not_applied"])
            continue
        verb, kind = APPLY[entry.result]
        document = NormativeDocument.objects.select_for_update().select_related("item__organization").get(
            pk=entry.document_id)
        if entry.result == Result.CONTINUE and entry.new_expires_on:
            check_renewal(document, entry.new_expires_on, today)
            change_validity(actor, document, "renew", Event.Kind.RENEWED, today, entry.reason, campaign=campaign,
                            expires_on=entry.new_expires_on, request=request)
        else:
            change_validity(actor, document, verb, kind, today, entry.reason, campaign=campaign, request=request)
    campaign.state, campaign.closed_by, campaign.closed_on, campaign.result_item = (
        CleanupCampaign.State.CLOSED, actor, today, item)
    campaign.save()
    record(actor, "regulations.cleanup_close", campaign, organization=org,
           after={"result_item": item.pk, "results": {e.document_id: e.result for e in entries if not e.not_applied},
                  "not_applied": {e.document_id: e.not_applied for e in entries if e.not_applied}}, request=request)
    return campaign


@transaction.atomic
def remove_entry(actor, entry: CleanupEntry, request=None) -> CleanupCampaign:
    """Take one document out of an open campaign (e.g. it was repealed by another document meanwhile)."""
    entry = CleanupEntry.objects.select_for_update().select_related("campaign", "document__item").get(pk=entry.pk)
    campaign = entry.campaign
    _require(actor, "regulations.cleanup", campaign.organization_id)
    if campaign.state != CleanupCampaign.State.OPEN:
        raise ActionRefused(_("清理已完成，文件不能再移出。"))
    if campaign.entries.count() <= 1:
        raise ActionRefused(_("清理中至少要保留一件文件。"))
    entry.delete()
    record(actor, "regulations.cleanup_remove", entry.document, organization=campaign.organization,
           before={"campaign": campaign.pk, "result": entry.result, "reason": entry.reason}, request=request)
    return campaign


def open_entries(documents) -> dict[int, CleanupEntry]:
    """The open-campaign entry of each document that has one (the relate form warns about these)."""
    return {e.document_id: e for e in CleanupEntry.objects.filter(
        campaign__state=CleanupCampaign.State.OPEN, document__in=documents).select_related("campaign")}
